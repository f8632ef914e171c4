#include "web/works/works_track_form.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "media/probe.h"

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;
using Errors = std::map<std::string, std::string>;

constexpr std::uint64_t MiB = 1024 * 1024;
constexpr std::size_t max_field_rows = 60;
constexpr std::chrono::hours beijing_offset{8};

// A single-valued input of the form as the page draws it.
struct Input {
    std::string name;
    std::string label;
    std::string hint;
    enum { text, number, lines } kind = text;
};

struct InputGroup {
    std::string title;
    std::vector<Input> inputs;
};

// The single-valued inputs, grouped and in the order of the page.
const std::vector<InputGroup>& input_groups() {
    static const std::vector<InputGroup> groups = {
        {"说明与联系人",
         {{"description", "子项目说明", "报送者在子项目列表中看到的说明", Input::lines},
          {"contacts", "联系人", "每行一位:姓名 电话", Input::lines}}},
        {"文件要求",
         {{"video_codecs", "视频编码", "如 h264, hevc;不填则不限", Input::text},
          {"max_size_mb", "每个文件大小上限(MB)", "不填则不限", Input::number},
          {"min_size_mb", "每个文件大小下限(MB)", "如摄影作品每幅不小于 2 MB", Input::number},
          {"max_video_seconds", "视频时长上限(秒)", "如 300 即 5 分钟", Input::number},
          {"max_audio_seconds", "音频时长上限(秒)", "", Input::number},
          {"duration_field", "按选项设定时长时依据的字段", "表单字段的字段名,如 form", Input::text},
          {"duration_by_choice", "按选项的时长上限", "每行一个:选项=秒,如“朗诵=180”", Input::lines},
          {"min_short_side", "分辨率短边下限(像素)", "如 720 即 720p", Input::number},
          {"min_characters", "文章字数下限", "", Input::number},
          {"max_characters", "文章字数上限", "", Input::number},
          {"min_files", "每件作品最少文件数", "组照如“不少于 4 幅”填 4", Input::number},
          {"max_files", "每件作品最多文件数", "0 至 50", Input::number}}},
        {"报送限制",
         {{"per_person_limit", "每人限报件数", "不填则不限", Input::number},
          {"per_unit_limit", "每个单位限报件数", "不填则不限", Input::number}}}};
    return groups;
}

const std::vector<std::string>& row_inputs() {
    static const std::vector<std::string> names = {"key", "label", "type", "required",
                                                   "multiline", "min_length", "max_length",
                                                   "choices"};
    return names;
}

std::string row_name(const std::string& input, std::size_t row) {
    return fmt::format("field_{}_{}", input, row);
}

// "500", "0.5", "1.25": a number without trailing zeros, for inputs.
std::string plain_number(double value) {
    auto text = fmt::format("{:.3f}", value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
}

template <class T>
std::string optional_text(const std::optional<T>& value) {
    return value ? fmt::format("{}", *value) : "";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

// Items separated by commas (ASCII or Chinese), 、, semicolons or line breaks, trimmed.
std::vector<std::string> split_list(const std::string& text) {
    std::string unified = text;
    for (const char* separator : {"，", "、", "；", ";", "\r", "\n"}) {
        for (auto at = unified.find(separator); at != std::string::npos;
             at = unified.find(separator, at + 1))
            unified.replace(at, std::string_view(separator).size(), 1, ',');
    }
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= unified.size()) {
        auto end = std::min(unified.find(',', start), unified.size());
        auto item = trim(std::string_view(unified).substr(start, end - start));
        if (!item.empty()) items.emplace_back(item);
        start = end + 1;
    }
    return items;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = std::min(text.find('\n', start), text.size());
        auto line = trim(std::string_view(text).substr(start, end - start));
        if (!line.empty()) lines.emplace_back(line);
        start = end + 1;
    }
    return lines;
}

// Reads the inputs of one form, keeping the first problem of each input.
class Reader {
  public:
    explicit Reader(const FormFields& form) : form_(form) {}

