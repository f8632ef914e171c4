#include "domain/notary_record.h"

#include <gtest/gtest.h>

#include "domain/tracking_code.h"

namespace wangju {
namespace {

NotaryFacts two_works() {
    NotaryFacts f;
    f.campaign = "网聚职工正能量";
    f.track = "账号";
    f.unit = "天津市总工会";
    f.round = "第1轮 初评";
    f.round_kind = "评分";
    f.rubric.criteria = {{"c1", "思想性", "", 0, 10, 40}, {"c2", "艺术性", "", 0, 10, 60}};
    f.panel = {{UserId{7}, "张伟", "和平区总工会"}, {UserId{8}, "李强", "和平区总工会"}};
    f.works = {{WorkId{1},
                "车间里的网红技师",
                "泰达汽车",
                1,
                {{UserId{7}, 85.0, std::nullopt}, {UserId{8}, 80.0, std::nullopt}},
                82.5,
                1.0},
               {WorkId{2},
                "港口的夜班",
                "泰达汽车",
                2,
                {{UserId{7}, 60.0, std::nullopt}, {UserId{8}, 62.0, std::nullopt}},
                61.0,
                -1.0}};
    f.awards_state = "已确认";
    f.awards = {
        {WorkId{1}, "车间里的网红技师", "泰达汽车", 1, 82.5, 0, 82.5, "一等奖", "一等奖", ""},
        {WorkId{2}, "港口的夜班", "泰达汽车", 2, 61, 0, 61, "二等奖", std::nullopt,
         "内容与主题不符"}};
    return f;
}

TEST(NotaryRecord, TheSameFactsGiveTheSameSnapshotText) {
    EXPECT_EQ(notary_snapshot(two_works()).dump(), notary_snapshot(two_works()).dump());
    const auto snapshot = notary_snapshot(two_works());
    EXPECT_EQ(snapshot["works"][0]["scores"][0]["total"], "85.00");
    EXPECT_EQ(snapshot["works"][0]["scores"][0]["name"], "张伟");
    EXPECT_TRUE(notary_changes(snapshot, snapshot).empty());
}

TEST(NotaryRecord, AChangedScoreIsNamedByWorkAndJudge) {
    NotaryFacts changed = two_works();
    changed.works[0].scores[0].total = 90.0;
    const auto lines = notary_changes(notary_snapshot(two_works()), notary_snapshot(changed));
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "作品《车间里的网红技师》评委 张伟 的评分 85.00 → 90.00");
}

TEST(NotaryRecord, AChangedAwardAndAMissingWorkAreNamed) {
    NotaryFacts changed = two_works();
    changed.awards[1].tier = "二等奖";
    changed.works.pop_back();
    const auto lines = notary_changes(notary_snapshot(two_works()), notary_snapshot(changed));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "作品《港口的夜班》已不在本轮结果中");
    EXPECT_EQ(lines[1], "获奖名单中作品《港口的夜班》的奖项 无 → 二等奖");
}

TEST(NotaryRecord, ASnapshotThatIsNotAnObjectStillReportsAChange) {
    const auto lines = notary_changes(nlohmann::json::array(), notary_snapshot(two_works()));
    EXPECT_FALSE(lines.empty());
}

TEST(NotaryRecord, CodesAreDatedWithTheGzPrefix) {
    const std::string code = notary_record_code(
        Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{5}},
        std::string(8, '\x01'));
    EXPECT_EQ(code, "GZ26120533333333");
    EXPECT_TRUE(looks_like_dated_code(code, "GZ", 8));
}

NotaryVoteFacts three_works() {
    NotaryVoteFacts f;
    f.campaign = "网聚职工正能量";
    f.name = "网络达人投票";
    f.tracks = "正能量职工网络达人";
    f.starts = "2023-06-01 00:00";
    f.ends = "2023-06-10 00:00";
    f.rules = {"每个账号每天可为同一作品投 1 票"};
    f.works = {{WorkId{3}, "乙", "网络达人", "泰达汽车", 0, 5, 0, 0},
               {WorkId{1}, "甲", "网络达人", "泰达汽车", 0, 12, 3, 1},
               {WorkId{2}, "丙", "网络达人", "教育系统", 0, 5, 0, 0}};
    f.voidings = {{false, "同一地址集中注册", "", 4, "系统管理员", "2023-06-05 10:00"},
                  {true, "核实为本人投票", "", 1, "系统管理员", "2023-06-06 09:00"}};
    return f;
}

TEST(NotaryVoteRecord, WorksAreRankedByValidVotesWithTiesSharingARank) {
    NotaryVoteFacts f = three_works();
    rank_vote_works(f.works);
    ASSERT_EQ(f.works.size(), 3u);
    EXPECT_EQ(f.works[0].title, "甲");
    EXPECT_EQ(f.works[0].rank, 1);
    // 乙 and 丙 both have 5 votes: rank 2 each, in title order (by code point).
    EXPECT_EQ(f.works[1].rank, 2);
    EXPECT_EQ(f.works[2].rank, 2);
    EXPECT_LT(f.works[1].title, f.works[2].title);
}

TEST(NotaryVoteRecord, AVoteVoidedLaterIsNamedByWorkAndCount) {
    NotaryVoteFacts f = three_works();
    rank_vote_works(f.works);
    EXPECT_EQ(notary_vote_snapshot(f).dump(), notary_vote_snapshot(f).dump());
    EXPECT_TRUE(notary_vote_changes(notary_vote_snapshot(f), notary_vote_snapshot(f)).empty());

    NotaryVoteFacts changed = f;
    changed.works[0].valid = 11;
    changed.works[0].voided = 4;
    const auto lines =
        notary_vote_changes(notary_vote_snapshot(f), notary_vote_snapshot(changed));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "作品《甲》的有效票 12 → 11");
    EXPECT_EQ(lines[1], "作品《甲》的作废票 3 → 4");
}

TEST(NotaryVoteRecord, ARemovedWorkAndAnotherVoidingAreNamed) {
    NotaryVoteFacts f = three_works();
    NotaryVoteFacts changed = f;
    changed.works.pop_back();
    changed.voidings.push_back({false, "刷票", "F1", 2, "系统管理员", "2023-06-11 09:00"});
    const auto lines =
        notary_vote_changes(notary_vote_snapshot(f), notary_vote_snapshot(changed));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "作品《丙》已不在本次投票中");
    EXPECT_EQ(lines[1], "作废或恢复投票的记录已变化");
}

}  // namespace
}  // namespace wangju
