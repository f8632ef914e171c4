// The admin's page of a track's rules and levels over HTTP, without JavaScript: what is saved is
// what the JSON API then lists; a form with bad inputs names each one in Chinese and stores
// nothing.
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

class TrackAdminPage : public WebTest {
  protected:
    void SetUp() override {
        WebTest::SetUp();
        campaign = web->campaigns.campaigns().back();  // the 2023 campaign, which has the tracks
        cid = std::to_string(campaign.id.value);
        page = "/campaigns/" + cid + "/tracks/micro_videos/edit";
    }

    static std::string encoded(const Form& form) {
        std::string body;
        for (const auto& [name, value] : form)
            body += (body.empty() ? "" : "&") + http::percent_encode(name) + "=" +
                    http::percent_encode(value);
        return body;
    }

    HttpAnswer post(HttpClient& c, const std::string& target, Form form) {
        form.insert(form.begin(), {"csrf", c.csrf_token});
        return c.request("POST", target, encoded(form),
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

    // The form as an admin sends it for the micro-video track, with `changes` applied.
    static Form rules_form(const std::map<std::string, std::string>& changes) {
        Form form = {{"description", "MP4 视频,不超过 3 分钟。"},
                     {"contacts", "于国锋 65309739\n翟哲 25275642"},
                     {"formats", "mp4"},
                     {"formats", "mov"},
                     {"video_codecs", "h264, hevc"},
                     {"max_size_mb", "200"},
                     {"min_size_mb", ""},
                     {"max_video_seconds", "180"},
                     {"max_audio_seconds", ""},
                     {"duration_field", ""},
                     {"duration_by_choice", ""},
                     {"min_short_side", "1080"},
                     {"min_characters", ""},
                     {"max_characters", ""},
                     {"min_files", "1"},
                     {"max_files", "2"},
                     {"per_person_limit", "2"},
                     {"per_unit_limit", "15"},
                     {"field_rows", "3"},
                     {"field_key_0", "synopsis"},
                     {"field_label_0", "作品简介"},
                     {"field_type_0", "text"},
                     {"field_required_0", "1"},
                     {"field_multiline_0", "1"},
                     {"field_max_length_0", "200"},
                     {"field_key_1", "shot_on"},
                     {"field_label_1", "拍摄设备"},
                     {"field_type_1", "choice"},
                     {"field_choices_1", "手机、相机"},
                     {"field_key_2", ""},
                     {"field_label_2", ""},
                     {"field_type_2", "text"}};
        for (auto& [name, value] : form)
            if (auto it = changes.find(name); it != changes.end()) value = it->second;
        return form;
    }

    Json listed_track(const std::string& code) {
        auto tracks = client().get("/api/v1/campaigns/" + cid + "/tracks").json()["tracks"];
        for (const auto& t : tracks)
            if (t["code"] == code) return t;
        return nullptr;
    }

    Campaign campaign;
    std::string cid;
    std::string page;
};

TEST_F(TrackAdminPage, ShowsTheCurrentRulesToTheSysadminOnly) {
    auto admin = logged_in("sysadmin");
    auto shown = admin.get(page);
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_NE(shown.body.find("网络正能量微视频征集"), std::string::npos);
    EXPECT_NE(shown.body.find("name=\"max_video_seconds\" type=\"text\" inputmode=\"decimal\" value=\"300\""),
              std::string::npos);
    EXPECT_NE(shown.body.find("name=\"max_size_mb\" type=\"text\" inputmode=\"decimal\" value=\"500\""),
              std::string::npos);
    EXPECT_NE(shown.body.find("value=\"mp4\" checked"), std::string::npos);
    EXPECT_NE(shown.body.find("value=\"synopsis\""), std::string::npos);
    EXPECT_NE(shown.body.find("id=\"level-zone\""), std::string::npos);
    EXPECT_EQ(logged_in("binhai_admin").get(page).status, 403);
    EXPECT_EQ(logged_in("worker_zhang").get(page).status, 403);
}

TEST_F(TrackAdminPage, SavedRulesAreWhatTheTrackListThenShows) {
    auto admin = logged_in("sysadmin");
    auto saved = post(admin, page, rules_form({}));
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), page + "?done=track_saved");
    auto track = listed_track("micro_videos");
    EXPECT_EQ(track["description"], "MP4 视频,不超过 3 分钟。");
    EXPECT_EQ(track["contacts"][1]["name"], "翟哲");
    EXPECT_EQ(track["contacts"][1]["phone"], "25275642");
    const auto& rules = track["rules"];
    EXPECT_EQ(rules["files"]["formats"], Json({"mp4", "mov"}));
    EXPECT_EQ(rules["files"]["max_size_bytes"], 200 * 1024 * 1024);
    EXPECT_EQ(rules["files"]["max_duration_seconds"]["video"], 180);
    EXPECT_EQ(rules["files"]["min_short_side"], 1080);
    EXPECT_EQ(rules["files"]["max_files"], 2);
    EXPECT_EQ(rules["per_person_limit"], 2);
    EXPECT_EQ(rules["per_unit_limit"], 15);
    ASSERT_EQ(rules["fields"].size(), 2u);
    EXPECT_EQ(rules["fields"][1]["key"], "shot_on");
    EXPECT_EQ(rules["fields"][1]["type"], "choice");
    EXPECT_EQ(rules["fields"][1]["choices"], Json({"手机", "相机"}));
    EXPECT_EQ(rules["fields"][0]["max_length"], 200);
    // The page then shows the saved values and the notice.
    auto shown = admin.get(*saved.header("location"));
    EXPECT_NE(shown.body.find("子项目规则已保存"), std::string::npos);
    EXPECT_NE(shown.body.find("value=\"180\""), std::string::npos);
}

