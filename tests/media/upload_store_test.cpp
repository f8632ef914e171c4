// Uploads and blobs in the database, on SQLite and PostgreSQL: limits, ownership, completion into
// a blob, attach, termination and expiry, each with its audit event.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "domain/error.h"
#include "domain/secret.h"
#include "media/blob_store.h"
#include "media/media_library.h"
#include "media/upload_recovery.h"
#include "store/rows.h"
#include "support/store_fixture.h"
#include "support/web_fixture.h"

namespace wangju::store::testing {
namespace {

class UploadStore : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        data = wangju::testing::make_temp_dir("wangju-media");
        auto unit = add_unit("binhai", UnitKind::district);
        owner = add_user("zhang", unit.id).id;
        other = add_user("lisi", unit.id).id;
        media::UploadLimits limits;
        limits.max_size = 1000;
        limits.max_open_per_user = 2;
        library = std::make_unique<media::MediaLibrary>(store->database(), data, limits);
    }
    void TearDown() override {
        library.reset();
        if (!data.empty()) std::filesystem::remove_all(data);
        StoreTest::TearDown();
    }

    media::Upload finished(const std::string& text, const std::string& filename = "a.txt") {
        auto upload = library->uploads.create(owner, text.size(), {{"filename", filename}}, ctx);
        auto chunk = library->uploads.begin_chunk(upload.id, owner, 0, std::nullopt, ctx);
        chunk->write(text);
        return chunk->finish();
    }

    // An upload whose every byte was written when the process died, before the PATCH finished
    // it (the chunk is dropped, never finished nor abandoned); then the library of the next
    // start on the same folder.
    media::Upload cut_before_completion(const std::string& text) {
        auto upload = library->uploads.create(owner, text.size(), {{"filename", "a.txt"}}, ctx);
        library->uploads.begin_chunk(upload.id, owner, 0, std::nullopt, ctx)->write(text);
        restart();
        return upload;
    }
    // While on, a change of an upload's row to finished fails, as a write cut by a crash does.
    void fail_finishing_rows(bool on) {
        const bool postgres = store->database().engine() == Engine::postgresql;
        store->database().write([&](soci::session& s) {
            if (!on) {
                s << (postgres ? "DROP TRIGGER fail_finish ON uploads"
                               : "DROP TRIGGER fail_finish");
                return;
            }
            if (postgres) {
                s << "CREATE OR REPLACE FUNCTION fail_finish() RETURNS trigger AS $$ BEGIN "
                     "RAISE EXCEPTION 'cut'; END $$ LANGUAGE plpgsql";
                s << "CREATE TRIGGER fail_finish BEFORE UPDATE ON uploads FOR EACH ROW WHEN "
                     "(NEW.state = 'finished') EXECUTE FUNCTION fail_finish()";
            } else {
                s << "CREATE TRIGGER fail_finish BEFORE UPDATE ON uploads WHEN NEW.state = "
                     "'finished' BEGIN SELECT RAISE(ABORT, 'cut'); END";
            }
        });
    }
    void restart() {
        media::UploadLimits limits;
        limits.max_size = 1000;
        library = std::make_unique<media::MediaLibrary>(store->database(), data, limits);
    }

    std::filesystem::path data;
    UserId owner, other;
    std::unique_ptr<media::MediaLibrary> library;
};

TEST_P(UploadStore, AnUploadWhoseCompletionWasCutIsFinishedAtTheNextStart) {
    const std::string text = "网聚职工正能量,争做中国好网民\n";
    auto upload = cut_before_completion(text);
    EXPECT_EQ(library->uploads.find_upload(upload.id)->state, media::UploadState::open);
    EXPECT_EQ(media::finish_interrupted_uploads(store->database(), library->uploads, ctx), 1u);
    auto done = library->uploads.find_upload(upload.id);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->state, media::UploadState::finished);
    ASSERT_TRUE(done->sha256);
    std::ifstream blob(library->blobs.path_of(*done->sha256), std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(blob), {}), text);
    EXPECT_FALSE(std::filesystem::exists(library->uploads.file_of(upload.id)));
    EXPECT_EQ(media::finish_interrupted_uploads(store->database(), library->uploads, ctx), 0u);
}

