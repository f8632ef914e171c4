#include "domain/exhibition.h"

#include <map>

#include "domain/error.h"
#include "domain/secret.h"
#include "domain/text.h"

namespace wangju {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCodeCharacters = 16;

std::optional<char> code_character(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') return '0';
    if (c == 'I' || c == 'L') return '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    return c;
}

std::string grouped(std::string_view plain) {
    std::string out;
    for (std::size_t i = 0; i < plain.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += plain[i];
    }
    return out;
}

}  // namespace

std::string certificate_code_of(std::string_view random_bytes) {
    // 10 bytes are 80 bits: exactly 16 characters of 5 bits.
    std::string plain;
    unsigned long long buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < kCertificateCodeBytes && i < random_bytes.size(); ++i) {
        buffer = (buffer << 8) | static_cast<unsigned char>(random_bytes[i]);
        bits += 8;
        while (bits >= 5) {
            plain += kAlphabet[(buffer >> (bits - 5)) & 0x1F];
            bits -= 5;
        }
    }
    while (plain.size() < kCodeCharacters) plain += '0';
    return grouped(plain);
}

std::string new_certificate_code() {
    const std::string hex = random_token(kCertificateCodeBytes);
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return certificate_code_of(bytes);
}

std::optional<std::string> normalised_certificate_code(std::string_view text) {
    if (text.size() > 64) return std::nullopt;
    std::string plain;
    for (char c : text) {
        if (c == '-' || c == ' ') continue;
        auto mapped = code_character(c);
        if (!mapped) return std::nullopt;
        plain += *mapped;
    }
    if (plain.size() != kCodeCharacters) return std::nullopt;
    return grouped(plain);
}

void check_certificate_layout(const CertificateLayout& layout) {
    std::map<std::string, std::string> fields;
    const auto title = decode_utf8(layout.title);
    if (!title || trim(layout.title).empty() || title->size() > 12)
        fields["title"] = "证书标题应为 1 到 12 个字";
    const auto issuer = decode_utf8(layout.issuer);
    if (!issuer || issuer->size() > 40) fields["issuer"] = "颁发单位名称不能超过 40 个字";
    if (!layout.seal_png.empty()) {
        static constexpr std::string_view png_signature = "\x89PNG\r\n\x1a\n";
        if (layout.seal_png.size() > kMaxSealBytes)
            fields["seal"] = "印章图片不能超过 512 KB";
        else if (layout.seal_png.compare(0, png_signature.size(), png_signature) != 0)
            fields["seal"] = "印章图片应为 PNG 格式";
    }
    if (!fields.empty()) throw_invalid(fields.begin()->second, fields);
}

int tier_order(const std::vector<AwardTier>& tiers, std::string_view tier) {
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (tiers[i].name == tier) return static_cast<int>(i);
    }
    return static_cast<int>(tiers.size());
}

}  // namespace wangju
