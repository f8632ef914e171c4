#include "export/official_tables.h"

namespace wangju::tables {

namespace {

std::string year_text(const CampaignNames& names) { return std::to_string(names.year) + "年"; }

OfficialColumn counted(std::string header, double width = 11, std::string group = {}) {
    return {std::move(header), ColumnKind::integer, width, true, {}, std::move(group)};
}

OfficialCell count_cell(const std::optional<long long>& value) {
    if (!value) return std::monostate{};
    return *value;
}

}  // namespace

OfficialTableHeader quota_table(const CampaignNames& names,
                                const std::vector<std::string>& metric_names) {
    OfficialTableHeader header;
    header.title = year_text(names) + names.issuer + "开展“" + names.theme +
                   "”主题活动“12351+”计划任务分配表";
    header.sheet_name = "任务分配";
    header.columns = {{"序号", ColumnKind::integer, 6}, {"单位", ColumnKind::text, 30}};
    for (const std::string& metric : metric_names) header.columns.push_back(counted(metric, 14));
    header.note = "注:各单位开展线下活动不少于3场,任务数为最低目标。";
    return header;
}

OfficialTableHeader activity_table(const CampaignNames& names) {
    OfficialTableHeader header;
    header.title = year_text(names) + names.issuer + "贯彻落实“12351+”计划目标任务开展线下活动统计表";
    header.sheet_name = "线下活动统计";
    header.columns = {
        {"序号", ColumnKind::integer, 6},
        {"单位", ColumnKind::text, 20},
        {"活动名称", ColumnKind::text, 24},
        {"活动时间", ColumnKind::date, 15},
        {"活动地点", ColumnKind::text, 16},
        {"活动形式", ColumnKind::text, 12},
        {"活动主题", ColumnKind::text, 22},
        counted("参与职工人数", 10),
        counted("招募“好网民”宣传员人数", 12),
        {"线上宣传形式及链接", ColumnKind::text, 28},
        counted("线上浏览量", 11),
        {"备注", ColumnKind::text, 12},
    };
    header.note =
        "注:活动形式填写知识竞赛、主题演讲、公益活动、志愿服务、集中宣传、文艺展演等;"
        "线下活动开展线上宣传的,请填写宣传形式(网络宣传、新媒体直播、短视频展示等)及链接。";
    return header;
}

OfficialRow activity_row(long long number, const ActivityLine& line) {
    OfficialRow row(activity_column_count);
    row[activity_number] = number;
    row[activity_unit] = line.unit;
    row[activity_name] = line.name;
    row[activity_date] = line.date;
    row[activity_place] = line.place;
    row[activity_form] = line.form;
    row[activity_subject] = line.subject;
    row[activity_participants] = count_cell(line.participants);
    row[activity_promoters] = count_cell(line.promoters);
    row[activity_online] = line.online;
    row[activity_views] = count_cell(line.views);
    row[activity_remark] = line.remark;
    return row;
}

OfficialTableHeader track_summary_table(const CampaignNames& names,
                                        const std::vector<std::string>& track_names) {
    OfficialTableHeader header;
    header.title = year_text(names) + "“" + names.theme + "”主题活动各子项目活动情况汇总表";
    header.sheet_name = "子项目汇总";
    header.columns = {{"序号", ColumnKind::integer, 6}, {"单位", ColumnKind::text, 24}};
    for (const std::string& track : track_names) {
        header.columns.push_back(counted("报送作品数", 9, track));
        header.columns.push_back(counted("推荐作品数", 9, track));
    }
    header.columns.push_back(counted("报送作品数", 9, "合计"));
    header.columns.push_back(counted("推荐作品数", 9, "合计"));
    header.note = "注:报送作品数为本单位职工向各子项目提交的作品数,推荐作品数为本单位向上级推荐的作品数。";
    return header;
}

OfficialRow track_summary_row(long long number, const std::string& unit,
                              const std::vector<TrackCounts>& per_track) {
    OfficialRow row{number, unit};
    TrackCounts all;
    for (const TrackCounts& counts : per_track) {
        row.emplace_back(counts.submitted);
        row.emplace_back(counts.recommended);
        all.submitted += counts.submitted;
        all.recommended += counts.recommended;
    }
    row.emplace_back(all.submitted);
    row.emplace_back(all.recommended);
    return row;
}

const std::vector<std::string>& tracks_2023() {
    static const std::vector<std::string> tracks = {
        "网络正能量歌曲征集",         "网络正能量微视频征集",
        "网络正能量摄影作品征集",     "网络正能量诵读作品征集",
        "正能量职工网络达人征集",     "优秀网评文章征集",
        "“互联网+工会”普惠服务优秀平台征集", "网络正能量新媒体账号征集",
        "“互联网+工会”维权服务案例征集", "网络正能量创新活动征集",
    };
    return tracks;
}

const std::vector<std::string>& quota_metrics_2023() {
    static const std::vector<std::string> metrics = {
        "发动基层工会(个)", "招募“好网民”宣传员(人)", "开展线下活动(场)",
        "覆盖职工(人)", "影响职工网民(人次)",
    };
    return metrics;
}

}  // namespace wangju::tables
