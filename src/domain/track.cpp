#include "domain/track.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {
namespace {

using Json = nlohmann::json;

template <class T>
void put_optional(Json& j, const char* key, const std::optional<T>& value) {
    j[key] = value ? Json(*value) : Json(nullptr);
}

// Reads an optional non-negative integer at `key`; throws naming `where.key` when mistyped.
template <class T>
std::optional<T> optional_count(const Json& j, const char* key, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer() || it->get<long long>() < 0) {
        const std::string name = where + key;
        throw_invalid("规则“" + name + "”应为非负整数", {{name, "应为非负整数"}});
    }
    return static_cast<T>(it->get<long long>());
}

std::vector<std::string> string_list(const Json& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) throw_invalid("规则“" + where + key + "”应为列表", {{where + key, "应为列表"}});
    for (const auto& v : *it) {
        if (!v.is_string()) throw_invalid("规则“" + where + key + "”应为文字列表", {{where + key, "应为文字列表"}});
        out.push_back(v.get<std::string>());
    }
    return out;
}

std::map<std::string, double> seconds_map(const Json& j, const char* key, const std::string& where) {
    std::map<std::string, double> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_object()) throw_invalid("规则“" + where + key + "”格式错误", {{where + key, "格式错误"}});
    for (const auto& [name, v] : it->items()) {
        if (!v.is_number() || v.get<double>() <= 0) {
            throw_invalid("规则“" + where + key + "”的时长应为正数", {{where + key, "时长应为正数"}});
        }
        out[name] = v.get<double>();
    }
    return out;
}

Json to_json(const FormField& f) {
    Json j{{"key", f.key},           {"label", f.label},         {"type", to_string(f.type)},
           {"required", f.required}, {"multiline", f.multiline}, {"choices", f.choices}};
    put_optional(j, "min_length", f.min_length);
    put_optional(j, "max_length", f.max_length);
    return j;
}

FormField form_field_from_json(const Json& j, const std::string& where) {
    if (!j.is_object()) throw_invalid("规则“" + where + "”格式错误", {{where, "格式错误"}});
    FormField f;
    f.key = j.value("key", "");
    f.label = j.value("label", "");
    auto type = parse_form_field_type(j.value("type", ""));
    if (!type) throw_invalid("规则“" + where + "type”无法识别", {{where + "type", "应为 text、number、choice、link 或 date"}});
    f.type = *type;
    f.required = j.value("required", false);
    f.multiline = j.value("multiline", false);
    f.min_length = optional_count<std::int64_t>(j, "min_length", where);
    f.max_length = optional_count<std::int64_t>(j, "max_length", where);
    f.choices = string_list(j, "choices", where);
    return f;
}

Json to_json(const FileRules& r) {
    Json j{{"formats", r.formats},
           {"video_codecs", r.video_codecs},
           {"max_duration_seconds", r.max_duration_seconds},
           {"duration_field", r.duration_field},
           {"duration_by_choice", r.duration_by_choice},
           {"min_files", r.min_files},
           {"max_files", r.max_files}};
    put_optional(j, "max_size_bytes", r.max_size_bytes);
    put_optional(j, "min_size_bytes", r.min_size_bytes);
    put_optional(j, "min_short_side", r.min_short_side);
    put_optional(j, "min_characters", r.min_characters);
    put_optional(j, "max_characters", r.max_characters);
    return j;
}

FileRules file_rules_from_json(const Json& j) {
    const std::string w = "files.";
    FileRules r;
    if (j.is_null()) return r;
    if (!j.is_object()) throw_invalid("规则“files”格式错误", {{"files", "格式错误"}});
    r.formats = string_list(j, "formats", w);
    for (auto& f : r.formats) f = to_lower_ascii(f);
    r.video_codecs = string_list(j, "video_codecs", w);
    r.max_size_bytes = optional_count<std::uint64_t>(j, "max_size_bytes", w);
    r.min_size_bytes = optional_count<std::uint64_t>(j, "min_size_bytes", w);
    r.max_duration_seconds = seconds_map(j, "max_duration_seconds", w);
    r.duration_field = j.value("duration_field", "");
    r.duration_by_choice = seconds_map(j, "duration_by_choice", w);
    r.min_short_side = optional_count<int>(j, "min_short_side", w);
    r.min_characters = optional_count<std::int64_t>(j, "min_characters", w);
    r.max_characters = optional_count<std::int64_t>(j, "max_characters", w);
    r.min_files = optional_count<int>(j, "min_files", w).value_or(0);
    r.max_files = optional_count<int>(j, "max_files", w).value_or(1);
    return r;
}