    std::string text(const std::string& name) const {
        return std::string(trim(form_value(form_, name)));
    }
    void fail(const std::string& name, std::string message) {
        errors_.emplace(name, std::move(message));
    }
    // A whole number from 0 to `max`; nothing when left empty.
    std::optional<long long> count(const std::string& name, long long max = 1'000'000'000) {
        auto value = text(name);
        if (value.empty()) return std::nullopt;
        static const std::regex digits("[0-9]{1,10}");
        if (!std::regex_match(value, digits) || std::stoll(value) > max) {
            fail(name, fmt::format("应为 0 至 {} 之间的整数", max));
            return std::nullopt;
        }
        return std::stoll(value);
    }
    // A positive decimal number (at most three decimals) up to `max`; nothing when empty.
    std::optional<double> decimal(const std::string& name, double max, const std::string& what) {
        auto value = text(name);
        if (value.empty()) return std::nullopt;
        static const std::regex number("[0-9]{1,9}(\\.[0-9]{1,3})?");
        if (!std::regex_match(value, number) || std::stod(value) <= 0 || std::stod(value) > max) {
            fail(name, what);
            return std::nullopt;
        }
        return std::stod(value);
    }
    const Errors& errors() const { return errors_; }

  private:
    const FormFields& form_;
    Errors errors_;
};

std::vector<TrackContact> read_contacts(Reader& in) {
    std::vector<TrackContact> contacts;
    static const std::regex phone("[0-9+()\\- ]{3,30}");
    for (const auto& line : lines_of(in.text("contacts"))) {
        auto space = line.find_last_of(" \t");
        std::string name = space == std::string::npos ? "" : std::string(trim(line.substr(0, space)));
        std::string number = space == std::string::npos ? line : line.substr(space + 1);
        if (name.empty() || !std::regex_match(number, phone) || !decode_utf8(name) ||
            decode_utf8(name)->size() > 40) {
            in.fail("contacts", "每行写一位联系人:姓名、空格、电话,如“于国锋 65309739”(有误的一行:" +
                                    line + ")");
            return {};
        }
        contacts.push_back({name, number});
    }
    return contacts;
}

std::vector<std::string> read_formats(Reader& in, const FormFields& form) {
    const auto known = media::accepted_formats();
    std::vector<std::string> formats;
    for (auto value : form_values(form, "formats")) {
        value = to_lower_ascii(trim(value));
        if (std::find(known.begin(), known.end(), value) == known.end()) {
            in.fail("formats", "无法识别的文件格式“" + value + "”");
            continue;
        }
        if (std::find(formats.begin(), formats.end(), value) == formats.end())
            formats.push_back(value);
    }
    return formats;
}

std::map<std::string, double> read_durations_by_choice(Reader& in) {
    std::map<std::string, double> limits;
    static const std::regex line_form("(.+?)\\s*[=＝:：]\\s*([0-9]{1,6}(\\.[0-9]{1,3})?)");
    for (const auto& line : lines_of(in.text("duration_by_choice"))) {
        std::smatch match;
        if (!std::regex_match(line, match, line_form) || std::stod(match[2]) <= 0) {
            in.fail("duration_by_choice",
                    "每行写一个选项和它的时长上限(秒),如“朗诵=180”(有误的一行:" + line + ")");
            return {};
        }
        limits[match[1]] = std::stod(match[2]);
    }
    return limits;
}

