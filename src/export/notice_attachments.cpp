#include "export/notice_attachments.h"

#include <algorithm>
#include <string_view>

#include "export/docx_document.h"
#include "export/official_table.h"

namespace wangju::tables {

namespace {

constexpr int blank_form_rows = 10;

std::vector<std::string> track_names(const std::vector<TrackDescription>& tracks) {
    std::vector<std::string> names;
    for (const TrackDescription& track : tracks) names.push_back(track.name);
    return names;
}

// A form to fill in by hand: no unit and no date yet, numbered empty rows, the totals row.
void write_blank_form(const std::filesystem::path& path, OfficialTableHeader header) {
    header.unit_name.clear();
    header.date.clear();
    if (header.note.empty()) {
        header.note = "填表人:                联系电话:";
    } else {
        header.note += "\n填表人:                联系电话:";
    }
    auto writer = OfficialTableWriter::open(path, TableFormat::xlsx, header);
    for (long long number = 1; number <= blank_form_rows; ++number) writer->add_row({number});
    writer->finish();
}

std::string attachment_name(int number, const std::string& title, const char* extension) {
    return "附件" + std::to_string(number) + "." + title + extension;
}

}  // namespace

std::vector<TrackDescription> track_descriptions_2023(const NoticeContacts& contacts) {
    std::string contact = contacts.people;  // one person a line
    std::replace(contact.begin(), contact.end(), ';', '\n');
    return {
        {"网络正能量歌曲征集", "反映职工劳动创造、奋进新征程的原创歌曲或音乐短片",
         "音频MP3/AAC/WAV/FLAC或视频MP4,时长不超过5分钟,须附歌词", contact},
        {"网络正能量微视频征集", "讲述劳模精神、劳动精神、工匠精神和职工身边故事的微视频",
         "MP4格式(H.264/H.265),时长不超过5分钟,分辨率不低于720P,大小不超过500MB", contact},
        {"网络正能量摄影作品征集", "记录职工工作生活、展现新时代职工风采的摄影作品",
         "JPG格式,组照不少于4张,单张不小于2MB;注明标题、作者、单位、联系方式、拍摄时间和地点",
         contact},
        {"网络正能量诵读作品征集", "以朗诵、讲述、演讲等形式诵读正能量作品",
         "视频作品;朗诵不超过3分钟,讲述不超过4分钟,演讲不超过5分钟", contact},
        {"正能量职工网络达人征集", "在网络上传播正能量、影响力较大的职工",
         "个人简介、网络账号、粉丝数及代表性作品链接", contact},
        {"优秀网评文章征集", "围绕主题撰写的网评文章,也可为漫画、音频、视频",
         "文章500至1400字;漫画JPG,音频不超过3分钟,视频不超过4分钟", contact},
        {"“互联网+工会”普惠服务优秀平台征集", "各级工会运用互联网开展普惠服务的平台",
         "平台介绍、网址或小程序、截图及使用数据", contact},
        {"网络正能量新媒体账号征集", "工会及职工运营的正能量新媒体账号",
         "平台(微信、微博、短视频等)、账号、粉丝数及代表性作品", contact},
        {"“互联网+工会”维权服务案例征集", "运用互联网为职工提供维权服务的典型案例",
         "案例材料,写明所用平台、办理过程和结果,可附相关材料", contact},
        {"网络正能量创新活动征集", "各级工会开展的网上网下创新活动",
         "活动介绍、照片或视频、活动成效", contact},
    };
}

void write_track_rules_document(const std::filesystem::path& path, const CampaignNames& names,
                                const std::vector<TrackDescription>& tracks,
                                const NoticeContacts& contacts) {
    const std::string title = "各子项目活动的主要内容及联系人";
    DocxDocument document(title);
    document.add_paragraph("附件1", true);
    document.add_heading(std::to_string(names.year) + "年“" + names.theme + "”主题活动\n" + title);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        const TrackDescription& track = tracks[i];
        rows.push_back({std::to_string(i + 1), track.name, track.content, track.requirements,
                        track.contact});
    }
    document.add_table({"序号", "子项目", "主要内容", "作品要求", "联系人及电话"}, rows,
                       {600, 1800, 2300, 2544, 1600});  // 8,844 twips: A4 within the margins
    document.add_paragraph("各单位请登录各子项目活动平台,了解活动规则和要求后积极参与,"
                           "推荐提交优秀作品,并将各子项目活动情况汇总表(附件4)发送至" +
                           contacts.department + "指定邮箱:" + contacts.email + "。");
    document.add_paragraph("联系人:" + contacts.department + " " + contacts.people);
    document.save(path);
}

std::vector<NoticeAttachment> write_notice_attachments(const std::filesystem::path& dir,
                                                       const CampaignNames& names,
                                                       const std::vector<TrackDescription>& tracks,
                                                       const NoticeContacts& contacts) {
    std::filesystem::create_directories(dir);
    std::vector<NoticeAttachment> attachments;

    const auto rules = dir / "attachment-1-track-rules.docx";
    write_track_rules_document(rules, names, tracks, contacts);
    attachments.push_back({rules, attachment_name(1, "各子项目活动的主要内容及联系人", ".docx")});

    const OfficialTableHeader quotas = quota_table(names, quota_metrics_2023());
    const auto quota_path = dir / "attachment-2-quotas.xlsx";
    write_blank_form(quota_path, quotas);
    attachments.push_back({quota_path, attachment_name(2, quotas.title, ".xlsx")});

    const OfficialTableHeader activities = activity_table(names);
    const auto activity_path = dir / "attachment-3-activity-statistics.xlsx";
    write_blank_form(activity_path, activities);
    attachments.push_back({activity_path, attachment_name(3, activities.title, ".xlsx")});

    const OfficialTableHeader summary = track_summary_table(names, track_names(tracks));
    const auto summary_path = dir / "attachment-4-track-summary.xlsx";
    write_blank_form(summary_path, summary);
    attachments.push_back({summary_path, attachment_name(4, summary.title, ".xlsx")});
    return attachments;
}

}  // namespace wangju::tables
