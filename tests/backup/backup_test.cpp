// wangju backup and restore as an operator runs them, on each engine: a backup of the demo taken
// while letters keep arriving, restored into a fresh data folder (and database) and served; a
// damaged backup and non-empty targets refused without writing anything.
#include <signal.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "app/backup_folder.h"
#include "domain/secret.h"
#include "media/blob_store.h"
#include "store/database_facts.h"
#include "support/sample_letter.h"
#include "support/served_process.h"
#include "support/store_fixture.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

namespace fs = std::filesystem;

struct Ran {
    int status = -1;
    std::string out;  // standard output and standard error
};

// Runs `wangju ARGS` through the shell, which joins its standard error to its output. The
// arguments are the test's own paths and URLs, free of spaces and quotes.
Ran run(const std::vector<std::string>& args) {
    std::string command = binary();
    for (const auto& a : args) command += " '" + a + "'";
    Child child({"/bin/sh", "-c", command + " 2>&1"});
    Ran ran;
    ran.out = child.rest();
    ran.status = child.wait();
    return ran;
}

// Sends letters to the server from a few clients at once, each one letter after another, until
// stopped: enough that letters arrive while even a quick backup runs.
// Each letter comes from an address of its own (X-Forwarded-For, which the server is told to
// trust), as from many citizens: one address may send only five letters an hour.
class LetterWriters {
  public:
    explicit LetterWriters(std::uint16_t port) {
        for (int i = 0; i < 4; ++i) {
            threads_.emplace_back([this, port, i] {
                for (int n = 0; !stop_; ++n) {
                    HttpClient c(port);
                    const auto answer =
                        c.request("POST", "/api/v1/letters", sample_letter().dump(),
                                  {{"Content-Type", "application/json"},
                                   {"X-Forwarded-For", "10." + std::to_string(i) + "." +
                                                           std::to_string(n / 250 % 250) + "." +
                                                           std::to_string(n % 250 + 1)}});
                    if (answer.status == 201) ++sent_;
                }
            });
        }
    }
    ~LetterWriters() { stop(); }
    void stop() {
        stop_ = true;
        for (auto& t : threads_) {
            if (t.joinable()) t.join();
        }
    }
    int sent() const { return sent_; }

  private:
    std::atomic<bool> stop_{false};
    std::atomic<int> sent_{0};
    std::vector<std::thread> threads_;
};

// The SHA-256 of every content-addressed file below `data`/blobs, by path.
std::map<std::string, std::string> blob_digests(const fs::path& data) {
    std::map<std::string, std::string> digests;
    for (const auto& relative : app::files_below(data / "blobs")) {
        if (!media::sha256_named_by(relative)) continue;
        std::ifstream in(data / "blobs" / relative, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), {}};
        digests[relative.generic_string()] = sha256_hex(bytes);
    }
    return digests;
}

class BackupTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        root = make_temp_dir("wangju-backup");
        source_db = std::make_unique<store::testing::TestDatabase>(GetParam());
        target_db = std::make_unique<store::testing::TestDatabase>(GetParam());
        if (!source_db->available()) WANGJU_SKIP_OR_FAIL_WITHOUT_POSTGRES();
    }
    void TearDown() override { fs::remove_all(root); }

    bool postgres() const { return GetParam() == "postgresql"; }
    // --data DIR and, on PostgreSQL, --database URL.
    std::vector<std::string> where(const fs::path& data,
                                   const store::testing::TestDatabase& db) const {
        std::vector<std::string> args{"--data", data.string()};
        if (postgres()) args.insert(args.end(), {"--database", db.url()});
        return args;
    }
    // The arguments `serve` needs besides --data for `db`.
    std::vector<std::string> serve_args(const store::testing::TestDatabase& db) const {
        if (!postgres()) return {};
        return {"--database", db.url()};
    }
    std::string url_of(const fs::path& data, const store::testing::TestDatabase& db) const {
        return postgres() ? db.url() : (data / "wangju.db").string();
    }
    std::map<std::string, std::int64_t> row_counts(const std::string& url) const {
        const auto engine = postgres() ? store::Engine::postgresql : store::Engine::sqlite;
        return store::row_counts(*store::open_session(url), engine);
    }
    Ran command(const std::string& name, const fs::path& data,
                const store::testing::TestDatabase& db, std::vector<std::string> extra) const {
        std::vector<std::string> args{name};
        const auto w = where(data, db);
        args.insert(args.end(), w.begin(), w.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    }
    // Serves the demo from `source`, backs it up into `backup`, and stops the server.
    void back_up_demo(const fs::path& backup) {
        auto served = serve(source, serve_args(*source_db));
        ASSERT_NE(served.port, 0);
        const auto backed_up = command("backup", source, *source_db, {"--to", backup.string()});
        ASSERT_EQ(backed_up.status, 0) << backed_up.out;
        served.child->signal(SIGTERM);
        EXPECT_EQ(served.child->wait(), 0);
    }

    fs::path root;
    fs::path source;
    std::unique_ptr<store::testing::TestDatabase> source_db, target_db;
};

