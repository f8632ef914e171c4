// Files of works over HTTP: an upload made through the tus endpoint is attached to a work, a file
// breaking the track's rules is refused with the rule and the measured value, the unit admin reads
// the file once the work reached them, and downloads the works they recommended as a ZIP.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <zip.h>

#include "support/multipart.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

// An essay of `n` characters (Chinese, no white space), as UTF-8.
std::string essay(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i % 2 == 0) ? "网" : "聚";
    return out;
}

class WorksFilesHttpTest : public WebTest {
  protected:
    void SetUp() override {
        WebTest::SetUp();
        campaign = web->campaigns.campaigns().back();  // the 2023 campaign, which has the tracks
        base = "/api/v1/campaigns/" + std::to_string(campaign.id.value);
    }

    // A commentary work of the logged-in worker; returns its id.
    std::int64_t new_commentary(HttpClient& c, const std::string& title) {
        auto created = c.json("POST", base + "/works",
                              {{"track", "commentary"},
                               {"title", title},
                               {"authors", "张伟"},
                               {"form_values", {{"contact", "13800000001"}}}});
        EXPECT_EQ(created.status, 201) << created.body;
        return created.json()["id"].get<std::int64_t>();
    }

    // Uploads `content` through the tus endpoint in two chunks; returns the upload id.
    std::string upload(HttpClient& c, const std::string& filename, const std::string& content) {
        auto created = c.request("POST", "/api/v1/uploads", "",
                                 {{"Tus-Resumable", "1.0.0"},
                                  {"Upload-Length", std::to_string(content.size())},
                                  {"Upload-Metadata", "filename " + base64(filename)},
                                  {"X-CSRF-Token", c.csrf_token}});
        EXPECT_EQ(created.status, 201) << created.body;
        const std::string location = created.header("location").value_or("");
        const std::size_t half = content.size() / 2;
        for (std::size_t from : {std::size_t{0}, half}) {
            const std::size_t to = from == 0 ? half : content.size();
            auto sent = c.request("PATCH", location, content.substr(from, to - from),
                                  {{"Tus-Resumable", "1.0.0"},
                                   {"Content-Type", "application/offset+octet-stream"},
                                   {"Upload-Offset", std::to_string(from)},
                                   {"X-CSRF-Token", c.csrf_token}});
            EXPECT_EQ(sent.status, 204) << sent.body;
        }
        return location.substr(location.rfind('/') + 1);
    }

    HttpAnswer attach(HttpClient& c, std::int64_t work, const std::string& upload_id) {
        return c.json("POST", "/api/v1/works/" + std::to_string(work) + "/files",
                      {{"upload_id", upload_id}});
    }

    Campaign campaign;
    std::string base;
};

TEST_F(WorksFilesHttpTest, UploadedEssayIsAttachedAndReadableByTheZoneOnceSubmitted) {
    auto worker = logged_in("worker_zhang");
    const auto work = new_commentary(worker, "网聚正能量");
    const std::string text = essay(600);
    const auto id = upload(worker, "网评.txt", text);
    auto attached = attach(worker, work, id);
    ASSERT_EQ(attached.status, 201) << attached.body;
    auto files = attached.json()["files"];
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0]["filename"], "网评.txt");
    EXPECT_EQ(files[0]["facts"]["characters"], 600);
    EXPECT_EQ(worker.get("/api/v1/uploads/" + id).json()["attached_to"],
              "work:" + std::to_string(work));

    const std::string blob = "/api/v1/blobs/" + files[0]["sha256"].get<std::string>();
    auto zone = logged_in("teda_admin");
    EXPECT_EQ(zone.get(blob).status, 403);  // a draft is the worker's alone
    auto submitted = worker.json("POST", "/api/v1/works/" + std::to_string(work) + "/submit", {});
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    auto read = zone.get(blob);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.body, text);
    EXPECT_EQ(logged_in("xinhe_admin").get(blob).status, 403);  // another zone
}

