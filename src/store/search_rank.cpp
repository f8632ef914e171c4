#include "store/search_rank.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <soci/sqlite3/soci-sqlite3.h>

#include "domain/error.h"

namespace wangju::store {

namespace {

// soci declares SQLite's API in this namespace.
using namespace sqlite_api;

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// What every hit of one query shares: computed at its first hit, kept by FTS5 for the rest.
struct QueryFacts {
    std::vector<double> idf;
    double average_length = 1.0;
    std::vector<double> frequency;  // per hit, reused
};

QueryFacts* query_facts(const Fts5ExtensionApi* api, Fts5Context* fts, int count,
                        sqlite3_value** holding, int& rc) {
    if (auto* facts = static_cast<QueryFacts*>(api->xGetAuxdata(fts, 0))) return facts;
    sqlite3_int64 rows = 0, tokens = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return nullptr;
    auto* facts = new QueryFacts;
    facts->average_length = rows > 0 && tokens > 0 ? static_cast<double>(tokens) / rows : 1.0;
    for (int i = 0; i < count; ++i) {
        facts->idf.push_back(search_idf(rows, sqlite3_value_int64(holding[i])));
    }
    facts->frequency.assign(static_cast<std::size_t>(count), 0.0);
    rc = api->xSetAuxdata(fts, facts, [](void* p) { delete static_cast<QueryFacts*>(p); });
    return rc == SQLITE_OK ? facts : nullptr;  // FTS5 has deleted it on failure
}

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int count,
          sqlite3_value** holding) {
    int rc = SQLITE_OK;
    QueryFacts* facts = query_facts(api, fts, count, holding, rc);
    int instances = 0;
    if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
    if (rc != SQLITE_OK || facts == nullptr) {
        sqlite3_result_error_code(result, rc == SQLITE_OK ? SQLITE_NOMEM : rc);
        return;
    }
    auto& frequency = facts->frequency;
    std::fill(frequency.begin(), frequency.end(), 0.0);
    for (int i = 0; i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        if ((rc = api->xInst(fts, i, &phrase, &column, &offset)) != SQLITE_OK) break;
        if (phrase < count && column >= 0 && column < 3) {
            frequency[static_cast<std::size_t>(phrase)] += kSearchColumnWeights[column];
        }
    }
    int length = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    const double norm = kK1 * (1.0 - kB + kB * length / facts->average_length);
    double score = 0.0;
    for (std::size_t i = 0; i < frequency.size(); ++i) {
        score += facts->idf[i] * frequency[i] * (kK1 + 1.0) / (frequency[i] + norm);
    }
    sqlite3_result_double(result, -score);
}

fts5_api* fts5_of(sqlite3* connection) {
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

}  // namespace

double search_idf(long long rows, long long holding) {
    const double idf = std::log((static_cast<double>(rows - holding) + 0.5) /
                                (static_cast<double>(holding) + 0.5));
    return idf > 1e-6 ? idf : 1e-6;
}

void register_search_rank(soci::session& session) {
    fts5_api* api =
        fts5_of(static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_);
    if (api == nullptr ||
        api->xCreateFunction(api, "wangju_rank", nullptr, &rank, nullptr) != SQLITE_OK) {
        throw Error(ErrorKind::unavailable, "数据库不支持全文检索(SQLite 缺少 FTS5)");
    }
}

}  // namespace wangju::store
