// Tables that name the values of an enum: the code that the API, the database and the URLs use,
// and the Chinese label that pages show. One table per enum, read by these three lookups.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace wangju {

template <class E>
struct Name {
    E value;
    const char* code;
    const char* label;
};

template <class E, std::size_t N>
std::string_view code_of(const Name<E> (&names)[N], E value) {
    for (const auto& n : names) {
        if (n.value == value) return n.code;
    }
    return "";
}

template <class E, std::size_t N>
std::string_view label_of(const Name<E> (&names)[N], E value) {
    for (const auto& n : names) {
        if (n.value == value) return n.label;
    }
    return "";
}

template <class E, std::size_t N>
std::optional<E> parse_of(const Name<E> (&names)[N], std::string_view text) {
    for (const auto& n : names) {
        if (text == n.code) return n.value;
    }
    return std::nullopt;
}

}  // namespace wangju