TEST_F(TrackAdminPage, BadInputsAreNamedInChineseAndNothingIsStored) {
    auto admin = logged_in("sysadmin");
    const Json before = listed_track("micro_videos");
    auto refused = post(admin, page,
                        rules_form({{"max_size_mb", "很大"},
                                    {"max_video_seconds", "-5"},
                                    {"max_files", "0"},
                                    {"min_files", "1"},
                                    {"contacts", "只有名字"},
                                    {"field_key_1", "Shot On"}}));
    EXPECT_EQ(refused.status, 400);
    const auto& body = refused.body;
    EXPECT_NE(body.find("以上内容均未保存"), std::string::npos);
    EXPECT_NE(body.find("每个文件大小上限(MB):</span>应为以 MB 计的正数"), std::string::npos) << body;
    EXPECT_NE(body.find("视频时长上限(秒):</span>应为大于 0 的秒数"), std::string::npos);
    EXPECT_NE(body.find("联系人:</span>每行写一位联系人"), std::string::npos);
    // What was sent is drawn again, not what is stored.
    EXPECT_NE(body.find("value=\"很大\""), std::string::npos);
    EXPECT_EQ(listed_track("micro_videos"), before);

    // Inputs that are well-formed but contradict each other, caught by the track's own check.
    auto contradicting = post(admin, page, rules_form({{"max_files", "0"}, {"field_key_1", "Shot On"}}));
    EXPECT_EQ(contradicting.status, 400);
    EXPECT_NE(contradicting.body.find("每件作品最多文件数:</span>文件数上限不能小于下限"), std::string::npos)
        << contradicting.body;
    EXPECT_NE(contradicting.body.find("表单字段第 2 行的字段名:</span>字段名应为"), std::string::npos);
    EXPECT_EQ(listed_track("micro_videos"), before);
}

TEST_F(TrackAdminPage, LevelQuotaAndDeadlineAreSetInBeijingTime) {
    auto admin = logged_in("sysadmin");
    const std::string levels = "/campaigns/" + cid + "/tracks/micro_videos/levels";
    auto saved = post(admin, levels, {{"level", "zone"}, {"quota", "7"}, {"deadline", "2023-08-10T17:30"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    Json zone;
    const Json saved_track = listed_track("micro_videos");
    for (const auto& l : saved_track["levels"])
        if (l["level"] == "zone") zone = l;
    EXPECT_EQ(zone["quota"], 7);
    EXPECT_EQ(zone["deadline"], "2023-08-10T09:30:00Z");

    auto refused = post(admin, levels, {{"level", "zone"}, {"quota", "七"}, {"deadline", "八月十日"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("推荐名额:</span>应为 0 至 100000 之间的整数"), std::string::npos)
        << refused.body;
    EXPECT_NE(refused.body.find("截止时间:</span>截止时间应为北京时间的日期和时刻"), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"八月十日\""), std::string::npos);
    const Json after_refusal = listed_track("micro_videos");
    for (const auto& l : after_refusal["levels"]) {
        if (l["level"] == "zone") {
            EXPECT_EQ(l, zone);
        }
    }
    auto district = logged_in("binhai_admin");
    EXPECT_EQ(post(district, levels,
                   {{"level", "zone"}, {"quota", "9"}, {"deadline", "2023-08-10T17:30"}})
                  .status,
              403);
}

}  // namespace
}  // namespace wangju::testing
