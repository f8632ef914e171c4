// Writes past the page cache: whole pages at a page boundary reach the file without passing
// through the cache, and anything else is told apart before it is tried.
#include <gtest/gtest.h>

#include <fcntl.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "media/durable_file.h"
#include "support/media_samples.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

struct FreeAligned {
    void operator()(char* bytes) const { std::free(bytes); }
};

using DirectWrite = TempDirTest;

TEST_F(DirectWrite, TellsWhatMayBeWrittenPastTheCache) {
    std::unique_ptr<char, FreeAligned> page(static_cast<char*>(std::aligned_alloc(4096, 8192)));
    const std::string_view two_pages(page.get(), 8192);
    EXPECT_TRUE(media::direct_aligned(two_pages, 0));
    EXPECT_TRUE(media::direct_aligned(two_pages, 4096 * 3));
    EXPECT_FALSE(media::direct_aligned(two_pages, 100));                  // the offset
    EXPECT_FALSE(media::direct_aligned(two_pages.substr(0, 5000), 0));    // the length
    EXPECT_FALSE(media::direct_aligned(two_pages.substr(512, 4096), 0));  // the memory
}

TEST_F(DirectWrite, WholePagesReachTheFileWithoutFillingTheCache) {
    if (!cache_can_drop(dir)) GTEST_SKIP() << dir << " keeps every file in memory (tmpfs)";
    const auto path = dir / "upload";
    auto file = media::open_file(path, O_RDWR | O_CREAT);
    auto direct = media::open_direct_writer(path);
    ASSERT_TRUE(direct) << "the file system refused O_DIRECT";
    constexpr std::size_t size = 4 << 20;
    std::unique_ptr<char, FreeAligned> bytes(static_cast<char*>(std::aligned_alloc(4096, size)));
    std::mt19937 random(11);
    for (std::size_t i = 0; i < size; ++i) bytes.get()[i] = static_cast<char>(random());
    const std::string_view data(bytes.get(), size);

    EXPECT_EQ(media::write_direct(direct.get(), data.substr(0, size / 2), 0), size / 2);
    EXPECT_EQ(media::write_direct(direct.get(), data.substr(size / 2), size / 2), size / 2);
    media::sync_data(file.get());

    EXPECT_EQ(media::file_size(file.get()), size);
    EXPECT_EQ(cached_bytes(path), 0u) << "the pages went through the cache";
    EXPECT_TRUE(read_all(path) == data) << "the file differs from what was written";
}

}  // namespace
}  // namespace wangju::testing
