// The bundled list of passwords that attackers try first.
#pragma once

#include <string_view>

namespace wangju {

// True when `password` is on the list, compared case-insensitively (ASCII letters).
bool is_common_password(std::string_view password);

}  // namespace wangju
