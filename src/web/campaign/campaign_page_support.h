// What the campaign pages share: the one-time notices of ?done=, the base data every campaign
// page sees (campaign, CSRF token, navigation of the campaign), and running a form's action with
// its error shown beside the form.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "web/auth.h"
#include "web/page_forms.h"
#include "web/pages.h"

namespace wangju::web::campaign {

// The notice for ?done=<key> of the campaign pages, or null.
nlohmann::json campaign_done_notice(const http::Request& request);

nlohmann::json page_base(const CurrentUser& user, const Campaign& campaign, const Unit& unit);

std::string campaign_path(const Campaign& campaign, const std::string& rest = "");

// Runs `action(form)` (which returns the address to go to); on an error a form shows, calls
// `again(extra, status)` with the form's error and values under `form_name`.
template <typename Action, typename Again>
http::Response run_form(const http::Request& request, const CurrentUser& user, const char* form_name,
                        const FormFields& form, Action action, Again again) {
    require_csrf(request, user);
    try {
        return http::Response::redirect(action(form));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return again(form_error_context(e, form_name, form), http_status(e.kind()));
    }
}

}  // namespace wangju::web::campaign
