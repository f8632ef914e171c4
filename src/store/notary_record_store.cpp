// NotaryRecordStore: issued records for the notary.
#include "store/notary_record_store.h"

#include <sodium.h>

#include <fmt/format.h>

#include "domain/announcement.h"
#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

constexpr const char* kRecordColumns =
    "SELECT id, code, round_id, public_vote_id, issued_at, issued_by, results_sha256, audit_seq, "
    "audit_hash, snapshot FROM notary_records ";
constexpr const char* kInsertRecord =
    "INSERT INTO notary_records (code, round_id, public_vote_id, issued_at, issued_by, "
    "results_sha256, audit_seq, audit_hash, snapshot) VALUES (:code, :round, :vote, :at, :by, "
    ":sha, :seq, :hash, :snapshot)";

struct RecordRow {
    long long id = 0;
    std::string code;
    NullableId round_id, vote_id;
    std::string issued_at;
    NullableId issued_by;
    std::string results_sha256;
    long long audit_seq = 0;
    std::string audit_hash, snapshot;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(code), soci::into(round_id.value, round_id.indicator),
            soci::into(vote_id.value, vote_id.indicator), soci::into(issued_at),
            soci::into(issued_by.value, issued_by.indicator), soci::into(results_sha256),
            soci::into(audit_seq), soci::into(audit_hash), soci::into(snapshot);
    }
    NotaryRecord record() const {
        NotaryRecord r;
        r.id = NotaryRecordId{id};
        r.code = code;
        if (auto round = round_id.get()) r.round = RoundId{*round};
        if (auto vote = vote_id.get()) r.vote = PublicVoteId{*vote};
        r.issued_at = timestamp_from(issued_at);
        if (auto by = issued_by.get()) r.issued_by = UserId{*by};
        r.results_sha256 = results_sha256;
        r.audit_seq = audit_seq;
        r.audit_hash = audit_hash;
        r.snapshot = snapshot;
        return r;
    }
};

struct ObjectionRow {
    std::string code, title, reason;
    NullableText answer, upheld_outcome;
    std::string answer_reason;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(code), soci::into(title), soci::into(reason),
            soci::into(answer.value, answer.indicator),
            soci::into(upheld_outcome.value, upheld_outcome.indicator), soci::into(answer_reason);
    }
    NotaryObjection objection() const {
        NotaryObjection o{code, title, reason, {}, answer_reason};
        if (answer.indicator == soci::i_ok) {
            const bool upheld = answer.value == "upheld";
            o.answer = std::string(
                label_zh(upheld ? ObjectionAnswer::upheld : ObjectionAnswer::dismissed));
            if (upheld && upheld_outcome.indicator == soci::i_ok) {
                if (auto outcome = parse_entry_outcome(upheld_outcome.value)) {
                    o.answer += fmt::format("({})", label_zh(*outcome));
                }
            }
        }
        return o;
    }
};

std::string unused_code(soci::session& s, Date today) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::string bytes(8, '\0');
        randombytes_buf(bytes.data(), bytes.size());
        std::string code = notary_record_code(today, bytes);
        const auto taken = fetch_values<long long>(
            s, "SELECT id FROM notary_records WHERE code = :c", soci::use(code));
        if (taken.empty()) return code;
    }
    throw Error(ErrorKind::unavailable, "暂时无法生成记录编号,请稍后再试");
}

}  // namespace

NotaryRecord NotaryRecordStore::issue(const NotaryRecord& record,
                                      const std::function<void(const NotaryRecord&)>& finish,
                                      const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        lock_audit_log(s, database_.engine());
        NotaryRecord r = record;
        r.code = unused_code(s, shanghai_date(r.issued_at));
        const AuditHead head = audit_head(s);
        r.audit_seq = head.seq;
        r.audit_hash = head.hash;
        if (r.round.has_value() == r.vote.has_value()) {
            throw Error(ErrorKind::invalid_input, "公证记录应针对一个评审轮次或一次网络投票");
        }
        NullableId round(r.round ? std::optional<long long>(r.round->value) : std::nullopt);
        NullableId vote(r.vote ? std::optional<long long>(r.vote->value) : std::nullopt);
        const std::string at = stored(r.issued_at);
        NullableId by(r.issued_by ? std::optional<long long>(r.issued_by->value) : std::nullopt);
        const long long seq = r.audit_seq;
        s << kInsertRecord, soci::use(r.code), soci::use(round.value, round.indicator),
            soci::use(vote.value, vote.indicator), soci::use(at),
            soci::use(by.value, by.indicator), soci::use(r.results_sha256), soci::use(seq),
            soci::use(r.audit_hash), soci::use(r.snapshot);
        const auto ids = fetch_values<long long>(s, "SELECT id FROM notary_records WHERE code = :c",
                                                 soci::use(r.code));
        if (ids.empty()) throw Error(ErrorKind::unavailable, "公证记录未能保存");
        r.id = NotaryRecordId{ids.front()};
        const std::string object = r.round ? fmt::format("round:{}", r.round->value)
                                           : fmt::format("public_vote:{}", r.vote->value);
        append_event(s, ctx, "notary_record.issue", object, nullptr,
                     {{"code", r.code},
                      {"record", r.id.value},
                      {"results_sha256", r.results_sha256},
                      {"audit_seq", r.audit_seq},
                      {"audit_hash", r.audit_hash}});
        finish(r);
        return r;
    });
}

