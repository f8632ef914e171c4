#include "export/table_reader.h"

#include "export/xlsx_signature.h"

namespace wangju::tables {

Rows read_table(std::string_view bytes, const ReadLimits& limits) {
    if (looks_like_excel_file(bytes)) return read_xlsx(bytes, limits);
    return read_csv(bytes, limits);
}

}  // namespace wangju::tables
