// Public notices over HTTP against a real server holding the demo, on SQLite and PostgreSQL: the
// national federation puts a judging's proposed winners under notice; the public objects under
// a real name; the judging's admins answer; the notice closes into the final list.
#include "domain/altcha.h"
#include "support/multipart.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

class AnnouncementHttpTest : public EngineWebTest {
  protected:
    void configure(web::WebConfig& config) override {
        config.altcha_maxnumber = 3000;
        config.letter_key = std::string(32, 'k');
    }

    void SetUp() override {
        EngineWebTest::SetUp();
        if (IsSkipped()) return;
        campaign = web->campaigns.campaigns().back();  // 2023, with its tracks
        admin = std::make_unique<HttpClient>(logged_in("sysadmin"));
        for (int i = 1; i <= 3; ++i) {
            works.push_back(new_work("proposed " + std::to_string(i)));
        }
        judging = confirmed_judging(works);
    }

    WorkId new_work(const std::string& title) {
        const User u = *store->find_user_by_username("sysadmin");
        const Track t = *web->works.find_track_by_code(campaign.id, "micro_videos");
        return web->works.create_work({campaign.id, t.id, u.id, u.unit, {title, "作者", {}, {}}},
                                      system)
            .id;
    }

    // A national judging of micro videos with `awarded` confirmed in order, not published.
    JudgingId confirmed_judging(const std::vector<WorkId>& awarded) {
        Judging j;
        j.campaign = campaign.id;
        j.unit = store->find_unit_by_code("acftu")->id;
        j.track = web->works.find_track_by_code(campaign.id, "micro_videos")->id;
        j.tiers = {{"一等奖", 1}, {"二等奖", 2}};
        j = web->judgings.create_judging(j, store->find_user_by_username("sysadmin")->id, system);
        std::vector<store::AwardRecord> awards;
        for (std::size_t i = 0; i < awarded.size(); ++i) {
            awards.push_back({j.id, awarded[i], i == 0 ? "一等奖" : "二等奖",
                              static_cast<int>(i + 1), 90.0 - static_cast<double>(i)});
        }
        web->judgings.confirm_awards(j.id, awards, system);
        return j.id;
    }

    // A notice of the judging's winners whose days are set directly (the API takes no day in the
    // past): running from `first` to `last`, counted in days from today.
    Announcement notice_from_days(int first, int last) {
        const Date today = shanghai_date(now_utc());
        auto day = [&](int offset) {
            return Date{std::chrono::sys_days{today} + std::chrono::days{offset}};
        };
        Announcement a;
        a.campaign = campaign.id;
        a.kind = AnnouncementKind::winners;
        a.judging = judging;
        a.title = "微视频拟获奖名单公示";
        a.first_day = day(first);
        a.last_day = day(last);
        a.working_days = 5;
        a.contact = "联系人:王老师 022-12345678";
        a.created_at = now_utc();
        int position = 0;
        for (auto w : works) {
            a.entries.push_back({w, ++position, "作品", "全国总工会", "微视频", "二等奖",
                                 EntryOutcome::listed});
        }
        return web->announcements.open(a, system);
    }

    std::string path(AnnouncementId id, const std::string& rest = "") {
        return "/api/v1/announcements/" + std::to_string(id.value) + rest;
    }

    std::string solved() {
        auto challenge = client().get("/api/v1/altcha/challenge");
        EXPECT_EQ(challenge.status, 200);
        return *solve_altcha(challenge.json());
    }

    Json objection_body(WorkId work) {
        return {{"work_id", work.value},
                {"reason", "该作品与某网站 2022 年发表的作品雷同,请核实。"},
                {"name", "李明"},
                {"phone", "13812345678"},
                {"altcha", solved()}};
    }

    AuditContext system{std::nullopt, "test"};
    Campaign campaign;
    std::unique_ptr<HttpClient> admin;
    std::vector<WorkId> works;
    JudgingId judging;
};