FileRules read_file_rules(Reader& in, const FormFields& form) {
    FileRules files;
    files.formats = read_formats(in, form);
    files.video_codecs = split_list(in.text("video_codecs"));
    for (auto& codec : files.video_codecs) codec = to_lower_ascii(codec);
    const std::string size_message = "应为以 MB 计的正数,如 500 或 0.5";
    if (auto mb = in.decimal("max_size_mb", 1024 * 1024, size_message))
        files.max_size_bytes = static_cast<std::uint64_t>(std::llround(*mb * MiB));
    if (auto mb = in.decimal("min_size_mb", 1024 * 1024, size_message))
        files.min_size_bytes = static_cast<std::uint64_t>(std::llround(*mb * MiB));
    const std::string seconds_message = "应为大于 0 的秒数,如 300";
    if (auto s = in.decimal("max_video_seconds", 24 * 3600, seconds_message))
        files.max_duration_seconds["video"] = *s;
    if (auto s = in.decimal("max_audio_seconds", 24 * 3600, seconds_message))
        files.max_duration_seconds["audio"] = *s;
    files.duration_field = in.text("duration_field");
    files.duration_by_choice = read_durations_by_choice(in);
    if (files.duration_field.empty() && !files.duration_by_choice.empty())
        in.fail("duration_field", "按选项设定时长时,请填写作为依据的字段名");
    if (auto side = in.count("min_short_side", 10000)) files.min_short_side = static_cast<int>(*side);
    files.min_characters = in.count("min_characters");
    files.max_characters = in.count("max_characters");
    files.min_files = static_cast<int>(in.count("min_files", 50).value_or(0));
    auto max_files = in.count("max_files", 50);
    if (!max_files && !in.errors().contains("max_files"))
        in.fail("max_files", "请填写每件作品最多的文件数");
    files.max_files = static_cast<int>(max_files.value_or(1));
    return files;
}

bool blank_row(Reader& in, std::size_t row) {
    for (const char* input : {"key", "label", "min_length", "max_length", "choices"})
        if (!in.text(row_name(input, row)).empty()) return false;
    return true;
}

// The form fields of the rows that are filled in; `rows` gets the row of each kept field.
std::vector<FormField> read_form_fields(Reader& in, std::vector<std::size_t>& rows) {
    std::vector<FormField> fields;
    auto count = in.count("field_rows", max_field_rows).value_or(0);
    for (std::size_t row = 0; row < static_cast<std::size_t>(count); ++row) {
        if (blank_row(in, row)) continue;
        FormField f;
        f.key = in.text(row_name("key", row));
        f.label = in.text(row_name("label", row));
        auto type = parse_form_field_type(in.text(row_name("type", row)));
        if (!type) in.fail(row_name("type", row), "请选择字段类型");
        f.type = type.value_or(FormFieldType::text);
        f.required = !in.text(row_name("required", row)).empty();
        f.multiline = !in.text(row_name("multiline", row)).empty();
        f.min_length = in.count(row_name("min_length", row));
        f.max_length = in.count(row_name("max_length", row));
        f.choices = split_list(in.text(row_name("choices", row)));
        if (f.type != FormFieldType::choice && !f.choices.empty())
            in.fail(row_name("choices", row), "只有“选择”类型的字段才有选项");
        fields.push_back(std::move(f));
        rows.push_back(row);
    }
    return fields;
}

// The input that a key of check_track's errors ("files.max_files", "fields[2].key") names.
std::string input_of(const std::string& key, const std::vector<std::size_t>& rows) {
    static const std::map<std::string, std::string> renamed = {
        {"files.max_size_bytes", "max_size_mb"},   {"files.min_size_bytes", "min_size_mb"},
        {"files.max_files", "max_files"},           {"files.min_files", "min_files"},
        {"files.max_characters", "max_characters"}, {"files.min_characters", "min_characters"},
        {"files.duration_field", "duration_field"}, {"files.min_short_side", "min_short_side"}};
    if (auto it = renamed.find(key); it != renamed.end()) return it->second;
    static const std::regex field_key("fields\\[([0-9]+)\\]\\.([a-z_]+)");
    std::smatch match;
    if (std::regex_match(key, match, field_key)) {
        auto index = std::stoul(match[1]);
        if (index < rows.size()) return row_name(match[2], rows[index]);
    }
    return key;
}

[[noreturn]] void refuse(const Errors& errors) {
    throw_invalid("子项目规则有误,请按提示修改:" + errors.begin()->second, errors);
}

std::map<std::string, std::string> field_type_labels() {
    return {{"text", "文字"}, {"number", "数字"}, {"choice", "选择"}, {"link", "网址"}, {"date", "日期"}};
}

