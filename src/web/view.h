// Server-rendered pages: mustache templates embedded in the binary (views/*.mustache), rendered
// into the layout (views/layout.mustache). Every value is HTML-escaped unless a template asks
// otherwise with {{{...}}}; only the layout does, for the page body it has just rendered itself.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web {

// "large" selects the larger text mode (适老化); set by GET /prefs/text-size.
inline constexpr const char* text_size_cookie_name = "wangju_text";

// What the layout shows around a page.
struct PageFrame {
    std::string title;
    const CurrentUser* user = nullptr;  // the logged-in user, if any
    const WebConfig* config = nullptr;  // nullptr: the defaults of WebConfig
    int status = 200;
};

// Renders views/<name>.mustache with `data`. Every template also sees "t" (the message catalog)
// and the templates whose names start with "_" as partials ({{>_form_errors}}). Throws
// std::logic_error when the template is missing or malformed: a bug, not a user error.
std::string render_template(std::string_view name, const nlohmann::json& data);

// Renders the view inside the layout. The layout adds to `data`: "site", "me" (when logged in,
// with the CSRF token for the log-out form), "large_text", "text_size_url", "nav" (the current
// section) and "title". Pages shown to a logged-in user are marked "cache-control: no-store".
http::Response render_page(const http::Request& request, const PageFrame& frame,
                           std::string_view view, nlohmann::json data);

bool large_text_requested(const http::Request& request);

}  // namespace wangju::web
