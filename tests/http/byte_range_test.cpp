#include <gtest/gtest.h>

#include "http/byte_range.h"

namespace wangju::http {
namespace {

using Kind = RangeRequest::Kind;

void expect_partial(std::string_view header, std::uint64_t size, std::uint64_t offset,
                    std::uint64_t length) {
    auto range = parse_range(header, size);
    ASSERT_EQ(range.kind, Kind::partial) << header;
    EXPECT_EQ(range.range.offset, offset) << header;
    EXPECT_EQ(range.range.length, length) << header;
}

TEST(ParseRange, SingleRanges) {
    expect_partial("bytes=0-0", 10, 0, 1);
    expect_partial("bytes=2-5", 10, 2, 4);
    expect_partial("bytes=7-", 10, 7, 3);
    expect_partial("bytes=-3", 10, 7, 3);
    expect_partial("bytes=-30", 10, 0, 10);
    expect_partial("bytes=5-1000", 10, 5, 5);
}

TEST(ParseRange, Unsatisfiable) {
    EXPECT_EQ(parse_range("bytes=10-", 10).kind, Kind::unsatisfiable);
    EXPECT_EQ(parse_range("bytes=-0", 10).kind, Kind::unsatisfiable);
    EXPECT_EQ(parse_range("bytes=0-", 0).kind, Kind::unsatisfiable);
}

TEST(ParseRange, IgnoredMeansWholeFile) {
    for (const char* header : {"", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=0-1,3-4",
                               "bytes=", "bytes=-", "bytes=99999999999999999999-"}) {
        EXPECT_EQ(parse_range(header, 10).kind, Kind::whole) << header;
    }
}

}  // namespace
}  // namespace wangju::http
