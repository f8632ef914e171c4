// Direct writes (O_DIRECT): which part of a piece may bypass the page cache, and that a file
// written partly directly and partly normally holds exactly the bytes given.
#include <gtest/gtest.h>

#include <fcntl.h>

#include <fstream>
#include <iterator>

#include "media/durable_file.h"
#include "support/web_fixture.h"

namespace wangju::media {
namespace {

TEST(DirectWrites, OnlyWholeBlocksOfAlignedMemoryAtAlignedOffsets) {
    alignas(kDirectBlock) static char memory[3 * kDirectBlock + 100];
    std::string_view all(memory, sizeof memory);
    EXPECT_EQ(direct_part(all, 0), 3 * kDirectBlock);
    EXPECT_EQ(direct_part(all, 2 * kDirectBlock), 3 * kDirectBlock);
    EXPECT_EQ(direct_part(all, 100), 0u);
    EXPECT_EQ(direct_part(all.substr(1), 0), 0u);
    EXPECT_EQ(direct_part(all.substr(0, kDirectBlock - 1), 0), 0u);
}

TEST(DirectWrites, AFileWrittenBothWaysHoldsTheBytesInOrder) {
    auto dir = testing::make_temp_dir("wangju-direct");
    auto path = dir / "file";
    alignas(kDirectBlock) static char memory[4 * kDirectBlock + 777];
    for (std::size_t i = 0; i < sizeof memory; ++i) memory[i] = static_cast<char>('a' + i % 23);
    std::string_view bytes(memory, sizeof memory);
    {
        auto file = open_file(path, O_RDWR | O_CREAT | O_EXCL);
        // The file system may not offer direct writes (tmpfs): then all goes the normal way.
        auto direct = open_direct(path);
        std::size_t whole = direct ? direct_part(bytes, 0) : 0;
        if (whole > 0) {
            ASSERT_TRUE(write_direct(direct.get(), bytes.substr(0, whole), 0));
        }
        write_at(file.get(), bytes.substr(whole), whole);
        sync_file(file.get());
        EXPECT_EQ(file_size(file.get()), bytes.size());
    }
    std::ifstream in(path, std::ios::binary);
    std::string stored((std::istreambuf_iterator<char>(in)), {});
    EXPECT_TRUE(stored == bytes);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace wangju::media
