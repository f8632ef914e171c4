#include "domain/vote_counters.h"

#include <functional>

namespace wangju {

std::size_t VoteCounters::KeyHash::operator()(const Key& k) const noexcept {
    std::size_t h = std::hash<std::string>{}(k.address);
    for (const auto part : {k.vote, k.day, k.voter, k.work}) {
        h ^= std::hash<std::int64_t>{}(part) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return h;
}

int VoteCounters::get(const Map& map, const Key& key) {
    const auto it = map.find(key);
    return it == map.end() ? 0 : it->second;
}

void VoteCounters::bump(Map& map, const Key& key, int delta) {
    auto& n = map[key];
    n += delta;
    if (n <= 0) map.erase(key);
}

VoteCounts VoteCounters::counts(PublicVoteId vote, VoterId voter, WorkId work,
                                const std::string& address, std::int64_t day) const {
    return {get(by_work_, {vote.value, day, voter.value, work.value, {}}),
            get(by_account_, {vote.value, day, voter.value, 0, {}}),
            get(by_address_, {vote.value, day, 0, 0, address})};
}

void VoteCounters::add(PublicVoteId vote, VoterId voter, WorkId work, const std::string& address,
                       std::int64_t day, int delta) {
    bump(by_work_, {vote.value, day, voter.value, work.value, {}}, delta);
    bump(by_account_, {vote.value, day, voter.value, 0, {}}, delta);
    bump(by_address_, {vote.value, day, 0, 0, address}, delta);
}

void VoteCounters::drop_days_before(std::int64_t day) {
    for (Map* map : {&by_work_, &by_account_, &by_address_}) {
        std::erase_if(*map, [day](const auto& entry) { return entry.first.day < day; });
    }
}

}  // namespace wangju
