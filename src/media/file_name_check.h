// A file whose name says one kind and whose content is another (a picture renamed to .mp4) is
// refused: the name is what people see in lists, the content is what the rules measured.
#pragma once

#include <string>

#include "domain/media_facts.h"

namespace wangju::media {

// Throws Error(invalid_input) when `filename` ends in a known extension of another kind than
// `facts.kind`. Unknown or missing extensions pass.
void check_name_matches_content(const std::string& filename, const MediaFacts& facts);

}  // namespace wangju::media
