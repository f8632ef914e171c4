#include "web/table_download.h"

#include <fstream>

namespace wangju::web {

std::string read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

http::Response table_download(std::string bytes, tables::TableFormat format,
                              const std::string& ascii_name, const std::string& name) {
    const bool xlsx = format == tables::TableFormat::xlsx;
    const std::string extension = xlsx ? ".xlsx" : ".csv";
    return http::Response::text(
               std::move(bytes),
               xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    : "text/csv; charset=utf-8")
        .set_header("content-disposition",
                    "attachment; filename=\"" + ascii_name + extension + "\"; filename*=UTF-8''" +
                        http::percent_encode(name + extension));
}

}  // namespace wangju::web
