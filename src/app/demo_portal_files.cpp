// The notice's four attachments, made as real files: XLSX through libxlsxwriter and a minimal
// DOCX (the three parts Word needs) through libzip.
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/demo_portal.h"
#include "domain/secret.h"

namespace wangju::app {
namespace {

using Row = std::vector<std::string>;

const std::vector<std::string> kTracks = {
    "网络正能量歌曲征集",       "网络正能量微视频征集",       "网络正能量摄影作品征集",
    "网络正能量诵读作品征集",   "正能量职工网络达人征集",     "优秀网评文章征集",
    "“互联网+工会”普惠服务优秀平台征集", "网络正能量新媒体账号征集",
    "“互联网+工会”维权服务案例征集",     "网络正能量创新活动征集"};

const std::vector<std::string> kUnits = {
    "天津经济技术开发区总工会", "天津港保税区总工会",     "滨海高新区总工会",
    "新河街道总工会",           "大沽街道总工会",         "太平镇总工会",
    "滨海新区教育系统工会",     "滨海新区卫生健康系统工会", "滨海新区机关工会"};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// One sheet: a title row merged over the columns, a header row, the rows.
std::string xlsx(const std::string& title, const Row& header, const std::vector<Row>& rows) {
    auto path = std::filesystem::temp_directory_path() / ("wangju-demo-" + random_token(8) + ".xlsx");
    lxw_workbook* book = workbook_new(path.c_str());
    if (!book) throw std::runtime_error("cannot create " + path.string());
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Sheet1");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    format_set_align(bold, LXW_ALIGN_CENTER);
    const auto last = static_cast<lxw_col_t>(header.size() - 1);
    worksheet_merge_range(sheet, 0, 0, 0, last, title.c_str(), bold);
    worksheet_set_column(sheet, 0, last, 18, nullptr);
    for (lxw_col_t c = 0; c <= last; ++c) worksheet_write_string(sheet, 1, c, header[c].c_str(), bold);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& cell = rows[r][c];
            const auto row = static_cast<lxw_row_t>(r + 2);
            const auto col = static_cast<lxw_col_t>(c);
            bool number = !cell.empty() && cell.find_first_not_of("0123456789") == std::string::npos;
            if (number) worksheet_write_number(sheet, row, col, std::stod(cell), nullptr);
            else worksheet_write_string(sheet, row, col, cell.c_str(), nullptr);
        }
    }
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path.string());
    std::string bytes = read_file(path);
    std::filesystem::remove(path);
    return bytes;
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string docx(const std::string& title, const std::vector<std::string>& paragraphs) {
    std::string body = "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>" +
                       xml_escape(title) + "</w:t></w:r></w:p>";
    for (const auto& p : paragraphs) body += "<w:p><w:r><w:t>" + xml_escape(p) + "</w:t></w:r></w:p>";
    const std::string document =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body>" + body + "</w:body></w:document>";
    const std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    const std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    auto path = std::filesystem::temp_directory_path() / ("wangju-demo-" + random_token(8) + ".docx");
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) throw std::runtime_error("cannot create " + path.string());
    const std::pair<const char*, const std::string*> parts[] = {
        {"[Content_Types].xml", &types}, {"_rels/.rels", &rels}, {"word/document.xml", &document}};
    for (const auto& [name, text] : parts) {
        zip_source_t* source = zip_source_buffer(archive, text->data(), text->size(), 0);
        if (!source || zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source);
            zip_discard(archive);
            throw std::runtime_error("cannot add a part to " + path.string());
        }
    }
    if (zip_close(archive) != 0) throw std::runtime_error("cannot write " + path.string());
    std::string bytes = read_file(path);
    std::filesystem::remove(path);
    return bytes;
}

std::vector<Row> quota_rows() {
    std::vector<Row> rows;
    int n = 1;
    for (const auto& unit : kUnits) {
        rows.push_back({std::to_string(n++), unit, "3", "200", "20", "500"});
    }
    return rows;
}

std::vector<Row> summary_rows() {
    std::vector<Row> rows;
    for (const auto& unit : kUnits) {
        Row row{unit};
        for (std::size_t t = 0; t < kTracks.size(); ++t) row.push_back("");
        rows.push_back(row);
    }
    return rows;
}

std::vector<std::string> track_paragraphs() {
    std::vector<std::string> out;
    int n = 1;
    for (const auto& track : kTracks) {
        out.push_back(std::to_string(n++) + "." + track +
                      ":按全总活动平台公布的规则提交作品;联系人见活动平台。");
    }
    return out;
}

}  // namespace

std::vector<DemoFile> notice_2023_attachments() {
    Row summary_header{"单位"};
    summary_header.insert(summary_header.end(), kTracks.begin(), kTracks.end());
    return {
        {"附件1:各子项目活动的主要内容及联系人.docx",
         docx("各子项目活动的主要内容及联系人", track_paragraphs())},
        {"附件2:2023年滨海新区总工会开展“网聚职工正能量 争做中国好网民”主题活动“12351+”计划任务分配表.xlsx",
         xlsx("2023年滨海新区总工会“12351+”计划任务分配表",
              {"序号", "单位", "线下活动(场)", "覆盖职工(人)", "好网民宣传员(人)", "触达职工(人)"},
              quota_rows())},
        {"附件3:2023年滨海新区总工会贯彻落实“12351+”计划目标任务开展线下活动统计表.xlsx",
         xlsx("贯彻落实“12351+”计划目标任务开展线下活动统计表",
              {"序号", "单位", "活动名称", "活动形式", "活动时间", "活动地点", "参与人数"}, {})},
        {"附件4:2023年“网聚职工正能量 争做中国好网民”主题活动各子项目活动情况汇总表.xlsx",
         xlsx("主题活动各子项目活动情况汇总表", summary_header, summary_rows())},
    };
}

}  // namespace wangju::app