TEST_F(WorksFilesHttpTest, EssayBreakingTheRuleIsRefusedWithTheMeasuredValue) {
    auto worker = logged_in("worker_zhang");
    const auto work = new_commentary(worker, "太短的网评");
    const auto id = upload(worker, "短文.txt", essay(120));
    auto refused = attach(worker, work, id);
    EXPECT_EQ(refused.status, 400) << refused.body;
    const std::string message = refused.json()["error"]["message"];
    EXPECT_NE(message.find("120"), std::string::npos) << message;
    EXPECT_NE(message.find("500"), std::string::npos) << message;
    EXPECT_TRUE(worker.get("/api/v1/works/" + std::to_string(work)).json()["files"].empty());
    EXPECT_FALSE(worker.get("/api/v1/uploads/" + id).json().contains("attached_to"));
}

TEST_F(WorksFilesHttpTest, OthersUploadsAndUnfinishedUploadsAreRefused) {
    auto worker = logged_in("worker_zhang");
    const auto work = new_commentary(worker, "网聚");
    auto editor = logged_in("binhai_editor");
    const auto foreign = upload(editor, "别人的.txt", essay(600));
    EXPECT_NE(attach(worker, work, foreign).status, 201);
    EXPECT_EQ(attach(worker, work, "").status, 400);
    EXPECT_TRUE(worker.get("/api/v1/works/" + std::to_string(work)).json()["files"].empty());
}

TEST_F(WorksFilesHttpTest, SameContentTwiceIsOneBlobAndFlaggedAsDuplicate) {
    auto worker = logged_in("worker_zhang");
    const std::string text = essay(700);
    const auto first = new_commentary(worker, "第一篇");
    const auto second = new_commentary(worker, "第二篇");
    ASSERT_EQ(attach(worker, first, upload(worker, "a.txt", text)).status, 201);
    auto again = attach(worker, second, upload(worker, "b.txt", text));
    ASSERT_EQ(again.status, 201) << again.body;
    std::size_t blobs = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "blobs"))
        if (entry.is_regular_file()) ++blobs;
    EXPECT_EQ(blobs, 1u);
    const std::string sha = again.json()["files"][0]["sha256"];
    EXPECT_EQ(web->works.works_with_file(campaign.id, sha, WorkId{first}),
              std::vector<WorkId>{WorkId{second}});
}

std::vector<std::string> zip_names(const std::string& bytes, const std::filesystem::path& dir) {
    const auto path = dir / "answer.zip";
    std::ofstream(path, std::ios::binary) << bytes;
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    std::vector<std::string> names;
    if (!archive) return names;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i)
        names.emplace_back(zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_UTF_8));
    zip_close(archive);
    return names;
}

TEST_F(WorksFilesHttpTest, ZoneDownloadsTheWorksItRecommendedWithTheManifest) {
    auto worker = logged_in("worker_zhang");
    const auto work = new_commentary(worker, "网聚职工正能量");
    ASSERT_EQ(attach(worker, work, upload(worker, "网评.txt", essay(800))).status, 201);
    ASSERT_EQ(worker.json("POST", "/api/v1/works/" + std::to_string(work) + "/submit", {}).status,
              200);
    auto zone = logged_in("teda_admin");
    auto decided = zone.json("POST", "/api/v1/works/" + std::to_string(work) + "/decision",
                             {{"decision", "recommend"}});
    ASSERT_EQ(decided.status, 200) << decided.body;

    // The archive is made in a temporary file and streamed from it; nothing is left behind.
    auto temporary = [] {
        std::set<std::string> names;
        for (const auto& entry :
             std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
            if (entry.path().filename().string().starts_with("wangju-recommended-"))
                names.insert(entry.path().filename().string());
        return names;
    };
    const auto before = temporary();
    auto answer = zone.get(base + "/recommended.zip?unit=bh_teda");
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(temporary(), before);
    EXPECT_EQ(answer.header("content-type"), "application/zip");
    auto names = zip_names(answer.body, dir);
    EXPECT_NE(std::find(names.begin(), names.end(), "manifest.xlsx"), names.end());
    const std::string file = "优秀网评文章征集/" + std::to_string(work) + " 网聚职工正能量/网评.txt";
    EXPECT_NE(std::find(names.begin(), names.end(), file), names.end()) << names.size();
    EXPECT_EQ(names.size(), 2u);  // the demo's recommended account has no files

    EXPECT_EQ(logged_in("binhai_admin").get(base + "/recommended.zip?unit=bh_teda").status, 403);
    EXPECT_EQ(worker.get(base + "/recommended.zip?unit=bh_teda").status, 403);
}

}  // namespace
}  // namespace wangju::testing
