#include "domain/error.h"
#include "store/campaign_store.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class CampaignsTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Engines, CampaignsTest, engines(), engine_name);

TEST_P(CampaignsTest, CreatedCampaignReadsBackAndIsAudited) {
    CampaignStore campaigns(store->database());
    const auto before = store->count_audit_events();
    const Campaign created =
        campaigns.create_campaign({2023, "网聚职工正能量 争做中国好网民", "主题"}, ctx);
    const auto found = campaigns.find_campaign(created.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->year, 2023);
    EXPECT_EQ(found->name, "网聚职工正能量 争做中国好网民");
    EXPECT_EQ(found->theme, "主题");
    EXPECT_EQ(store->count_audit_events(), before + 1);
    EXPECT_EQ(store->audit_events(before, 1).front().action, "campaign.create");
    EXPECT_FALSE(campaigns.find_campaign(CampaignId{created.id.value + 100}));
}

TEST_P(CampaignsTest, ListIsNewestYearFirst) {
    CampaignStore campaigns(store->database());
    campaigns.create_campaign({2022, "甲", ""}, ctx);
    campaigns.create_campaign({2024, "乙", ""}, ctx);
    campaigns.create_campaign({2023, "丙", ""}, ctx);
    const auto all = campaigns.campaigns();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].year, 2024);
    EXPECT_EQ(all[1].year, 2023);
    EXPECT_EQ(all[2].year, 2022);
}

TEST_P(CampaignsTest, BadOrDuplicateCampaignIsRefusedAndNothingStored) {
    CampaignStore campaigns(store->database());
    campaigns.create_campaign({2023, "网聚", ""}, ctx);
    const auto events = store->count_audit_events();
    try {
        campaigns.create_campaign({2023, "网聚", ""}, ctx);
        FAIL() << "duplicate accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_EQ(e.message(), "2023 年已有名为“网聚”的活动");
    }
    try {
        campaigns.create_campaign({1999, "  ", ""}, ctx);
        FAIL() << "bad campaign accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(e.fields().at("year"), "年度应在 2000 至 2100 之间");
        EXPECT_EQ(e.fields().at("name"), "请填写活动名称");
    }
    EXPECT_EQ(campaigns.campaigns().size(), 1u);
    EXPECT_EQ(store->count_audit_events(), events);
}

}  // namespace
}  // namespace wangju::store::testing
