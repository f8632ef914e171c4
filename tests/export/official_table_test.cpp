#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "export/official_table.h"
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

// The activity statistics of two units, as a district would report them.
OfficialTableHeader activity_header() {
    OfficialTableHeader header;
    header.title = "线下活动统计表";
    header.unit_name = "天津市滨海新区总工会";
    header.date = "2023-08-05";
    header.sheet_name = "线下活动统计";
    header.columns = {{"序号", ColumnKind::integer, 6},
                      {"单位", ColumnKind::text, 20},
                      {"活动名称", ColumnKind::text, 24},
                      {"活动时间", ColumnKind::date, 14},
                      {"参与人数", ColumnKind::integer, 10, true},
                      {"浏览量", ColumnKind::integer, 10, true}};
    return header;
}

const std::vector<OfficialRow> activity_rows = {
    {1LL, std::string("泰达街道总工会"), std::string("网络安全知识竞赛"), std::string("2023-07-15"),
     120LL, 3400LL},
    {2LL, std::string("新河街道总工会"), std::string("“争做中国好网民”主题演讲"),
     std::string("2023-07-20"), 85LL, 12000LL},
    {3LL, std::string("滨海新区教育系统工会"), std::string("个人信息保护宣传"),
     std::string("7月下旬"), OfficialCell{}, 560LL},
};

class OfficialTable : public ::testing::TestWithParam<TableFormat> {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("wangju-official-" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path file() const {
        return dir_ / (GetParam() == TableFormat::csv ? "表.csv" : "表.xlsx");
    }

    Rows write_and_read(const OfficialTableHeader& header, const std::vector<OfficialRow>& rows) {
        write_official_table(file(), GetParam(), header, rows);
        return read_table(read_file(file()));
    }

    // What a text cell shows once read back: CSV keeps the apostrophe that disarms a formula.
    std::string disarmed(const std::string& text) const {
        return GetParam() == TableFormat::csv ? "'" + text : text;
    }

    fs::path dir_;
};

TEST_P(OfficialTable, ShowsTitleUnitDateHeadersRowsAndTotals) {
    const Rows rows = write_and_read(activity_header(), activity_rows);
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(rows[0], Row{"线下活动统计表"});
    EXPECT_EQ(rows[1], (Row{"填报单位:天津市滨海新区总工会", "", "", "填报日期:2023年8月5日"}));
    EXPECT_EQ(rows[2], (Row{"序号", "单位", "活动名称", "活动时间", "参与人数", "浏览量"}));
    EXPECT_EQ(rows[3], (Row{"1", "泰达街道总工会", "网络安全知识竞赛", "2023-07-15", "120", "3400"}));
    EXPECT_EQ(rows[4], (Row{"2", "新河街道总工会", "“争做中国好网民”主题演讲", "2023-07-20", "85",
                            "12000"}));
    EXPECT_EQ(rows[5], (Row{"3", "滨海新区教育系统工会", "个人信息保护宣传", "7月下旬", "", "560"}));
    EXPECT_EQ(rows[6], (Row{"合计", "", "", "", "205", "15960"}));
}

TEST_P(OfficialTable, KeepsSubtitleAndNoteAroundTheTable) {
    OfficialTableHeader header = activity_header();
    header.subtitle = "(截至2023年8月5日)";
    header.note = "填表人:王芳    联系电话:65309739";
    const Rows rows = write_and_read(header, {activity_rows[0]});
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(rows[1], Row{"(截至2023年8月5日)"});
    EXPECT_EQ(rows[2][0], "填报单位:天津市滨海新区总工会");
    EXPECT_EQ(rows[5], (Row{"合计", "", "", "", "120", "3400"}));
    EXPECT_EQ(rows[6], Row{"填表人:王芳    联系电话:65309739"});
}

TEST_P(OfficialTable, SumsFractionsAndSkipsTextInNumberColumns) {
    OfficialTableHeader header;
    header.title = "得分";
    header.unit_name = "填报单位:泰达街道总工会";  // the label is not doubled
    header.date = "2023-12-01";
    header.columns = {{"单位", ColumnKind::text}, {"得分", ColumnKind::number, 10, true}};
    const Rows rows = write_and_read(header, {{std::string("甲"), 1.5},
                                              {std::string("乙"), 2LL},
                                              {std::string("丙"), std::string("未报")},
                                              {std::string("丁"), std::nan("")}});
    ASSERT_EQ(rows.size(), 8u);
    EXPECT_EQ(rows[1], (Row{"填报单位:泰达街道总工会", "填报日期:2023年12月1日"}));
    EXPECT_EQ(rows[5], (Row{"丙", "未报"}));
    EXPECT_EQ(rows[6], Row{"丁"});  // not a number: left empty
    EXPECT_EQ(rows[7], (Row{"合计", "3.5"}));
}

TEST_P(OfficialTable, WritesFormulaLikeTextFromUsersAsText) {
    OfficialTableHeader header = activity_header();
    header.title = "=cmd|' /C calc'!A0";
    const Rows rows = write_and_read(
        header, {{1LL, std::string("=HYPERLINK(\"http://example.com\",\"点击\")"),
                  std::string("+1+2"), std::string("-3"), 5LL, -7LL},
                 {2LL, std::string("@SUM(A1:A2)"), std::string("\tTAB"), std::string(""), 1LL,
                  1LL}});
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[0], Row{disarmed("=cmd|' /C calc'!A0")});
    EXPECT_EQ(rows[3], (Row{"1", disarmed("=HYPERLINK(\"http://example.com\",\"点击\")"),
                            disarmed("+1+2"), disarmed("-3"), "5", "-7"}));
    EXPECT_EQ(rows[4][1], disarmed("@SUM(A1:A2)"));
    EXPECT_EQ(rows[4][2], disarmed("\tTAB"));
    EXPECT_EQ(rows[5], (Row{"合计", "", "", "", "6", "-6"}));
}

