#include "export/table_rows.h"

#include <fmt/format.h>

#include "domain/error.h"

namespace wangju::tables {

void RowsBuilder::put_cell(std::size_t column, std::string value) {
    if (value.empty()) return;
    if (row_number_ > limits_.max_rows) {
        throw_invalid(fmt::format("表格超过{}行的上限", limits_.max_rows));
    }
    if (column >= limits_.max_columns) {
        throw_invalid(fmt::format("表格超过{}列的上限", limits_.max_columns));
    }
    if (value.size() > limits_.max_cell_bytes) {
        throw_invalid(fmt::format("第{}行第{}列的内容超过{}字节的上限", row_number_, column + 1,
                                  limits_.max_cell_bytes));
    }
    text_bytes_ += value.size();
    if (text_bytes_ > limits_.max_text_bytes) {
        throw_invalid(
            fmt::format("表格内容的总量超过{}的上限", size_label(limits_.max_text_bytes)));
    }
    if (rows_.size() < row_number_) rows_.resize(row_number_);
    auto& row = rows_[row_number_ - 1];
    if (row.size() <= column) row.resize(column + 1);
    row[column] = std::move(value);
}

std::string size_label(std::size_t bytes) {
    constexpr std::size_t kib = 1024;
    if (bytes >= kib * kib && bytes % (kib * kib) == 0)
        return fmt::format("{}MB", bytes / (kib * kib));
    if (bytes >= kib && bytes % kib == 0) return fmt::format("{}KB", bytes / kib);
    return fmt::format("{}字节", bytes);
}

}  // namespace wangju::tables