TEST_P(AnnouncementHttpTest, TheJudgingsAdminOpensANoticeOfTheConfirmedWinners) {
    const std::string url = "/api/v1/judging/" + std::to_string(judging.value) + "/announcements";
    const Date monday = *parse_date("2030-01-07");
    Json body{{"kind", "winners"}, {"starts", "2030-01-07"}, {"working_days", 5},
              {"contact", "全国总工会宣教部 010-12345678"}};

    const auto notices_before = web->announcements.list(campaign.id).size();
    for (auto [field, bad] : std::vector<std::pair<std::string, Json>>{
             {"kind", "shortlist"}, {"working_days", 0}, {"contact", ""}, {"starts", "2020-01-01"}}) {
        Json wrong = body;
        wrong[field] = bad;
        auto refused = admin->json("POST", url, wrong);
        EXPECT_EQ(refused.status, 400) << field << " " << refused.body;
        EXPECT_TRUE(refused.json()["error"]["fields"].contains(field)) << refused.body;
    }
    EXPECT_EQ(web->announcements.list(campaign.id).size(), notices_before);

    auto worker = logged_in_new_user("notice_worker", "职工", "binhai", Role::worker);
    EXPECT_NE(worker.json("POST", url, body).status, 201);

    auto opened = admin->json("POST", url, body);
    ASSERT_EQ(opened.status, 201) << opened.body;
    const Json notice = opened.json();
    EXPECT_EQ(notice["kind"], "winners");
    EXPECT_EQ(notice["first_day"], format_date(monday));
    EXPECT_EQ(notice["last_day"], "2030-01-11");  // five working days, Monday to Friday
    EXPECT_EQ(notice["phase"], "scheduled");
    ASSERT_EQ(notice["entries"].size(), 3u);
    EXPECT_EQ(notice["entries"][0]["title"], "proposed 1");
    EXPECT_EQ(notice["entries"][0]["tier"], "一等奖");

    // One notice at a time; and the list it shows cannot be published or changed meanwhile.
    EXPECT_EQ(admin->json("POST", url, body).status, 409);
    const std::string awards = "/api/v1/judging/" + std::to_string(judging.value) + "/awards";
    EXPECT_EQ(admin->json("POST", awards + "/publish", Json::object()).status, 409);
    EXPECT_EQ(admin->json("PUT", awards, {{"confirm", false}}).status, 409);

    auto shown = client().get(path(AnnouncementId{notice["id"].get<std::int64_t>()}));
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(shown.json()["entries"].size(), 3u);
}

TEST_P(AnnouncementHttpTest, AnObjectionNeedsANamePhoneAndSolvedChallengeAndShowsOnlyAMaskedPhone) {
    const Announcement notice = notice_from_days(-1, 3);
    const std::string url = path(notice.id, "/objections");
    for (const char* missing : {"name", "phone", "reason", "altcha"}) {
        Json body = objection_body(works[1]);
        body.erase(missing);
        auto refused = client().json("POST", url, body);
        EXPECT_EQ(refused.status, 400) << missing << " " << refused.body;
        EXPECT_TRUE(refused.json()["error"]["fields"].contains(missing)) << refused.body;
    }
    Json too_long = objection_body(works[1]);
    too_long["reason"] = std::string(2001, 'x');
    EXPECT_EQ(client().json("POST", url, too_long).status, 400);
    Json not_listed = objection_body(works[1]);
    not_listed["work_id"] = 999999;
    EXPECT_EQ(client().json("POST", url, not_listed).status, 400);
    EXPECT_TRUE(web->announcements.objections(notice.id).empty());

    Json body = objection_body(works[1]);
    auto taken = client().json("POST", url, body);
    ASSERT_EQ(taken.status, 201) << taken.body;
    const std::string code = taken.json()["code"];
    EXPECT_EQ(taken.json()["phone"], "138****5678");
    // The same solution is not taken twice.
    body["reason"] = "再次提交";
    EXPECT_EQ(client().json("POST", url, body).status, 400);

    auto mine = client().get("/api/v1/objections/" + code);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.json()["phone"], "138****5678");
    EXPECT_FALSE(mine.json()["answered"].get<bool>());
    EXPECT_EQ(client().get("/api/v1/objections/YY000000ABCDEFGH").status, 404);
    EXPECT_EQ(mine.body.find("13812345678"), std::string::npos);

    // Only the judging's admins see the full number; nobody else sees the list.
    auto listed = admin->get(path(notice.id, "/objections"));
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.json()["objections"][0]["phone"], "13812345678");
    auto unit_admin = logged_in_new_user("notice_unit_admin", "区管理员", "binhai",
                                         Role::unit_admin);
    EXPECT_EQ(unit_admin.get(path(notice.id, "/objections")).status, 403);
    EXPECT_EQ(client().get(path(notice.id, "/objections")).status, 401);
    auto public_view = client().get(path(notice.id));
    EXPECT_EQ(public_view.body.find("13812345678"), std::string::npos);
}

