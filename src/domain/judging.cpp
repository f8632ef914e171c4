#include "domain/judging.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/named_values.h"
#include "domain/text.h"

namespace wangju {
namespace {

using Json = nlohmann::json;

constexpr Name<RoundKind> kind_names[] = {
    {RoundKind::qualifying, "qualifying", "资格审查"},
    {RoundKind::scored, "scored", "评分"},
    {RoundKind::final_ranking, "final", "终评"},
};

constexpr Name<RoundState> state_names[] = {
    {RoundState::draft, "draft", "未开始"},
    {RoundState::open, "open", "评审中"},
    {RoundState::closed, "closed", "已结束"},
    {RoundState::published, "published", "已发布"},
};

constexpr Name<AdvanceRule> advance_names[] = {
    {AdvanceRule::all, "all", "全部作品"},
    {AdvanceRule::passed, "passed", "资格审查通过的作品"},
    {AdvanceRule::top_n, "top_n", "前 N 名"},
    {AdvanceRule::top_percent, "top_percent", "前 X%"},
    {AdvanceRule::min_score, "min_score", "达到分数线"},
};

constexpr Name<Verdict> verdict_names[] = {
    {Verdict::pass, "pass", "通过"},
    {Verdict::fail, "fail", "不通过"},
};

std::size_t characters(std::string_view text) {
    auto decoded = decode_utf8(text);
    return decoded ? decoded->size() : text.size();
}

bool is_key(std::string_view key) {
    if (key.empty() || key.size() > 20) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

[[noreturn]] void bad_criterion(std::size_t index, const char* what, const std::string& message) {
    throw_invalid(fmt::format("评分细则第 {} 项:{}", index + 1, message),
                  {{fmt::format("rubric.{}.{}", index + 1, what), message}});
}

double number_of(const Json& json, const char* key, double fallback) {
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) return fallback;
    if (!it->is_number()) {
        throw_invalid("评分细则格式错误", {{"rubric", fmt::format("{} 应为数字", key)}});
    }
    return it->get<double>();
}

std::string text_of(const Json& json, const char* key) {
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) return "";
    if (!it->is_string()) {
        throw_invalid("评分细则格式错误", {{"rubric", fmt::format("{} 应为文字", key)}});
    }
    return std::string(trim(it->get<std::string>()));
}

}  // namespace

std::string_view to_string(RoundKind kind) {
    return code_of(kind_names, kind);
}
std::optional<RoundKind> parse_round_kind(std::string_view text) {
    return parse_of(kind_names, text);
}
std::string_view label_zh(RoundKind kind) {
    return label_of(kind_names, kind);
}

std::string_view to_string(RoundState state) {
    return code_of(state_names, state);
}
std::optional<RoundState> parse_round_state(std::string_view text) {
    return parse_of(state_names, text);
}
std::string_view label_zh(RoundState state) {
    return label_of(state_names, state);
}

std::string_view to_string(AdvanceRule rule) {
    return code_of(advance_names, rule);
}
std::optional<AdvanceRule> parse_advance_rule(std::string_view text) {
    return parse_of(advance_names, text);
}

std::string_view to_string(Verdict verdict) {
    return code_of(verdict_names, verdict);
}
std::optional<Verdict> parse_verdict(std::string_view text) {
    return parse_of(verdict_names, text);
}
std::string_view label_zh(Verdict verdict) {
    return label_of(verdict_names, verdict);
}

RoundState next_round_state(RoundState state, RoundEvent event) {
    switch (event) {
        case RoundEvent::open:
            if (state == RoundState::draft) return RoundState::open;
            throw_conflict(fmt::format("评审轮次{},不能开始", label_zh(state)));
        case RoundEvent::close:
            if (state == RoundState::open) return RoundState::closed;
            throw_conflict(fmt::format("评审轮次{},不能结束", label_zh(state)));
        case RoundEvent::reopen:
            if (state == RoundState::closed) return RoundState::open;
            throw_conflict(fmt::format("评审轮次{},不能重新开放", label_zh(state)));
        case RoundEvent::publish:
            if (state == RoundState::closed) return RoundState::published;
            throw_conflict(fmt::format("评审轮次{},不能发布结果", label_zh(state)));
    }
    throw_conflict("未知的操作");
}

