#include "domain/organisation_award.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {
namespace {

using Json = nlohmann::json;

struct FactorName {
    OrganisationFactor factor;
    const char* code;
    const char* label;
};

// In the order of the enum: the order of the formula's weights as formula_from_json reads them.
constexpr FactorName factor_names[] = {
    {OrganisationFactor::quota_completion, "quota_completion", "指标完成率"},
    {OrganisationFactor::reports_on_time, "reports_on_time", "活动报告按时率"},
    {OrganisationFactor::works_submitted, "works_submitted", "提交作品数"},
    {OrganisationFactor::works_recommended, "works_recommended", "推荐作品数"},
    {OrganisationFactor::works_awarded, "works_awarded", "获奖作品数"},
    {OrganisationFactor::votes_received, "votes_received", "网络投票得票"},
};

constexpr double max_weight = 1000;
// Scores closer than this tie: they differ only by floating point error.
constexpr double same_score = 1e-9;
constexpr std::size_t max_reason_length = 500;

const FactorName& name_of(OrganisationFactor factor) {
    for (const auto& n : factor_names) {
        if (n.factor == factor) return n;
    }
    return factor_names[0];  // unreachable: every factor is in the table
}

[[noreturn]] void bad_formula(const std::string& message) {
    throw_invalid(message, {{"formula", message}});
}

[[noreturn]] void bad_weight(std::size_t index, const std::string& message) {
    throw_invalid(fmt::format("评分公式第 {} 项:{}", index + 1, message),
                  {{fmt::format("formula.weights.{}", index + 1), message}});
}

[[noreturn]] void bad_figures(const std::string& message) {
    throw_invalid(message, {{"figures", message}});
}

void check_counts(const UnitFigures& f) {
    const bool negative = f.reports_total < 0 || f.reports_on_time < 0 || f.works_submitted < 0 ||
                          f.works_recommended < 0 || f.works_awarded < 0 || f.votes_received < 0;
    const auto below_zero = [](const auto& entry) { return entry.second < 0; };
    if (negative || std::any_of(f.quota_targets.begin(), f.quota_targets.end(), below_zero) ||
        std::any_of(f.quota_approved.begin(), f.quota_approved.end(), below_zero)) {
        bad_figures(fmt::format("单位 {} 的统计数据不能为负数", f.unit.value));
    }
    if (f.reports_on_time > f.reports_total) {
        bad_figures(fmt::format("单位 {} 的按时报告数超过报告总数", f.unit.value));
    }
}

void check_figures(const std::vector<UnitFigures>& figures) {
    std::set<UnitId> seen;
    for (const auto& f : figures) {
        if (!seen.insert(f.unit).second) bad_figures(fmt::format("单位 {} 重复", f.unit.value));
        check_counts(f);
    }
}

double raw_value(OrganisationFactor factor, const UnitFigures& f) {
    switch (factor) {
        case OrganisationFactor::quota_completion:
            return quota_completion(f);
        case OrganisationFactor::reports_on_time:
            return on_time_rate(f);
        case OrganisationFactor::works_submitted:
            return f.works_submitted;
        case OrganisationFactor::works_recommended:
            return f.works_recommended;
        case OrganisationFactor::works_awarded:
            return f.works_awarded;
        case OrganisationFactor::votes_received:
            return static_cast<double>(f.votes_received);
    }
    return 0;
}

// Fills `normalised` of every score for `factor` from its raw values: raw ÷ the best raw value.
void normalise_factor(OrganisationFactor factor, std::vector<OrganisationScore>& scores) {
    double best = 0;
    for (const auto& s : scores) best = std::max(best, s.raw.at(factor));
    for (auto& s : scores) s.normalised[factor] = best > 0 ? s.raw.at(factor) / best : 0.0;
}

double weighted_score(const OrganisationFormula& formula, const OrganisationScore& s) {
    double sum = 0;
    double total_weight = 0;
    for (const auto& w : formula.weights) {
        sum += w.weight * s.normalised.at(w.factor);
        total_weight += w.weight;
    }
    return sum / total_weight * 100;  // above 0: the formula was checked
}

// Sorts best first and gives competition ranks; units of equal rank end in the order of their
// ids. Ranks come from the exact order first, so that the comparison stays a strict weak order.
void rank_scores(std::vector<OrganisationScore>& scores) {
    std::sort(scores.begin(), scores.end(),
              [](const OrganisationScore& a, const OrganisationScore& b) {
                  return std::pair(-a.score, a.unit) < std::pair(-b.score, b.unit);
              });
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool same = i > 0 && scores[i - 1].score - scores[i].score < same_score;
        scores[i].rank = same ? scores[i - 1].rank : static_cast<int>(i) + 1;
        if (same) scores[i].tied = scores[i - 1].tied = true;
    }
    std::stable_sort(scores.begin(), scores.end(),
                     [](const OrganisationScore& a, const OrganisationScore& b) {
                         return std::pair(a.rank, a.unit) < std::pair(b.rank, b.unit);
                     });
}

