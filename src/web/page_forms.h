// Small helpers that the HTML pages share: reading submitted forms, safe redirect targets, the
// shape in which templates receive an error, and the one-time "done" notices.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "http/message.h"

namespace wangju::web {

using FormFields = std::multimap<std::string, std::string>;

// The first value of a field, or "" when absent.
std::string form_value(const FormFields& form, const std::string& name);
std::vector<std::string> form_values(const FormFields& form, const std::string& name);

// `candidate` when it is a path of this site ("/x", not "//host" nor "/\host" nor a URL with a
// scheme, no control characters); else `fallback`. Guards redirects against leading users away.
std::string local_path_or(std::string_view candidate, std::string_view fallback);

// {"message", "list": [{"label", "text"}], "has_list", "fields": {name: text}}: the list for a
// summary above the form (import rows "row:N" sorted by N and labelled 第N行), the map for messages
// beside each input.
nlohmann::json error_json(const Error& error);

// Errors that a form page shows beside the form it re-renders, rather than as an error page.
bool shown_in_form(const Error& error);

// What a page needs to draw form `form_name` again after `error`: the error under
// "form_error.<form_name>" and the submitted values under "values.<form_name>", never the CSRF
// token or a password.
nlohmann::json form_error_context(const Error& error, const char* form_name,
                                  const FormFields& form);

// The notice for ?done=<key> (messages "done.<key>"), or null for unknown keys.
nlohmann::json done_notice(const http::Request& request);

}  // namespace wangju::web
