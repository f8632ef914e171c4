// Pieces that the mailbox's pages and API both build responses from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/letter.h"
#include "http/message.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web {

// The full letter for staff: letter_full_json with the unit's and the handler's names.
nlohmann::json staff_letter_json(WebContext& web, const Letter& letter, const Unit& unit);

// The rows of the staff list (letters_for_staff as letter_list_json).
std::vector<nlohmann::json> staff_letter_rows(WebContext& web, const CurrentUser& user,
                                              std::optional<LetterState> state);

// "" -> every state; a state's code name -> that state; anything else is Error(invalid_input).
std::optional<LetterState> parse_state_filter(const std::string& text);

// The attachment numbered `position` ("1".."3") of `letter` as a download. The caller has checked
// that the requester may read the letter.
http::Response attachment_response(WebContext& web, const Letter& letter,
                                   const std::string& position);

}  // namespace wangju::web
