// The official tables (附件2 quotas, 附件3 activity statistics, 附件4 track summary) as a person
// would make them by hand: a title row, the issuing unit and the date, Chinese column headers,
// one row per unit or activity, and a totals row. Written as XLSX (libxlsxwriter, constant-memory
// mode, so rows stream to the file and memory does not grow with the row count) or as CSV
// (UTF-8 with a BOM, so that Excel on Chinese Windows opens it correctly).
//
// Usage: fill an OfficialTableHeader, open a writer on a path, add rows, finish(). Rows must be
// added in display order; the writer keeps running totals of the columns marked `total`.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace wangju::tables {

enum class ColumnKind { text, integer, number, date };  // date cells take "YYYY-MM-DD" text

struct OfficialColumn {
    std::string header;         // "参与人数"
    ColumnKind kind = ColumnKind::text;
    double width = 14;          // in Excel character widths
    bool total = false;         // summed in the totals row (integer and number columns only)
};

struct OfficialTableHeader {
    std::string title;          // "附件3 “网聚职工正能量 争做中国好网民”活动线下活动统计表"
    std::string unit_name;      // "填报单位:天津市滨海新区总工会"
    std::string date;           // "YYYY-MM-DD", shown as "填报日期:2023年8月5日"
    std::vector<OfficialColumn> columns;
    std::string totals_label = "合计";  // written in the first column of the totals row
};

using OfficialCell = std::variant<std::monostate, std::string, long long, double>;
using OfficialRow = std::vector<OfficialCell>;

enum class TableFormat { xlsx, csv };

class OfficialTableWriter {
  public:
    // Creates the file at `path` (replacing it). Throws std::runtime_error when it cannot be written.
    static std::unique_ptr<OfficialTableWriter> open(const std::filesystem::path& path,
                                                     TableFormat format,
                                                     const OfficialTableHeader& header);
    virtual ~OfficialTableWriter() = default;
    // A row with one cell per column (missing cells are empty).
    virtual void add_row(const OfficialRow& row) = 0;
    // Writes the totals row and closes the file.
    virtual void finish() = 0;
};

}  // namespace wangju::tables