TEST_P(AnnouncementHttpTest, TheNoticeClosesOnlyAfterItsLastDayWithEveryObjectionAnswered) {
    const Announcement running = notice_from_days(-1, 3);
    auto taken = client().json("POST", path(running.id, "/objections"), objection_body(works[2]));
    ASSERT_EQ(taken.status, 201) << taken.body;
    const auto objection_id = taken.json()["id"].get<std::int64_t>();
    const std::string code = taken.json()["code"];
    auto early = admin->json("POST", path(running.id, "/close"), Json::object());
    EXPECT_EQ(early.status, 409) << early.body;

    // The last day passes (moved directly: the API cannot make time pass).
    store->database().write([&](soci::session& s) {
        const std::string past = format_date(
            Date{std::chrono::sys_days{shanghai_date(now_utc())} - std::chrono::days{1}});
        s << "UPDATE announcements SET last_day = :d WHERE id = :id", soci::use(past),
            soci::use(running.id.value);
    });
    EXPECT_EQ(client().json("POST", path(running.id, "/objections"), objection_body(works[0])).status,
              409);
    auto open_one = admin->json("POST", path(running.id, "/close"), Json::object());
    EXPECT_EQ(open_one.status, 409) << open_one.body;
    EXPECT_NE(open_one.body.find("1 件异议未答复"), std::string::npos) << open_one.body;

    const std::string answer = "/api/v1/objections/" + std::to_string(objection_id) + "/answer";
    auto unit_admin = logged_in_new_user("answer_unit_admin", "区管理员", "binhai",
                                         Role::unit_admin);
    EXPECT_EQ(unit_admin.json("POST", answer, {{"upheld", true}, {"reason", "核实"}}).status, 403);
    EXPECT_EQ(admin->json("POST", answer, {{"upheld", true}, {"reason", ""}}).status, 400);
    auto answered = admin->json("POST", answer,
                                {{"upheld", true}, {"outcome", "withdrawn"},
                                 {"reason", "经核实,该作品与已发表作品雷同,撤销其拟获奖资格。"}});
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(admin->json("POST", answer, {{"upheld", false}, {"reason", "再答"}}).status, 409);

    auto mine = client().get("/api/v1/objections/" + code);
    EXPECT_TRUE(mine.json()["upheld"].get<bool>());
    EXPECT_EQ(mine.json()["answer_reason"], "经核实,该作品与已发表作品雷同,撤销其拟获奖资格。");

    auto closed = admin->json("POST", path(running.id, "/close"), Json::object());
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.json()["final_list"], Json({works[0].value, works[1].value}));
    EXPECT_EQ(closed.json()["entries"][2]["outcome"], "withdrawn");
    std::vector<std::int64_t> awarded;
    for (const auto& a : web->judgings.awards(judging)) awarded.push_back(a.work.value);
    EXPECT_EQ(awarded, (std::vector<std::int64_t>{works[0].value, works[1].value}));

    // The published list is the final one.
    const std::string awards = "/api/v1/judging/" + std::to_string(judging.value) + "/awards";
    EXPECT_EQ(admin->json("POST", awards + "/publish", Json::object()).status, 200);
    EXPECT_EQ(admin->json("POST", path(running.id, "/close"), Json::object()).status, 409);
    EXPECT_EQ(client().get(path(running.id)).json()["phase"], "closed");
}

TEST_P(AnnouncementHttpTest, AWorkReturnedToTheJudgesPutsTheListBackToADraft) {
    const Announcement running = notice_from_days(-1, 3);
    auto taken = client().json("POST", path(running.id, "/objections"), objection_body(works[1]));
    ASSERT_EQ(taken.status, 201) << taken.body;
    const std::string answer =
        "/api/v1/objections/" + std::to_string(taken.json()["id"].get<std::int64_t>()) + "/answer";
    ASSERT_EQ(admin->json("POST", answer,
                          {{"upheld", true}, {"outcome", "returned"},
                           {"reason", "评分时未考虑作品超时长的扣分,退回评委重新评分。"}})
                  .status,
              200);
    store->database().write([&](soci::session& s) {
        const std::string past = format_date(
            Date{std::chrono::sys_days{shanghai_date(now_utc())} - std::chrono::days{1}});
        s << "UPDATE announcements SET last_day = :d WHERE id = :id", soci::use(past),
            soci::use(running.id.value);
    });
    auto closed = admin->json("POST", path(running.id, "/close"), Json::object());
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.json()["entries"][1]["outcome"], "returned");
    // Not final: the list is a draft again, to be scored and confirmed anew, and cannot be
    // published as it stands.
    EXPECT_TRUE(web->judgings.awards(judging).empty());
    EXPECT_EQ(web->judgings.awards_status(judging).state, store::AwardsState::draft);
    const std::string awards = "/api/v1/judging/" + std::to_string(judging.value) + "/awards";
    EXPECT_EQ(admin->json("POST", awards + "/publish", Json::object()).status, 409);
    // The returned work keeps no move that would take it off the list: its scores decide again.
    for (const auto& move : web->judgings.award_moves(judging)) EXPECT_NE(move.work, works[1]);
    const auto events = store->audit_events(store->count_audit_events() - 2, 2);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].action, "awards.unconfirm");
    EXPECT_EQ(events[0].after["returned_works"], Json::array({works[1].value}));
    EXPECT_EQ(events[1].action, "announcement.close");
}