TEST_P(UploadStore, ACompletionCutAfterItsBlobWasStoredLeavesTheUploadToFinish) {
    const std::string text = "弘扬劳模精神、劳动精神、工匠精神\n";
    auto upload = library->uploads.create(owner, text.size(), {{"filename", "a.txt"}}, ctx);
    auto chunk = library->uploads.begin_chunk(upload.id, owner, 0, std::nullopt, ctx);
    chunk->write(text);
    // The process dies as completion writes the row, after the content became a blob.
    fail_finishing_rows(true);
    EXPECT_ANY_THROW(chunk->finish());
    chunk.reset();
    fail_finishing_rows(false);
    EXPECT_TRUE(library->blobs.find(sha256_hex(text)));
    const auto file = library->uploads.file_of(upload.id);
    EXPECT_TRUE(std::filesystem::exists(file));
    restart();
    EXPECT_EQ(library->uploads.find_upload(upload.id)->offset, text.size());
    EXPECT_EQ(media::finish_interrupted_uploads(store->database(), library->uploads, ctx), 1u);
    auto done = library->uploads.find_upload(upload.id);
    EXPECT_EQ(done->state, media::UploadState::finished);
    EXPECT_EQ(done->sha256, sha256_hex(text));
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_P(UploadStore, TheFileOfAnUploadRemovedJustBeforeAStopIsRemovedAtTheNextStart) {
    auto upload = finished("网聚职工正能量\n");
    const auto file = library->uploads.file_of(upload.id);
    std::ofstream(file) << "left by a stop between the row and the file";
    restart();
    EXPECT_EQ(media::finish_interrupted_uploads(store->database(), library->uploads, ctx), 0u);
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_EQ(library->uploads.find_upload(upload.id)->state, media::UploadState::finished);
}

TEST_P(UploadStore, AFinishedUploadBecomesABlobWithItsFacts) {
    auto done = finished("网聚职工正能量\n");
    EXPECT_EQ(done.state, media::UploadState::finished);
    ASSERT_TRUE(done.sha256);
    auto blob = library->blobs.find(*done.sha256);
    ASSERT_TRUE(blob);
    EXPECT_EQ(blob->mime_type, "text/plain");
    auto ref = library->uploads.blob_of(done.id, owner);
    EXPECT_EQ(ref.filename, "a.txt");
    EXPECT_EQ(ref.facts.characters, 7);
    EXPECT_TRUE(std::filesystem::exists(library->blobs.path_of(*done.sha256)));
    EXPECT_THROW(library->uploads.blob_of(done.id, other), Error);
}

TEST_P(UploadStore, LimitsAreCheckedOnCreation) {
    EXPECT_THROW(library->uploads.create(owner, 1001, {{"filename", "a.txt"}}, ctx), Error);
    EXPECT_THROW(library->uploads.create(owner, 10, {}, ctx), Error);
    library->uploads.create(owner, 10, {{"filename", "a.txt"}}, ctx);
    library->uploads.create(owner, 10, {{"filename", "b.txt"}}, ctx);
    try {
        library->uploads.create(owner, 10, {{"filename", "c.txt"}}, ctx);
        FAIL() << "a third open upload was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::quota_full);
    }
    EXPECT_NO_THROW(library->uploads.create(other, 10, {{"filename", "c.txt"}}, ctx));
}

TEST_P(UploadStore, AChunkMustStartAtTheOffset) {
    auto upload = library->uploads.create(owner, 10, {{"filename", "a.txt"}}, ctx);
    EXPECT_THROW(library->uploads.begin_chunk(upload.id, owner, 5, std::nullopt, ctx), Error);
    EXPECT_THROW(library->uploads.begin_chunk(upload.id, other, 0, std::nullopt, ctx), Error);
    auto chunk = library->uploads.begin_chunk(upload.id, owner, 0, std::nullopt, ctx);
    // A second chunk of the same upload at once is refused.
    EXPECT_THROW(library->uploads.begin_chunk(upload.id, owner, 0, std::nullopt, ctx), Error);
    chunk->write("hello");
    chunk->abandon();
    EXPECT_EQ(library->uploads.find_upload(upload.id)->offset, 5u);
}

TEST_P(UploadStore, AttachTerminateAndExpire) {
    auto done = finished("第一篇\n");
    library->uploads.attach(done.id, owner, "work:7", ctx);
    EXPECT_EQ(library->uploads.find_upload(done.id)->attached_to, "work:7");
    EXPECT_THROW(library->uploads.attach(done.id, owner, "work:8", ctx), Error);
    EXPECT_THROW(library->uploads.terminate(done.id, owner, ctx), Error);

    auto open = library->uploads.create(owner, 10, {{"filename", "b.txt"}}, ctx);
    EXPECT_EQ(library->uploads.sweep_expired(now_utc() + std::chrono::hours(25)), 1u);
    EXPECT_FALSE(library->uploads.find_upload(open.id));
    EXPECT_TRUE(library->uploads.find_upload(done.id));

    auto events = store->audit_events(0, 1000);
    std::vector<std::string> actions;
    for (const auto& event : events) actions.push_back(event.action);
    for (const char* action : {"upload.create", "upload.finish", "upload.attach", "upload.expire"})
        EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
}

TEST_P(UploadStore, AnAttachIsUndoneOnlyForWhatItWasFor) {
    auto done = finished("第二篇\n");
    library->uploads.attach(done.id, owner, "work:7", ctx);
    library->uploads.detach(done.id, "work:8", ctx);
    EXPECT_EQ(library->uploads.find_upload(done.id)->attached_to, "work:7");
    library->uploads.detach(done.id, "work:7", ctx);
    EXPECT_FALSE(library->uploads.find_upload(done.id)->attached_to);
    EXPECT_EQ(store->audit_events(0, 1000).back().action, "upload.detach");
    // Free again: another work may take it.
    library->uploads.attach(done.id, owner, "work:8", ctx);
    EXPECT_EQ(library->uploads.find_upload(done.id)->attached_to, "work:8");
}

TEST_P(UploadStore, FilesNothingUsesAreRemovedOnceExpiredAndUsedOnesKept) {
    auto unused = finished("没有用上的文件\n");
    auto used = finished("作品里的文件\n", "b.txt");
    library->uploads.attach(used.id, owner, "work:7", ctx);
    // The same content as the used file, uploaded again and not used: its row goes, the file
    // stays for the work.
    auto again = finished("作品里的文件\n", "c.txt");
    ASSERT_EQ(again.sha256, used.sha256);

    EXPECT_EQ(library->uploads.sweep_expired(now_utc()), 0u);
    EXPECT_TRUE(library->blobs.find(*unused.sha256));
    EXPECT_EQ(library->uploads.sweep_expired(now_utc() + std::chrono::hours(25)), 2u);
    EXPECT_FALSE(library->uploads.find_upload(unused.id));
    EXPECT_FALSE(library->uploads.find_upload(again.id));
    EXPECT_TRUE(library->uploads.find_upload(used.id));
    EXPECT_FALSE(library->blobs.find(*unused.sha256));
    EXPECT_FALSE(std::filesystem::exists(library->blobs.path_of(*unused.sha256)));
    EXPECT_TRUE(library->blobs.find(*used.sha256));
    EXPECT_TRUE(std::filesystem::exists(library->blobs.path_of(*used.sha256)));

    std::vector<std::string> removed;
    for (const auto& event : store->audit_events(0, 1000))
        if (event.action == "blob.remove") removed.push_back(event.object);
    EXPECT_EQ(removed, std::vector<std::string>{"blob:" + *unused.sha256});
}

TEST_P(UploadStore, AFileStoredWithinTheHourIsNotRemoved) {
    // A picture stored a moment ago, whose use is not recorded yet.
    auto picture = library->blobs.put("还没有登记用途的图片");
    EXPECT_EQ(library->blobs.collect_unused(now_utc()), 0u);
    EXPECT_TRUE(library->blobs.find(picture.sha256));
    EXPECT_EQ(library->blobs.collect_unused(now_utc() + std::chrono::minutes(61)), 1u);
    EXPECT_FALSE(library->blobs.find(picture.sha256));
    EXPECT_FALSE(std::filesystem::exists(library->blobs.path_of(picture.sha256)));
}

TEST_P(UploadStore, AFileStoredAgainIsTouchedAndKept) {
    auto old = library->blobs.put("两小时前存的图片");
    auto again = library->blobs.put("两小时前存的另一张图片");
    const std::string two_hours_ago = stored(now_utc() - std::chrono::hours(2));
    store->database().write([&](soci::session& s) {
        s << "UPDATE blobs SET touched_at = :t", soci::use(two_hours_ago);
    });
    // The same content stored again now, as when a second upload of it finishes.
    library->blobs.put("两小时前存的另一张图片");
    EXPECT_EQ(library->blobs.collect_unused(now_utc()), 1u);
    EXPECT_FALSE(library->blobs.find(old.sha256));
    EXPECT_TRUE(library->blobs.find(again.sha256));
    EXPECT_TRUE(std::filesystem::exists(library->blobs.path_of(again.sha256)));
}

INSTANTIATE_TEST_SUITE_P(Engines, UploadStore, engines(), engine_name);

}  // namespace
}  // namespace wangju::store::testing
