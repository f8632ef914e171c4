// Each work's valid and voided votes in a public vote, for the vote's results table and its record
// for the notary (the vote path keeps its own counters: store/vote_writer.h).
#pragma once

#include <map>

#include "domain/public_vote.h"
#include "store/database.h"

namespace wangju::store {

struct WorkTally {
    long long valid = 0;
    long long voided = 0;
};

// Works without any vote are absent.
std::map<WorkId, WorkTally> work_tallies(Database& database, PublicVoteId vote);

}  // namespace wangju::store
