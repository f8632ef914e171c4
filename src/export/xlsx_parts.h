// Where the parts that hold a workbook's first sheet are, found through the package's
// relationships as the Open Packaging Conventions define them rather than by fixed names: the
// first sheet is not always "sheet1.xml".
#pragma once

#include <string>

#include "export/xlsx_archive.h"

namespace wangju::tables {

struct XlsxParts {
    std::string sheet;           // "xl/worksheets/sheet1.xml"
    std::string shared_strings;  // "" when the workbook has none
    std::string styles;          // "" when the workbook has none
    bool date1904 = false;       // the workbook counts dates from 1904 (old Mac Excel)
};

// The first sheet that is not hidden (the first sheet when all are). Throws Error(invalid_input)
// when the archive is not a workbook or has no sheet.
XlsxParts locate_parts(XlsxArchive& archive);

}  // namespace wangju::tables
