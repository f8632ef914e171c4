#include "export/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <memory>
#include <optional>

#include "domain/error.h"

namespace wangju::tables {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view utf16le_bom = "\xFF\xFE";
constexpr std::string_view utf16be_bom = "\xFE\xFF";

[[noreturn]] void throw_unknown_encoding() {
    throw_invalid("文件编码无法识别,请另存为UTF-8编码的CSV或XLSX");
}

// The length of the UTF-8 sequence that starts at `text[i]`, or 0 when it is malformed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = i + 2; k < i + length; ++k) {
        if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
    }
    return length;
}

// Converts with glibc's iconv; nothing when the bytes are not valid in `from`.
std::optional<std::string> convert_to_utf8(std::string_view bytes, const char* from) {
    const iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    const std::unique_ptr<void, int (*)(iconv_t)> closer(cd, iconv_close);
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());  // iconv's signature is not const-correct
    std::size_t in_left = bytes.size();
    std::size_t done = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + done;
        std::size_t out_left = out.size() - done;
        const std::size_t result = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
        done = out.size() - out_left;
        if (result != static_cast<std::size_t>(-1)) break;
        if (errno != E2BIG) return std::nullopt;  // EILSEQ or EINVAL: not this encoding
        out.resize(out.size() * 2);
    }
    out.resize(done);
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    // Checked here rather than with decode_utf8 from the domain, which would hold four bytes per
    // character of a whole upload in memory only to throw them away.
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string repair_utf8(std::string_view text) {
    constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            out += replacement;
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

std::string text_as_utf8(std::string_view bytes) {
    std::optional<std::string> text;
    if (bytes.starts_with(utf8_bom)) {
        bytes.remove_prefix(utf8_bom.size());
        if (is_valid_utf8(bytes)) text = std::string(bytes);
    } else if (bytes.starts_with(utf16le_bom)) {
        text = convert_to_utf8(bytes.substr(utf16le_bom.size()), "UTF-16LE");
    } else if (bytes.starts_with(utf16be_bom)) {
        text = convert_to_utf8(bytes.substr(utf16be_bom.size()), "UTF-16BE");
    } else if (is_valid_utf8(bytes)) {
        text = std::string(bytes);
    } else {
        text = convert_to_utf8(bytes, "GB18030");
    }
    // A NUL byte means a binary file (a PDF, an image) rather than text in some other encoding.
    if (!text || text->find('\0') != std::string::npos) throw_unknown_encoding();
    return std::move(*text);
}

}  // namespace wangju::tables
