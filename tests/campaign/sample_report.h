// The activity report the campaign tests file: a network-security quiz in the workers' home.
#pragma once

#include <string_view>

#include "domain/activity_report.h"
#include "domain/time.h"

namespace wangju::testing {

inline ReportDraft sample_report(long long participants, std::string_view held_on = "2023-07-01") {
    ReportDraft d;
    d.activity_name = "网络安全知识竞赛";
    d.held_on = parse_date(held_on);
    d.place = "职工之家";
    d.form = "知识竞赛";
    d.themes = {"网络安全知识"};
    d.participants = participants;
    return d;
}

}  // namespace wangju::testing
