#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "export/official_tables.h"
#include "export/table_reader.h"

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

class OfficialTables : public ::testing::TestWithParam<TableFormat> {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("wangju-tables-" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    Rows write_and_read(OfficialTableHeader header, const std::vector<OfficialRow>& rows) {
        header.unit_name = "天津市滨海新区总工会";
        header.date = "2023-08-05";
        const fs::path path = dir_ / (GetParam() == TableFormat::csv ? "t.csv" : "t.xlsx");
        auto writer = OfficialTableWriter::open(path, GetParam(), header);
        for (const OfficialRow& row : rows) writer->add_row(row);
        writer->finish();
        return read_table(read_file(path));
    }

    fs::path dir_;
};

TEST_P(OfficialTables, QuotaTableHasAColumnPerMetricAndSumsEach) {
    const Rows rows = write_and_read(
        quota_table({}, {"开展线下活动(场)", "招募“好网民”宣传员(人)"}),
        {{1LL, std::string("泰达街道总工会"), 3LL, 50LL}, {2LL, std::string("新河街道总工会"), 4LL, 60LL}});
    EXPECT_EQ(rows[0][0],
              "2023年滨海新区总工会开展“网聚职工正能量 争做中国好网民”主题活动“12351+”计划任务分配表");
    EXPECT_EQ(rows[2], (Row{"序号", "单位", "开展线下活动(场)", "招募“好网民”宣传员(人)"}));
    EXPECT_EQ(rows[5], (Row{"合计", "", "7", "110"}));
}

TEST_P(OfficialTables, ActivityTableListsTheNoticesColumnsAndSumsTheCounts) {
    ActivityLine first{"泰达街道总工会", "网络安全知识竞赛", "2023-07-15", "泰达图书馆",
                       "知识竞赛", "文明上网", 120, 15, "微信公众号 https://mp.weixin.qq.com/s/x",
                       3400, ""};
    ActivityLine second{"新河街道总工会", "好网民主题演讲", "7月下旬", "新河街道职工之家",
                        "主题演讲", "争做中国好网民", 80, std::nullopt, "", std::nullopt, "补报"};
    const Rows rows = write_and_read(activity_table({}),
                                     {activity_row(1, first), activity_row(2, second)});
    EXPECT_EQ(rows[0][0], "2023年滨海新区总工会贯彻落实“12351+”计划目标任务开展线下活动统计表");
    EXPECT_EQ(rows[2], (Row{"序号", "单位", "活动名称", "活动时间", "活动地点", "活动形式",
                            "活动主题", "参与职工人数", "招募“好网民”宣传员人数",
                            "线上宣传形式及链接", "线上浏览量", "备注"}));
    EXPECT_EQ(rows[3], (Row{"1", "泰达街道总工会", "网络安全知识竞赛", "2023-07-15", "泰达图书馆",
                            "知识竞赛", "文明上网", "120", "15",
                            "微信公众号 https://mp.weixin.qq.com/s/x", "3400"}));
    EXPECT_EQ(rows[4], (Row{"2", "新河街道总工会", "好网民主题演讲", "7月下旬", "新河街道职工之家",
                            "主题演讲", "争做中国好网民", "80", "", "", "", "补报"}));
    EXPECT_EQ(rows[5], (Row{"合计", "", "", "", "", "", "", "200", "15", "", "3400"}));
    EXPECT_EQ(rows[6][0].rfind("注:", 0), 0u);
}

TEST_P(OfficialTables, TrackSummaryPutsSubmittedAndRecommendedUnderEachTrack) {
    const std::vector<std::string> tracks = {"网络正能量歌曲征集", "网络正能量微视频征集"};
    const Rows rows = write_and_read(
        track_summary_table({}, tracks),
        {track_summary_row(1, "泰达街道总工会", {{5, 2}, {7, 3}}),
         track_summary_row(2, "新河街道总工会", {{1, 1}, {0, 0}})});
    EXPECT_EQ(rows[0][0], "2023年“网聚职工正能量 争做中国好网民”主题活动各子项目活动情况汇总表");
    EXPECT_EQ(rows[2], (Row{"序号", "单位", "网络正能量歌曲征集", "", "网络正能量微视频征集", "",
                            "合计"}));
    EXPECT_EQ(rows[3], (Row{"", "", "报送作品数", "推荐作品数", "报送作品数", "推荐作品数",
                            "报送作品数", "推荐作品数"}));
    EXPECT_EQ(rows[4], (Row{"1", "泰达街道总工会", "5", "2", "7", "3", "12", "5"}));
    EXPECT_EQ(rows[5], (Row{"2", "新河街道总工会", "1", "1", "0", "0", "1", "1"}));
    EXPECT_EQ(rows[6], (Row{"合计", "", "6", "3", "7", "3", "13", "6"}));
}

TEST(OfficialTableColumns, The2023TracksAreTheTenOfTheNotice) {
    ASSERT_EQ(tracks_2023().size(), 10u);
    EXPECT_EQ(tracks_2023().front(), "网络正能量歌曲征集");
    EXPECT_EQ(tracks_2023().back(), "网络正能量创新活动征集");
    const OfficialTableHeader summary = track_summary_table({}, tracks_2023());
    EXPECT_EQ(summary.columns.size(), 2u + 2 * 10 + 2);
}

TEST(OfficialTableColumns, TitlesNameTheCampaignsYearIssuerAndTheme) {
    const CampaignNames names{2024, "和平区总工会", "网聚职工正能量 争做中国好网民"};
    EXPECT_EQ(activity_table(names).title,
              "2024年和平区总工会贯彻落实“12351+”计划目标任务开展线下活动统计表");
    EXPECT_EQ(quota_table(names, {}).columns.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Formats, OfficialTables,
                         ::testing::Values(TableFormat::xlsx, TableFormat::csv),
                         [](const auto& info) {
                             return info.param == TableFormat::csv ? "csv" : "xlsx";
                         });

}  // namespace
}  // namespace wangju::tables
