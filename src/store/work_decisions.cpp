// WorkStore: the decisions of each level on a work (recommend, not recommend, return for
// changes), and the recommendations that count against a unit's quota.
#include "domain/error.h"
#include "domain/text.h"
#include "store/work_rows.h"
#include "store/work_store.h"

namespace wangju::store {

using namespace work_rows;

namespace {

constexpr const char* kDecisions =
    "SELECT unit_id, decision, reason, decided_by, decided_at, active FROM work_decisions "
    "WHERE work_id = :w ORDER BY id";
constexpr const char* kInsertDecision =
    "INSERT INTO work_decisions (work_id, track_id, unit_id, decision, reason, decided_by, "
    "decided_at, active) VALUES (:w, :t, :u, :d, :r, :by, :at, 1)";
constexpr const char* kRecommended =
    "SELECT count(*) FROM work_decisions WHERE unit_id = :u AND track_id = :t "
    "AND decision = 'recommend' AND active = 1";

struct DecisionRow {
    long long unit_id = 0;
    std::string decision, reason;
    long long decided_by = 0;
    std::string decided_at;
    int active = 0;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit_id), soci::into(decision), soci::into(reason), soci::into(decided_by),
            soci::into(decided_at), soci::into(active);
    }
};

long long recommended_in(soci::session& s, UnitId unit, TrackId track) {
    long long n = 0;
    s << kRecommended, soci::use(unit.value), soci::use(track.value), soci::into(n);
    return n;
}

}  // namespace

Work WorkStore::decide(const DecisionRequest& r, const AuditContext& ctx) {
    return change_work(database_, r.work, "work.decide", ctx, [&](soci::session& s, Work& w) {
        if (w.state != WorkState::pending || w.position != r.at.id) {
            throw_conflict("该作品不在本级待审核作品中(可能已被其他管理员处理)");
        }
        check_decision_deadline(r.level, r.now);
        const std::string decision(to_string(r.decision));
        if (r.decision == Decision::recommend) {
            check_quota(r.level, recommended_in(s, r.at.id, w.track));
            w.state = next_state(w.state,
                                 r.next ? WorkEvent::recommend : WorkEvent::recommend_to_judging);
            if (r.next) w.position = *r.next;
        } else if (r.decision == Decision::not_recommend) {
            w.state = next_state(w.state, WorkEvent::not_recommend);
        } else {
            if (trim(r.reason).empty()) {
                throw_invalid("退回修改须写明原因", {{"reason", "请写明退回原因"}});
            }
            w.state = next_state(w.state, WorkEvent::return_for_changes);
            w.return_reason = r.reason;
        }
        const std::string at = stored(r.now);
        s << kInsertDecision, soci::use(w.id.value), soci::use(w.track.value),
            soci::use(r.at.id.value), soci::use(decision), soci::use(r.reason),
            soci::use(r.by.value), soci::use(at);
        if (r.decision == Decision::return_for_changes) {
            s << kDeactivate, soci::use(w.id.value);
            w.position.reset();
        }
        return false;
    });
}

std::vector<WorkDecisionRecord> WorkStore::decisions(WorkId id) {
    return database_.read([&](soci::session& s) {
        std::vector<WorkDecisionRecord> out;
        for (const auto& r : fetch_all<DecisionRow>(s, kDecisions, soci::use(id.value))) {
            out.push_back({UnitId{r.unit_id},
                           parse_decision(r.decision).value_or(Decision::recommend), r.reason,
                           UserId{r.decided_by}, timestamp_from(r.decided_at), r.active != 0});
        }
        return out;
    });
}

long long WorkStore::recommended_count(UnitId unit, TrackId track) {
    return database_.read([&](soci::session& s) { return recommended_in(s, unit, track); });
}

}  // namespace wangju::store
