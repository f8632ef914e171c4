#include "http/request_id.h"

#include <cstdint>
#include <random>

namespace wangju::http {

std::string make_request_id() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr char digits[] = "0123456789abcdef";
    std::uint64_t bits = generator();
    std::string id(16, '0');
    for (auto& c : id) {
        c = digits[bits & 0x0F];
        bits >>= 4;
    }
    return id;
}

bool is_valid_request_id(std::string_view id) {
    if (id.size() < 8 || id.size() > 64) return false;
    for (char c : id) {
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace wangju::http
