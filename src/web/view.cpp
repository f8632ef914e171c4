#include "web/view.h"

#include <map>
#include <memory>
#include <stdexcept>

#include <kainjow/mustache.hpp>

#include "web/messages.h"

namespace wangju::web {
namespace {

namespace mustache = kainjow::mustache;

const std::string& template_text(const std::string& key) {
    const auto& files = embedded_files();
    auto it = files.find(key);
    if (it == files.end()) throw std::logic_error("template " + key + " is not embedded");
    return it->second;
}

// A parsed template per thread: kainjow's renderer keeps an error message in the object, so one
// instance must not be shared between threads; parsing once per thread keeps rendering cheap.
mustache::mustache& parsed_template(std::string_view name) {
    thread_local std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> cache;
    auto it = cache.find(name);
    if (it == cache.end()) {
        std::string key = "views/" + std::string(name) + ".mustache";
        auto parsed = std::make_unique<mustache::mustache>(template_text(key));
        if (!parsed->is_valid()) {
            throw std::logic_error("template " + key + ": " + parsed->error_message());
        }
        it = cache.emplace(std::string(name), std::move(parsed)).first;
    }
    return *it->second;
}

mustache::data to_mustache(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data d{mustache::data::type::object};
            for (const auto& [key, item] : value.items()) d.set(key, to_mustache(item));
            return d;
        }
        case nlohmann::json::value_t::array: {
            mustache::data d{mustache::data::type::list};
            for (const auto& item : value) d.push_back(to_mustache(item));
            return d;
        }
        case nlohmann::json::value_t::string:
            // An empty string is false, as in mustache.js: {{#notice}} shows nothing for "".
            if (value.get_ref<const std::string&>().empty()) return mustache::data{false};
            return mustache::data{value.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return mustache::data{value.get<bool>()};
        case nlohmann::json::value_t::null:
        case nlohmann::json::value_t::discarded:
            return mustache::data{false};
        default:
            return mustache::data{value.dump()};
    }
}

// What every template sees beside its own data: the catalog as "t" and the partials by name.
// Built once; immutable, so all threads read it at once.
const mustache::data& shared_data() {
    static const mustache::data shared = [] {
        mustache::data d{mustache::data::type::object};
        d.set("t", to_mustache(messages()));
        for (const auto& [key, text] : embedded_files()) {
            constexpr std::string_view prefix = "views/_";
            constexpr std::string_view suffix = ".mustache";
            if (key.starts_with(prefix) && key.ends_with(suffix)) {
                auto name = key.substr(6, key.size() - 6 - suffix.size());
                d.set(name, mustache::data{text});
            }
        }
        return d;
    }();
    return shared;
}

mustache::data template_data(const nlohmann::json& data) {
    return to_mustache(data.is_object() ? data : nlohmann::json::object());
}

// Renders `name` with `d`; the shared data is looked up first, so that "t" and the partials'
// names mean the same on every page whatever the page's own data holds.
std::string render_with(std::string_view name, const mustache::data& d) {
    auto& tmpl = parsed_template(name);
    mustache::context<std::string> context{&d};
    context.push(&shared_data());
    std::string out = tmpl.render(context);
    if (!tmpl.is_valid()) {
        throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
    }
    return out;
}

std::string text_size_url(const http::Request& request, bool large) {
    std::string back = request.method == "GET" ? request.target : "/";
    return std::string("/prefs/text-size?large=") + (large ? "1" : "0") +
           "&next=" + http::percent_encode(back);
}

nlohmann::json nav_of(const http::Request& request) {
    const auto& p = request.path;
    auto under = [&](std::string_view prefix) {
        return p == prefix || p.starts_with(std::string(prefix) + "/");
    };
    return {{"home", p == "/"},
            {"notices", under("/notices")},
            {"news", under("/news")},
            {"mailbox", under("/mailbox")},
            {"account", under("/account")},
            {"admin", under("/admin")},
            {"desk", under("/desk")}};
}

nlohmann::json me_of(const CurrentUser& user) {
    bool admin = user.user.roles.has(Role::unit_admin) || user.user.roles.has(Role::sysadmin);
    return {{"display_name", user.user.display_name},
            {"username", user.user.username},
            {"unit_name", user.unit.name},
            {"is_admin", admin},
            {"is_judge", user.user.roles.has(Role::judge)},
            {"is_sysadmin", user.user.roles.has(Role::sysadmin)},
            {"is_editorial", user.user.roles.has(Role::editor) || user.user.roles.has(Role::approver) ||
                                 user.user.roles.has(Role::sysadmin)},
            {"csrf", user.session.csrf_token}};
}

}  // namespace

bool large_text_requested(const http::Request& request) {
    auto value = request.cookie(text_size_cookie_name);
    return value && *value == "large";
}

std::string render_template(std::string_view name, const nlohmann::json& data) {
    return render_with(name, template_data(data));
}

http::Response render_page(const http::Request& request, const PageFrame& frame,
                           std::string_view view, nlohmann::json data) {
    static const WebConfig defaults;
    const WebConfig& config = frame.config ? *frame.config : defaults;
    bool large = large_text_requested(request);
    // The page's own data keeps its "title" (a work's, say, in its form); templates that head
    // the page with the frame's title read "title" when the page has none, the layout page_title.
    data["page_title"] = frame.title;
    if (!data.contains("title")) data["title"] = frame.title;
    data["site"] = {{"name", config.site_name},
                    {"motto", config.site_motto},
                    {"mailbox_email", config.mailbox_email},
                    {"domain", message("site.domain")}};
    data["large_text"] = large;
    data["text_size_url"] = text_size_url(request, !large);
    data["nav"] = nav_of(request);
    if (frame.user) data["me"] = me_of(*frame.user);

    mustache::data d = template_data(data);
    std::string body = render_with(view, d);
    d.set("content", mustache::data{body});
    auto response = http::Response::html(render_with("layout", d), frame.status);
    if (frame.user) response.set_header("cache-control", "no-store");
    return response;
}

}  // namespace wangju::web