int level_of(const Json& json) {
    const auto it = json.find("level");
    if (it == json.end() || !it->is_number_integer()) bad_formula("评分公式的单位层级应为整数");
    if (it->is_number_unsigned()) {
        const auto level = it->get<unsigned long long>();
        if (level > INT_MAX) bad_formula("评分公式的单位层级超出范围");
        return static_cast<int>(level);
    }
    const auto level = it->get<long long>();
    if (level < INT_MIN || level > INT_MAX) bad_formula("评分公式的单位层级超出范围");
    return static_cast<int>(level);
}

std::map<OrganisationFactor, double> weights_of(const Json& json) {
    const auto it = json.find("weights");
    if (it == json.end() || !it->is_object()) bad_formula("评分公式的权重应为对象");
    std::map<OrganisationFactor, double> weights;
    for (const auto& [key, value] : it->items()) {
        const auto factor = parse_organisation_factor(key);
        if (!factor) bad_formula(fmt::format("未知的评分因素“{}”", key));
        if (!value.is_number()) bad_formula(fmt::format("评分因素“{}”的权重应为数字", key));
        weights[*factor] = value.get<double>();
    }
    return weights;
}

void check_reason(const OrganisationMove& move) {
    const std::string_view reason = trim(move.reason);
    const auto code_points = decode_utf8(reason);
    std::string message;
    if (!code_points) {
        message = "调整原因含有无效的字符编码";
    } else if (code_points->empty()) {
        message = fmt::format("调整单位 {} 须填写原因", move.unit.value);
    } else if (code_points->size() > max_reason_length) {
        message = fmt::format("调整原因不能超过 {} 字", max_reason_length);
    }
    if (!message.empty()) throw_invalid(message, {{"reason", message}});
}

[[noreturn]] void bad_move(const std::string& message) {
    throw_invalid(message, {{"moves", message}});
}

// A move that would change nothing is refused rather than ignored: each move is audited.
void apply_move(const OrganisationMove& move, std::set<UnitId>& awarded) {
    if (move.awarded && !awarded.insert(move.unit).second) {
        bad_move(fmt::format("单位 {} 已在获奖名单中", move.unit.value));
    }
    if (!move.awarded && awarded.erase(move.unit) == 0) {
        bad_move(fmt::format("单位 {} 不在获奖名单中", move.unit.value));
    }
}

}  // namespace

std::string_view to_string(OrganisationFactor factor) {
    return name_of(factor).code;
}

std::optional<OrganisationFactor> parse_organisation_factor(std::string_view text) {
    for (const auto& n : factor_names) {
        if (text == n.code) return n.factor;
    }
    return std::nullopt;
}

std::string_view label_zh(OrganisationFactor factor) {
    return name_of(factor).label;
}

OrganisationFormula default_organisation_formula(int level) {
    return {level,
            {{OrganisationFactor::quota_completion, 30},
             {OrganisationFactor::reports_on_time, 15},
             {OrganisationFactor::works_submitted, 15},
             {OrganisationFactor::works_recommended, 15},
             {OrganisationFactor::works_awarded, 15},
             {OrganisationFactor::votes_received, 10}}};
}

