// What the XLSX and the CSV writer of the official tables share: the text of the lines above the
// table, untrusted cell text made safe, and the running totals.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.h"
#include "export/official_table.h"

namespace wangju::tables {

// Throws Error(invalid_input) when the header has no columns or a date that is not YYYY-MM-DD.
void check_header(const OfficialTableHeader& header);

// "填报单位:天津市滨海新区总工会" (the label is not repeated when `unit_name` already has it).
std::string unit_line(const OfficialTableHeader& header);
// "填报日期:2023年8月5日", or a blank date to fill in by hand when the header has none.
std::string date_line(const OfficialTableHeader& header);
// "2023年8月5日": the way dates are written in Chinese official documents, without leading zeros.
std::string chinese_date(Date date);

// Valid UTF-8 without the control characters that XML cannot carry (tab, LF and CR are kept).
std::string clean_text(std::string_view text);
// Whether a spreadsheet would take `text` for a formula (or a DDE command) when typed in a cell.
bool looks_like_formula(std::string_view text);

// A number as a person writes it: "3", "2.5", with at most 15 significant digits like Excel.
std::string number_text(double value);

// The date of a date cell, or nothing when the text is not YYYY-MM-DD (it is then written as text).
std::optional<Date> cell_date(std::string_view text);

// Sums of the columns marked `total`, over the numeric cells added so far.
class ColumnTotals {
  public:
    explicit ColumnTotals(const std::vector<OfficialColumn>& columns);
    void add(const OfficialRow& row);
    // The sum of column `index`: an integer while every summed cell was one, else a double;
    // empty for columns that are not summed.
    OfficialCell sum(std::size_t index) const;
    // The first summed column, or the column count when none is summed.
    std::size_t first_summed() const;

  private:
    struct Sum {
        bool summed = false;
        bool fractional = false;
        long long integer = 0;
        double number = 0;
    };
    std::vector<Sum> sums_;
};

// A run of adjacent columns with the same non-empty group: [first, last].
struct ColumnGroup {
    std::size_t first;
    std::size_t last;
};
// The groups of `columns` from left to right; empty when no column has a group.
std::vector<ColumnGroup> column_groups(const std::vector<OfficialColumn>& columns);

// Throws Error(invalid_input) when `row` has more cells than the table has columns.
void check_row_width(const OfficialRow& row, std::size_t columns);

}  // namespace wangju::tables