TEST_P(BackupTest, BackupUnderLoadRestoresIntoAFreshInstanceThatChecksAndServes) {
    source = root / "data";
    const auto backup = root / "backup";
    const auto restored = root / "restored";
    auto args = serve_args(*source_db);
    args.push_back("--trust-forwarded");  // the letters' addresses (LetterWriters)
    auto served = serve(source, args);
    ASSERT_NE(served.port, 0);
    ASSERT_TRUE(served.passwords.count("binhai_admin"));

    LetterWriters writer(served.port);
    while (writer.sent() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const int before = writer.sent();
    const auto backed_up = command("backup", source, *source_db, {"--to", backup.string()});
    const int after = writer.sent();
    writer.stop();
    ASSERT_EQ(backed_up.status, 0) << backed_up.out;
    EXPECT_NE(backed_up.out.find("备份完成"), std::string::npos) << backed_up.out;
    EXPECT_NE(backed_up.out.find("已复制"), std::string::npos) << backed_up.out;  // progress
    EXPECT_GT(after, before) << "no letter arrived while the backup ran";
    served.child->signal(SIGTERM);
    EXPECT_EQ(served.child->wait(), 0);

    // The folder holds the manifest, the database, the key and the blobs; nothing is left over.
    const auto manifest = app::read_manifest(backup);
    EXPECT_TRUE(fs::exists(backup / manifest.database));
    EXPECT_TRUE(fs::exists(backup / "secret.key"));
    EXPECT_GT(manifest.tables.at("letters"), 0);
    EXPECT_EQ(fs::status(backup).permissions() & fs::perms::others_all, fs::perms::none);
    for (const auto& entry : fs::directory_iterator(root)) {
        EXPECT_EQ(entry.path().filename().string().find(".partial-"), std::string::npos);
    }
    for (const auto& entry : fs::directory_iterator(source / "blobs" / "tmp")) {
        EXPECT_FALSE(entry.path().filename().string().starts_with("backup-")) << entry.path();
    }

    const auto restore = command("restore", restored, *target_db, {"--from", backup.string()});
    ASSERT_EQ(restore.status, 0) << restore.out;
    EXPECT_NE(restore.out.find("已校验"), std::string::npos) << restore.out;

    // The same rows as the snapshot, and every stored file with the source's content.
    EXPECT_EQ(row_counts(url_of(restored, *target_db)), manifest.tables);
    const auto restored_blobs = blob_digests(restored);
    const auto source_blobs = blob_digests(source);
    EXPECT_FALSE(restored_blobs.empty());
    for (const auto& [path, digest] : restored_blobs) {
        EXPECT_EQ(*media::sha256_named_by(path), digest) << path;
        ASSERT_TRUE(source_blobs.count(path)) << path;
        EXPECT_EQ(source_blobs.at(path), digest) << path;
    }
    EXPECT_EQ(restored_blobs.size(), source_blobs.size());

    const auto checked = command("check", restored, *target_db, {});
    EXPECT_EQ(checked.status, 0) << checked.out;
    EXPECT_NE(checked.out.find("数据库完整性检查通过"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("审计日志完好"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("存储文件完好"), std::string::npos) << checked.out;

    // A server on the restored copy knows the accounts and reads the sealed letters.
    auto again = serve(restored, serve_args(*target_db));
    ASSERT_NE(again.port, 0);
    EXPECT_TRUE(again.passwords.empty());
    HttpClient admin(again.port);
    ASSERT_EQ(admin.log_in("binhai_admin", served.passwords["binhai_admin"]).status, 200);
    const auto letters = admin.get("/api/v1/letters");
    EXPECT_EQ(letters.status, 200) << letters.body;
    EXPECT_NE(letters.body.find("加班费未足额发放"), std::string::npos) << letters.body;
    again.child->signal(SIGTERM);
    EXPECT_EQ(again.child->wait(), 0);
}

TEST_P(BackupTest, DamagedBackupAndNonEmptyTargetsAreRefusedWithoutWritingAnything) {
    source = root / "data";
    const auto backup = root / "backup";
    back_up_demo(backup);
    if (HasFatalFailure()) return;

    // A new backup never goes into a folder that holds something.
    const auto again = command("backup", source, *source_db, {"--to", backup.string()});
    EXPECT_NE(again.status, 0);
    EXPECT_NE(again.out.find("不是空的"), std::string::npos) << again.out;

    // Into the source's own data folder (and database): refused.
    const auto over_source = command("restore", source, *source_db, {"--from", backup.string()});
    EXPECT_NE(over_source.status, 0);
    EXPECT_NE(over_source.out.find("不是空的"), std::string::npos) << over_source.out;
    if (postgres()) {
        const auto into_full_db =
            command("restore", root / "fresh", *source_db, {"--from", backup.string()});
        EXPECT_NE(into_full_db.status, 0);
        EXPECT_NE(into_full_db.out.find("数据库已有"), std::string::npos) << into_full_db.out;
        EXPECT_FALSE(fs::exists(root / "fresh"));
    }

    // One byte of one blob changed: the restore names that file and writes nothing.
    const auto manifest = app::read_manifest(backup);
    std::string damaged;
    for (const auto& f : manifest.files) {
        if (f.path.starts_with("blobs/")) damaged = f.path;
    }
    ASSERT_FALSE(damaged.empty());
    {
        std::fstream file(backup / damaged, std::ios::in | std::ios::out | std::ios::binary);
        char c = 0;
        file.seekg(0).get(c);
        file.seekp(0).put(static_cast<char>(c ^ 1));
    }
    const auto target = root / "restored";
    const auto refused = command("restore", target, *target_db, {"--from", backup.string()});
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.out.find("备份已损坏"), std::string::npos) << refused.out;
    EXPECT_NE(refused.out.find(damaged), std::string::npos) << refused.out;
    EXPECT_FALSE(fs::exists(target));
    for (const auto& entry : fs::directory_iterator(root)) {
        EXPECT_EQ(entry.path().filename().string().find(".restoring-"), std::string::npos);
    }
    if (postgres()) {
        EXPECT_TRUE(row_counts(target_db->url()).empty());
    }

    // `check` names a damaged blob in a data folder.
    const auto blob = source / damaged;
    {
        std::fstream file(blob, std::ios::in | std::ios::out | std::ios::binary);
        char c = 0;
        file.seekg(0).get(c);
        file.seekp(0).put(static_cast<char>(c ^ 1));
    }
    const auto checked = command("check", source, *source_db, {});
    EXPECT_NE(checked.status, 0);
    EXPECT_NE(checked.out.find(damaged), std::string::npos) << checked.out;
}

INSTANTIATE_TEST_SUITE_P(Engines, BackupTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
