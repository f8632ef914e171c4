// How many lines a cell's text takes when a spreadsheet wraps it, which sets the row's height.
#include <gtest/gtest.h>

#include "export/xlsx_sheet_text.h"

namespace wangju::tables {
namespace {

struct Wrapping {
    const char* why;
    std::string text;
    double width;  // of the column, in character widths; one of them goes to the margins
    std::size_t lines;
};

const std::string link = "https://mp.weixin.qq.com/s?__biz=MzA5NjQ2NzM1Mw==&mid=2650";  // 57

const Wrapping cases[] = {
    {"nothing takes one line", "", 12, 1},
    {"short Chinese text", "知识竞赛", 12, 1},
    {"short text with a space", "quiz night", 12, 1},
    {"a Chinese character takes two widths: five to a line of 11", "网络安全知识", 12, 2},
    {"ten characters fill two lines", "网络安全知识竞赛活动", 12, 2},
    {"the eleventh starts a third", "网络安全知识竞赛活动职", 12, 3},
    {"two words that fit", "aaaaa bbbbb", 12, 1},
    {"a word that does not fit moves to a new line", "aaaaa bbbbbb", 12, 2},
    {"words are not cut", "aaaaaaaaaa bbbbbbbbbb cc", 12, 3},
    {"a word longer than the line is cut where the line ends", link, 28, 3},
    {"after a short word, the long one starts a line", "see " + link, 28, 4},
    {"each line feed starts a line", "a\nb\nc", 12, 3},
    {"an empty line counts", "a\n\nc", 12, 3},
    {"wrapped lines and line feeds add up", "网络安全知识\nb", 12, 3},
    {"a space at the end of a full line adds no line", "aaaaaaaaaaa ", 12, 1},
    {"the word after it does", "aaaaaaaaaaa b", 12, 2},
    {"a column too narrow for a character still counts it", "网络", 1, 4},
    {"a column of no width gives each character a line", "abc", 0, 3},
};

TEST(WrappedLines, CountsTheLinesASpreadsheetWrapsTextInto) {
    for (const Wrapping& c : cases) {
        EXPECT_EQ(wrapped_lines(c.text, c.width), c.lines) << c.why << ": \"" << c.text << "\"";
    }
}

}  // namespace
}  // namespace wangju::tables
