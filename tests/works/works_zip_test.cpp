// The ZIP of recommended works: names in UTF-8, contents byte for byte, unsafe names made safe.
#include <gtest/gtest.h>

#include <fstream>

#include <zip.h>

#include "export/works_zip.h"
#include "support/web_fixture.h"

namespace wangju::tables {
namespace {

std::string read_entry(zip_t* archive, const char* name) {
    zip_stat_t st;
    if (zip_stat(archive, name, ZIP_FL_ENC_UTF_8, &st) != 0) return "<missing>";
    zip_file_t* f = zip_fopen(archive, name, 0);
    std::string out(st.size, '\0');
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
    return out;
}

TEST(WorksZip, FilesAreStoredUnderTheirNamesByteForByte) {
    auto dir = wangju::testing::make_temp_dir("works-zip");
    std::string video(100000, '\0');
    for (std::size_t i = 0; i < video.size(); ++i) video[i] = static_cast<char>(i * 7);
    std::ofstream(dir / "a.bin", std::ios::binary) << video;
    std::ofstream(dir / "m.txt") << "清单";
    write_zip(dir / "out.zip", {{"02 微视频/奋进.mp4", dir / "a.bin", false},
                                {"清单.txt", dir / "m.txt", true}});
    int error = 0;
    zip_t* archive = zip_open((dir / "out.zip").c_str(), ZIP_RDONLY, &error);
    ASSERT_NE(archive, nullptr);
    EXPECT_EQ(zip_get_num_entries(archive, 0), 2);
    EXPECT_EQ(read_entry(archive, "02 微视频/奋进.mp4"), video);
    EXPECT_EQ(read_entry(archive, "清单.txt"), "清单");
    zip_close(archive);
    EXPECT_THROW(write_zip(dir / "bad.zip", {{"x", dir / "missing.bin", false}}), std::runtime_error);
    std::filesystem::remove_all(dir);
}

TEST(WorksZip, SegmentsCannotEscapeTheirFolder) {
    EXPECT_EQ(zip_segment("../../etc/passwd"), "_._.._etc_passwd");
    EXPECT_EQ(zip_segment("奋进:新征程?"), "奋进_新征程_");
    EXPECT_EQ(zip_segment("   "), "_");
    EXPECT_EQ(zip_segment("一二三四五", 3), "一二三");
}

}  // namespace
}  // namespace wangju::tables
