#include <iconv.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "export/table_reader.h"

namespace wangju::tables {
namespace {

using Row = std::vector<std::string>;

// What Excel on Chinese Windows writes when a table is saved as "CSV (逗号分隔)".
std::string to_gb18030(const std::string& utf8) {
    const iconv_t cd = iconv_open("GB18030", "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    const std::unique_ptr<void, int (*)(iconv_t)> closer(cd, iconv_close);
    std::string out(utf8.size() * 2, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    EXPECT_NE(iconv(cd, &in, &in_left, &out_ptr, &out_left), static_cast<std::size_t>(-1));
    out.resize(out.size() - out_left);
    return out;
}

std::string error_of(std::string_view bytes, const ReadLimits& limits = {}) {
    try {
        read_csv(bytes, limits);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        return e.message();
    }
    return "(no error)";
}

TEST(CsvReader, ReadsPlainRows) {
    EXPECT_EQ(read_csv("编码,名称\nbh,滨海新区总工会\n"),
              (Rows{{"编码", "名称"}, {"bh", "滨海新区总工会"}}));
}

TEST(CsvReader, RemovesTheUtf8ByteOrderMark) {
    const Rows rows = read_csv("\xEF\xBB\xBF编码,名称\r\nbh,滨海\r\n");
    EXPECT_EQ(rows, (Rows{{"编码", "名称"}, {"bh", "滨海"}}));
}

TEST(CsvReader, ReadsQuotedFieldsWithSeparatorsQuotesAndLineBreaks) {
    const Rows rows = read_csv(
        "名称,备注\r\n"
        "\"滨海,新区\",\"他说\"\"好\"\"\"\r\n"
        "\"第一行\r\n第二行\",x\r\n"
        "最后,y\r\n");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[1], (Row{"滨海,新区", "他说\"好\""}));
    EXPECT_EQ(rows[2], (Row{"第一行\r\n第二行", "x"}));
    EXPECT_EQ(rows[3], (Row{"最后", "y"}));
}

TEST(CsvReader, KeepsEmptyLinesInTheMiddleSoThatRowNumbersMatch) {
    const Rows rows = read_csv("a\n\nc\n\n\n");
    EXPECT_EQ(rows, (Rows{{"a"}, {}, {"c"}}));
}

TEST(CsvReader, DropsTrailingEmptyCells) {
    EXPECT_EQ(read_csv("a,b,,\n,x,,\n"), (Rows{{"a", "b"}, {"", "x"}}));
}

TEST(CsvReader, ReadsLastLineWithoutLineBreak) {
    EXPECT_EQ(read_csv("a,b\nc,d"), (Rows{{"a", "b"}, {"c", "d"}}));
}

TEST(CsvReader, DetectsSemicolonAndTabSeparators) {
    EXPECT_EQ(read_csv("编码;名称\nbh;滨海,新区\n"), (Rows{{"编码", "名称"}, {"bh", "滨海,新区"}}));
    EXPECT_EQ(read_csv("编码\t名称\nbh\t滨海\n"), (Rows{{"编码", "名称"}, {"bh", "滨海"}}));
}

TEST(CsvReader, ConvertsGb18030FromExcelOnChineseWindows) {
    const std::string bytes = to_gb18030("编码,名称,类型\r\nbh,滨海新区总工会,区总工会\r\n");
    EXPECT_EQ(read_csv(bytes),
              (Rows{{"编码", "名称", "类型"}, {"bh", "滨海新区总工会", "区总工会"}}));
}

TEST(CsvReader, ReadsUtf16TextAsExcelSavesUnicodeText) {
    // "编码\tbh\r\n" in UTF-16LE with its byte order mark.
    const std::string bytes("\xFF\xFE\x16\x7F\x01\x78\x09\x00\x62\x00\x68\x00\x0D\x00\x0A\x00", 16);
    EXPECT_EQ(read_csv(bytes), (Rows{{"编码", "bh"}}));
}

TEST(CsvReader, RefusesBytesInNoKnownEncoding) {
    EXPECT_EQ(error_of("a,b\n\xFF\xFF\xFF\n"), "文件编码无法识别,请另存为UTF-8编码的CSV或XLSX");
    EXPECT_EQ(error_of(std::string("a,b\n\0\0", 6)),
              "文件编码无法识别,请另存为UTF-8编码的CSV或XLSX");
}

TEST(CsvReader, NamesTheRowOfAnUnterminatedQuote) {
    EXPECT_EQ(error_of("a,b\n\"x\ny\",z\nc,\"d\ne,f\n"), "第3行:引号未闭合");
}

TEST(CsvReader, EnforcesTheLimits) {
    ReadLimits limits;
    limits.max_rows = 2;
    EXPECT_EQ(error_of("a\nb\nc\n", limits), "表格超过2行的上限");
    EXPECT_EQ(read_csv("a\nb\n\n\n", limits), (Rows{{"a"}, {"b"}}));

    limits = {};
    limits.max_columns = 3;
    EXPECT_EQ(error_of("a,b,c,d\n", limits), "表格超过3列的上限");

    limits = {};
    limits.max_cell_bytes = 4;
    EXPECT_EQ(error_of("a,b\nc,12345\n", limits), "第2行第2列的内容超过4字节的上限");
}

TEST(CsvReader, DefaultLimitNamesTwoHundredThousandRows) {
    std::string many;
    for (int i = 0; i < 200001; ++i) many += "x\n";
    EXPECT_EQ(error_of(many), "表格超过200000行的上限");
}

TEST(TableReader, ReadsTextAsCsv) {
    EXPECT_EQ(read_table("a,b\n"), (Rows{{"a", "b"}}));
    EXPECT_EQ(read_table(""), Rows{});
}

}  // namespace
}  // namespace wangju::tables