Json format_options(const FormFields& form) {
    auto chosen = form_values(form, "formats");
    auto known = media::accepted_formats();
    for (const auto& value : chosen)
        if (std::find(known.begin(), known.end(), value) == known.end()) known.push_back(value);
    Json options = Json::array();
    for (const auto& format : known) {
        bool checked = std::find(chosen.begin(), chosen.end(), format) != chosen.end();
        options.push_back({{"value", format}, {"checked", checked}});
    }
    return options;
}

Json field_rows_view(const FormFields& form, const Errors& errors) {
    Json rows = Json::array();
    std::size_t count = 0;
    try {
        count = std::min<std::size_t>(std::stoul(form_value(form, "field_rows")), max_field_rows);
    } catch (const std::exception&) {
    }
    for (std::size_t row = 0; row < count; ++row) {
        Json r{{"row", row}, {"line", row + 1}};
        Json e = Json::object();
        for (const auto& input : row_inputs()) {
            r[input] = form_value(form, row_name(input, row));
            if (auto it = errors.find(row_name(input, row)); it != errors.end()) e[input] = it->second;
        }
        Json types = Json::array();
        for (const auto& [value, label] : field_type_labels())
            types.push_back({{"value", value}, {"label", label}, {"selected", r["type"] == value}});
        r["types"] = types;
        r["required"] = !r["required"].get<std::string>().empty();
        r["multiline"] = !r["multiline"].get<std::string>().empty();
        r["e"] = e;
        r["has_error"] = !e.empty();
        rows.push_back(r);
    }
    return rows;
}

}  // namespace

FormFields track_form_values(const Track& track) {
    const auto& f = track.rules.files;
    FormFields form;
    auto put = [&form](const std::string& name, std::string value) { form.emplace(name, std::move(value)); };
    put("description", track.description);
    std::vector<std::string> contacts;
    for (const auto& c : track.contacts) contacts.push_back(c.name + " " + c.phone);
    put("contacts", joined(contacts, "\n"));
    for (const auto& format : f.formats) put("formats", format);
    put("video_codecs", joined(f.video_codecs, ", "));
    if (f.max_size_bytes) put("max_size_mb", plain_number(static_cast<double>(*f.max_size_bytes) / MiB));
    if (f.min_size_bytes) put("min_size_mb", plain_number(static_cast<double>(*f.min_size_bytes) / MiB));
    if (auto it = f.max_duration_seconds.find("video"); it != f.max_duration_seconds.end())
        put("max_video_seconds", plain_number(it->second));
    if (auto it = f.max_duration_seconds.find("audio"); it != f.max_duration_seconds.end())
        put("max_audio_seconds", plain_number(it->second));
    put("duration_field", f.duration_field);
    std::vector<std::string> by_choice;
    for (const auto& [choice, seconds] : f.duration_by_choice) by_choice.push_back(choice + "=" + plain_number(seconds));
    put("duration_by_choice", joined(by_choice, "\n"));
    put("min_short_side", optional_text(f.min_short_side));
    put("min_characters", optional_text(f.min_characters));
    put("max_characters", optional_text(f.max_characters));
    put("min_files", std::to_string(f.min_files));
    put("max_files", std::to_string(f.max_files));
    put("per_person_limit", optional_text(track.rules.per_person_limit));
    put("per_unit_limit", optional_text(track.rules.per_unit_limit));
    const auto& fields = track.rules.fields;
    put("field_rows", std::to_string(fields.size() + blank_field_rows));
    for (std::size_t row = 0; row < fields.size(); ++row) {
        const auto& field = fields[row];
        put(row_name("key", row), field.key);
        put(row_name("label", row), field.label);
        put(row_name("type", row), std::string(to_string(field.type)));
        put(row_name("required", row), field.required ? "1" : "");
        put(row_name("multiline", row), field.multiline ? "1" : "");
        put(row_name("min_length", row), optional_text(field.min_length));
        put(row_name("max_length", row), optional_text(field.max_length));
        put(row_name("choices", row), joined(field.choices, "、"));
    }
    for (std::size_t row = fields.size(); row < fields.size() + blank_field_rows; ++row)
        put(row_name("type", row), "text");
    return form;
}

