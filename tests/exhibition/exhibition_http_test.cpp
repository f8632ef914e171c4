// The exhibition over HTTP against a real server holding the demo, on SQLite and PostgreSQL: the
// national federation publishes awards; the public sees them in the gallery only once published;
// winners and unit admins download certificates, which verify at /certificates/{code}.
#include <zip.h>

#include <memory>

#include "support/pdf_text.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

// Names of the entries of a ZIP archive held in memory.
std::vector<std::string> zip_names(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    std::vector<std::string> names;
    if (!archive) return names;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i)
        names.emplace_back(zip_get_name(archive, static_cast<zip_uint64_t>(i), 0));
    zip_close(archive);
    return names;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class ExhibitionHttpTest : public EngineWebTest {
  protected:
    void SetUp() override {
        EngineWebTest::SetUp();
        if (IsSkipped()) return;
        campaign = web->campaigns.campaigns().back();  // 2023, with its tracks
        admin = std::make_unique<HttpClient>(logged_in("sysadmin"));
    }

    std::string base() { return "/api/v1/campaigns/" + std::to_string(campaign.id.value); }

    WorkId work(const std::string& owner, const std::string& track_code, const std::string& title,
                const std::string& authors, std::map<std::string, std::string> values = {}) {
        const User u = *store->find_user_by_username(owner);
        const Track t = *web->works.find_track_by_code(campaign.id, track_code);
        return web->works
            .create_work({campaign.id, t.id, u.id, u.unit, {title, authors, std::move(values), {}}},
                         system)
            .id;
    }

    // A national judging of `track_code` with `works` awarded in order, confirmed, not published.
    JudgingId confirmed_awards(const std::string& track_code, const std::vector<WorkId>& works) {
        Judging j;
        j.campaign = campaign.id;
        j.unit = store->find_unit_by_code("acftu")->id;
        j.track = web->works.find_track_by_code(campaign.id, track_code)->id;
        j.tiers = {{"一等奖", 1}, {"二等奖", 5}};
        j = web->judgings.create_judging(j, store->find_user_by_username("sysadmin")->id, system);
        std::vector<store::AwardRecord> awards;
        for (std::size_t i = 0; i < works.size(); ++i) {
            awards.push_back({j.id, works[i], i == 0 ? "一等奖" : "二等奖", static_cast<int>(i + 1),
                              90.0 - static_cast<double>(i)});
        }
        web->judgings.confirm_awards(j.id, awards, system);
        return j.id;
    }

    void publish(JudgingId judging) {
        auto a = admin->json("POST",
                             "/api/v1/judging/" + std::to_string(judging.value) + "/awards/publish",
                             Json::object());
        ASSERT_EQ(a.status, 200) << a.body;
    }

    store::PublicAward award_of(WorkId work) {
        auto awards = web->exhibition.public_awards_of_work(work, now_utc());
        EXPECT_EQ(awards.size(), 1u);
        return awards.front();
    }

    std::string certificate_url(const store::PublicAward& a) {
        return "/api/v1/awards/" + std::to_string(a.id.value) + "/certificate.pdf";
    }

    AuditContext system{std::nullopt, "test"};
    Campaign campaign;
    std::unique_ptr<HttpClient> admin;
};

