// The plan of a campaign: its phases (启动推荐, 评选, 总结展示) with dates, and the deadlines of each
// duty per level of the tree. A deadline is set by a unit for the units below it ("the district's
// units report by 5 August"); the nearest such unit above a filer decides its deadline. A higher
// level may grant one unit an extension of one duty.
//
// Every deadline is a civil date in Asia/Shanghai and is inclusive: a filing at 23:59:59 that day
// is on time, one a second later is late.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/time.h"
#include "domain/unit.h"
#include "domain/user.h"

namespace wangju {

struct Phase {
    std::int64_t id = 0;
    CampaignId campaign;
    int position = 0;      // 1, 2, 3: display order
    std::string name;      // "启动推荐"
    Date starts_on{};
    Date ends_on{};
};

// Duties that the program knows by name; any other code is allowed and shown as it is.
inline constexpr const char* duty_activity_report = "activity_report";   // 报送线下活动统计
inline constexpr const char* duty_recommend_works = "recommend_works";   // 推荐作品
std::string duty_label(std::string_view duty);

// `set_by` is the unit whose descendants must do `duty` by `due_on`.
struct Deadline {
    std::int64_t id = 0;
    CampaignId campaign;
    std::string duty;
    UnitId set_by;
    Date due_on{};
};

struct Extension {
    std::int64_t id = 0;
    CampaignId campaign;
    std::string duty;
    UnitId unit;          // the unit that may file later
    Date until{};         // new inclusive last day
    std::string reason;
    UserId granted_by;
    Timestamp granted_at{};
};

// The last second (UTC) of `day` in Asia/Shanghai: 23:59:59 +08:00.
Timestamp end_of_shanghai_day(Date day);
// True when `at` is no later than the end of `due` in Asia/Shanghai.
bool is_on_time(Timestamp at, Date due);

// The deadline that applies to a unit with materialized path `unit_path` for `duty`: the one set
// by the nearest proper ancestor. Nothing when no ancestor set one (no deadline: always open).
std::optional<Deadline> deadline_for(const std::vector<Deadline>& deadlines,
                                     std::string_view unit_path, std::string_view duty);

// The deadline that the children of the unit at `unit_path` have: set by the unit itself or the
// nearest ancestor that set one.
std::optional<Deadline> deadline_below(const std::vector<Deadline>& deadlines,
                                       std::string_view unit_path, std::string_view duty);

// Where a unit stands towards one duty at `now`.
struct DutyWindow {
    std::optional<Date> due;        // the deadline's date
    std::optional<Date> extended;   // the extension's date, when one was granted and is later
    bool open = true;               // filing allowed at `now`
    bool late = false;              // `now` is past the deadline itself (within an extension)
};
DutyWindow duty_window(const std::optional<Deadline>& deadline,
                       const std::optional<Extension>& extension, Timestamp now);

// Throws Error(deadline_passed) with a Chinese message naming the date when `window` is closed.
void require_open(const DutyWindow& window, std::string_view duty);

// "还剩 3 天 4 小时", "今天截止,还剩 5 小时", "已截止": the countdown shown beside a deadline.
std::string countdown_text(Date due, Timestamp now);

// Checks a phase or deadline from a form; throw Error(invalid) naming the field.
void check_phase(const Phase& phase);
void check_duty_code(std::string_view duty);

nlohmann::json to_json(const Phase& phase);
nlohmann::json to_json(const Deadline& deadline, Timestamp now);

}  // namespace wangju
