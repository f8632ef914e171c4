// Checks of the text fields that the public fills in (letters, objections): lengths counted in
// characters, and phone numbers as mainland China writes them.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace wangju {

// Length in characters (code points); -1 when not valid UTF-8.
long length_of(std::string_view text);

// Adds to `errors[field]` why `value` is not valid UTF-8 text of `min` to `max` characters,
// naming it by `label` ("请填写姓名", "理由不能超过 2000 个字").
void check_text(std::map<std::string, std::string>& errors, const char* field,
                std::string_view value, const char* label, long min, long max);

// Mainland mobile (11 digits starting with 1) or a landline with area code (7 to 12 digits,
// optionally "022-" style); spaces and dashes are allowed between digits. Returns what is wrong,
// empty when nothing is.
std::string check_phone(std::string_view phone);

}  // namespace wangju