TEST_P(ExhibitionHttpTest, TheGalleryListsAwardsOnlyOncePublished) {
    const WorkId w = work("worker_zhang", "recitation", "港口夜班纪实", "张伟",
                          {{"form", "朗诵"}, {"contact", "13800000000"}});
    const JudgingId j = confirmed_awards("recitation", {w});
    auto visitor = client();
    const std::string page = "/campaigns/" + std::to_string(campaign.id.value) + "/exhibition";
    auto before = visitor.get(page);
    ASSERT_EQ(before.status, 200);
    EXPECT_FALSE(contains(before.body, "港口夜班纪实"));
    auto api = visitor.get(base() + "/awards?track=recitation");
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_TRUE(api.json()["awards"].empty());
    EXPECT_EQ(visitor.get("/exhibition/works/" + std::to_string(w.value)).status, 404);

    publish(j);
    auto after = visitor.get(page);  // the page kept in memory was dropped by the publication
    EXPECT_TRUE(contains(after.body, "港口夜班纪实")) << after.body;
    EXPECT_TRUE(contains(after.body, "<svg")) << "the share QR code";
    EXPECT_TRUE(contains(after.body, "property=\"og:title\""));
    api = visitor.get(base() + "/awards?track=recitation");
    ASSERT_EQ(api.json()["awards"].size(), 1u);
    EXPECT_EQ(api.json()["awards"][0]["title"], "港口夜班纪实");
    EXPECT_EQ(api.json()["awards"][0]["tier"], "一等奖");
    EXPECT_EQ(api.json()["awards"][0]["unit"]["code"], "teda_qiche");
    // The demo's published lists are there too; filters narrow to a unit's subtree and a tier.
    const auto all = visitor.get(base() + "/awards").json()["awards"];
    EXPECT_EQ(all.size(), 4u) << "with the demo's three accounts";
    auto binhai = visitor.get(base() + "/awards?unit=binhai").json()["awards"];
    EXPECT_LT(binhai.size(), all.size());
    for (const auto& a : binhai) EXPECT_EQ(a["unit"]["code"], "teda_qiche") << a.dump();
    EXPECT_TRUE(visitor.get(base() + "/awards?unit=heping").json()["awards"].empty());
    EXPECT_TRUE(
        visitor.get(base() + "/awards?tier=三等奖&track=recitation").json()["awards"].empty());
    EXPECT_EQ(visitor.get(base() + "/awards?tier=一等奖&track=recitation").json()["awards"].size(),
              1u);
    auto bad = visitor.get(base() + "/awards?track=nonesuch");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.json()["error"]["fields"].contains("track"));
    EXPECT_EQ(visitor.get(base() + "/awards?unit=nonesuch").status, 400);
    EXPECT_EQ(visitor.get(page + "?unit=nonesuch").status, 400);
}

