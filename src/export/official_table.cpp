#include "export/official_table.h"

#include "export/official_table_cells.h"
#include "export/official_table_writers.h"
#include "domain/text.h"

namespace wangju::tables {

std::unique_ptr<OfficialTableWriter> OfficialTableWriter::open(const std::filesystem::path& path,
                                                               TableFormat format,
                                                               const OfficialTableHeader& header) {
    check_header(header);
    if (format == TableFormat::csv) return open_csv_table(path, header);
    return open_xlsx_table(path, header);
}

void write_official_table(const std::filesystem::path& path, TableFormat format,
                          const OfficialTableHeader& header, const std::vector<OfficialRow>& rows) {
    const auto writer = OfficialTableWriter::open(path, format, header);
    for (const OfficialRow& row : rows) writer->add_row(row);
    writer->finish();
}

TableFormat table_format_for(const std::filesystem::path& path) {
    return to_lower_ascii(path.extension().string()) == ".csv" ? TableFormat::csv
                                                               : TableFormat::xlsx;
}

}  // namespace wangju::tables
