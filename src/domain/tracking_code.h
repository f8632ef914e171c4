// Codes that a member of the public writes down to follow what they sent (查询码): a prefix, the
// Shanghai date as YYMMDD and random characters from an alphabet without 0/O and 1/I/L, so that
// they can be read out over the phone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace wangju {

// `random_bytes` gives one character per byte (missing bytes count as 0).
std::string dated_code(std::string_view prefix, Date day, std::string_view random_bytes,
                       std::size_t random_chars);
// Is `text` (already upper-cased) shaped like a code of that prefix and length?
bool looks_like_dated_code(std::string_view text, std::string_view prefix,
                           std::size_t random_chars);

}  // namespace wangju
