#include "web/page_forms.h"

#include <algorithm>
#include <charconv>

#include "web/messages.h"

namespace wangju::web {

std::string form_value(const FormFields& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
}

std::vector<std::string> form_values(const FormFields& form, const std::string& name) {
    std::vector<std::string> values;
    auto [first, last] = form.equal_range(name);
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    return values;
}

std::string local_path_or(std::string_view candidate, std::string_view fallback) {
    bool ok = candidate.size() >= 1 && candidate.size() <= 2000 && candidate[0] == '/' &&
              !candidate.starts_with("//") && !candidate.starts_with("/\\");
    for (char c : candidate) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '\\') ok = false;
    }
    return std::string(ok ? candidate : fallback);
}

nlohmann::json error_json(const Error& error) {
    struct Item {
        int row;  // 0 for fields that are not rows
        std::string label;
        std::string text;
    };
    std::vector<Item> items;
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, text] : error.fields()) {
        fields[name] = text;
        int row = 0;
        if (name.starts_with("row:")) {
            auto digits = std::string_view(name).substr(4);
            std::from_chars(digits.data(), digits.data() + digits.size(), row);
        }
        std::string label;
        if (row > 0) {
            label = message("admin.row");
            auto at = label.find("{row}");
            if (at != std::string::npos) label.replace(at, 5, std::to_string(row));
        }
        items.push_back({row, label, text});
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& a, const Item& b) { return a.row < b.row; });
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) {
        // false rather than "": mustache treats an empty string as true in a section.
        nlohmann::json label =
            item.label.empty() ? nlohmann::json(false) : nlohmann::json(item.label);
        list.push_back({{"label", label}, {"text", item.text}});
    }
    return {{"message", error.message()},
            {"list", list},
            {"has_list", !list.empty()},
            {"fields", fields}};
}

bool shown_in_form(const Error& error) {
    switch (error.kind()) {
        case ErrorKind::invalid_input:
        case ErrorKind::conflict:
        case ErrorKind::not_found:
        case ErrorKind::forbidden:
        case ErrorKind::deadline_passed:
        case ErrorKind::quota_full:
        case ErrorKind::too_many_requests:
            return true;
        default:
            return false;
    }
}

nlohmann::json done_notice(const http::Request& request) {
    auto key = request.query("done");
    if (!key || key->empty() || key->find('.') != std::string::npos) return nullptr;
    auto text = find_message("done." + *key);
    if (!text) return nullptr;
    return *text;
}

nlohmann::json form_error_context(const Error& error, const char* form_name,
                                  const FormFields& form) {
    nlohmann::json extra;
    extra["form_error"][form_name] = error_json(error);
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [name, value] : form) {
        if (name != "csrf" && name != "password") values[name] = value;
    }
    extra["values"][form_name] = values;
    return extra;
}

}  // namespace wangju::web
