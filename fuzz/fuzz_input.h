// Splitting one fuzz input into the several fields a target needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wangju::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The text before the first newline (all of it when there is none); `rest` keeps what follows.
inline std::string_view next_line(std::string_view& rest) {
    auto end = rest.find('\n');
    auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return line;
}

}  // namespace wangju::fuzz