bool is_field_key(std::string_view key) {
    if (key.empty() || key.size() > 40) return false;
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

void check_rules(const TrackRules& rules) {
    std::map<std::string, std::string> errors;
    const auto& files = rules.files;
    if (files.max_files < files.min_files) errors["files.max_files"] = "文件数上限不能小于下限";
    if (files.max_files > 50) errors["files.max_files"] = "每件作品最多 50 个文件";
    if (files.max_size_bytes && files.min_size_bytes && *files.max_size_bytes < *files.min_size_bytes)
        errors["files.max_size_bytes"] = "文件大小上限不能小于下限";
    if (files.max_characters && files.min_characters && *files.max_characters < *files.min_characters)
        errors["files.max_characters"] = "字数上限不能小于下限";
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < rules.fields.size(); ++i) {
        const auto& f = rules.fields[i];
        const std::string where = fmt::format("fields[{}]", i);
        if (!is_field_key(f.key)) errors[where + ".key"] = "字段名应为 1 至 40 个小写字母、数字或下划线";
        if (seen[f.key]++ > 0) errors[where + ".key"] = "字段名“" + f.key + "”重复";
        if (trim(f.label).empty()) errors[where + ".label"] = "请填写字段的名称";
        if (f.type == FormFieldType::choice && f.choices.empty())
            errors[where + ".choices"] = "选择题至少要有一个选项";
        if (f.min_length && f.max_length && *f.max_length < *f.min_length)
            errors[where + ".max_length"] = "字数上限不能小于下限";
    }
    if (!files.duration_field.empty() && seen.find(files.duration_field) == seen.end())
        errors["files.duration_field"] = "时长依据的字段“" + files.duration_field + "”不存在";
    if (rules.per_person_limit && *rules.per_person_limit < 1) errors["per_person_limit"] = "每人限报件数至少为 1";
    if (rules.per_unit_limit && *rules.per_unit_limit < 1) errors["per_unit_limit"] = "每单位限报件数至少为 1";
    if (!errors.empty()) throw_invalid("子项目规则有误:" + errors.begin()->second, errors);
}

std::string check_text_value(const FormField& f, const std::string& value) {
    const auto chars = decode_utf8(value);
    if (!chars) return "含有无效的字符编码";
    const auto n = static_cast<std::int64_t>(chars->size());
    if (f.min_length && n < *f.min_length)
        return fmt::format("{}应不少于 {} 字(现为 {} 字)", f.label, *f.min_length, n);
    if (f.max_length && n > *f.max_length)
        return fmt::format("{}应不超过 {} 字(现为 {} 字)", f.label, *f.max_length, n);
    return "";
}

bool is_number(const std::string& value) {
    std::size_t i = 0, digits = 0;
    if (i < value.size() && (value[i] == '-' || value[i] == '+')) ++i;
    bool dot = false;
    for (; i < value.size(); ++i) {
        if (value[i] == '.' && !dot) {
            dot = true;
        } else if (value[i] >= '0' && value[i] <= '9') {
            ++digits;
        } else {
            return false;
        }
    }
    return digits > 0 && value.size() <= 30;
}

bool is_link(const std::string& value) {
    const bool scheme = value.rfind("https://", 0) == 0 || value.rfind("http://", 0) == 0;
    if (!scheme || value.size() > 2000) return false;
    const auto host_start = value.find("//") + 2;
    if (host_start >= value.size() || value[host_start] == '/') return false;
    for (unsigned char c : value) {
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>') return false;
    }
    return true;
}

std::string check_value(const FormField& f, const std::string& value) {
    switch (f.type) {
        case FormFieldType::text:
            return check_text_value(f, value);
        case FormFieldType::number:
            return is_number(value) ? "" : f.label + "应为数字";
        case FormFieldType::choice:
            for (const auto& c : f.choices) {
                if (c == value) return "";
            }
            return f.label + "应为所列选项之一";
        case FormFieldType::link:
            return is_link(value) ? "" : f.label + "应为以 http:// 或 https:// 开头的网址";
        case FormFieldType::date:
            return parse_date(value) ? "" : f.label + "应为日期,格式为YYYY-MM-DD";
    }
    return "";
}

}  // namespace

std::string_view to_string(FormFieldType type) {
    switch (type) {
        case FormFieldType::text: return "text";
        case FormFieldType::number: return "number";
        case FormFieldType::choice: return "choice";
        case FormFieldType::link: return "link";
        case FormFieldType::date: return "date";
    }
    return "text";
}