TEST_P(ExhibitionHttpTest, AWorksPageEscapesEveryFieldAndHidesTheContact) {
    const WorkId w = work("worker_zhang", "rights_cases", "<script>alert(1)</script>夜班",
                          "\"><img src=x onerror=alert(2)>",
                          {{"narrative", "第一段<b>粗</b>\n第二段"}, {"contact", "13912345678"}});
    publish(confirmed_awards("rights_cases", {w}));
    auto page = client().get("/exhibition/works/" + std::to_string(w.value));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_FALSE(contains(page.body, "<script>alert(1)"));
    EXPECT_FALSE(contains(page.body, "<img src=x"));
    EXPECT_FALSE(contains(page.body, "<b>粗"));
    EXPECT_TRUE(contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;夜班"));
    EXPECT_TRUE(contains(page.body, "第一段&lt;b&gt;粗&lt;/b&gt;"));
    EXPECT_FALSE(contains(page.body, "13912345678")) << "a contact phone is never public";
    EXPECT_TRUE(contains(page.body, "name=\"description\""));
    EXPECT_TRUE(contains(page.body, "一等奖"));
    // The gallery escapes them too.
    auto gallery = client().get("/campaigns/" + std::to_string(campaign.id.value) + "/exhibition");
    EXPECT_FALSE(contains(gallery.body, "<script>alert(1)"));
    EXPECT_FALSE(contains(gallery.body, "<img src=x"));
}

TEST_P(ExhibitionHttpTest, ACertificateHoldsTheAwardAndItsCodeVerifiesUntilReplaced) {
    const WorkId w =
        work("worker_zhang", "activities", "海河晨光", "张伟、李娜", {{"contact", "13800000000"}});
    publish(confirmed_awards("activities", {w}));
    const auto award = award_of(w);
    ASSERT_EQ(award.code.size(), 19u);

    EXPECT_EQ(client().get(certificate_url(award)).status, 401);
    auto stranger = logged_in("binhai_editor");
    EXPECT_EQ(stranger.get(certificate_url(award)).status, 403);
    auto winner = logged_in("worker_zhang");
    auto pdf = winner.get(certificate_url(award));
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.header("content-type").value_or(""), "application/pdf");
    ASSERT_TRUE(pdf.body.starts_with("%PDF-"));
    const std::string text = pdf_text_joined(pdf.body, dir);
    for (const std::string part : {"荣誉证书", "张伟、李娜", "海河晨光", "网络正能量创新活动征集",
                                   "一等奖", "中华全国总工会", award.code.c_str()}) {
        EXPECT_TRUE(contains(text, part)) << part << " missing from:\n" << text;
    }

    auto genuine = client().get("/certificates/" + award.code);
    EXPECT_EQ(genuine.status, 200);
    EXPECT_TRUE(contains(genuine.body, "证书真实有效"));
    EXPECT_TRUE(contains(genuine.body, "海河晨光"));
    // Typed in lower case without dashes, it is the same code.
    std::string typed;
    for (char c : award.code)
        if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(contains(client().get("/certificates?code=" + typed).body, "证书真实有效"));
    auto made_up = client().get("/certificates/ABCD-EFGH-JKMN-PQRS");
    EXPECT_EQ(made_up.status, 404);
    EXPECT_TRUE(contains(made_up.body, "未找到此核验码"));
    EXPECT_EQ(client().get("/api/v1/certificates/ABCD-EFGH-JKMN-PQRS").status, 404);

    // Only the issuing admins re-issue, with a reason.
    const std::string reissue =
        "/api/v1/awards/" + std::to_string(award.id.value) + "/certificate/reissue";
    auto tianjin = logged_in("tianjin_admin");
    EXPECT_EQ(tianjin.json("POST", reissue, {{"reason", "姓名有误"}}).status, 404);
    auto no_reason = admin->json("POST", reissue, {{"reason", " "}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_EQ(award_of(w).code, award.code) << "nothing changed";
    auto again = admin->json("POST", reissue, {{"reason", "获奖者姓名有误"}});
    ASSERT_EQ(again.status, 200) << again.body;
    const std::string new_code = again.json()["code"];
    EXPECT_NE(new_code, award.code);
    auto replaced = client().get("/certificates/" + award.code);
    EXPECT_EQ(replaced.status, 200);
    EXPECT_TRUE(contains(replaced.body, "此证书已作废"));
    EXPECT_TRUE(contains(replaced.body, "获奖者姓名有误"));
    EXPECT_FALSE(contains(replaced.body, "证书真实有效"));
    auto json = client().get("/api/v1/certificates/" + award.code).json();
    EXPECT_EQ(json["replaced"], true);
    EXPECT_EQ(json["genuine"], false);
    EXPECT_TRUE(contains(client().get("/certificates/" + new_code).body, "证书真实有效"));
    EXPECT_TRUE(contains(pdf_text_joined(winner.get(certificate_url(award)).body, dir), new_code));
}

// A form as a browser posts it with a file input.
HttpAnswer post_multipart(HttpClient& c, const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        body += "--CertBoundary\r\nContent-Disposition: form-data; name=\"" + name + "\"";
        if (name == "seal") body += "; filename=\"seal.png\"\r\nContent-Type: image/png";
        body += "\r\n\r\n" + value + "\r\n";
    }
    body += "--CertBoundary--\r\n";
    return c.request("POST", target, body,
                     {{"Content-Type", "multipart/form-data; boundary=CertBoundary"}});
}

TEST_P(ExhibitionHttpTest, TheCertificatesPageLetsTheAdminsSetTheLayoutAndReissue) {
    const WorkId w = work("worker_zhang", "activities", "海河晨光", "张伟、李娜",
                          {{"contact", "13800000000"}});
    publish(confirmed_awards("activities", {w}));
    const auto award = award_of(w);
    const std::string page = "/campaigns/" + std::to_string(campaign.id.value) + "/certificates";

    // The winner finds their certificate, but no layout form and no re-issue.
    auto winner = logged_in("worker_zhang");
    auto theirs = winner.get(page);
    ASSERT_EQ(theirs.status, 200) << theirs.body;
    EXPECT_TRUE(contains(theirs.body, "海河晨光"));
    EXPECT_TRUE(contains(theirs.body, certificate_url(award)));
    EXPECT_FALSE(contains(theirs.body, "layout-form"));
    EXPECT_FALSE(contains(theirs.body, "补发原因"));
    EXPECT_EQ(client().get(page).status, 303) << "log in first";

    // The campaign's admin sets the layout; a bad date changes nothing and says what is wrong.
    auto form = admin->get(page);
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "layout-form"));
    auto bad = post_multipart(*admin, page + "/layout",
                              {{"csrf", admin->csrf_token},
                               {"title", "优秀作品证书"},
                               {"issued_on", "2023-13-45"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "颁发日期应为 YYYY-MM-DD"));
    EXPECT_TRUE(contains(bad.body, "优秀作品证书")) << "what was typed stays";
    EXPECT_EQ(web->exhibition.layout(campaign.id).title, "荣誉证书");
    auto no_csrf = post_multipart(*admin, page + "/layout", {{"title", "优秀作品证书"}});
    EXPECT_EQ(no_csrf.status, 403);
    auto saved = post_multipart(*admin, page + "/layout",
                                {{"csrf", admin->csrf_token},
                                 {"title", "优秀作品证书"},
                                 {"issuer", "中华全国总工会宣传教育部"},
                                 {"issued_on", "2023-11-20"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), page + "?done=certificate_layout_saved");
    const auto layout = web->exhibition.layout(campaign.id);
    EXPECT_EQ(layout.title, "优秀作品证书");
    EXPECT_EQ(layout.issuer, "中华全国总工会宣传教育部");
    const std::string text = pdf_text_joined(winner.get(certificate_url(award)).body, dir);
    EXPECT_TRUE(contains(text, "优秀作品证书")) << text;
    EXPECT_TRUE(contains(text, "2023年11月20日")) << text;

    // The judging's admin re-issues with a reason; without one, nothing changes.
    const std::string reissue = page + "/" + std::to_string(award.id.value) + "/reissue";
    auto no_reason = admin->request("POST", reissue, "csrf=" + admin->csrf_token + "&reason=+",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_TRUE(contains(no_reason.body, "请填写补发原因"));
    EXPECT_EQ(award_of(w).code, award.code);
    auto other = logged_in("tianjin_admin");
    EXPECT_EQ(other.request("POST", reissue, "csrf=" + other.csrf_token + "&reason=x",
                            {{"Content-Type", "application/x-www-form-urlencoded"}})
                  .status,
              404);
    auto done = admin->request(
        "POST", reissue,
        "csrf=" + admin->csrf_token + "&reason=%E5%A7%93%E5%90%8D%E6%9C%89%E8%AF%AF",
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_NE(award_of(w).code, award.code);
    EXPECT_TRUE(contains(client().get("/certificates/" + award.code).body, "此证书已作废"));
}

TEST_P(ExhibitionHttpTest, AUnitAdminsZipHoldsOnlyTheirSubtreesCertificates) {
    const WorkId tianjin = work("worker_zhang", "songs", "滨海之歌", "张伟");
    const WorkId beijing = work("worker_chen", "songs", "朝阳之歌", "陈晨");
    publish(confirmed_awards("songs", {tianjin, beijing}));
    auto binhai = logged_in("binhai_admin");
    auto zip = binhai.get(base() + "/certificates.zip");
    ASSERT_EQ(zip.status, 200) << zip.body;
    const auto names = zip_names(zip.body);
    auto holds = [](const std::vector<std::string>& list, const std::string& part) {
        return std::any_of(list.begin(), list.end(), [&](auto& n) { return contains(n, part); });
    };
    ASSERT_EQ(names.size(), 1u);
    EXPECT_TRUE(holds(names, "滨海之歌"));
    EXPECT_FALSE(holds(names, "朝阳之歌"));
    // A unit outside the admin's subtree is refused; the system admin may ask for any.
    EXPECT_EQ(binhai.get(base() + "/certificates.zip?unit=tianjin").status, 403);
    EXPECT_TRUE(holds(zip_names(admin->get(base() + "/certificates.zip").body), "朝阳之歌"));
    EXPECT_EQ(logged_in("worker_zhang").get(base() + "/certificates.zip").status, 403);
    // A unit admin also downloads one certificate of the subtree, not one outside it.
    EXPECT_EQ(binhai.get(certificate_url(award_of(tianjin))).status, 200);
    EXPECT_EQ(binhai.get(certificate_url(award_of(beijing))).status, 403);
}

TEST_P(ExhibitionHttpTest, TheCampaignsLayoutGoesOnItsCertificatesAndBadInputChangesNothing) {
    const WorkId w = work("worker_zhang", "songs", "职工之歌", "张伟");
    publish(confirmed_awards("songs", {w}));
    const std::string layout = base() + "/certificate-layout";
    auto bad =
        admin->json("PUT", layout, {{"title", "荣誉证书"}, {"seal_png_base64", "bm90IGEgcG5n"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.json()["error"]["fields"].contains("seal_png_base64")) << bad.body;
    EXPECT_EQ(admin->json("PUT", layout, {{"title", ""}}).status, 400);
    EXPECT_EQ(admin->json("PUT", layout, {{"title", "奖状"}, {"issued_on", "2023-13-01"}}).status,
              400);
    EXPECT_EQ(admin->get(layout).json()["title"], "荣誉证书");
    EXPECT_EQ(logged_in("teda_admin").get(layout).status, 403);
    auto set = admin->json(
        "PUT", layout,
        {{"title", "获奖证书"}, {"issuer", "网聚活动组委会"}, {"issued_on", "2023-11-20"}});
    ASSERT_EQ(set.status, 200) << set.body;
    const std::string text = pdf_text_joined(admin->get(certificate_url(award_of(w))).body, dir);
    EXPECT_TRUE(contains(text, "获奖证书")) << text;
    EXPECT_TRUE(contains(text, "网聚活动组委会")) << text;
    EXPECT_TRUE(contains(text, "2023年11月20日")) << text;
}

TEST_P(ExhibitionHttpTest, TheYearInReviewShowsLiveFiguresAsJsonPageAndWorkbook) {
    const WorkId w = work("worker_zhang", "songs", "年度之歌", "张伟");
    publish(confirmed_awards("songs", {w}));
    auto visitor = client();
    auto review = visitor.get(base() + "/year-in-review?unit=binhai");
    ASSERT_EQ(review.status, 200) << review.body;
    const Json y = review.json();
    EXPECT_EQ(y["unit"]["code"], "binhai");
    EXPECT_FALSE(y["metrics"].empty());
    EXPECT_FALSE(y["funnel"].empty());
    ASSERT_EQ(y["awards_by_track"].size(), 1u) << y.dump();
    EXPECT_EQ(y["awards_by_track"][0]["count"], 1);
    ASSERT_EQ(y["awards_by_unit"].size(), 1u) << y.dump();
    EXPECT_EQ(y["awards_by_unit"][0]["name"], "天津经济技术开发区总工会");
    EXPECT_TRUE(y["votes_per_day"].is_array());
    // The national view counts the demo's published accounts list as well.
    auto national = visitor.get(base() + "/year-in-review").json();
    long long awards = 0;
    for (const auto& t : national["awards_by_track"]) awards += t["count"].get<long long>();
    EXPECT_EQ(awards, 4) << "the demo's 3 accounts and the song";
    EXPECT_EQ(visitor.get(base() + "/year-in-review?unit=nonesuch").status, 400);
    // The demo's approved activities, by the level of the unit that held them: top down, and
    // together as many as by form.
    ASSERT_GT(national["approved_reports"].get<long long>(), 0);
    long long by_level = 0, by_form = 0;
    std::vector<int> ranks;
    for (const auto& l : national["activity_levels"]) {
        by_level += l["reports"].get<long long>();
        ranks.push_back(kind_rank(*parse_unit_kind(l["kind"].get<std::string>())));
    }
    for (const auto& f : national["activity_forms"]) by_form += f["reports"].get<long long>();
    EXPECT_EQ(by_level, national["approved_reports"]);
    EXPECT_EQ(by_form, national["approved_reports"]);
    ASSERT_GE(ranks.size(), 2u) << national["activity_levels"].dump();
    EXPECT_TRUE(std::is_sorted(ranks.begin(), ranks.end())) << national["activity_levels"].dump();

    auto page = visitor.get("/campaigns/" + std::to_string(campaign.id.value) +
                            "/year-in-review?unit=binhai");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "id=\"table-funnel\""));
    EXPECT_TRUE(contains(page.body, "id=\"table-levels\""));
    EXPECT_TRUE(contains(page.body, "echarts.min.js"));
    EXPECT_TRUE(contains(page.body, "年度之歌") == false) << "figures, not works";
    auto xlsx = visitor.get(base() + "/year-in-review.xlsx?unit=binhai");
    ASSERT_EQ(xlsx.status, 200);
    const auto parts = zip_names(xlsx.body);
    EXPECT_TRUE(std::find(parts.begin(), parts.end(), "xl/worksheets/sheet8.xml") != parts.end());
}

TEST_P(ExhibitionHttpTest, TheHomePageLinksToTheExhibition) {
    auto home = client().get("/");
    EXPECT_TRUE(
        contains(home.body, "/campaigns/" + std::to_string(campaign.id.value) + "/exhibition"));
}

INSTANTIATE_TEST_SUITE_P(Engines, ExhibitionHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