std::vector<NotaryRecord> NotaryRecordStore::all() {
    return database_.read([](soci::session& s) {
        std::vector<NotaryRecord> out;
        for (const auto& row : fetch_all<RecordRow>(s, std::string(kRecordColumns) + "ORDER BY id"))
            out.push_back(row.record());
        return out;
    });
}

std::vector<NotaryRecord> NotaryRecordStore::of_round(RoundId round) {
    return database_.read([round](soci::session& s) {
        std::vector<NotaryRecord> out;
        for (const auto& row : fetch_all<RecordRow>(
                 s, std::string(kRecordColumns) + "WHERE round_id = :r ORDER BY id",
                 soci::use(round.value)))
            out.push_back(row.record());
        return out;
    });
}

std::vector<NotaryRecord> NotaryRecordStore::of_vote(PublicVoteId vote) {
    return database_.read([vote](soci::session& s) {
        std::vector<NotaryRecord> out;
        for (const auto& row : fetch_all<RecordRow>(
                 s, std::string(kRecordColumns) + "WHERE public_vote_id = :v ORDER BY id",
                 soci::use(vote.value)))
            out.push_back(row.record());
        return out;
    });
}

std::optional<std::string> NotaryRecordStore::audit_hash_at(std::int64_t seq) {
    return database_.read([seq](soci::session& s) -> std::optional<std::string> {
        const long long wanted = seq;
        if (wanted == 0) return genesis_hash();
        auto hashes = fetch_values<std::string>(s, "SELECT hash FROM audit_events WHERE seq = :s",
                                                soci::use(wanted));
        if (hashes.empty()) return std::nullopt;
        return hashes.front();
    });
}

std::vector<NotaryObjection> NotaryRecordStore::notice_objections(JudgingId judging) {
    return objections_of("judging_id", judging.value);
}

std::vector<std::string> NotaryRecordStore::notice_titles(JudgingId judging) {
    return titles_of("judging_id", judging.value);
}

std::vector<NotaryObjection> NotaryRecordStore::notice_objections(PublicVoteId vote) {
    return objections_of("public_vote_id", vote.value);
}

std::vector<std::string> NotaryRecordStore::notice_titles(PublicVoteId vote) {
    return titles_of("public_vote_id", vote.value);
}

std::vector<NotaryObjection> NotaryRecordStore::objections_of(const char* source_column,
                                                              std::int64_t source) {
    return database_.read([&](soci::session& s) {
        std::vector<NotaryObjection> out;
        const long long id = source;
        for (const auto& row : fetch_all<ObjectionRow>(
                 s,
                 fmt::format(
                     "SELECT o.code, e.title, o.reason, o.answer, o.upheld_outcome, "
                     "o.answer_reason FROM objections o JOIN announcements a ON a.id = "
                     "o.announcement_id JOIN announcement_entries e ON e.announcement_id = "
                     "o.announcement_id AND e.work_id = o.work_id WHERE a.{} = :s ORDER BY o.id",
                     source_column),
                 soci::use(id)))
            out.push_back(row.objection());
        return out;
    });
}

std::vector<std::string> NotaryRecordStore::titles_of(const char* source_column,
                                                      std::int64_t source) {
    return database_.read([&](soci::session& s) {
        const long long id = source;
        return fetch_values<std::string>(
            s, fmt::format("SELECT title FROM announcements WHERE {} = :s ORDER BY id",
                           source_column),
            soci::use(id));
    });
}

}  // namespace wangju::store
