// Times as a datetime-local input shows and sends them: "2023-06-21T16:30", in Asia/Shanghai.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace wangju {

std::string format_shanghai_input(Timestamp t);
// Empty when `text` is not "YYYY-MM-DDTHH:MM" with a valid date and time.
std::optional<Timestamp> parse_shanghai_input(std::string_view text);

}  // namespace wangju