namespace {

[[noreturn]] void refuse(const std::string& message) {
    throw_invalid(message, {{"advance", message}});
}

}  // namespace

void check_advance(const Advance& advance, std::optional<RoundKind> previous) {
    if (!previous) {
        if (advance.rule != AdvanceRule::all) refuse("第一轮评审包括全部作品");
        return;
    }
    switch (advance.rule) {
        case AdvanceRule::all:
            refuse("请选择上一轮的晋级规则");
        case AdvanceRule::passed:
            if (*previous != RoundKind::qualifying) refuse("上一轮不是资格审查,不能按“通过”晋级");
            return;
        case AdvanceRule::top_n:
        case AdvanceRule::top_percent:
        case AdvanceRule::min_score:
            if (*previous == RoundKind::qualifying) refuse("上一轮是资格审查,请按“通过”晋级");
            if (*previous == RoundKind::final_ranking) refuse("终评之后不能再设评审轮次");
            break;
    }
    const double v = advance.value;
    if (!std::isfinite(v)) refuse("晋级条件应为数字");
    if (advance.rule == AdvanceRule::top_n && (v < 1 || v != std::floor(v) || v > 100000))
        refuse("前 N 名的 N 应为正整数");
    if (advance.rule == AdvanceRule::top_percent && (v <= 0 || v > 100))
        refuse("前 X% 的 X 应大于 0 且不超过 100");
    if (advance.rule == AdvanceRule::min_score && v < 0) refuse("分数线不能为负数");
}

double Rubric::full_score() const {
    double sum = 0;
    for (const auto& c : criteria) sum += c.weight;
    return sum;
}

void check_rubric(const Rubric& rubric) {
    if (rubric.criteria.empty() || rubric.criteria.size() > 20) {
        throw_invalid("评分细则应有 1 至 20 项", {{"rubric", "应有 1 至 20 项"}});
    }
    std::set<std::string> keys;
    for (std::size_t i = 0; i < rubric.criteria.size(); ++i) {
        const auto& c = rubric.criteria[i];
        if (!is_key(c.key)) bad_criterion(i, "key", "编号应为 1 至 20 个小写字母、数字或下划线");
        if (!keys.insert(c.key).second) bad_criterion(i, "key", "编号“" + c.key + "”重复");
        const auto name_length = characters(trim(c.name));
        if (name_length == 0 || name_length > 40) bad_criterion(i, "name", "名称应为 1 至 40 个字");
        if (characters(c.description) > 500) bad_criterion(i, "description", "说明不能超过 500 字");
        if (!std::isfinite(c.scale_min) || !std::isfinite(c.scale_max) || c.scale_min < 0 ||
            c.scale_max > 1000 || c.scale_min >= c.scale_max) {
            bad_criterion(i, "scale", "分值范围应在 0 至 1000 之间,且下限小于上限");
        }
        if (!std::isfinite(c.weight) || c.weight <= 0 || c.weight > 1000) {
            bad_criterion(i, "weight", "权重应大于 0 且不超过 1000");
        }
    }
}

Json rubric_json(const Rubric& rubric) {
    Json list = Json::array();
    for (const auto& c : rubric.criteria) {
        list.push_back({{"key", c.key},
                        {"name", c.name},
                        {"description", c.description},
                        {"min", c.scale_min},
                        {"max", c.scale_max},
                        {"weight", c.weight}});
    }
    return list;
}

Rubric rubric_from_json(const Json& json) {
    if (!json.is_array()) throw_invalid("评分细则应为列表", {{"rubric", "应为列表"}});
    Rubric rubric;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const auto& item = json[i];
        if (!item.is_object()) throw_invalid("评分细则格式错误", {{"rubric", "每一项应为对象"}});
        Criterion c;
        c.key = text_of(item, "key");
        if (c.key.empty()) c.key = fmt::format("c{}", i + 1);
        c.name = text_of(item, "name");
        c.description = text_of(item, "description");
        c.scale_min = number_of(item, "min", 0);
        c.scale_max = number_of(item, "max", 10);
        c.weight = number_of(item, "weight", 0);
        rubric.criteria.push_back(std::move(c));
    }
    return rubric;
}

