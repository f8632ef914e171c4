// What a person sees of an official table in Excel beyond its cell values: merged title, frozen
// header, print setup, formats. Checked in the workbook's XML, where Excel reads them from.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "export/official_table.h"
#include "export/xlsx_archive.h"

namespace wangju::tables {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

OfficialTableHeader quota_header() {
    OfficialTableHeader header;
    header.title = "“12351+”计划任务分配表";
    header.unit_name = "天津市滨海新区总工会";
    header.date = "2023-06-13";
    header.sheet_name = "任务分配:2023/06";  // ':' and '/' are not allowed in sheet names
    header.columns = {{"单位", ColumnKind::text, 28},
                      {"线下活动(场)", ColumnKind::integer, 12, true},
                      {"宣传员(人)", ColumnKind::integer, 12, true}};
    return header;
}

class OfficialTableLayout : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("wangju-layout-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        const fs::path path = dir_ / "附件2.xlsx";
        auto writer = OfficialTableWriter::open(path, TableFormat::xlsx, quota_header());
        writer->add_row({std::string("泰达街道总工会"), 3LL, 20LL});
        writer->add_row({std::string("新河街道总工会"), 4LL, 25LL});
        writer->finish();
        bytes_ = read_file(path);
        XlsxArchive archive(bytes_, 64u << 20);
        sheet_text_ = archive.read("xl/worksheets/sheet1.xml").value();
        workbook_text_ = archive.read("xl/workbook.xml").value();
        styles_text_ = archive.read("xl/styles.xml").value();
        ASSERT_TRUE(sheet_.load_string(sheet_text_.c_str()));
        ASSERT_TRUE(workbook_.load_string(workbook_text_.c_str()));
        ASSERT_TRUE(styles_.load_string(styles_text_.c_str()));
    }
    void TearDown() override { fs::remove_all(dir_); }

    static std::string value(const pugi::xml_document& doc, const char* xpath) {
        return doc.select_node(xpath).attribute().value();
    }

    fs::path dir_;
    std::string bytes_, sheet_text_, workbook_text_, styles_text_;
    pugi::xml_document sheet_, workbook_, styles_;
};

TEST_F(OfficialTableLayout, MergesTheTitleAndTheUnitLine) {
    std::vector<std::string> merged;
    for (const auto& node : sheet_.select_nodes("//*[local-name()='mergeCell']/@ref")) {
        merged.push_back(node.attribute().value());
    }
    EXPECT_EQ(merged, (std::vector<std::string>{"A1:C1", "A2:B2"}));
}

TEST_F(OfficialTableLayout, FreezesTheRowsDownToTheHeaders) {
    EXPECT_EQ(value(sheet_, "//*[local-name()='pane']/@state"), "frozen");
    EXPECT_EQ(value(sheet_, "//*[local-name()='pane']/@topLeftCell"), "A4");
}

TEST_F(OfficialTableLayout, PrintsLandscapeOnA4FitToWidthWithHeadersOnEveryPage) {
    EXPECT_EQ(value(sheet_, "//*[local-name()='pageSetup']/@orientation"), "landscape");
    EXPECT_EQ(value(sheet_, "//*[local-name()='pageSetup']/@paperSize"), "9");
    EXPECT_EQ(value(sheet_, "//*[local-name()='pageSetup']/@fitToHeight"), "0");
    EXPECT_EQ(value(sheet_, "//*[local-name()='pageSetUpPr']/@fitToPage"), "1");
    const std::string titles =
        workbook_.select_node("//*[local-name()='definedName'][@name='_xlnm.Print_Titles']")
            .node().text().get();
    EXPECT_NE(titles.find("$3:$3"), std::string::npos) << titles;
}

TEST_F(OfficialTableLayout, NamesTheSheetInChineseWithoutForbiddenCharacters) {
    EXPECT_EQ(value(workbook_, "//*[local-name()='sheet']/@name"), "任务分配_2023_06");
}

TEST_F(OfficialTableLayout, SetsColumnWidths) {
    const auto cols = sheet_.select_nodes("//*[local-name()='col']");
    ASSERT_EQ(cols.size(), 3u);
    // Excel stores the width with its cell padding added (0.71 characters for the default font).
    EXPECT_NEAR(cols[0].node().attribute("width").as_double(), 28.71, 0.01);
    EXPECT_NEAR(cols[1].node().attribute("width").as_double(), 12.71, 0.01);
}

TEST_F(OfficialTableLayout, TotalsAreSumFormulasOverTheDataRows) {
    std::vector<std::string> formulas;
    for (const auto& node : sheet_.select_nodes("//*[local-name()='f']")) {
        formulas.push_back(node.node().text().get());
    }
    EXPECT_EQ(formulas, (std::vector<std::string>{"SUM(B4:B5)", "SUM(C4:C5)"}));
}

