// Boost's assertions in the fuzz targets (BOOST_ENABLE_ASSERT_HANDLER): a failed one aborts, as
// assert() does, except the one Boost 1.74's HTTP parser makes wrongly. That parser asserts that
// a chunk header handed over again holds at least five bytes; after the final chunk's "0\r\n"
// alone, the next read may add a single byte, and the code after the assertion handles it (fixed
// upstream in Beast's pull request 2861, Boost 1.86). Release builds, which define NDEBUG, never
// check it.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace boost {

void assertion_failed(char const* expression, char const* function, char const* file, long line) {
    if (std::string_view(expression) == "n >= 5" &&
        std::string_view(file).ends_with("boost/beast/http/impl/basic_parser.ipp"))
        return;
    std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed.\n", file, line, function, expression);
    std::abort();
}

void assertion_failed_msg(char const* expression, char const* message, char const* function,
                          char const* file, long line) {
    std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed: %s\n", file, line, function,
                 expression, message);
    std::abort();
}

}  // namespace boost
