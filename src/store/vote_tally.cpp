#include "store/vote_tally.h"

#include "store/rows.h"

namespace wangju::store {
namespace {

struct TallyRow {
    long long work = 0, valid = 0, voided = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(work), soci::into(valid), soci::into(voided);
    }
};

}  // namespace

std::map<WorkId, WorkTally> work_tallies(Database& database, PublicVoteId vote) {
    return database.read([vote](soci::session& s) {
        std::map<WorkId, WorkTally> out;
        for (const auto& row : fetch_all<TallyRow>(
                 s,
                 "SELECT work_id, sum(1 - voided), sum(voided) FROM votes "
                 "WHERE public_vote_id = :v GROUP BY work_id",
                 soci::use(vote.value)))
            out[WorkId{row.work}] = {row.valid, row.voided};
        return out;
    });
}

}  // namespace wangju::store
