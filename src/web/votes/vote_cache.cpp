#include "web/votes/vote_cache.h"

#include <algorithm>

namespace wangju::web::votes {

VoteCache::VoteCache(store::PublicVoteStore& votes, std::chrono::milliseconds held_for,
                     std::chrono::milliseconds sessions_held_for, std::size_t max_sessions)
    : store_(votes),
      held_for_(held_for),
      sessions_held_for_(sessions_held_for),
      max_sessions_(std::max<std::size_t>(1, max_sessions)) {}

std::shared_ptr<const HeldVote> VoteCache::vote(PublicVoteId id) {
    const auto now = Clock::now();
    {
        std::lock_guard lock(votes_mutex_);
        auto it = votes_.find(id.value);
        if (it != votes_.end() && now - it->second.read_at < held_for_) return it->second.value;
    }
    std::shared_ptr<const HeldVote> fresh;
    if (auto found = store_.find(id)) {
        auto held = std::make_shared<HeldVote>();
        held->vote = std::move(*found);
        for (auto work : store_.works(id)) held->works.insert(work.value);
        fresh = std::move(held);
    }
    std::lock_guard lock(votes_mutex_);
    votes_[id.value] = {now, fresh};
    return fresh;
}

void VoteCache::forget_vote(PublicVoteId id) {
    std::lock_guard lock(votes_mutex_);
    votes_.erase(id.value);
}

bool VoteCache::holds_vote(PublicVoteId id) {
    std::lock_guard lock(votes_mutex_);
    auto it = votes_.find(id.value);
    return it != votes_.end() && it->second.value && Clock::now() - it->second.read_at < held_for_;
}

bool VoteCache::holds_session(const std::string& token_hash,
                              const std::function<bool(const HeldSession&)>& usable) {
    std::lock_guard lock(sessions_mutex_);
    auto it = sessions_.find(token_hash);
    return it != sessions_.end() && it->second.value &&
           Clock::now() - it->second.read_at < sessions_held_for_ && usable(*it->second.value);
}

std::optional<HeldSession> VoteCache::session(const std::string& token_hash) {
    const auto now = Clock::now();
    {
        std::lock_guard lock(sessions_mutex_);
        auto it = sessions_.find(token_hash);
        if (it != sessions_.end() && now - it->second.read_at < sessions_held_for_) {
            return it->second.value;
        }
    }
    std::optional<HeldSession> fresh;
    if (auto found = store_.session_with_voter(token_hash)) {
        fresh = HeldSession{std::move(found->second), std::move(found->first)};
    }
    std::lock_guard lock(sessions_mutex_);
    keep_session(token_hash, now, fresh);
    return fresh;
}

void VoteCache::hold_session(const std::string& token_hash, HeldSession held) {
    std::lock_guard lock(sessions_mutex_);
    keep_session(token_hash, Clock::now(), std::move(held));
}

void VoteCache::keep_session(const std::string& token_hash, Clock::time_point now,
                             std::optional<HeldSession> value) {
    if (sessions_.size() >= std::min(sweep_at_, max_sessions_)) {
        // Bounded by the sessions used within sessions_held_for: the stale ones go; and by
        // max_sessions: when the fresh ones alone fill half of it, they go too, so that the
        // next sweep is at least half the bound away.
        std::erase_if(sessions_, [&](const auto& entry) {
            return now - entry.second.read_at >= sessions_held_for_;
        });
        if (sessions_.size() >= max_sessions_ / 2) sessions_.clear();
        sweep_at_ = std::max<std::size_t>(1024, sessions_.size() * 2);
    }
    sessions_[token_hash] = {now, std::move(value)};
}

void VoteCache::touched(const std::string& token_hash, Timestamp at) {
    std::lock_guard lock(sessions_mutex_);
    auto it = sessions_.find(token_hash);
    if (it != sessions_.end() && it->second.value) it->second.value->session.last_seen_at = at;
}

void VoteCache::forget_session(const std::string& token_hash) {
    std::lock_guard lock(sessions_mutex_);
    sessions_.erase(token_hash);
}

std::size_t VoteCache::sessions_held() {
    std::lock_guard lock(sessions_mutex_);
    return sessions_.size();
}

}  // namespace wangju::web::votes