void check_organisation_formula(const OrganisationFormula& formula) {
    if (formula.level < 1) bad_formula("参评单位的层级应不小于 1");
    if (formula.weights.empty()) bad_formula("评分公式至少应有一项");
    std::set<OrganisationFactor> seen;
    double total = 0;
    for (std::size_t i = 0; i < formula.weights.size(); ++i) {
        const auto& w = formula.weights[i];
        if (!seen.insert(w.factor).second) {
            bad_weight(i, fmt::format("“{}”重复", label_zh(w.factor)));
        }
        // Written so that NaN fails too.
        if (!(w.weight >= 0 && w.weight <= max_weight)) {
            bad_weight(i, fmt::format("权重应在 0 到 {} 之间", max_weight));
        }
        total += w.weight;
    }
    if (total <= 0) bad_formula("评分公式的权重不能全为 0");
}

Json formula_json(const OrganisationFormula& formula) {
    Json weights = Json::object();
    for (const auto& w : formula.weights) weights[std::string(to_string(w.factor))] = w.weight;
    return {{"level", formula.level}, {"weights", weights}};
}

OrganisationFormula formula_from_json(const Json& json) {
    if (!json.is_object()) bad_formula("评分公式应为对象");
    OrganisationFormula formula;
    formula.level = level_of(json);
    const auto weights = weights_of(json);  // keyed by factor: in the order of the enum
    for (const auto& [factor, weight] : weights) formula.weights.push_back({factor, weight});
    return formula;
}

double quota_completion(const UnitFigures& figures) {
    double sum = 0;
    int metrics = 0;
    for (const auto& [metric, target] : figures.quota_targets) {
        if (target <= 0) continue;
        const auto approved = figures.quota_approved.find(metric);
        const double done =
            approved == figures.quota_approved.end()
                ? 0.0
                : static_cast<double>(approved->second) / static_cast<double>(target);
        sum += std::min(done, 1.0);
        ++metrics;
    }
    return metrics == 0 ? 0.0 : sum / metrics;
}

double on_time_rate(const UnitFigures& figures) {
    if (figures.reports_total <= 0) return 0;
    return static_cast<double>(figures.reports_on_time) / figures.reports_total;
}

std::vector<OrganisationScore> score_units(const OrganisationFormula& formula,
                                           const std::vector<UnitFigures>& figures) {
    check_organisation_formula(formula);
    check_figures(figures);
    std::vector<OrganisationScore> scores;
    scores.reserve(figures.size());
    for (const auto& f : figures) {
        OrganisationScore s;
        s.unit = f.unit;
        for (const auto& w : formula.weights) s.raw[w.factor] = raw_value(w.factor, f);
        scores.push_back(std::move(s));
    }
    for (const auto& w : formula.weights) normalise_factor(w.factor, scores);
    for (auto& s : scores) s.score = weighted_score(formula, s);
    rank_scores(scores);
    return scores;
}

std::vector<UnitId> proposed_organisation_awards(const std::vector<OrganisationScore>& ranked,
                                                 int count) {
    if (ranked.empty()) {
        throw_invalid("没有参评单位", {{"count", "没有参评单位"}});
    }
    if (count < 1 || static_cast<std::size_t>(count) > ranked.size()) {
        const std::string message = fmt::format("获奖单位数应在 1 到 {} 之间", ranked.size());
        throw_invalid(message, {{"count", message}});
    }
    std::vector<UnitId> awarded;
    for (const auto& s : ranked) {
        if (s.rank <= count && s.score > 0) awarded.push_back(s.unit);
    }
    return awarded;
}

std::vector<UnitId> apply_organisation_moves(std::vector<UnitId> proposed,
                                             const std::vector<OrganisationMove>& moves) {
    std::set<UnitId> in(proposed.begin(), proposed.end());
    if (in.size() != proposed.size()) {
        throw_invalid("拟获奖单位重复", {{"proposed", "拟获奖单位重复"}});
    }
    for (const auto& move : moves) check_reason(move);

    // The proposed units first, then those added, in the order of the moves that added them.
    std::vector<UnitId> order = std::move(proposed);
    for (const auto& move : moves) {
        apply_move(move, in);
        if (move.awarded && std::find(order.begin(), order.end(), move.unit) == order.end()) {
            order.push_back(move.unit);
        }
    }
    std::erase_if(order, [&](UnitId unit) { return !in.contains(unit); });
    return order;
}

}  // namespace wangju
