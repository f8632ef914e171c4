#include "domain/work.h"

#include "domain/error.h"
#include "domain/text.h"
#include "domain/work_file_rules.h"

namespace wangju {
namespace {

struct StateName {
    WorkState state;
    const char* code;
    const char* label;
};

constexpr StateName state_names[] = {
    {WorkState::draft, "draft", "草稿"},
    {WorkState::pending, "pending", "待审核"},
    {WorkState::not_recommended, "not_recommended", "未推荐"},
    {WorkState::returned, "returned", "已退回修改"},
    {WorkState::withdrawn, "withdrawn", "已撤回"},
    {WorkState::entry, "entry", "已入围评审"},
};

[[noreturn]] void refuse(WorkState state, const char* what) {
    throw_conflict(std::string("作品") + std::string(label_zh(state)) + "," + what);
}

}  // namespace

std::string_view to_string(WorkState state) {
    for (const auto& n : state_names) {
        if (n.state == state) return n.code;
    }
    return "draft";
}

std::optional<WorkState> parse_work_state(std::string_view text) {
    for (const auto& n : state_names) {
        if (text == n.code) return n.state;
    }
    return std::nullopt;
}

std::string_view label_zh(WorkState state) {
    for (const auto& n : state_names) {
        if (n.state == state) return n.label;
    }
    return "";
}

const std::vector<WorkState>& all_work_states() {
    static const std::vector<WorkState> states = {WorkState::draft,     WorkState::pending,
                                                  WorkState::not_recommended, WorkState::returned,
                                                  WorkState::withdrawn, WorkState::entry};
    return states;
}

WorkState next_state(WorkState state, WorkEvent event) {
    switch (event) {
        case WorkEvent::edit:
            // A submitted work may be corrected while it still waits at its first level; the
            // caller checks that no level has decided on it yet.
            if (state == WorkState::draft || state == WorkState::returned ||
                state == WorkState::withdrawn || state == WorkState::pending)
                return state;
            refuse(state, "不能再修改");
        case WorkEvent::submit:
            if (state == WorkState::draft || state == WorkState::returned ||
                state == WorkState::withdrawn)
                return WorkState::pending;
            refuse(state, "不能再次提交");
        case WorkEvent::withdraw:
            if (state == WorkState::pending || state == WorkState::not_recommended ||
                state == WorkState::entry)
                return WorkState::withdrawn;
            refuse(state, "不能撤回");
        case WorkEvent::recommend:
            if (state == WorkState::pending) return WorkState::pending;
            refuse(state, "不能推荐");
        case WorkEvent::recommend_to_judging:
            if (state == WorkState::pending) return WorkState::entry;
            refuse(state, "不能推荐");
        case WorkEvent::not_recommend:
            if (state == WorkState::pending) return WorkState::not_recommended;
            refuse(state, "不能再作决定");
        case WorkEvent::return_for_changes:
            if (state == WorkState::pending) return WorkState::returned;
            refuse(state, "不能退回");
    }
    refuse(state, "不能执行此操作");
}

WorkContent checked_content(const Track& track, WorkContent content) {
    std::map<std::string, std::string> errors;
    content.title = std::string(trim(content.title));
    content.authors = std::string(trim(content.authors));
    auto title = decode_utf8(content.title);
    auto authors = decode_utf8(content.authors);
    if (!title) errors["title"] = "含有无效的字符编码";
    else if (title->empty()) errors["title"] = "请填写作品名称";
    else if (title->size() > 100) errors["title"] = "作品名称不能超过 100 个字";
    if (!authors) errors["authors"] = "含有无效的字符编码";
    else if (authors->empty()) errors["authors"] = "请填写作者";
    else if (authors->size() > 200) errors["authors"] = "作者不能超过 200 个字";
    try {
        content.form_values = check_form_values(track.rules.fields, content.form_values);
    } catch (const Error& e) {
        for (const auto& [k, v] : e.fields()) errors[k] = v;
    }
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
    return content;
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

nlohmann::json work_file_json(const WorkFile& f) {
    return {{"sha256", f.sha256},
            {"size_bytes", f.size_bytes},
            {"filename", f.filename},
            {"mime_type", f.mime_type},
            {"facts", media_facts_json(f.facts)}};
}

WorkFile work_file_from_json(const nlohmann::json& j) {
    return {j.value("sha256", ""), j.value("size_bytes", std::uint64_t{0}), j.value("filename", ""),
            j.value("mime_type", ""), media_facts_from_json(j.value("facts", nlohmann::json()))};
}

nlohmann::json form_values_json(const std::map<std::string, std::string>& values) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : values) j[k] = v;
    return j;
}

std::map<std::string, std::string> form_values_from_json(const nlohmann::json& json) {
    std::map<std::string, std::string> out;
    if (!json.is_object()) return out;
    for (const auto& [k, v] : json.items()) {
        if (v.is_string()) out[k] = v.get<std::string>();
        else if (v.is_number()) out[k] = v.dump();
    }
    return out;
}

}  // namespace wangju
