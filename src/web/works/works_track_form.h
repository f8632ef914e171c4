// The admin's form of a track (description, contacts and rules) and of its levels (quota and
// deadline), as plain HTML inputs: a track becomes form values, submitted values become a track
// or a Chinese error per input. One shape for both ways, so that a refused form is drawn again
// exactly as it was sent.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/recommendation.h"
#include "domain/track.h"
#include "web/page_forms.h"

namespace wangju::web::works {

// How many empty rows for new form fields the page offers below the existing ones.
inline constexpr std::size_t blank_field_rows = 2;

// The inputs of the track form holding what `track` has now.
FormFields track_form_values(const Track& track);

// `track` with the description, contacts and rules of the submitted form. Throws
// Error(invalid_input) whose fields are keyed by input name ("max_size_mb", "field_key_2") when
// any input is wrong; nothing is changed then.
Track track_from_form(Track track, const FormFields& form);

// What the track form's template draws: every input's value and its error.
nlohmann::json track_form_view(const FormFields& form, const std::map<std::string, std::string>& errors);

// The Chinese name of an input of these forms, for the list of problems above them.
std::string input_label(const std::string& name);

// A level's setting from its form ("quota", "deadline" in Beijing time, "YYYY-MM-DDTHH:MM");
// throws Error(invalid_input) keyed "quota" / "deadline".
LevelSetting level_from_form(TrackId track, ChainLevel level, const FormFields& form);

// "2026-12-08T17:00": a deadline as a datetime-local input shows it, in Beijing time.
std::string deadline_input_value(Timestamp deadline);

}  // namespace wangju::web::works