double rubric_total(const Rubric& rubric, const std::map<std::string, double>& values) {
    for (const auto& [key, value] : values) {
        const bool known = std::any_of(rubric.criteria.begin(), rubric.criteria.end(),
                                       [&](const Criterion& c) { return c.key == key; });
        if (!known) {
            throw_invalid("评分项“" + key + "”不在评分细则中",
                          {{"scores." + key, "没有这一评分项"}});
        }
    }
    double total = 0;
    for (const auto& c : rubric.criteria) {
        auto it = values.find(c.key);
        if (it == values.end()) {
            throw_invalid("请为“" + c.name + "”打分", {{"scores." + c.key, "请打分"}});
        }
        const double v = it->second;
        if (!std::isfinite(v) || v < c.scale_min || v > c.scale_max) {
            const auto message = fmt::format("应在 {:g} 至 {:g} 之间", c.scale_min, c.scale_max);
            throw_invalid("“" + c.name + "”的分数" + message, {{"scores." + c.key, message}});
        }
        total += c.weight * (v - c.scale_min) / (c.scale_max - c.scale_min);
    }
    return total;
}

void check_round_settings(const Round& round) {
    const auto name_length = characters(trim(round.name));
    if (name_length == 0 || name_length > 40) {
        throw_invalid("轮次名称应为 1 至 40 个字", {{"name", "应为 1 至 40 个字"}});
    }
    if (round.kind != RoundKind::final_ranking &&
        (round.judges_per_work < 1 || round.judges_per_work > 15)) {
        throw_invalid("每件作品的评委人数应为 1 至 15", {{"judges_per_work", "应为 1 至 15"}});
    }
    if (round.kind == RoundKind::scored) check_rubric(round.rubric);
    if (!std::isfinite(round.disagreement_share) || round.disagreement_share <= 0 ||
        round.disagreement_share > 1) {
        throw_invalid("分歧提示线应大于 0 且不超过 1(满分的比例)",
                      {{"disagreement_share", "应大于 0 且不超过 1"}});
    }
}

void check_vote_weight(int percent, bool track_has_public_vote) {
    if (percent < 0 || percent > 100) {
        throw_invalid("网络投票权重应为 0 至 100", {{"vote_weight", "应为 0 至 100"}});
    }
    if (percent > 0 && !track_has_public_vote) {
        throw_invalid("本子项目尚无网络投票,投票权重须为 0",
                      {{"vote_weight", "尚无网络投票,须为 0"}});
    }
}

std::vector<WorkId> qualifying_passes(const std::vector<QualifyingVerdict>& verdicts) {
    std::map<WorkId, bool> passes;
    for (const auto& v : verdicts) {
        auto [it, inserted] = passes.emplace(v.work, true);
        if (v.verdict == Verdict::fail) it->second = false;
    }
    std::vector<WorkId> out;
    for (const auto& [work, passed] : passes) {
        if (passed) out.push_back(work);
    }
    return out;
}

std::vector<WorkId> advancing_from_scores(const std::vector<WorkResult>& results,
                                          const Advance& advance) {
    std::vector<WorkId> out;
    const double places =
        advance.rule == AdvanceRule::top_percent
            ? std::ceil(advance.value / 100.0 * static_cast<double>(results.size()) - 1e-9)
            : advance.value;
    for (const auto& r : results) {
        bool passes = false;
        switch (advance.rule) {
            case AdvanceRule::all:
                passes = true;
                break;
            case AdvanceRule::passed:
                passes = false;
                break;
            case AdvanceRule::top_n:
            case AdvanceRule::top_percent:
                passes = r.rank <= places;
                break;
            case AdvanceRule::min_score:
                passes = std::round(r.score * 1e4) >= std::round(advance.value * 1e4);
                break;
        }
        if (passes) out.push_back(r.work);
    }
    return out;
}

}  // namespace wangju
