#include "store/connection_url.h"

#include <memory>
#include <set>
#include <utility>

#include <libpq-fe.h>

#include "domain/error.h"

namespace wangju::store {

namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

// What a connection uses unless the URL says otherwise. A server that has gone (the primary of a
// failover pair, say) is given up after connect_timeout seconds per host, and an open connection
// to a host that vanished without closing it is found dead by the keepalives within about 20 s,
// so that the next host of a multi-host URL is tried.
constexpr std::pair<std::string_view, std::string_view> kConnectionDefaults[] = {
    {"connect_timeout", "5"},
    {"keepalives_idle", "10"},
    {"keepalives_interval", "3"},
    {"keepalives_count", "3"},
    {"fallback_application_name", "wangju"},
};

std::string_view strip_scheme(std::string_view url) {
    for (auto scheme : kSchemes) {
        if (url.starts_with(scheme)) return url.substr(scheme.size());
    }
    throw Error(ErrorKind::invalid_input, "数据库地址必须以 postgresql:// 开头");
}

// libpq keyword values in single quotes, with ' and \ escaped.
std::string quoted(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

void add(std::string& conninfo, std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += key;
    conninfo += '=';
    conninfo += quoted(value);
}

}  // namespace

bool is_postgres_url(std::string_view url) {
    for (auto scheme : kSchemes) {
        if (url.starts_with(scheme)) return true;
    }
    return false;
}

namespace {

using ConninfoOptions = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

// libpq parses the URL itself (PQconninfoParse: several hosts, percent-encoding, IPv6 brackets,
// every parameter it knows, and a clear refusal of any other).
ConninfoOptions parsed(std::string_view url) {
    strip_scheme(url);  // refuses any other scheme
    char* error = nullptr;
    ConninfoOptions options(PQconninfoParse(std::string(url).c_str(), &error), &PQconninfoFree);
    if (!options) {
        std::string why = error ? error : "";
        if (error) PQfreemem(error);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw Error(ErrorKind::invalid_input, "数据库地址无效:" + why);
    }
    return options;
}

}  // namespace

// SOCI 4.0 does not pass URIs through to libpq intact, so the parsed keywords are written out
// again, with the defaults above added where the URL gives none.
std::string postgres_conninfo(std::string_view url, bool with_password) {
    const auto options = parsed(url);
    std::string conninfo;
    std::set<std::string_view> given;
    for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (!option->val || !*option->val) continue;
        if (!with_password && std::string_view(option->keyword) == "password") continue;
        add(conninfo, option->keyword, option->val);
        given.insert(option->keyword);
    }
    for (const auto& [key, value] : kConnectionDefaults) {
        if (!given.contains(key)) add(conninfo, key, value);
    }
    return conninfo;
}

std::string postgres_password(std::string_view url) {
    const auto options = parsed(url);
    for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (std::string_view(option->keyword) == "password" && option->val) return option->val;
    }
    return "";
}

std::string with_database(std::string_view url, std::string_view dbname) {
    const std::string_view rest = strip_scheme(url);
    const std::size_t authority_start = url.size() - rest.size();
    const auto end = url.find_first_of("/?", authority_start);
    const std::string_view head = url.substr(0, end);
    std::string_view query;
    if (const auto q = url.find('?', authority_start); q != std::string_view::npos) {
        query = url.substr(q);
    }
    return std::string(head) + "/" + std::string(dbname) + std::string(query);
}

}  // namespace wangju::store
