// The key file of `serve --secret-key-file`: created once with mode 0600, read back unchanged,
// refused when others may read it or when it does not hold a key.
#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "app/secret_key_file.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

TEST(SecretKeyFile, CreatedOwnerOnlyAndReadBackTheSame) {
    const auto dir = make_temp_dir("wangju-key");
    const auto path = dir / "data" / "secret.key";
    const std::string key = app::load_or_create_secret_key(path);
    EXPECT_EQ(key.size(), 32u);
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(app::load_or_create_secret_key(path), key);
    std::filesystem::remove_all(dir);
}

TEST(SecretKeyFile, ReadableByOthersOrMalformedIsRefused) {
    const auto dir = make_temp_dir("wangju-key");
    const auto path = dir / "secret.key";
    app::load_or_create_secret_key(path);
    std::filesystem::permissions(path, std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::add);
    EXPECT_THROW(app::load_or_create_secret_key(path), std::runtime_error);

    const auto bad = dir / "bad.key";
    std::ofstream(bad) << "not a key\n";
    std::filesystem::permissions(bad, std::filesystem::perms::owner_read |
                                          std::filesystem::perms::owner_write);
    EXPECT_THROW(app::load_or_create_secret_key(bad), std::runtime_error);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace wangju::testing
