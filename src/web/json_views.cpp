#include "web/json_views.h"

#include <fmt/format.h>

#include "domain/error.h"

namespace wangju::web {

nlohmann::json unit_json(const Unit& unit) {
    nlohmann::json j = {
        {"code", unit.code},
        {"name", unit.name},
        {"kind", std::string(to_string(unit.kind))},
        {"kind_label", std::string(label_zh(unit.kind))},
        {"level", unit.level},
        {"opens_on", unit.opens_on ? nlohmann::json(format_date(*unit.opens_on)) : nullptr},
        {"closes_on", unit.closes_on ? nlohmann::json(format_date(*unit.closes_on)) : nullptr},
        {"open", unit.is_open_on(shanghai_date(now_utc()))},
    };
    return j;
}

nlohmann::json user_json(const User& user, const Unit& unit) {
    nlohmann::json roles = nlohmann::json::array();
    for (Role r : user.roles.list()) roles.push_back(std::string(to_string(r)));
    return {
        {"username", user.username},
        {"display_name", user.display_name},
        {"unit", unit.code},
        {"unit_name", unit.name},
        {"roles", roles},
        {"must_change_password", user.must_change_password},
        {"totp_enabled", user.totp_secret.has_value()},
        {"disabled", user.disabled},
        {"email", user.email ? nlohmann::json(*user.email) : nlohmann::json()},
        {"locked", user.locked_until && *user.locked_until > now_utc()},
    };
}

std::string session_id(const store::Session& session) { return session.token_hash.substr(0, 16); }

nlohmann::json session_json(const store::Session& session, bool current) {
    return {
        {"id", session_id(session)},
        {"created_at", format_utc(session.created_at)},
        {"last_seen_at", format_utc(session.last_seen_at)},
        {"client_address", session.client_address},
        {"user_agent", session.user_agent},
        {"current", current},
    };
}

std::string required_string(const nlohmann::json& body, const char* field, const char* label) {
    auto it = body.find(field);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
        throw_invalid(std::string("缺少") + label, {{field, std::string("请填写") + label}});
    }
    return it->get<std::string>();
}

std::string optional_string(const nlohmann::json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_string())
        throw_invalid(fmt::format("字段 {} 应为文本", field), {{field, "应为文本"}});
    return it->get<std::string>();
}

}  // namespace wangju::web
