// The counts of the track summary table (附件4).
#include <gtest/gtest.h>

#include "domain/track_summary.h"

namespace wangju {
namespace {

Unit unit(std::int64_t id, std::string name, std::string path) {
    Unit u;
    u.id = UnitId{id};
    u.name = std::move(name);
    u.path = std::move(path);
    return u;
}

TEST(TrackSummary, CountsSubmittedAndPassedUpwardPerUnitAndTrack) {
    // district 3 > zones 4 and 5 > grassroots 6 under zone 4
    const Unit zone_a = unit(4, "甲开发区", "/3/4/");
    const Unit zone_b = unit(5, "乙街道", "/3/5/");
    Track songs, videos;
    songs.id = TrackId{1};
    songs.name = "歌曲";
    videos.id = TrackId{2};
    videos.name = "微视频";
    const UnitId district{3}, za{4}, zb{5};
    std::vector<SummaryWork> works = {
        {TrackId{1}, "/3/4/6/", WorkState::pending, {za}},             // waiting at zone A
        {TrackId{1}, "/3/4/6/", WorkState::pending, {za, district}},   // zone A recommended it
        {TrackId{1}, "/3/4/6/", WorkState::entry, {za, district}},     // and on to judging
        {TrackId{1}, "/3/4/6/", WorkState::draft, {}},                 // drafts do not count
        {TrackId{1}, "/3/4/6/", WorkState::withdrawn, {}},
        {TrackId{1}, "/3/4/6/", WorkState::returned, {}},              // submitted, sent back
        {TrackId{2}, "/3/5/", WorkState::not_recommended, {zb}},
    };
    auto rows = track_summary({zone_a, zone_b}, {songs, videos}, works);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].unit_name, "甲开发区");
    ASSERT_EQ(rows[0].per_track.size(), 2u);
    EXPECT_EQ(rows[0].per_track[0].submitted, 4);  // songs
    EXPECT_EQ(rows[0].per_track[0].recommended, 2);
    EXPECT_EQ(rows[0].per_track[1].submitted, 0);  // videos
    EXPECT_EQ(rows[1].unit_name, "乙街道");
    EXPECT_EQ(rows[1].per_track[0].submitted, 0);
    EXPECT_EQ(rows[1].per_track[1].submitted, 1);
    EXPECT_EQ(rows[1].per_track[1].recommended, 0);
}

}  // namespace
}  // namespace wangju