std::optional<FormFieldType> parse_form_field_type(std::string_view text) {
    for (auto t : {FormFieldType::text, FormFieldType::number, FormFieldType::choice,
                   FormFieldType::link, FormFieldType::date}) {
        if (to_string(t) == text) return t;
    }
    return std::nullopt;
}

Json to_json(const TrackRules& rules) {
    Json fields = Json::array();
    for (const auto& f : rules.fields) fields.push_back(to_json(f));
    Json j{{"files", to_json(rules.files)}, {"fields", fields}};
    put_optional(j, "per_person_limit", rules.per_person_limit);
    put_optional(j, "per_unit_limit", rules.per_unit_limit);
    return j;
}

TrackRules track_rules_from_json(const Json& json) {
    if (!json.is_object()) throw_invalid("子项目规则应为 JSON 对象", {{"rules", "应为 JSON 对象"}});
    TrackRules rules;
    rules.files = file_rules_from_json(json.value("files", Json(nullptr)));
    if (auto it = json.find("fields"); it != json.end() && !it->is_null()) {
        if (!it->is_array()) throw_invalid("规则“fields”应为列表", {{"fields", "应为列表"}});
        for (std::size_t i = 0; i < it->size(); ++i) {
            rules.fields.push_back(form_field_from_json((*it)[i], fmt::format("fields[{}].", i)));
        }
    }
    rules.per_person_limit = optional_count<int>(json, "per_person_limit", "");
    rules.per_unit_limit = optional_count<int>(json, "per_unit_limit", "");
    check_rules(rules);
    return rules;
}

Json contacts_json(const std::vector<TrackContact>& contacts) {
    Json list = Json::array();
    for (const auto& c : contacts) list.push_back({{"name", c.name}, {"phone", c.phone}});
    return list;
}

std::vector<TrackContact> contacts_from_json(const Json& json) {
    std::vector<TrackContact> out;
    if (!json.is_array()) return out;
    for (const auto& c : json) {
        if (c.is_object()) out.push_back({c.value("name", ""), c.value("phone", "")});
    }
    return out;
}

Json to_json(const Track& track) {
    return {{"id", track.id.value},
            {"campaign_id", track.campaign.value},
            {"number", track.number},
            {"code", track.code},
            {"name", track.name},
            {"kinds", track.kinds},
            {"description", track.description},
            {"contacts", contacts_json(track.contacts)},
            {"rules", to_json(track.rules)}};
}

void check_track(const Track& track) {
    std::map<std::string, std::string> errors;
    if (trim(track.name).empty()) errors["name"] = "请填写子项目名称";
    if (!decode_utf8(track.description)) errors["description"] = "含有无效的字符编码";
    if (!is_field_key(track.code)) errors["code"] = "编码应为 1 至 40 个小写字母、数字或下划线";
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
    check_rules(track.rules);
}

std::map<std::string, std::string> check_form_values(const std::vector<FormField>& fields,
                                                     const std::map<std::string, std::string>& values) {
    std::map<std::string, std::string> kept, errors;
    for (const auto& f : fields) {
        auto it = values.find(f.key);
        const std::string value = it == values.end() ? "" : std::string(trim(it->second));
        if (value.empty()) {
            if (f.required) errors[f.key] = "请填写" + f.label;
            continue;
        }
        auto problem = check_value(f, value);
        if (!problem.empty()) {
            errors[f.key] = problem;
            continue;
        }
        kept[f.key] = value;
    }
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
    return kept;
}

std::string format_size(std::uint64_t bytes) {
    constexpr std::uint64_t kb = 1024, mb = kb * 1024, gb = mb * 1024;
    auto show = [](std::uint64_t n, std::uint64_t unit, const char* name) {
        if (n % unit == 0) return fmt::format("{} {}", n / unit, name);
        return fmt::format("{:.1f} {}", static_cast<double>(n) / static_cast<double>(unit), name);
    };
    if (bytes >= gb) return show(bytes, gb, "GB");
    if (bytes >= mb) return show(bytes, mb, "MB");
    if (bytes >= kb) return show(bytes, kb, "KB");
    return fmt::format("{} 字节", bytes);
}

std::string format_duration(long long seconds) {
    if (seconds < 0) seconds = 0;
    const long long minutes = seconds / 60, rest = seconds % 60;
    if (minutes == 0) return fmt::format("{}秒", rest);
    if (rest == 0) return fmt::format("{}分钟", minutes);
    return fmt::format("{}分{}秒", minutes, rest);
}

}  // namespace wangju
