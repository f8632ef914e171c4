#include "domain/vote_counters.h"

#include <algorithm>
#include <functional>

namespace wangju {

namespace {

// Mixes the parts of a key so that keys differing in any bit of any part spread over the buckets
// (the standard hash of an integer is the integer itself).
std::size_t mixed(std::uint64_t h, std::uint64_t part) {
    h ^= part + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 27);
}

}  // namespace

std::size_t VoteCounters::KeyHash::operator()(const VoterKey& k) const noexcept {
    return mixed(
        mixed(mixed(0, static_cast<std::uint64_t>(k.vote)), static_cast<std::uint64_t>(k.day)),
        static_cast<std::uint64_t>(k.voter));
}

std::size_t VoteCounters::KeyHash::operator()(const AddressKey& k) const noexcept {
    return mixed(mixed(std::hash<std::string>{}(k.address), static_cast<std::uint64_t>(k.vote)),
                 static_cast<std::uint64_t>(k.day));
}

VoteCounts VoteCounters::counts(PublicVoteId vote, VoterId voter, WorkId work,
                                const std::string& address, std::int64_t day) const {
    VoteCounts out;
    if (const auto it = by_voter_.find({vote.value, day, voter.value}); it != by_voter_.end()) {
        out.account = it->second.all;
        for (const auto& [w, n] : it->second.by_work) {
            if (w == work.value) out.account_on_work = n;
        }
    }
    if (const auto it = by_address_.find({vote.value, day, address}); it != by_address_.end()) {
        out.address = it->second;
    }
    return out;
}

void VoteCounters::add(PublicVoteId vote, VoterId voter, WorkId work, const std::string& address,
                       std::int64_t day, int delta) {
    const VoterKey voter_key{vote.value, day, voter.value};
    auto& counts = by_voter_[voter_key];
    counts.all += delta;
    auto on_work = std::find_if(counts.by_work.begin(), counts.by_work.end(),
                                [&](const auto& entry) { return entry.first == work.value; });
    if (on_work == counts.by_work.end()) {
        counts.by_work.emplace_back(work.value, 0);
        on_work = counts.by_work.end() - 1;
    }
    on_work->second += delta;
    if (on_work->second <= 0) counts.by_work.erase(on_work);
    if (counts.all <= 0) by_voter_.erase(voter_key);

    const AddressKey address_key{vote.value, day, address};
    auto& n = by_address_[address_key];
    n += delta;
    if (n <= 0) by_address_.erase(address_key);
}

void VoteCounters::drop_days_before(std::int64_t day) {
    std::erase_if(by_voter_, [day](const auto& entry) { return entry.first.day < day; });
    std::erase_if(by_address_, [day](const auto& entry) { return entry.first.day < day; });
}

}  // namespace wangju
