#include "export/xlsx_number_format.h"

#include <gtest/gtest.h>

namespace wangju::tables {
namespace {

TEST(XlsxNumberFormat, ShowsNumbersAsExcelDoes) {
    EXPECT_EQ(format_cell_number("3", NumberShape::number), "3");
    EXPECT_EQ(format_cell_number("120.0", NumberShape::number), "120");
    EXPECT_EQ(format_cell_number("2.5", NumberShape::number), "2.5");
    EXPECT_EQ(format_cell_number("-0", NumberShape::number), "0");
    EXPECT_EQ(format_cell_number("0.30000000000000004", NumberShape::number), "0.3");
    EXPECT_EQ(format_cell_number("1.0000000000000001E-3", NumberShape::number), "0.001");
    EXPECT_EQ(format_cell_number("13800138000", NumberShape::number), "13800138000");
    EXPECT_EQ(format_cell_number("not a number", NumberShape::number), "not a number");
}

TEST(XlsxNumberFormat, ShowsSerialNumbersAsDatesInThe1900System) {
    EXPECT_EQ(format_cell_number("45078", NumberShape::date), "2023-06-01");
    EXPECT_EQ(format_cell_number("25569", NumberShape::date), "1970-01-01");
    EXPECT_EQ(format_cell_number("1", NumberShape::date), "1900-01-01");
    EXPECT_EQ(format_cell_number("59", NumberShape::date), "1900-02-28");
    EXPECT_EQ(format_cell_number("61", NumberShape::date), "1900-03-01");
    EXPECT_EQ(format_cell_number("45078.75", NumberShape::date), "2023-06-01");
}

TEST(XlsxNumberFormat, ShowsDateTimesAndTimes) {
    EXPECT_EQ(format_cell_number("45078.5", NumberShape::date_time), "2023-06-01 12:00:00");
    EXPECT_EQ(format_cell_number("45078", NumberShape::date_time), "2023-06-01");
    EXPECT_EQ(format_cell_number("0.75", NumberShape::time), "18:00:00");
    EXPECT_EQ(format_cell_number("45078.25", NumberShape::time), "06:00:00");
}

TEST(XlsxNumberFormat, CountsFrom1904WhenTheWorkbookSaysSo) {
    EXPECT_EQ(format_cell_number("0", NumberShape::date, true), "1904-01-01");
    EXPECT_EQ(format_cell_number("43616", NumberShape::date, true), "2023-06-01");
}

TEST(XlsxNumberFormat, KeepsNumbersOutsideTheDateRangeAsNumbers) {
    EXPECT_EQ(format_cell_number("-1", NumberShape::date), "-1");
    EXPECT_EQ(format_cell_number("3000000", NumberShape::date), "3000000");
}

TEST(XlsxNumberFormat, RecognisesBuiltInDateFormats) {
    EXPECT_EQ(shape_of_builtin_format(0), NumberShape::number);
    EXPECT_EQ(shape_of_builtin_format(14), NumberShape::date);
    EXPECT_EQ(shape_of_builtin_format(20), NumberShape::time);
    EXPECT_EQ(shape_of_builtin_format(22), NumberShape::date_time);
    EXPECT_EQ(shape_of_builtin_format(31), NumberShape::date);  // yyyy"年"m"月"d"日" in zh-CN
    EXPECT_EQ(shape_of_builtin_format(47), NumberShape::time);
}

TEST(XlsxNumberFormat, RecognisesCustomDateFormats) {
    EXPECT_EQ(shape_of_format_code("yyyy-mm-dd"), NumberShape::date);
    EXPECT_EQ(shape_of_format_code("yyyy\"年\"m\"月\"d\"日\";@"), NumberShape::date);
    EXPECT_EQ(shape_of_format_code("[$-F800]dddd, mmmm dd, yyyy"), NumberShape::date);
    EXPECT_EQ(shape_of_format_code("mmm"), NumberShape::date);
    EXPECT_EQ(shape_of_format_code("yyyy/m/d h:mm"), NumberShape::date_time);
    EXPECT_EQ(shape_of_format_code("h:mm AM/PM"), NumberShape::time);
    EXPECT_EQ(shape_of_format_code("[h]:mm"), NumberShape::time);
    EXPECT_EQ(shape_of_format_code("mm:ss"), NumberShape::time);
}

TEST(XlsxNumberFormat, DoesNotMistakeOtherFormatsForDates) {
    EXPECT_EQ(shape_of_format_code("General"), NumberShape::number);
    EXPECT_EQ(shape_of_format_code("#,##0.00_);[Red](#,##0.00)"), NumberShape::number);
    EXPECT_EQ(shape_of_format_code("0\"天\""), NumberShape::number);
    EXPECT_EQ(shape_of_format_code("\"days\" 0"), NumberShape::number);
    EXPECT_EQ(shape_of_format_code("0\\d"), NumberShape::number);
    EXPECT_EQ(shape_of_format_code("[$¥-804]#,##0.00"), NumberShape::number);
    EXPECT_EQ(shape_of_format_code("0.00E+00"), NumberShape::number);
}

}  // namespace
}  // namespace wangju::tables
