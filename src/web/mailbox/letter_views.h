// How a letter is shown: to its writer, to staff in a list (phone masked), to staff in full, and
// in 来信选登 (no personal data). Used by the pages and by the JSON API alike.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "domain/letter.h"
#include "store/letter_store.h"

namespace wangju::web {

// State, dates, the reply (Markdown and safe HTML), the reason of a refusal, the rating.
nlohmann::json letter_for_writer_json(const Letter& letter,
                                      const std::vector<store::LetterAttachment>& files);
// One row of the staff list: masked phone, due date, overdue flag on `today`.
nlohmann::json letter_list_json(const Letter& letter, const std::string& unit_name, Date today);
// Everything, for staff who may read the letter; `handler_name` may be empty.
nlohmann::json letter_full_json(const Letter& letter, const std::string& unit_name,
                                const std::string& handler_name,
                                const std::vector<store::LetterAttachment>& files, Date today);
// Title, category, the public body and the reply; nothing that names the writer.
nlohmann::json published_letter_json(const Letter& letter);

}  // namespace wangju::web
