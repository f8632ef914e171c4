#include "web/portal/attachment_files.h"

#include <fstream>
#include <stdexcept>

#include "domain/secret.h"
#include "domain/text.h"

namespace wangju::web {

std::string AttachmentFiles::put(std::string_view bytes) const {
    const std::string sha = sha256_hex(bytes);
    const auto target = path_of(sha);
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) return sha;
    std::filesystem::create_directories(target.parent_path());
    auto temp = target;
    temp += ".tmp-" + random_token(8);
    {
        std::ofstream out(temp, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw std::runtime_error("cannot write attachment file " + temp.string());
    }
    std::filesystem::rename(temp, target);
    return sha;
}

std::filesystem::path AttachmentFiles::path_of(const std::string& sha256) const {
    return root_ / sha256.substr(0, 2) / sha256;
}

std::string attachment_disposition(std::string_view file_name) {
    std::string fallback;
    for (unsigned char c : file_name) {
        bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        // A multi-byte character becomes one '_', not one per byte.
        if (plain) fallback += static_cast<char>(c);
        else if ((c & 0xC0) != 0x80) fallback += '_';
    }
    static const char* hex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : file_name) {
        bool attr_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                         c == '!' || c == '#' || c == '$' || c == '&' || c == '+' || c == '-' ||
                         c == '.' || c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
        if (attr_char) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

std::string clean_file_name(std::string_view name) {
    auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string out;
    for (unsigned char c : name) {
        if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);
    }
    if (!decode_utf8(out)) out = "附件";
    if (out.size() > 200) {
        std::size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    std::string trimmed(trim(out));
    if (trimmed.empty() || trimmed == "." || trimmed == "..") return "附件";
    return trimmed;
}

}  // namespace wangju::web
