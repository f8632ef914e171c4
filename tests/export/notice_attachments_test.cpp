#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "export/notice_attachments.h"
#include "export/table_reader.h"
#include "export/xlsx_archive.h"

namespace wangju::tables {
namespace {

namespace fs = std::filesystem;
using Row = std::vector<std::string>;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

class NoticeAttachments : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("wangju-attachments-" + std::to_string(::getpid()));
        attachments_ = write_notice_attachments(dir_ / "notice");
    }
    void TearDown() override { fs::remove_all(dir_); }

    // The text of every paragraph of 附件1, in order.
    std::vector<std::string> document_paragraphs() {
        const std::string bytes = read_file(attachments_.at(0).path);
        XlsxArchive archive(bytes, 16u << 20);  // any OOXML package is a ZIP of XML parts
        std::string xml = archive.read("word/document.xml").value();
        pugi::xml_document document;
        EXPECT_TRUE(document.load_string(xml.c_str()));
        std::vector<std::string> paragraphs;
        for (const auto& p : document.select_nodes("//w:p")) {
            std::string text;
            for (const auto& t : p.node().select_nodes(".//w:t")) text += t.node().text().get();
            if (!text.empty()) paragraphs.push_back(text);
        }
        return paragraphs;
    }

    fs::path dir_;
    std::vector<NoticeAttachment> attachments_;
};

TEST_F(NoticeAttachments, AreTheFourFilesOfTheNoticeWithTheirChineseNames) {
    ASSERT_EQ(attachments_.size(), 4u);
    EXPECT_EQ(attachments_[0].file_name, "附件1.各子项目活动的主要内容及联系人.docx");
    EXPECT_EQ(attachments_[1].file_name,
              "附件2.2023年滨海新区总工会开展“网聚职工正能量 争做中国好网民”主题活动“12351+”"
              "计划任务分配表.xlsx");
    EXPECT_EQ(attachments_[2].file_name,
              "附件3.2023年滨海新区总工会贯彻落实“12351+”计划目标任务开展线下活动统计表.xlsx");
    EXPECT_EQ(attachments_[3].file_name,
              "附件4.2023年“网聚职工正能量 争做中国好网民”主题活动各子项目活动情况汇总表.xlsx");
    for (const NoticeAttachment& attachment : attachments_) {
        EXPECT_TRUE(fs::is_regular_file(attachment.path)) << attachment.path;
        EXPECT_EQ(attachment.path.parent_path(), dir_ / "notice");
    }
}

TEST_F(NoticeAttachments, TheTrackDocumentListsEveryTrackWithItsContact) {
    const std::vector<std::string> paragraphs = document_paragraphs();
    ASSERT_GT(paragraphs.size(), 10u);
    EXPECT_EQ(paragraphs[0], "附件1");
    EXPECT_NE(paragraphs[1].find("各子项目活动的主要内容及联系人"), std::string::npos);
    const auto has = [&](const std::string& text) {
        return std::find(paragraphs.begin(), paragraphs.end(), text) != paragraphs.end();
    };
    for (const std::string& track : tracks_2023()) EXPECT_TRUE(has(track)) << track;
    EXPECT_TRUE(has("联系人及电话"));
    EXPECT_TRUE(has("于国锋 65309739翟哲 25275642"));  // one person a line
}

TEST_F(NoticeAttachments, TheTrackDocumentIsACompleteWordPackage) {
    const std::string bytes = read_file(attachments_.at(0).path);
    XlsxArchive archive(bytes, 16u << 20);
    for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                             "word/styles.xml", "word/_rels/document.xml.rels",
                             "docProps/core.xml"}) {
        std::optional<std::string> content = archive.read(part);
        ASSERT_TRUE(content) << part;
        pugi::xml_document document;
        EXPECT_TRUE(document.load_string(content->c_str())) << part;
    }
}

TEST_F(NoticeAttachments, TheFormsAreBlankOfficialTables) {
    const Rows activity = read_table(read_file(attachments_.at(2).path));
    EXPECT_EQ(activity[0][0], "2023年滨海新区总工会贯彻落实“12351+”计划目标任务开展线下活动统计表");
    EXPECT_EQ(activity[1][0].rfind("填报单位:", 0), 0u);
    EXPECT_EQ(activity[2][1], "单位");
    EXPECT_EQ(activity[3], Row{"1"});   // numbered, otherwise empty
    EXPECT_EQ(activity[12], Row{"10"});
    EXPECT_EQ(activity[13][0], "合计");
    EXPECT_NE(activity[14][0].find("填表人"), std::string::npos);

    const Rows quotas = read_table(read_file(attachments_.at(1).path));
    EXPECT_EQ(quotas[2], (Row{"序号", "单位", "发动基层工会(个)", "招募“好网民”宣传员(人)",
                              "开展线下活动(场)", "覆盖职工(人)", "影响职工网民(人次)"}));

    const Rows summary = read_table(read_file(attachments_.at(3).path));
    EXPECT_EQ(summary[2][2], "网络正能量歌曲征集");
    EXPECT_EQ(summary[3][2], "报送作品数");
}

}  // namespace
}  // namespace wangju::tables
