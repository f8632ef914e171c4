// Spent proof-of-work challenges (altcha_spent): each solved challenge is accepted once, by
// whichever part of the site takes it (a voter's sign-up, a vote, an objection).
#pragma once

#include <string>

#include <soci/soci.h>

#include "domain/time.h"

namespace wangju::store {

// Records the solution with key `spent_key` (AltchaSolution::spent_key), valid until `expires`, as
// spent in the caller's transaction; Error(invalid_input) on "altcha" when it was spent before.
// Audited PostgreSQL writes are serialised (store/transaction.h), so the check and the insert
// cannot interleave with another writer's.
void spend_altcha_challenge(soci::session& s, const std::string& spent_key, Timestamp expires);

}  // namespace wangju::store