Track track_from_form(Track track, const FormFields& form) {
    Reader in(form);
    track.description = in.text("description");
    if (!decode_utf8(track.description)) in.fail("description", "含有无效的字符编码");
    else if (decode_utf8(track.description)->size() > 2000) in.fail("description", "说明不能超过 2000 字");
    track.contacts = read_contacts(in);
    TrackRules rules;
    rules.files = read_file_rules(in, form);
    std::vector<std::size_t> rows;
    rules.fields = read_form_fields(in, rows);
    if (auto n = in.count("per_person_limit", 10000)) rules.per_person_limit = static_cast<int>(*n);
    if (auto n = in.count("per_unit_limit", 100000)) rules.per_unit_limit = static_cast<int>(*n);
    if (!in.errors().empty()) refuse(in.errors());
    track.rules = rules;
    try {
        check_track(track);
    } catch (const Error& error) {
        Errors errors;
        for (const auto& [key, message] : error.fields()) errors.emplace(input_of(key, rows), message);
        if (errors.empty()) throw;
        refuse(errors);
    }
    return track;
}

Json track_form_view(const FormFields& form, const Errors& errors) {
    Json groups = Json::array();
    for (const auto& group : input_groups()) {
        Json inputs = Json::array();
        for (const auto& input : group.inputs) {
            auto error = errors.find(input.name);
            inputs.push_back({{"name", input.name},
                              {"label", input.label},
                              {"hint", input.hint},
                              {"value", form_value(form, input.name)},
                              {"lines", input.kind == Input::lines},
                              {"numeric", input.kind == Input::number},
                              {"error", error == errors.end() ? Json(false) : Json(error->second)}});
        }
        groups.push_back({{"title", group.title}, {"inputs", inputs}});
    }
    auto formats_error = errors.find("formats");
    return {{"groups", groups},
            {"formats", format_options(form)},
            {"formats_error", formats_error == errors.end() ? Json(false) : Json(formats_error->second)},
            {"rows", field_rows_view(form, errors)},
            {"field_rows", form_value(form, "field_rows")}};
}

std::string input_label(const std::string& name) {
    for (const auto& group : input_groups())
        for (const auto& input : group.inputs)
            if (input.name == name) return input.label;
    static const std::map<std::string, std::string> others = {
        {"formats", "接受的文件格式"}, {"quota", "推荐名额"}, {"deadline", "截止时间"}};
    if (auto it = others.find(name); it != others.end()) return it->second;
    static const std::map<std::string, std::string> columns = {
        {"key", "字段名"},       {"label", "名称"},       {"type", "类型"},
        {"min_length", "最少字数"}, {"max_length", "最多字数"}, {"choices", "选项"}};
    static const std::regex row_input("field_([a-z_]+)_([0-9]+)");
    std::smatch match;
    if (std::regex_match(name, match, row_input)) {
        auto column = columns.find(match[1]);
        return fmt::format("表单字段第 {} 行的{}", std::stoul(match[2]) + 1,
                           column == columns.end() ? std::string("内容") : column->second);
    }
    return name;
}

LevelSetting level_from_form(TrackId track, ChainLevel level, const FormFields& form) {
    Reader in(form);
    auto quota = in.count("quota", 100000);
    if (!quota && !in.errors().contains("quota")) in.fail("quota", "请填写推荐名额");
    static const std::regex local("([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2})(:[0-9]{2})?");
    std::smatch match;
    const std::string text = in.text("deadline");
    std::optional<Timestamp> deadline;
    if (std::regex_match(text, match, local))
        deadline = parse_utc(match[1].str() + "T" + match[2].str() + ":00Z");
    if (!deadline) in.fail("deadline", "截止时间应为北京时间的日期和时刻,如 2026-12-08T17:00");
    if (!in.errors().empty()) throw_invalid("推荐名额或截止时间有误:" + in.errors().begin()->second, in.errors());
    return {track, level, static_cast<int>(*quota), *deadline - beijing_offset};
}

std::string deadline_input_value(Timestamp deadline) {
    return format_utc(deadline + beijing_offset).substr(0, 16);
}

}  // namespace wangju::web::works
