// A track (子项目): one of a campaign's solicitation tracks, such as 网络正能量微视频征集. Its rules
// are data (TrackRules, stored as JSON and edited by admins): the files it takes, checked by
// content, the form fields a work fills in, and how many works a person and a unit may submit.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"

namespace wangju {

struct TrackId {
    std::int64_t value = 0;
    auto operator<=>(const TrackId&) const = default;
};

enum class FormFieldType { text, number, choice, link, date };

std::string_view to_string(FormFieldType type);
std::optional<FormFieldType> parse_form_field_type(std::string_view text);

// One input of a track's form ("歌词", "拍摄时间").
struct FormField {
    std::string key;    // [a-z0-9_]{1,40}, the name in forms and in stored values
    std::string label;  // Chinese, shown beside the input and in messages
    FormFieldType type = FormFieldType::text;
    bool required = false;
    bool multiline = false;                   // text: a textarea
    std::optional<std::int64_t> min_length;   // text: characters, not bytes
    std::optional<std::int64_t> max_length;   // text
    std::vector<std::string> choices;         // choice: the allowed values
};

// What a track accepts as files, checked against MediaFacts measured from the content.
struct FileRules {
    std::vector<std::string> formats;       // "mp4", "mp3", "jpeg"...; empty: no files taken
    std::vector<std::string> video_codecs;  // "h264", "hevc"; empty: any
    std::optional<std::uint64_t> max_size_bytes;
    std::optional<std::uint64_t> min_size_bytes;  // photos: "at least 2 MB each"
    // Longest audio and video, by kind: {"video": 300, "audio": 300}.
    std::map<std::string, double> max_duration_seconds;
    // A longer or shorter limit chosen by a choice field, e.g. 诵读: {"field": "form", "limits":
    // {"朗诵": 180, "讲述": 240, "演讲": 300}}; overrides max_duration_seconds for that value.
    std::string duration_field;
    std::map<std::string, double> duration_by_choice;
    std::optional<int> min_short_side;      // pixels of the shorter side: 720 for "720p"
    std::optional<std::int64_t> min_characters;  // text documents
    std::optional<std::int64_t> max_characters;
    int min_files = 0;  // a photo set: at least 4
    int max_files = 1;
};

struct TrackRules {
    FileRules files;
    std::vector<FormField> fields;
    std::optional<int> per_person_limit;  // works one person may submit in the track
    std::optional<int> per_unit_limit;    // works one unit may submit in the track
};

struct TrackContact {
    std::string name;
    std::string phone;
};

struct Track {
    TrackId id;
    CampaignId campaign;
    int number = 0;          // 1..10, the order of the notice
    std::string code;        // "micro_videos", used in URLs
    std::string name;        // "网络正能量微视频征集"
    std::string kinds;       // kinds of work, one line: "视频"
    std::string description;
    std::vector<TrackContact> contacts;  // 附件1
    TrackRules rules;
};

// JSON forms. `track_rules_from_json` checks what it reads and throws Error(invalid) naming the
// bad part ("rules.fields[2].type"), so that an admin's edit never stores rules that cannot apply.
nlohmann::json to_json(const TrackRules& rules);
TrackRules track_rules_from_json(const nlohmann::json& json);
nlohmann::json to_json(const Track& track);
nlohmann::json contacts_json(const std::vector<TrackContact>& contacts);
std::vector<TrackContact> contacts_from_json(const nlohmann::json& json);

// Checks the parts of a track an admin edits (name, code, rules); throws Error(invalid).
void check_track(const Track& track);

// Checks submitted form values against the fields; returns the values kept (trimmed, only the
// track's keys) or throws Error(invalid) with one message per bad field, keyed by field key.
std::map<std::string, std::string> check_form_values(
    const std::vector<FormField>& fields, const std::map<std::string, std::string>& values);

// "500 MB", "2 MB", "800 KB": for rules and messages.
std::string format_size(std::uint64_t bytes);
// "6分12秒", "5分钟", "45秒": whole seconds.
std::string format_duration(long long seconds);

}  // namespace wangju
