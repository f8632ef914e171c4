// The ten tracks of the 2023 notice with their default rules (GLOSSARY.md, "The ten tracks of
// 2023"): what a new campaign starts from; every rule stays editable per campaign.
#pragma once

#include <vector>

#include "domain/track.h"

namespace wangju {

// Numbered 1 to 10 in the order of the notice; ids and campaign are left unset.
std::vector<Track> default_tracks();

}  // namespace wangju
