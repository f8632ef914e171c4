#include "export/works_zip.h"

#include <fstream>
#include <stdexcept>

#include <zip.h>

#include "domain/text.h"

namespace wangju::tables {
namespace {

void fail(zip_t* archive, const std::string& what) {
    std::string reason = archive ? zip_strerror(archive) : "";
    if (archive) zip_discard(archive);
    throw std::runtime_error(what + (reason.empty() ? "" : ": " + reason));
}

}  // namespace

std::string zip_segment(const std::string& text, std::size_t max_chars) {
    auto chars = decode_utf8(text);
    std::string out;
    if (chars) {
        std::size_t n = 0;
        for (char32_t c : *chars) {
            if (n >= max_chars) break;
            if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' ||
                c == '?' || c == '"' || c == '<' || c == '>' || c == '|') {
                c = '_';
            }
            if (out.empty() && c == '.') c = '_';
            append_utf8(out, c);
            ++n;
        }
    }
    auto trimmed = std::string(trim(out));
    return trimmed.empty() ? "_" : trimmed;
}

void write_zip(const std::filesystem::path& out, const std::vector<ZipEntry>& entries) {
    int error = 0;
    zip_t* archive = zip_open(out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) throw std::runtime_error("cannot create " + out.string());
    for (const auto& entry : entries) {
        zip_source_t* source = zip_source_file(archive, entry.source.c_str(), 0, -1);
        if (!source) fail(archive, "cannot read " + entry.source.string());
        const zip_int64_t index =
            zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            fail(archive, "cannot add " + entry.name);
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 entry.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) != 0) fail(archive, "cannot write " + out.string());
    // libzip writes no file for an archive without entries: write the empty archive (its end of
    // central directory record alone), so that "nothing to download" is still a ZIP.
    if (entries.empty()) {
        std::ofstream empty(out, std::ios::binary | std::ios::trunc);
        const char record[22] = {'P', 'K', 5, 6};
        empty.write(record, sizeof record);
        if (!empty) throw std::runtime_error("cannot write " + out.string());
    }
}

}  // namespace wangju::tables