TEST_P(AnnouncementHttpTest, ThePageTakesAnObjectionWithItsAttachmentForTheAnswerersOnly) {
    const Announcement notice = notice_from_days(-1, 3);
    const std::string url = "/announcements/" + std::to_string(notice.id.value) + "/objections";
    std::vector<Part> parts{{"work_id", "", std::to_string(works[0].value)},
                            {"reason", "", "作品中的照片来自他人,未获授权。"},
                            {"name", "", "周强"},
                            {"phone", "", "022-58881234"}};
    // Without the solved challenge: the form again, with what was typed, and nothing stored.
    auto refused = client().request("POST", url, multipart_body(parts),
                                    {{"Content-Type", multipart_type}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("周强"), std::string::npos);
    EXPECT_TRUE(web->announcements.objections(notice.id).empty());

    auto with_text_file = parts;
    with_text_file.push_back({"altcha", "", solved()});
    with_text_file.push_back({"attachment", "evil.png", "<script>alert(1)</script>"});
    EXPECT_EQ(client()
                  .request("POST", url, multipart_body(with_text_file),
                           {{"Content-Type", multipart_type}})
                  .status,
              400);
    EXPECT_TRUE(web->announcements.objections(notice.id).empty());

    parts.push_back({"altcha", "", solved()});
    parts.push_back({"attachment", "证据.png", tiny_png()});
    auto taken =
        client().request("POST", url, multipart_body(parts), {{"Content-Type", multipart_type}});
    ASSERT_EQ(taken.status, 201) << taken.body;
    EXPECT_NE(taken.body.find("objection-code"), std::string::npos);
    const auto stored = web->announcements.objections(notice.id);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].attachment_type, "image/png");

    const std::string file = "/objections/" + std::to_string(stored[0].id.value) + "/attachment";
    auto visitor = client().get(file);
    EXPECT_EQ(visitor.status, 303);  // to the login page
    EXPECT_NE(visitor.body, tiny_png());
    auto unit_admin = logged_in_new_user("file_unit_admin", "区管理员", "binhai", Role::unit_admin);
    EXPECT_EQ(unit_admin.get(file).status, 403);
    auto download = admin->get(file);
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body, tiny_png());
    EXPECT_EQ(download.header("content-type"), "image/png");

    // The answerers' page shows the full number; the public page shows none.
    auto page = admin->get("/announcements/" + std::to_string(notice.id.value) + "/objections");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("022-58881234"), std::string::npos);
    EXPECT_EQ(client().get("/announcements/" + std::to_string(notice.id.value)).body.find("58881234"),
              std::string::npos);
}

TEST_P(AnnouncementHttpTest, TheCalendarIsDataThatOnlySystemAdminsChange) {
    auto y2026 = client().get("/api/v1/calendar/2026");
    ASSERT_EQ(y2026.status, 200);
    bool national_day = false;
    const Json calendar = y2026.json();
    for (const auto& d : calendar["days"]) {
        if (d["day"] == "2026-10-01") national_day = !d["working"].get<bool>();
    }
    EXPECT_TRUE(national_day) << y2026.body;

    const std::string day = "/api/v1/calendar/days/2031-06-02";
    auto unit_admin = logged_in_new_user("calendar_admin", "区管理员", "binhai", Role::unit_admin);
    EXPECT_EQ(unit_admin.json("PUT", day, {{"working", false}, {"name", "端午节"}}).status, 403);
    EXPECT_EQ(admin->json("PUT", day, {{"working", "no"}, {"name", "端午节"}}).status, 400);
    EXPECT_EQ(admin->json("PUT", day, {{"working", false}, {"name", std::string(21 * 3, 'x')}}).status,
              400);
    EXPECT_TRUE(client().get("/api/v1/calendar/2031").json()["days"].empty());
    auto set = admin->json("PUT", day, {{"working", false}, {"name", "端午节"}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.json()["days"], Json::array({{{"day", "2031-06-02"}, {"working", false},
                                                {"name", "端午节"}}}));
    EXPECT_FALSE(is_working_day(*parse_date("2031-06-02"), web->announcements.calendar()));
    EXPECT_EQ(admin->json("PUT", day, {{"clear", true}}).json()["days"].size(), 0u);
    EXPECT_EQ(client().get("/api/v1/calendar/1999").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, AnnouncementHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