TEST_F(OfficialTableLayout, LeavesRowsThatDoNotWrapAtTheDefaultHeight) {
    // Rows 4 and 5 hold a unit's name and two numbers.
    for (const char* row : {"4", "5"}) {
        const auto node = sheet_.select_node(
            (std::string("//*[local-name()='row'][@r='") + row + "']").c_str()).node();
        ASSERT_TRUE(node) << row;
        EXPECT_FALSE(node.attribute("customHeight").as_bool()) << row;
    }
}

TEST_F(OfficialTableLayout, UsesALargeBoldTitleAndIntegersWithoutDecimals) {
    EXPECT_TRUE(styles_.select_node("//*[local-name()='font'][*[local-name()='b']]"
                                    "[*[local-name()='sz'][@val='16']]"));
    EXPECT_TRUE(styles_.select_node("//*[local-name()='numFmt'][@formatCode='0']") ||
                styles_.select_node("//*[local-name()='xf'][@numFmtId='1']"));
}

}  // namespace
}  // namespace wangju::tables

namespace wangju::tables {
namespace {

// A row whose text wraps is as high as its longest cell: Excel and LibreOffice keep the height the
// file gives, and print wrapped text in a row too low over the rows around it.
TEST(OfficialTableRowHeights, EachRowIsAsHighAsItsLongestWrappedCell) {
    const fs::path path = fs::temp_directory_path() /
                          ("wangju-heights-" + std::to_string(::getpid()) + ".xlsx");
    OfficialTableHeader header;
    header.title = "线下活动统计表";
    header.unit_name = "天津市滨海新区总工会";
    header.columns = {{"序号", ColumnKind::integer, 6},
                      {"线上宣传形式及链接", ColumnKind::text, 28},
                      {"备注", ColumnKind::text, 12}};
    header.totals_row = false;
    auto writer = OfficialTableWriter::open(path, TableFormat::xlsx, header);
    writer->add_row({1LL, std::string("https://v.example.cn/1"), std::string("")});
    // 57 characters without a space: three lines of 27.
    writer->add_row({2LL,
                     std::string("https://mp.weixin.qq.com/s?__biz=MzA5NjQ2NzM1Mw==&mid=2650"),
                     std::string("")});
    // Two links on two lines, and a note of 12 Chinese characters: five to a line, three lines.
    writer->add_row({3LL, std::string("https://v.example.cn/1\nhttps://v.example.cn/2"),
                     std::string("职工代表现场签名承诺并张贴")});
    writer->add_row({4LL, std::string("https://v.example.cn/1"),
                     std::string("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十")});
    writer->finish();
    const std::string bytes = read_file(path);
    fs::remove(path);
    XlsxArchive archive(bytes, 64u << 20);
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(archive.read("xl/worksheets/sheet1.xml").value().c_str()));
    auto height = [&](int row) {
        const auto node = sheet.select_node(
            ("//*[local-name()='row'][@r='" + std::to_string(row) + "']").c_str()).node();
        return node.attribute("customHeight").as_bool() ? node.attribute("ht").as_double() : 0.0;
    };
    // Rows 1-3: title, unit line, headers; the data from row 4.
    EXPECT_EQ(height(4), 0.0);    // one line: the default height
    EXPECT_GE(height(5), 3 * 14.25);
    EXPECT_GE(height(6), 3 * 14.25);
    EXPECT_GE(height(7), 6 * 14.25);  // 30 characters, five to a line
    EXPECT_GT(height(7), height(6));
    EXPECT_LT(height(5), 4 * 16.0 + 4.01);
}

TEST(OfficialTableGroupedLayout, MergesEachGroupAcrossAndOtherHeadersDownBothRows) {
    const fs::path path = fs::temp_directory_path() /
                          ("wangju-grouped-" + std::to_string(::getpid()) + ".xlsx");
    OfficialTableHeader header;
    header.title = "汇总表";
    header.columns = {{"单位", ColumnKind::text, 20},
                      {"报送", ColumnKind::integer, 8, true, {}, "歌曲"},
                      {"推荐", ColumnKind::integer, 8, true, {}, "歌曲"},
                      {"备注", ColumnKind::text, 10}};
    auto writer = OfficialTableWriter::open(path, TableFormat::xlsx, header);
    writer->add_row({std::string("泰达街道总工会"), 2LL, 1LL});
    writer->finish();
    const std::string bytes = read_file(path);
    fs::remove(path);
    XlsxArchive archive(bytes, 64u << 20);
    const std::string sheet_text = archive.read("xl/worksheets/sheet1.xml").value();
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(sheet_text.c_str()));
    std::vector<std::string> merged;
    for (const auto& node : sheet.select_nodes("//*[local-name()='mergeCell']/@ref")) {
        merged.push_back(node.attribute().value());
    }
    std::sort(merged.begin(), merged.end());
    EXPECT_EQ(merged, (std::vector<std::string>{"A1:D1", "A2:B2", "A3:A4", "B3:C3", "C2:D2",
                                                "D3:D4"}));
    EXPECT_EQ(sheet.select_node("//*[local-name()='pane']/@topLeftCell").attribute().value(),
              std::string("A5"));
}

}  // namespace
}  // namespace wangju::tables
