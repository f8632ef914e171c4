// How Excel shows a number stored in a cell: as a plain number, or, when the cell's number
// format is a date or time format, as the date or time the serial number stands for.
#pragma once

#include <string>
#include <string_view>

namespace wangju::tables {

enum class NumberShape { number, date, date_time, time };

// Excel's built-in formats have ids without a format code in the file: 14-22 and 45-47 are dates
// and times everywhere, 27-36 and 50-58 in the Chinese, Japanese and Korean versions.
NumberShape shape_of_builtin_format(int id);

// A custom format code such as "yyyy\"年\"m\"月\"d\"日\"" is a date when it holds y, m or d and a
// time when it holds h or s, outside quoted text, brackets and escaped characters.
NumberShape shape_of_format_code(std::string_view code);

// `value` is the text of a number cell ("45078", "2.5"). Numbers: integers without ".0", others
// rounded to Excel's 15 significant digits. Dates: "2023-06-01"; date-times: "2023-06-01 08:30:00"
// (the date alone at midnight); times: "08:30:00". `date1904` is the workbook's date system.
std::string format_cell_number(std::string_view value, NumberShape shape, bool date1904 = false);

}  // namespace wangju::tables
