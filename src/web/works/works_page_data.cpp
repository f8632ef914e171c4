#include "web/works/works_page_data.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;

std::string upper_list(const std::vector<std::string>& items) {
    std::string out;
    for (auto item : items) {
        std::transform(item.begin(), item.end(), item.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (!out.empty()) out += "、";
        out += item;
    }
    return out;
}

std::string kind_word(const std::string& kind) {
    if (kind == "video") return "视频";
    if (kind == "audio") return "音频";
    return kind;
}

// "1280×720 · 12秒": what was measured from a file's content, as the reviewer checks it.
std::string file_measures(const MediaFacts& facts) {
    std::vector<std::string> parts;
    if (facts.width && facts.height) parts.push_back(fmt::format("{}×{}", *facts.width, *facts.height));
    if (facts.duration_seconds) parts.push_back(format_duration(std::llround(*facts.duration_seconds)));
    if (facts.characters) parts.push_back(fmt::format("{} 字", *facts.characters));
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : " · ") + part;
    return out;
}

}  // namespace

std::string local_time(Timestamp t) { return format_shanghai(t); }

std::vector<std::string> describe_rules(const TrackRules& rules) {
    std::vector<std::string> out;
    const auto& f = rules.files;
    if (f.formats.empty()) {
        out.push_back("不需要上传文件");
    } else {
        out.push_back("接受的文件格式(按文件内容识别):" + upper_list(f.formats));
    }
    if (!f.video_codecs.empty()) out.push_back("视频编码:" + upper_list(f.video_codecs));
    for (const auto& [kind, seconds] : f.max_duration_seconds) {
        out.push_back(kind_word(kind) + "时长不超过 " + format_duration(std::llround(seconds)));
    }
    for (const auto& [choice, seconds] : f.duration_by_choice) {
        out.push_back(choice + "不超过 " + format_duration(std::llround(seconds)));
    }
    if (f.min_short_side) out.push_back(fmt::format("分辨率短边不少于 {} 像素", *f.min_short_side));
    if (f.max_size_bytes) out.push_back("每个文件不超过 " + format_size(*f.max_size_bytes));
    if (f.min_size_bytes) out.push_back("每个文件不小于 " + format_size(*f.min_size_bytes));
    if (f.min_characters || f.max_characters) {
        out.push_back(fmt::format("文章字数 {} 至 {} 字", f.min_characters.value_or(0),
                                  f.max_characters ? std::to_string(*f.max_characters) : "不限"));
    }
    if (!f.formats.empty()) {
        out.push_back(f.min_files > 0 ? fmt::format("每件作品 {} 至 {} 个文件", f.min_files, f.max_files)
                                      : fmt::format("每件作品最多 {} 个文件", f.max_files));
    }
    if (rules.per_person_limit) out.push_back(fmt::format("每人限报 {} 件", *rules.per_person_limit));
    if (rules.per_unit_limit) out.push_back(fmt::format("每个单位限报 {} 件", *rules.per_unit_limit));
    for (const auto& field : rules.fields) {
        if (field.required) out.push_back("须填写:" + field.label);
    }
    return out;
}

Json track_page_json(const Track& track, const std::vector<LevelSetting>& levels) {
    Json contacts = Json::array();
    for (const auto& c : track.contacts) contacts.push_back({{"name", c.name}, {"phone", c.phone}});
    Json level_list = Json::array();
    for (const auto& l : levels) {
        level_list.push_back({{"label", label_zh(l.level)},
                              {"quota", l.quota},
                              {"deadline", local_time(l.deadline)}});
    }
    return {{"id", track.id.value},   {"number", track.number},
            {"code", track.code},     {"name", track.name},
            {"kinds", track.kinds},   {"description", track.description},
            {"contacts", contacts},   {"rules", describe_rules(track.rules)},
            {"levels", level_list},   {"has_levels", !levels.empty()}};
}

Json form_fields_json(const std::vector<FormField>& fields,
                      const std::map<std::string, std::string>& values,
                      const std::map<std::string, std::string>& errors) {
    Json list = Json::array();
    for (const auto& f : fields) {
        auto v = values.find(f.key);
        const std::string value = v == values.end() ? "" : v->second;
        Json choices = Json::array();
        for (const auto& c : f.choices) choices.push_back({{"value", c}, {"selected", c == value}});
        auto e = errors.find(f.key);
        Json j{{"key", f.key},
               {"id", "field-" + f.key},
               {"label", f.label},
               {"required", f.required},
               {"value", value},
               {"textarea", f.type == FormFieldType::text && f.multiline},
               {"input", f.type != FormFieldType::choice &&
                             !(f.type == FormFieldType::text && f.multiline)},
               {"input_type", f.type == FormFieldType::number ? "number"
                              : f.type == FormFieldType::link ? "url"
                              : f.type == FormFieldType::date ? "date"
                                                              : "text"},
               {"choice", f.type == FormFieldType::choice},
               {"choices", choices},
               {"error", e == errors.end() ? "" : e->second}};
        if (f.max_length) j["max_length"] = *f.max_length;
        list.push_back(j);
    }
    return list;
}

Json work_page_json(const Work& work, const Track& track) {
    Json files = Json::array();
    for (std::size_t i = 0; i < work.content.files.size(); ++i) {
        const auto& f = work.content.files[i];
        files.push_back({{"index", i},
                         {"filename", f.filename},
                         {"size", format_size(f.size_bytes)},
                         {"bytes", f.size_bytes},
                         {"format", f.facts.format},
                         {"measures", file_measures(f.facts)},
                         {"sha256", f.sha256.substr(0, 12)}});
    }
    Json values = Json::array();
    for (const auto& field : track.rules.fields) {
        auto v = work.content.form_values.find(field.key);
        if (v != work.content.form_values.end()) {
            values.push_back({{"label", field.label}, {"value", v->second}});
        }
    }
    return {{"id", work.id.value},
            {"title", work.content.title},
            {"authors", work.content.authors},
            {"track_name", track.name},
            {"track_code", track.code},
            {"state", to_string(work.state)},
            {"state_label", label_zh(work.state)},
            {"return_reason", work.return_reason},
            {"version", work.version},
            {"updated_at", local_time(work.updated_at)},
            {"files", files},
            {"has_files", !files.empty()},
            {"values", values}};
}

}  // namespace wangju::web::works
