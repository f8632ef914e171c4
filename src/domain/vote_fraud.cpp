#include "domain/vote_fraud.h"

#include <arpa/inet.h>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/secret.h"

namespace wangju {

namespace {

using Indexes = std::vector<std::size_t>;

void check_range(int value, int low, int high, const char* field) {
    if (value < low || value > high) {
        throw_invalid(fmt::format("防刷票阈值 {} 应在 {} 到 {} 之间", field, low, high),
                      {{field, fmt::format("应在 {} 到 {} 之间", low, high)}});
    }
}

std::int64_t seconds_of(Timestamp t) {
    return t.time_since_epoch().count();
}

// The indexes of `group` (sorted by time) that lie in some window of `window` seconds holding
// more than `limit` votes, or (with `distinct_voters`) votes of at least `limit` distinct voters;
// split into clusters where consecutive marked votes are no more than one window apart.
std::vector<Indexes> dense_clusters(const std::vector<VoteEvidence>& votes, const Indexes& group,
                                    std::int64_t window, std::size_t limit, bool distinct_voters) {
    std::vector<bool> marked(group.size(), false);
    std::map<std::int64_t, int> voters_in_window;
    std::size_t end = 0;
    for (std::size_t start = 0; start < group.size(); ++start) {
        const auto t0 = seconds_of(votes[group[start]].cast_at);
        while (end < group.size() && seconds_of(votes[group[end]].cast_at) - t0 <= window) {
            ++voters_in_window[votes[group[end]].voter.value];
            ++end;
        }
        const std::size_t size = distinct_voters ? voters_in_window.size() : end - start;
        const bool dense = distinct_voters ? size >= limit : size > limit;
        if (dense)
            std::fill(marked.begin() + static_cast<long>(start),
                      marked.begin() + static_cast<long>(end), true);
        auto& n = voters_in_window[votes[group[start]].voter.value];
        if (--n == 0) voters_in_window.erase(votes[group[start]].voter.value);
    }
    std::vector<Indexes> clusters;
    std::optional<std::int64_t> last;
    for (std::size_t i = 0; i < group.size(); ++i) {
        if (!marked[i]) continue;
        const auto t = seconds_of(votes[group[i]].cast_at);
        if (!last || t - *last > window) clusters.emplace_back();
        clusters.back().push_back(group[i]);
        last = t;
    }
    return clusters;
}

VoteFlag flag_of(const std::vector<VoteEvidence>& votes, const Indexes& members, FlagRule rule,
                 std::string key, std::string id_key) {
    VoteFlag flag;
    flag.rule = rule;
    flag.key = std::move(key);
    std::set<std::int64_t> voters;
    flag.first = votes[members.front()].cast_at;
    flag.last = flag.first;
    for (auto i : members) {
        const auto& v = votes[i];
        flag.votes.push_back(v.id);
        voters.insert(v.voter.value);
        if (v.voided) ++flag.voided;
        flag.first = std::min(flag.first, v.cast_at);
        flag.last = std::max(flag.last, v.cast_at);
    }
    std::sort(flag.votes.begin(), flag.votes.end());
    flag.accounts = static_cast<int>(voters.size());
    flag.id = fmt::format("{}:{}:{}", to_string(rule), id_key, seconds_of(flag.first));
    return flag;
}

// A short stable tag for a raw address, so that a flag's id names it without showing it.
std::string address_tag(std::string_view address) {
    return sha256_hex(address).substr(0, 10);
}

template <class Key>
std::map<Key, Indexes> group_by(const std::vector<VoteEvidence>& votes, const Indexes& order,
                                auto key_of) {
    std::map<Key, Indexes> groups;
    for (auto i : order) groups[key_of(votes[i])].push_back(i);
    return groups;
}

void burst_flags(const std::vector<VoteEvidence>& votes, const Indexes& order,
                 const FraudSettings& s, std::vector<VoteFlag>& out) {
    for (const auto& [address, group] :
         group_by<std::string>(votes, order, [](const VoteEvidence& v) { return v.address; })) {
        for (const auto& c : dense_clusters(votes, group, s.burst_seconds,
                                            static_cast<std::size_t>(s.burst_votes), false)) {
            auto flag = flag_of(votes, c, FlagRule::address_burst, masked_address(address),
                                address_tag(address));
            flag.detail = fmt::format("同一地址 {} 秒内超过 {} 票,共 {} 票", s.burst_seconds,
                                      s.burst_votes, c.size());
            out.push_back(std::move(flag));
        }
    }
    for (const auto& [network, group] : group_by<std::string>(
             votes, order, [](const VoteEvidence& v) { return network_of(v.address); })) {
        for (const auto& c :
             dense_clusters(votes, group, s.burst_seconds,
                            static_cast<std::size_t>(s.network_burst_votes), false)) {
            auto flag = flag_of(votes, c, FlagRule::network_burst, network, network);
            flag.detail = fmt::format("同一网段 {} 秒内超过 {} 票,共 {} 票", s.burst_seconds,
                                      s.network_burst_votes, c.size());
            out.push_back(std::move(flag));
        }
    }
}

void alike_flags(const std::vector<VoteEvidence>& votes, const Indexes& order,
                 const FraudSettings& s, std::vector<VoteFlag>& out) {
    const auto young = std::chrono::hours{s.new_account_hours};
    Indexes fresh;
    for (auto i : order) {
        const auto& v = votes[i];
        if (v.cast_at >= v.voter_registered_at && v.cast_at - v.voter_registered_at < young)
            fresh.push_back(i);
    }
    for (const auto& [work, group] :
         group_by<std::int64_t>(votes, fresh, [](const VoteEvidence& v) { return v.work.value; })) {
        for (const auto& c : dense_clusters(votes, group, std::int64_t{s.alike_minutes} * 60,
                                            static_cast<std::size_t>(s.alike_accounts), true)) {
            auto flag = flag_of(votes, c, FlagRule::new_accounts_alike,
                                fmt::format("作品 {}", work), fmt::format("work{}", work));
            flag.detail = fmt::format("{} 个注册不满 {} 小时的账号在 {} 分钟内为同一作品投票",
                                      flag.accounts, s.new_account_hours, s.alike_minutes);
            out.push_back(std::move(flag));
        }
    }
}

void address_flags(const std::vector<VoteEvidence>& votes, const Indexes& order,
                   const FraudSettings& s, std::vector<VoteFlag>& out) {
    for (const auto& [address, group] :
         group_by<std::string>(votes, order, [](const VoteEvidence& v) { return v.address; })) {
        std::set<std::int64_t> voters;
        for (auto i : group) voters.insert(votes[i].voter.value);
        if (voters.size() <= static_cast<std::size_t>(s.accounts_per_address)) continue;
        auto flag = flag_of(votes, group, FlagRule::accounts_per_address, masked_address(address),
                            address_tag(address));
        flag.detail =
            fmt::format("同一地址有 {} 个账号投票(阈值 {})", voters.size(), s.accounts_per_address);
        out.push_back(std::move(flag));
    }
}

void fast_flags(const std::vector<VoteEvidence>& votes, const Indexes& order,
                const FraudSettings& s, std::vector<VoteFlag>& out) {
    Indexes fast;
    for (auto i : order) {
        if (votes[i].solve_ms < s.min_solve_ms) fast.push_back(i);
    }
    for (const auto& [network, group] : group_by<std::string>(
             votes, fast, [](const VoteEvidence& v) { return network_of(v.address); })) {
        auto flag = flag_of(votes, group, FlagRule::fast_solution, network, network);
        flag.detail =
            fmt::format("{} 票的验证在发出后不到 {} 毫秒即被解出", group.size(), s.min_solve_ms);
        out.push_back(std::move(flag));
    }
}

}  // namespace

void check_fraud_settings(const FraudSettings& s) {
    check_range(s.burst_votes, 1, 100'000, "burst_votes");
    check_range(s.network_burst_votes, 1, 1'000'000, "network_burst_votes");
    check_range(s.burst_seconds, 1, 86'400, "burst_seconds");
    check_range(s.alike_accounts, 2, 10'000, "alike_accounts");
    check_range(s.alike_minutes, 1, 1'440, "alike_minutes");
    check_range(s.new_account_hours, 1, 24 * 90, "new_account_hours");
    check_range(s.accounts_per_address, 1, 100'000, "accounts_per_address");
    check_range(s.min_solve_ms, 0, 600'000, "min_solve_ms");
}

std::string network_of(std::string_view address) {
    std::string text(address);
    if (text.starts_with("::ffff:") && text.find('.') != std::string::npos) text = text.substr(7);
    unsigned char v4[4];
    if (inet_pton(AF_INET, text.c_str(), v4) == 1) {
        return fmt::format("{}.{}.{}.0/24", v4[0], v4[1], v4[2]);
    }
    unsigned char v6[16] = {};
    if (inet_pton(AF_INET6, text.c_str(), v6) == 1) {
        std::fill(v6 + 8, v6 + 16, 0);
        char out[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, v6, out, sizeof out);
        return std::string(out) + "/64";
    }
    return text;
}

std::string masked_address(std::string_view address) {
    return network_of(address);
}

std::string_view to_string(FlagRule rule) {
    switch (rule) {
        case FlagRule::address_burst:
            return "address_burst";
        case FlagRule::network_burst:
            return "network_burst";
        case FlagRule::new_accounts_alike:
            return "new_accounts_alike";
        case FlagRule::accounts_per_address:
            return "accounts_per_address";
        case FlagRule::fast_solution:
            return "fast_solution";
    }
    return "";
}

std::string_view label_zh(FlagRule rule) {
    switch (rule) {
        case FlagRule::address_burst:
            return "同一地址短时间大量投票";
        case FlagRule::network_burst:
            return "同一网段短时间大量投票";
        case FlagRule::new_accounts_alike:
            return "新注册账号集中投同一作品";
        case FlagRule::accounts_per_address:
            return "同一地址多个账号";
        case FlagRule::fast_solution:
            return "验证解出过快";
    }
    return "";
}

std::vector<VoteFlag> find_flags(const std::vector<VoteEvidence>& votes,
                                 const FraudSettings& settings) {
    Indexes order(votes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return votes[a].cast_at < votes[b].cast_at;
    });
    std::vector<VoteFlag> flags;
    burst_flags(votes, order, settings, flags);
    alike_flags(votes, order, settings, flags);
    address_flags(votes, order, settings, flags);
    fast_flags(votes, order, settings, flags);
    std::stable_sort(flags.begin(), flags.end(), [](const VoteFlag& a, const VoteFlag& b) {
        if (a.rule != b.rule) return a.rule < b.rule;
        return a.first < b.first;
    });
    return flags;
}

}  // namespace wangju
