#include "domain/form_text.h"

#include <fmt/format.h>

#include "domain/text.h"

namespace wangju {

long length_of(std::string_view text) {
    auto decoded = decode_utf8(text);
    return decoded ? static_cast<long>(decoded->size()) : -1;
}

void check_text(std::map<std::string, std::string>& errors, const char* field,
                std::string_view value, const char* label, long min, long max) {
    const long n = length_of(value);
    if (n < 0) {
        errors[field] = fmt::format("{}含有无效的字符编码", label);
    } else if (n < min) {
        errors[field] =
            min == 1 ? fmt::format("请填写{}", label) : fmt::format("{}至少 {} 个字", label, min);
    } else if (n > max) {
        errors[field] = fmt::format("{}不能超过 {} 个字", label, max);
    }
}

std::string check_phone(std::string_view phone) {
    if (phone.empty()) return "请填写联系电话,以便我们联系您";
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != '-' && c != ' ') {
            return "联系电话只能包含数字、空格和“-”";
        }
    }
    if (digits.size() < 7 || digits.size() > 12) return "联系电话应为 7 至 12 位数字";
    if (digits.size() == 11 && digits[0] == '1' && (digits[1] < '3' || digits[1] > '9')) {
        return "手机号码格式不正确";
    }
    return "";
}

}  // namespace wangju
