// An official table (export/official_table.h) answered as a download: the writer streams its rows
// to a temporary file, which is read back as the body and removed.
#pragma once

#include <filesystem>
#include <string>

#include "export/official_table.h"
#include "http/message.h"

namespace wangju::web {

// The whole file.
std::string read_file_bytes(const std::filesystem::path& path);

// The table's bytes with its content type, saved as `name` + ".xlsx" or ".csv" (`ascii_name` for
// clients that cannot read the UTF-8 name).
http::Response table_download(std::string bytes, tables::TableFormat format,
                              const std::string& ascii_name, const std::string& name);

}  // namespace wangju::web
