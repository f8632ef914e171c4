// Collects the cells of a table as a reader finds them, enforcing ReadLimits. Rows and cells are
// kept only once they hold text, so trailing empty rows and trailing empty cells disappear while
// empty rows and cells before a filled one are kept: row N of the result is row N+1 of the sheet.
#pragma once

#include <cstddef>
#include <string>

#include "export/table_reader.h"

namespace wangju::tables {

class RowsBuilder {
  public:
    explicit RowsBuilder(const ReadLimits& limits) : limits_(limits) {}

    // Cells put from now on belong to row `row_number` (1-based, as a spreadsheet numbers rows).
    void start_row(std::size_t row_number) { row_number_ = row_number; }
    std::size_t row_number() const { return row_number_; }

    // Puts `value` into `column` (0-based) of the current row. Throws Error(invalid_input) when a
    // limit is passed, max_text_bytes counting every cell put (a cell put again, too).
    void put_cell(std::size_t column, std::string value);

    Rows finish() { return std::move(rows_); }

  private:
    const ReadLimits& limits_;
    std::size_t row_number_ = 1;
    std::size_t text_bytes_ = 0;  // of every cell put so far
    Rows rows_;
};

// "256MB", "64KB": how a limit in bytes is named to the user.
std::string size_label(std::size_t bytes);

}  // namespace wangju::tables
