#include "domain/notary_record.h"

#include <fmt/format.h>

#include "domain/tracking_code.h"

namespace wangju {
namespace {

using Json = nlohmann::json;

constexpr std::size_t notary_code_chars = 8;

Json optional_text(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

Json score_json(const NotaryScore& score, const std::map<std::int64_t, std::string>& names) {
    const auto name = names.find(score.judge.value);
    return {{"judge", score.judge.value},
            {"name", name == names.end() ? std::string() : name->second},
            {"total", score.total ? Json(score_text(*score.total)) : Json(nullptr)},
            {"verdict", optional_text(score.verdict)}};
}

Json works_json(const NotaryFacts& facts) {
    std::map<std::int64_t, std::string> names;
    for (const auto& j : facts.panel) names[j.id.value] = j.name;
    Json works = Json::array();
    for (const auto& w : facts.works) {
        Json scores = Json::array();
        for (const auto& s : w.scores) scores.push_back(score_json(s, names));
        works.push_back({{"id", w.id.value},
                         {"title", w.title},
                         {"unit", w.unit},
                         {"rank", w.rank},
                         {"scores", scores},
                         {"raw", score_text(w.raw_mean)},
                         {"normalised", score_text(w.normalised_mean)}});
    }
    return works;
}

Json awards_json(const NotaryFacts& facts) {
    Json awards = Json::array();
    for (const auto& a : facts.awards) {
        awards.push_back({{"work", a.work.value},
                          {"title", a.title},
                          {"unit", a.unit},
                          {"rank", a.rank},
                          {"expert", score_text(a.expert)},
                          {"votes", a.votes},
                          {"final", score_text(a.final_score)},
                          {"proposed_tier", optional_text(a.proposed_tier)},
                          {"tier", optional_text(a.tier)},
                          {"reason", a.move_reason}});
    }
    return awards;
}

// A value as a line of the report shows it.
std::string shown(const Json& value) {
    if (value.is_null()) return "无";
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

const Json& member(const Json& object, const char* key) {
    static const Json null_value;
    if (!object.is_object()) return null_value;
    const auto found = object.find(key);
    return found == object.end() ? null_value : *found;
}

// The elements of an array by the value of `key` (their id).
std::map<std::string, Json> by_key(const Json& array, const char* key) {
    std::map<std::string, Json> out;
    if (!array.is_array()) return out;
    for (const auto& element : array) out[member(element, key).dump()] = element;
    return out;
}

void compare_field(std::vector<std::string>& lines, const std::string& what, const Json& before,
                   const Json& after) {
    if (before != after)
        lines.push_back(fmt::format("{} {} → {}", what, shown(before), shown(after)));
}

void compare_scores(std::vector<std::string>& lines, const std::string& work, const Json& before,
                    const Json& after) {
    const auto old_scores = by_key(member(before, "scores"), "judge");
    const auto new_scores = by_key(member(after, "scores"), "judge");
    for (const auto& [judge, old_score] : old_scores) {
        const std::string name = shown(member(old_score, "name"));
        const auto found = new_scores.find(judge);
        if (found == new_scores.end()) {
            lines.push_back(fmt::format("{}评委 {} 的评分已不存在(原为 {})", work, name,
                                        shown(member(old_score, "total"))));
            continue;
        }
        compare_field(lines, work + "评委 " + name + " 的评分", member(old_score, "total"),
                      member(found->second, "total"));
        compare_field(lines, work + "评委 " + name + " 的结论", member(old_score, "verdict"),
                      member(found->second, "verdict"));
    }
    for (const auto& [judge, new_score] : new_scores) {
        if (!old_scores.count(judge)) {
            lines.push_back(fmt::format("{}新增评委 {} 的评分 {}", work,
                                        shown(member(new_score, "name")),
                                        shown(member(new_score, "total"))));
        }
    }
}

void compare_works(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    const auto before = by_key(member(stored, "works"), "id");
    const auto after = by_key(member(now, "works"), "id");
    for (const auto& [id, old_work] : before) {
        const std::string work = "作品《" + shown(member(old_work, "title")) + "》";
        const auto found = after.find(id);
        if (found == after.end()) {
            lines.push_back(work + "已不在本轮结果中");
            continue;
        }
        const Json& new_work = found->second;
        compare_field(lines, work + "的名称", member(old_work, "title"), member(new_work, "title"));
        compare_field(lines, work + "的报送单位", member(old_work, "unit"),
                      member(new_work, "unit"));
        compare_scores(lines, work, old_work, new_work);
        compare_field(lines, work + "的专家原始分", member(old_work, "raw"),
                      member(new_work, "raw"));
        compare_field(lines, work + "的标准化得分", member(old_work, "normalised"),
                      member(new_work, "normalised"));
        compare_field(lines, work + "的名次", member(old_work, "rank"), member(new_work, "rank"));
    }
    for (const auto& [id, new_work] : after) {
        if (!before.count(id)) {
            lines.push_back("作品《" + shown(member(new_work, "title")) + "》是新增的");
        }
    }
}

void compare_votes(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    const auto before = by_key(member(stored, "votes"), "name");
    const auto after = by_key(member(now, "votes"), "name");
    for (const auto& [name, old_vote] : before) {
        const std::string vote = "网络投票“" + shown(member(old_vote, "name")) + "”";
        const auto found = after.find(name);
        if (found == after.end()) {
            lines.push_back(vote + "已不在记录中");
            continue;
        }
        compare_field(lines, vote + "的有效票", member(old_vote, "valid"),
                      member(found->second, "valid"));
        compare_field(lines, vote + "的无效票", member(old_vote, "voided"),
                      member(found->second, "voided"));
        compare_field(lines, vote + "的恢复票", member(old_vote, "restored"),
                      member(found->second, "restored"));
    }
    for (const auto& [name, new_vote] : after) {
        if (!before.count(name))
            lines.push_back("新增网络投票“" + shown(member(new_vote, "name")) + "”");
    }
}

void compare_awards(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    const auto before = by_key(member(stored, "awards"), "work");
    const auto after = by_key(member(now, "awards"), "work");
    for (const auto& [id, old_award] : before) {
        const std::string work = "获奖名单中作品《" + shown(member(old_award, "title")) + "》";
        const auto found = after.find(id);
        if (found == after.end()) {
            lines.push_back(work + "已不在名单中");
            continue;
        }
        const Json& new_award = found->second;
        compare_field(lines, work + "的名次", member(old_award, "rank"), member(new_award, "rank"));
        compare_field(lines, work + "的网络投票", member(old_award, "votes"),
                      member(new_award, "votes"));
        compare_field(lines, work + "的综合得分", member(old_award, "final"),
                      member(new_award, "final"));
        compare_field(lines, work + "的拟定奖项", member(old_award, "proposed_tier"),
                      member(new_award, "proposed_tier"));
        compare_field(lines, work + "的奖项", member(old_award, "tier"), member(new_award, "tier"));
        compare_field(lines, work + "的调整理由", member(old_award, "reason"),
                      member(new_award, "reason"));
    }
    for (const auto& [id, new_award] : after) {
        if (!before.count(id)) {
            lines.push_back("获奖名单新增作品《" + shown(member(new_award, "title")) + "》");
        }
    }
}

}  // namespace

std::string score_text(double value) {
    return fmt::format("{:.2f}", value);
}

std::string notary_record_code(Date day, std::string_view random_bytes) {
    return dated_code("GZ", day, random_bytes, notary_code_chars);
}

Json notary_snapshot(const NotaryFacts& facts) {
    Json rubric = Json::array();
    for (const auto& c : facts.rubric.criteria) {
        rubric.push_back({{"key", c.key},
                          {"name", c.name},
                          {"points", score_text(c.weight)},
                          {"scale", score_text(c.scale_min) + "–" + score_text(c.scale_max)}});
    }
    Json panel = Json::array();
    for (const auto& j : facts.panel) {
        panel.push_back({{"id", j.id.value}, {"name", j.name}, {"unit", j.unit}});
    }
    Json votes = Json::array();
    for (const auto& v : facts.votes) {
        votes.push_back(
            {{"name", v.name}, {"valid", v.valid}, {"voided", v.voided}, {"restored", v.restored}});
    }
    Json objections = Json::array();
    for (const auto& o : facts.objections) {
        objections.push_back({{"code", o.code},
                              {"work", o.work_title},
                              {"reason", o.reason},
                              {"answer", o.answer},
                              {"answer_reason", o.answer_reason}});
    }
    // nlohmann::json keeps object keys sorted, so dump() is canonical.
    return {{"campaign", facts.campaign},
            {"track", facts.track},
            {"unit", facts.unit},
            {"round", facts.round},
            {"round_kind", facts.round_kind},
            {"rubric", rubric},
            {"panel", panel},
            {"works", works_json(facts)},
            {"vote_weight", facts.vote_weight},
            {"votes", votes},
            {"awards_state", facts.awards_state},
            {"awards", awards_json(facts)},
            {"notice", facts.notice},
            {"objections", objections}};
}

std::vector<std::string> notary_changes(const Json& stored, const Json& now) {
    std::vector<std::string> lines;
    if (stored == now) return lines;
    const std::pair<const char*, const char*> fields[] = {
        {"campaign", "活动"},         {"track", "子项目"},        {"unit", "评审单位"},
        {"round", "评审轮次"},        {"round_kind", "轮次类型"}, {"vote_weight", "投票权重"},
        {"awards_state", "名单状态"}, {"notice", "公示"}};
    for (const auto& [key, label] : fields) {
        compare_field(lines, label, member(stored, key), member(now, key));
    }
    if (member(stored, "rubric") != member(now, "rubric")) lines.push_back("评分细则已变化");
    if (member(stored, "panel") != member(now, "panel")) lines.push_back("评审专家名单已变化");
    compare_works(lines, stored, now);
    compare_votes(lines, stored, now);
    compare_awards(lines, stored, now);
    if (member(stored, "objections") != member(now, "objections")) {
        lines.push_back("公示异议或其答复已变化");
    }
    if (lines.empty()) lines.push_back("记录内容已变化");
    return lines;
}

}  // namespace wangju
