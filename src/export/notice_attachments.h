// The four attachments of the campaign notice as files a unit downloads: 附件1 the tracks with
// their rules and contacts (DOCX), 附件2, 附件3 and 附件4 the blank forms of the official tables
// (XLSX, with title, headers, numbered empty rows and the totals row).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "export/official_tables.h"

namespace wangju::tables {

struct NoticeAttachment {
    std::filesystem::path path;  // where it was written: an ASCII name inside the directory
    std::string file_name;       // the original Chinese name, for Content-Disposition and lists
};

// One track of 附件1: what is collected and whom to ask.
struct TrackDescription {
    std::string name;          // "网络正能量微视频征集"
    std::string content;       // what the track collects
    std::string requirements;  // format and length rules
    std::string contact;       // "于国锋 65309739"
};

struct NoticeContacts {
    std::string department = "滨海新区总工会宣传网络部";
    std::string people = "于国锋 65309739;翟哲 25275642";
    std::string email = "bhzghxcwlb2@tj.gov.cn";
};

// The 2023 tracks with the rules of the glossary, every one with the district's contacts.
std::vector<TrackDescription> track_descriptions_2023(const NoticeContacts& contacts = {});

// Writes the four attachments into `dir` (created when missing), replacing files of the same
// names, and returns them in order 附件1..附件4. Throws std::runtime_error when a file cannot be
// written.
std::vector<NoticeAttachment> write_notice_attachments(
    const std::filesystem::path& dir, const CampaignNames& names = {},
    const std::vector<TrackDescription>& tracks = track_descriptions_2023(),
    const NoticeContacts& contacts = {});

// Only 附件1, as a DOCX file at `path`.
void write_track_rules_document(const std::filesystem::path& path, const CampaignNames& names,
                                const std::vector<TrackDescription>& tracks,
                                const NoticeContacts& contacts);

}  // namespace wangju::tables
