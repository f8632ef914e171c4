#include "domain/public_vote.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/vote_fraud.h"

namespace wangju {

namespace {

using std::chrono::days;
using std::chrono::hours;

// As in domain/time.cpp: Asia/Shanghai is UTC+8 without daylight saving.
constexpr hours shanghai_offset{8};
constexpr int max_limit = 10'000;

void check_limit(int value, const char* field, const char* label) {
    if (value < 1 || value > max_limit) {
        throw_invalid(fmt::format("{}应在 1 到 {} 之间", label, max_limit),
                      {{field, fmt::format("应在 1 到 {} 之间", max_limit)}});
    }
}

// "明天 00:00" when the retry time is the next midnight, else the Beijing time.
std::string when_again(Timestamp now, Timestamp retry_at) {
    if (retry_at == next_vote_day(now)) return "明天 00:00";
    return format_shanghai(retry_at);
}

void read_int(const nlohmann::json& json, const char* field, int& out) {
    if (!json.contains(field)) return;
    const auto& v = json[field];
    if (!v.is_number_integer()) throw_invalid("投票规则格式错误", {{field, "应为整数"}});
    const auto n = v.get<long long>();
    if (n < -1'000'000'000 || n > 1'000'000'000)
        throw_invalid("投票规则格式错误", {{field, "超出范围"}});
    out = static_cast<int>(n);
}

}  // namespace

nlohmann::json rules_json(const VoteRules& rules, const FraudSettings& fraud) {
    nlohmann::json json{{"per_account_per_work_per_day", rules.per_account_per_work_per_day},
                        {"per_account_per_day", rules.per_account_per_day},
                        {"per_address_per_day", rules.per_address_per_day},
                        {"totals", to_string(rules.totals)},
                        {"totals_from", nullptr}};
    if (rules.totals_from) json["totals_from"] = format_utc(*rules.totals_from);
    json["fraud"] = {{"burst_votes", fraud.burst_votes},
                     {"network_burst_votes", fraud.network_burst_votes},
                     {"burst_seconds", fraud.burst_seconds},
                     {"alike_accounts", fraud.alike_accounts},
                     {"alike_minutes", fraud.alike_minutes},
                     {"new_account_hours", fraud.new_account_hours},
                     {"accounts_per_address", fraud.accounts_per_address},
                     {"min_solve_ms", fraud.min_solve_ms}};
    return json;
}

void apply_rules_json(const nlohmann::json& json, VoteRules& rules, FraudSettings& fraud) {
    if (!json.is_object()) throw_invalid("投票规则格式错误", {{"rules", "应为对象"}});
    read_int(json, "per_account_per_work_per_day", rules.per_account_per_work_per_day);
    read_int(json, "per_account_per_day", rules.per_account_per_day);
    read_int(json, "per_address_per_day", rules.per_address_per_day);
    if (json.contains("totals")) {
        const auto& v = json["totals"];
        auto shown = v.is_string() ? parse_totals_shown(v.get<std::string>()) : std::nullopt;
        if (!shown)
            throw_invalid("公布票数方式应为 never、live 或 from",
                          {{"totals", "应为 never、live 或 from"}});
        rules.totals = *shown;
    }
    if (json.contains("totals_from")) {
        const auto& v = json["totals_from"];
        if (v.is_null()) {
            rules.totals_from.reset();
        } else {
            auto at = v.is_string() ? parse_utc(v.get<std::string>()) : std::nullopt;
            if (!at)
                throw_invalid("公布票数时间格式应为 2023-10-01T00:00:00Z",
                              {{"totals_from", "时间格式错误"}});
            rules.totals_from = at;
        }
    }
    if (json.contains("fraud")) {
        const auto& f = json["fraud"];
        if (!f.is_object()) throw_invalid("防刷票阈值格式错误", {{"fraud", "应为对象"}});
        read_int(f, "burst_votes", fraud.burst_votes);
        read_int(f, "network_burst_votes", fraud.network_burst_votes);
        read_int(f, "burst_seconds", fraud.burst_seconds);
        read_int(f, "alike_accounts", fraud.alike_accounts);
        read_int(f, "alike_minutes", fraud.alike_minutes);
        read_int(f, "new_account_hours", fraud.new_account_hours);
        read_int(f, "accounts_per_address", fraud.accounts_per_address);
        read_int(f, "min_solve_ms", fraud.min_solve_ms);
    }
}

std::string_view to_string(TotalsShown shown) {
    switch (shown) {
        case TotalsShown::never:
            return "never";
        case TotalsShown::live:
            return "live";
        case TotalsShown::from:
            return "from";
    }
    return "never";
}

std::optional<TotalsShown> parse_totals_shown(std::string_view text) {
    if (text == "never") return TotalsShown::never;
    if (text == "live") return TotalsShown::live;
    if (text == "from") return TotalsShown::from;
    return std::nullopt;
}

VotePhase phase_at(const PublicVote& vote, Timestamp now) {
    if (now < vote.starts_at) return VotePhase::upcoming;
    if (now >= vote.ends_at) return VotePhase::ended;
    return VotePhase::open;
}

std::string_view label_zh(VotePhase phase) {
    switch (phase) {
        case VotePhase::upcoming:
            return "未开始";
        case VotePhase::open:
            return "投票中";
        case VotePhase::ended:
            return "已结束";
    }
    return "";
}

void check_vote_settings(const PublicVote& vote) {
    if (vote.name.empty()) throw_invalid("请填写投票名称", {{"name", "必填"}});
    if (vote.name.size() > 200) throw_invalid("投票名称过长", {{"name", "最多 200 字节"}});
    if (vote.tracks.empty()) throw_invalid("请至少选择一个子项目", {{"tracks", "至少一个"}});
    if (vote.starts_at >= vote.ends_at) {
        throw_invalid("投票结束时间应晚于开始时间", {{"ends_at", "应晚于开始时间"}});
    }
    const VoteRules& r = vote.rules;
    check_limit(r.per_account_per_work_per_day, "per_account_per_work_per_day",
                "每个账号每天对同一作品的票数");
    check_limit(r.per_account_per_day, "per_account_per_day", "每个账号每天的总票数");
    check_limit(r.per_address_per_day, "per_address_per_day", "每个网络地址每天的票数");
    if (r.per_account_per_work_per_day > r.per_account_per_day) {
        throw_invalid("每个账号每天对同一作品的票数不能多于每天的总票数",
                      {{"per_account_per_work_per_day", "不能多于每天的总票数"}});
    }
    if (r.totals == TotalsShown::from && !r.totals_from) {
        throw_invalid("请填写公布票数的时间", {{"totals_from", "必填"}});
    }
    check_fraud_settings(vote.fraud);
}

void check_rules_editable(const PublicVote& vote, Timestamp now) {
    if (phase_at(vote, now) != VotePhase::upcoming) {
        throw_conflict("投票已经开始,规则不能再修改");
    }
}

bool totals_public(const VoteRules& rules, Timestamp now) {
    switch (rules.totals) {
        case TotalsShown::never:
            return false;
        case TotalsShown::live:
            return true;
        case TotalsShown::from:
            return rules.totals_from && *rules.totals_from <= now;
    }
    return false;
}

std::int64_t vote_day(Timestamp t) {
    return std::chrono::floor<days>(t + shanghai_offset).time_since_epoch().count();
}

Timestamp next_vote_day(Timestamp t) {
    const std::chrono::sys_days next{days{vote_day(t) + 1}};
    return Timestamp{next} - shanghai_offset;
}

std::string_view to_string(VoteRule rule) {
    switch (rule) {
        case VoteRule::outside_period:
            return "outside_period";
        case VoteRule::account_per_work:
            return "account_per_work";
        case VoteRule::account_per_day:
            return "account_per_day";
        case VoteRule::address_per_day:
            return "address_per_day";
        case VoteRule::work_not_in_vote:
            return "work_not_in_vote";
        case VoteRule::proof_reused:
            return "proof_reused";
    }
    return "";
}

std::optional<VoteRefusal> check_vote(const PublicVote& vote, const VoteCounts& counts,
                                      Timestamp now) {
    switch (phase_at(vote, now)) {
        case VotePhase::upcoming:
            return VoteRefusal{VoteRule::outside_period,
                               fmt::format("投票尚未开始,{} 开始", format_shanghai(vote.starts_at)),
                               vote.starts_at};
        case VotePhase::ended:
            return VoteRefusal{VoteRule::outside_period,
                               fmt::format("投票已于 {} 结束", format_shanghai(vote.ends_at)),
                               std::nullopt};
        case VotePhase::open:
            break;
    }
    const VoteRules& r = vote.rules;
    // The next day may fall after the end: then there is no "again".
    const Timestamp tomorrow = next_vote_day(now);
    const std::optional<Timestamp> again =
        tomorrow < vote.ends_at ? std::optional<Timestamp>(tomorrow) : std::nullopt;
    const auto message = [&](std::string what) {
        if (!again) return what + ",本次投票期内不能再投";
        return fmt::format("{},{} 后可再投", what, when_again(now, *again));
    };
    if (counts.account_on_work >= r.per_account_per_work_per_day) {
        const std::string what =
            r.per_account_per_work_per_day == 1
                ? std::string("今日已为该作品投票")
                : fmt::format("今日已为该作品投满 {} 票", r.per_account_per_work_per_day);
        return VoteRefusal{VoteRule::account_per_work, message(what), again};
    }
    if (counts.account >= r.per_account_per_day) {
        return VoteRefusal{VoteRule::account_per_day,
                           message(fmt::format("今日已投满 {} 票", r.per_account_per_day)), again};
    }
    if (counts.address >= r.per_address_per_day) {
        return VoteRefusal{
            VoteRule::address_per_day,
            message(fmt::format("您所在的网络地址今日已投满 {} 票", r.per_address_per_day)), again};
    }
    return std::nullopt;
}

}  // namespace wangju
