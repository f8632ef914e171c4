// The column sets of the notice's three tables (附件2, 附件3, 附件4), as the district sends them
// out. Each function returns the header of one table with its title, sheet name, columns and
// note; the caller sets `unit_name` (the unit filling in the table) and `date` (YYYY-MM-DD),
// then writes rows with OfficialTableWriter in the column order documented here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "export/official_table.h"

namespace wangju::tables {

// What the titles name: the campaign's year, the federation that issues the tables and the
// campaign's theme, as in "2023年滨海新区总工会开展“网聚职工正能量 争做中国好网民”主题活动…".
struct CampaignNames {
    int year = 2023;
    std::string issuer = "滨海新区总工会";
    std::string theme = "网聚职工正能量 争做中国好网民";
};

// 附件2 “12351+”计划任务分配表: 序号, 单位, then one integer column per metric (its name as
// the header, e.g. "线下活动(场)"), each summed in the 合计 row.
// Row: {序号, 单位名称, quota of metric 1, quota of metric 2, ...}.
OfficialTableHeader quota_table(const CampaignNames& names,
                                const std::vector<std::string>& metric_names);

// 附件3 线下活动统计表, one row per offline activity, in the order of ActivityColumn.
OfficialTableHeader activity_table(const CampaignNames& names);

enum ActivityColumn : std::size_t {
    activity_number,        // 序号
    activity_unit,          // 单位
    activity_name,          // 活动名称
    activity_date,          // 活动时间 (YYYY-MM-DD, or text such as "7月中旬")
    activity_place,         // 活动地点
    activity_form,          // 活动形式 (知识竞赛, 主题演讲, 公益活动, 志愿服务, 集中宣传, 文艺展演…)
    activity_subject,       // 活动主题
    activity_participants,  // 参与职工人数 (summed)
    activity_promoters,     // 招募“好网民”宣传员人数 (summed)
    activity_online,        // 线上宣传形式及链接 (网络宣传, 新媒体直播, 短视频…)
    activity_views,         // 线上浏览量 (summed)
    activity_remark,        // 备注
    activity_column_count
};

// One offline activity as the unit reported it; counts that were not reported stay empty.
struct ActivityLine {
    std::string unit;
    std::string name;
    std::string date;
    std::string place;
    std::string form;
    std::string subject;
    std::optional<long long> participants;
    std::optional<long long> promoters;
    std::string online;
    std::optional<long long> views;
    std::string remark;
};
OfficialRow activity_row(long long number, const ActivityLine& line);

// 附件4 各子项目活动情况汇总表: 序号, 单位, then for each track two columns under the track's
// name, 报送作品数 and 推荐作品数, then 合计 报送 and 推荐 over all tracks; every count summed.
// Row: {序号, 单位名称, track 1 submitted, track 1 recommended, ..., total submitted, total
// recommended}; track_summary_row builds it from the counts.
OfficialTableHeader track_summary_table(const CampaignNames& names,
                                        const std::vector<std::string>& track_names);

struct TrackCounts {
    long long submitted = 0;
    long long recommended = 0;
};
OfficialRow track_summary_row(long long number, const std::string& unit,
                              const std::vector<TrackCounts>& per_track);

// The ten tracks of 2023, in the notice's order (the default of a new campaign).
const std::vector<std::string>& tracks_2023();
// The metrics of the "12351+" plan that 附件2 splits between units.
const std::vector<std::string>& quota_metrics_2023();

}  // namespace wangju::tables
