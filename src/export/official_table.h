// The official tables (附件2 quotas, 附件3 activity statistics, 附件4 track summary) as a person
// would make them by hand: a title row, the issuing unit and the date, Chinese column headers,
// one row per unit or activity, and a totals row. Written as XLSX (libxlsxwriter, constant-memory
// mode, so rows stream to the file and memory does not grow with the row count) or as CSV
// (UTF-8 with a BOM, so that Excel on Chinese Windows opens it correctly).
//
// Usage: fill an OfficialTableHeader, open a writer on a path, add rows, finish(). Rows must be
// added in display order; the writer keeps running totals of the columns marked `total`.
//
// Layout, the same in both formats (rows from the top):
//   title                                   (XLSX: merged across all columns, bold, 16 pt, centred)
//   subtitle                                (only when not empty)
//   填报单位:<unit_name>   ...   填报日期:2023年8月5日
//   column headers                          (XLSX: bold, bordered, wrapped; frozen; printed on every page;
//                                           two rows when columns have groups)
//   data rows
//   合计 row                                (when totals_row; XLSX: bold, label merged over the
//                                           columns before the first summed column)
//   note                                    (only when not empty, e.g. "填表人:  联系电话:")
//
// Cell text comes from users and is untrusted. Text that a spreadsheet would take for a formula
// (starting with =, +, -, @, tab or carriage return) is written as a string cell in XLSX, which
// Excel never evaluates, and with a leading apostrophe in CSV, which Excel shows as text. Text that
// is not valid UTF-8 is repaired (each bad byte becomes U+FFFD) so the file is never broken.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
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
    // Excel number format of integer and number cells; "" means "0" for integers and "General"
    // for numbers. Date cells are shown as "2023年8月5日".
    std::string number_format = {};
    // Columns side by side with the same group share one merged cell above their headers
    // ("网络正能量歌曲征集" over "报送数" and "推荐数"); the table then has two header rows, and
    // the header of a column without a group spans both.
    std::string group = {};
};

struct OfficialTableHeader {
    std::string title;          // "附件3 “网聚职工正能量 争做中国好网民”活动线下活动统计表"
    std::string unit_name;      // "天津市滨海新区总工会", shown as "填报单位:天津市滨海新区总工会"
    std::string date;           // "YYYY-MM-DD", shown as "填报日期:2023年8月5日"; "" leaves a blank
                                // "填报日期:    年  月  日" to fill in by hand
    std::vector<OfficialColumn> columns;
    std::string totals_label = "合计";  // written in the first column of the totals row
    std::string subtitle = {};    // a line under the title, e.g. "(截至2023年8月5日)"
    std::string note = {};        // a line under the table, e.g. "填表人:  联系电话:"
    std::string sheet_name = {};  // XLSX sheet name, e.g. "线下活动统计"; "" means "统计表"
    bool totals_row = true;       // false: no totals row (a list without sums)
    // XLSX: the creation time the file states (seconds since 1970, UTC); none: now. With a fixed
    // time the same table gives the same bytes (the ZIP entries' times are always fixed), so a
    // hash of it can be checked by making it again.
    std::optional<long long> created = {};
};

using OfficialCell = std::variant<std::monostate, std::string, long long, double>;
using OfficialRow = std::vector<OfficialCell>;

enum class TableFormat { xlsx, csv };

class OfficialTableWriter {
  public:
    // Creates the file at `path` (replacing it). Throws std::runtime_error when it cannot be written,
    // Error(invalid_input) when the header is unusable (no columns, a date that is not YYYY-MM-DD).
    static std::unique_ptr<OfficialTableWriter> open(const std::filesystem::path& path,
                                                     TableFormat format,
                                                     const OfficialTableHeader& header);
    virtual ~OfficialTableWriter() = default;
    // A row with one cell per column (missing cells are empty, extra cells are an error). A number
    // in a text column is written as text; text in a number column is written as text and not
    // summed. Throws std::runtime_error when the file cannot be written.
    virtual void add_row(const OfficialRow& row) = 0;
    // Writes the totals row and closes the file. A writer destroyed without finish() removes
    // the file, so a failed export leaves no half-written table behind.
    virtual void finish() = 0;
};

// Writes a whole table at once: open, add every row, finish.
void write_official_table(const std::filesystem::path& path, TableFormat format,
                          const OfficialTableHeader& header, const std::vector<OfficialRow>& rows);

// The format a file name asks for: ".csv" (any case) is CSV, anything else XLSX.
TableFormat table_format_for(const std::filesystem::path& path);

}  // namespace wangju::tables