TEST_P(OfficialTable, KeepsChineseAndEmojiAndRepairsBrokenUtf8) {
    const Rows rows = write_and_read(
        activity_header(),
        {{1LL, std::string("滨海新区总工会👍"), std::string("第一行\n第二行,“引号”\"双引号\""),
          std::string("2023-07-15"), 1LL, 1LL},
         {2LL, std::string("坏\xFF\xFE字节\xE4\xB8"), std::string("控制\x01字符"),
          std::string("2023-02-30"), 1LL, 1LL}});
    EXPECT_EQ(rows[3][1], "滨海新区总工会👍");
    EXPECT_EQ(rows[3][2], "第一行\n第二行,“引号”\"双引号\"");
    EXPECT_EQ(rows[4][1], "坏\uFFFD\uFFFD字节\uFFFD\uFFFD");
    EXPECT_EQ(rows[4][2], "控制 字符");
    EXPECT_EQ(rows[4][3], "2023-02-30");  // not a date: kept as the text that was given
}

TEST_P(OfficialTable, KeepsTextThatLooksLikeAnExcelCharacterEscape) {
    const Rows rows = write_and_read(
        activity_header(), {{1LL, std::string("_x0041_"), std::string("a_x005F_b"), std::string(""),
                             1LL, 1LL}});
    EXPECT_EQ(rows[3][1], "_x0041_");
    EXPECT_EQ(rows[3][2], "a_x005F_b");
}

TEST_P(OfficialTable, LeavesTheDateBlankForAFormToFillInByHand) {
    OfficialTableHeader header = activity_header();
    header.unit_name.clear();
    header.date.clear();
    const Rows rows = write_and_read(header, {OfficialRow{}, OfficialRow{}});
    ASSERT_GE(rows.size(), 6u);
    EXPECT_EQ(rows[1][0].rfind("填报单位:", 0), 0u);
    EXPECT_EQ(rows[1][3], "填报日期:      年    月    日");
    EXPECT_EQ(rows[5][0], "合计");
}

TEST_P(OfficialTable, OmitsTheTotalsRowWhenAskedTo) {
    OfficialTableHeader header = activity_header();
    header.totals_row = false;
    const Rows rows = write_and_read(header, {activity_rows[0]});
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[3][1], "泰达街道总工会");
}

TEST_P(OfficialTable, RefusesABadDateAndCreatesNoFile) {
    OfficialTableHeader header = activity_header();
    header.date = "2023/8/5";
    try {
        OfficialTableWriter::open(file(), GetParam(), header);
        FAIL() << "a bad date was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_NE(e.message().find("填报日期"), std::string::npos);
    }
    EXPECT_FALSE(fs::exists(file()));
}

TEST_P(OfficialTable, RefusesARowWiderThanTheTable) {
    auto writer = OfficialTableWriter::open(file(), GetParam(), activity_header());
    EXPECT_THROW(writer->add_row(OfficialRow(7, 1LL)), Error);
}

TEST_P(OfficialTable, RemovesTheFileOfAnUnfinishedTable) {
    {
        auto writer = OfficialTableWriter::open(file(), GetParam(), activity_header());
        writer->add_row(activity_rows[0]);
    }
    EXPECT_FALSE(fs::exists(file()));
}

TEST_P(OfficialTable, FailsToOpenWhereNoFileCanBeWritten) {
    EXPECT_THROW(OfficialTableWriter::open(dir_ / "missing" / "表.xlsx", GetParam(),
                                           activity_header()),
                 std::runtime_error);
}

TEST(OfficialTableCsv, IsUtf8WithABomCrlfLinesAndQuotedFieldsAsExcelExpects) {
    const fs::path path =
        fs::temp_directory_path() / ("wangju-csv-bytes-" + std::to_string(::getpid()) + ".csv");
    OfficialTableHeader header;
    header.title = "表";
    header.unit_name = "工会";
    header.date = "2023-08-05";
    header.columns = {{"单位", ColumnKind::text}, {"人数", ColumnKind::integer, 8, true}};
    write_official_table(path, TableFormat::csv, header,
                         {{std::string("甲,乙\"丙\""), 3LL}, {std::string("两\n行"), 4LL}});
    const std::string bytes = read_file(path);
    fs::remove(path);
    EXPECT_EQ(bytes,
              "\xEF\xBB\xBF"
              "表,\r\n"
              "填报单位:工会,填报日期:2023年8月5日\r\n"
              "单位,人数\r\n"
              "\"甲,乙\"\"丙\"\"\",3\r\n"
              "\"两\n行\",4\r\n"
              "合计,7\r\n");
}

TEST(OfficialTableFormat, FollowsTheFileNameExtension) {
    EXPECT_EQ(table_format_for("附件3.CSV"), TableFormat::csv);
    EXPECT_EQ(table_format_for("附件3.xlsx"), TableFormat::xlsx);
    EXPECT_EQ(table_format_for("附件3"), TableFormat::xlsx);
}

INSTANTIATE_TEST_SUITE_P(Formats, OfficialTable,
                         ::testing::Values(TableFormat::xlsx, TableFormat::csv),
                         [](const auto& info) {
                             return info.param == TableFormat::csv ? "csv" : "xlsx";
                         });

}  // namespace
}  // namespace wangju::tables
