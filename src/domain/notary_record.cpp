#include "domain/notary_record.h"

#include <algorithm>
#include <functional>
#include <initializer_list>

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

Json objections_json(const std::vector<NotaryObjection>& objections) {
    Json out = Json::array();
    for (const auto& o : objections) {
        out.push_back({{"code", o.code},
                       {"work", o.work_title},
                       {"reason", o.reason},
                       {"answer", o.answer},
                       {"answer_reason", o.answer_reason}});
    }
    return out;
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

using Label = std::string (*)(const Json&);
using CompareSame =
    std::function<void(const std::string& label, const Json& before, const Json& after)>;

// Compares the elements of the array `array` of two snapshots, matched by `key`: one line for
// each element gone (its label + `gone`) or added (`added`), and `same` for those in both.
void compare_list(std::vector<std::string>& lines, const Json& stored, const Json& now,
                  const char* array, const char* key, Label label, const char* gone,
                  Label added, const CompareSame& same) {
    const auto before = by_key(member(stored, array), key);
    const auto after = by_key(member(now, array), key);
    for (const auto& [id, old_element] : before) {
        const auto found = after.find(id);
        if (found == after.end()) {
            lines.push_back(label(old_element) + gone);
        } else {
            same(label(old_element), old_element, found->second);
        }
    }
    for (const auto& [id, new_element] : after) {
        if (!before.count(id)) lines.push_back(added(new_element));
    }
}

// Compares the fields `fields` (key, label) of two elements.
void compare_fields(std::vector<std::string>& lines, const std::string& label, const Json& before,
                    const Json& after,
                    std::initializer_list<std::pair<const char*, const char*>> fields) {
    for (const auto& [key, what] : fields) {
        compare_field(lines, label + what, member(before, key), member(after, key));
    }
}

std::string work_label(const Json& work) {
    return "作品《" + shown(member(work, "title")) + "》";
}

std::string new_work_text(const Json& work) {
    return work_label(work) + "是新增的";
}

void compare_works(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    compare_list(lines, stored, now, "works", "id", work_label, "已不在本轮结果中", new_work_text,
                 [&](const std::string& work, const Json& before, const Json& after) {
                     compare_fields(lines, work, before, after,
                                    {{"title", "的名称"}, {"unit", "的报送单位"}});
                     compare_scores(lines, work, before, after);
                     compare_fields(lines, work, before, after,
                                    {{"raw", "的专家原始分"},
                                     {"normalised", "的标准化得分"},
                                     {"rank", "的名次"}});
                 });
}

void compare_votes(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    compare_list(
        lines, stored, now, "votes", "name",
        [](const Json& vote) { return "网络投票“" + shown(member(vote, "name")) + "”"; },
        "已不在记录中",
        [](const Json& vote) { return "新增网络投票“" + shown(member(vote, "name")) + "”"; },
        [&](const std::string& vote, const Json& before, const Json& after) {
            compare_fields(lines, vote, before, after,
                           {{"valid", "的有效票"}, {"voided", "的无效票"}, {"restored", "的恢复票"}});
        });
}

void compare_awards(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    compare_list(
        lines, stored, now, "awards", "work",
        [](const Json& award) { return "获奖名单中作品《" + shown(member(award, "title")) + "》"; },
        "已不在名单中",
        [](const Json& award) { return "获奖名单新增作品《" + shown(member(award, "title")) + "》"; },
        [&](const std::string& work, const Json& before, const Json& after) {
            compare_fields(lines, work, before, after,
                           {{"rank", "的名次"},
                            {"votes", "的网络投票"},
                            {"final", "的综合得分"},
                            {"proposed_tier", "的拟定奖项"},
                            {"tier", "的奖项"},
                            {"reason", "的调整理由"}});
        });
}

void compare_vote_works(std::vector<std::string>& lines, const Json& stored, const Json& now) {
    compare_list(lines, stored, now, "works", "id", work_label, "已不在本次投票中", new_work_text,
                 [&](const std::string& work, const Json& before, const Json& after) {
                     compare_fields(lines, work, before, after,
                                    {{"title", "的名称"},
                                     {"unit", "的报送单位"},
                                     {"track", "的子项目"},
                                     {"valid", "的有效票"},
                                     {"voided", "的作废票"},
                                     {"restored", "的恢复票"},
                                     {"rank", "的名次"}});
                 });
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
            {"objections", objections_json(facts.objections)}};
}

void rank_vote_works(std::vector<NotaryVoteWork>& works) {
    std::sort(works.begin(), works.end(), [](const NotaryVoteWork& a, const NotaryVoteWork& b) {
        if (a.valid != b.valid) return a.valid > b.valid;
        if (a.title != b.title) return a.title < b.title;
        return a.id < b.id;
    });
    for (std::size_t i = 0; i < works.size(); ++i) {
        works[i].rank = i > 0 && works[i].valid == works[i - 1].valid ? works[i - 1].rank
                                                                        : static_cast<int>(i) + 1;
    }
}

Json notary_vote_snapshot(const NotaryVoteFacts& facts) {
    Json works = Json::array();
    for (const auto& w : facts.works) {
        works.push_back({{"id", w.id.value},
                         {"title", w.title},
                         {"track", w.track},
                         {"unit", w.unit},
                         {"rank", w.rank},
                         {"valid", w.valid},
                         {"voided", w.voided},
                         {"restored", w.restored}});
    }
    Json voidings = Json::array();
    for (const auto& v : facts.voidings) {
        voidings.push_back({{"restore", v.restore},
                            {"reason", v.reason},
                            {"flag", v.flag},
                            {"votes", v.votes},
                            {"by", v.by},
                            {"at", v.at}});
    }
    return {{"campaign", facts.campaign},
            {"name", facts.name},
            {"tracks", facts.tracks},
            {"starts", facts.starts},
            {"ends", facts.ends},
            {"rules", facts.rules},
            {"works", works},
            {"voidings", voidings},
            {"notice", facts.notice},
            {"objections", objections_json(facts.objections)}};
}

std::vector<std::string> notary_vote_changes(const Json& stored, const Json& now) {
    std::vector<std::string> lines;
    if (stored == now) return lines;
    compare_fields(lines, "", stored, now,
                   {{"campaign", "活动"},
                    {"name", "投票名称"},
                    {"tracks", "子项目"},
                    {"starts", "投票开始时间"},
                    {"ends", "投票结束时间"},
                    {"notice", "公示"}});
    if (member(stored, "rules") != member(now, "rules")) lines.push_back("投票规则已变化");
    compare_vote_works(lines, stored, now);
    if (member(stored, "voidings") != member(now, "voidings")) {
        lines.push_back("作废或恢复投票的记录已变化");
    }
    if (member(stored, "objections") != member(now, "objections")) {
        lines.push_back("公示异议或其答复已变化");
    }
    if (lines.empty()) lines.push_back("记录内容已变化");
    return lines;
}

std::vector<std::string> notary_changes(const Json& stored, const Json& now) {
    std::vector<std::string> lines;
    if (stored == now) return lines;
    compare_fields(lines, "", stored, now,
                   {{"campaign", "活动"},
                    {"track", "子项目"},
                    {"unit", "评审单位"},
                    {"round", "评审轮次"},
                    {"round_kind", "轮次类型"},
                    {"vote_weight", "投票权重"},
                    {"awards_state", "名单状态"},
                    {"notice", "公示"}});
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
