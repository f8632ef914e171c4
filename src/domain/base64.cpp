#include "domain/base64.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>

namespace wangju {

std::string base64_encode(std::string_view bytes) {
    std::string out((bytes.size() + 2) / 3 * 4 + 1, '\0');  // and the NUL OpenSSL writes
    const int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(size));
    return out;
}

// libsodium validates the same way but decodes in constant time, which none of these texts needs
// (the proof of work's payload took 2.6% of the server's CPU so while a crowd voted). OpenSSL's
// decoder is fast but lax (it skips white space and reads any padding), so the text is checked
// here first.
std::optional<std::string> base64_decode(std::string_view text) {
    static constexpr auto values = [] {
        constexpr std::string_view alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        std::array<std::int8_t, 256> table{};
        table.fill(-1);
        for (std::size_t i = 0; i < alphabet.size(); ++i) {
            table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
        }
        return table;
    }();
    auto value = [](char c) { return values[static_cast<unsigned char>(c)]; };
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
        ++padding;
    }
    const std::string_view data = text.substr(0, text.size() - padding);
    for (const char c : data) {
        if (value(c) < 0) return std::nullopt;
    }
    // The last character's bits past the last byte: 2 of its 6 with one '=', 4 with two.
    if (padding > 0 && (value(data.back()) & (padding == 1 ? 0x3 : 0xf)) != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
    if (size < 0 || static_cast<std::size_t>(size) != out.size()) return std::nullopt;
    out.resize(out.size() - padding);
    return out;
}

}  // namespace wangju
