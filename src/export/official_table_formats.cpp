#include "export/official_table_formats.h"

#include <map>
#include <string>
#include <utility>

namespace wangju::tables {

namespace {

constexpr double body_font_size = 11;

lxw_format* base_format(lxw_workbook* book) {
    lxw_format* format = workbook_add_format(book);
    format_set_font_name(format, "宋体");
    format_set_font_size(format, body_font_size);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    return format;
}

lxw_format* bordered(lxw_format* format) {
    format_set_border(format, LXW_BORDER_THIN);
    format_set_text_wrap(format);
    return format;
}

std::string number_format_of(const OfficialColumn& column) {
    if (!column.number_format.empty()) return column.number_format;
    switch (column.kind) {
        case ColumnKind::integer: return "0";
        case ColumnKind::date: return "yyyy\"年\"m\"月\"d\"日\"";
        default: return "General";
    }
}

lxw_format* column_format(lxw_workbook* book, const OfficialColumn& column, bool total) {
    lxw_format* format = bordered(base_format(book));
    if (column.kind == ColumnKind::text) {
        format_set_align(format, LXW_ALIGN_LEFT);
    } else {
        format_set_align(format, LXW_ALIGN_CENTER);
        format_set_num_format(format, number_format_of(column).c_str());
    }
    if (total) format_set_bold(format);
    return format;
}

}  // namespace

OfficialTableFormats make_official_table_formats(lxw_workbook* book,
                                                 const std::vector<OfficialColumn>& columns) {
    OfficialTableFormats formats;
    formats.title = base_format(book);
    format_set_font_name(formats.title, "黑体");
    format_set_font_size(formats.title, 16);
    format_set_bold(formats.title);
    format_set_align(formats.title, LXW_ALIGN_CENTER);
    format_set_text_wrap(formats.title);

    formats.subtitle = base_format(book);
    format_set_align(formats.subtitle, LXW_ALIGN_CENTER);

    formats.unit_line = base_format(book);
    format_set_align(formats.unit_line, LXW_ALIGN_LEFT);
    formats.date_line = base_format(book);
    format_set_align(formats.date_line, LXW_ALIGN_RIGHT);

    formats.header = bordered(base_format(book));
    format_set_bold(formats.header);
    format_set_align(formats.header, LXW_ALIGN_CENTER);

    formats.note = base_format(book);
    format_set_align(formats.note, LXW_ALIGN_LEFT);
    format_set_text_wrap(formats.note);

    // Columns that look alike share one format object: libxlsxwriter numbers only the first of
    // several equal formats and hashes the others again for every cell written with them, which
    // made most of the time of a large table.
    std::map<std::pair<std::string, bool>, lxw_format*> made;
    auto shared = [&](const OfficialColumn& column, bool total) {
        const std::string look = column.kind == ColumnKind::text ? "" : number_format_of(column);
        auto [at, fresh] = made.try_emplace({look, total}, nullptr);
        if (fresh) at->second = column_format(book, column, total);
        return at->second;
    };
    for (const OfficialColumn& column : columns) {
        formats.data.push_back(shared(column, false));
        formats.totals.push_back(shared(column, true));
    }
    return formats;
}

}  // namespace wangju::tables
