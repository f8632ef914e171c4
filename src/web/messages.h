// The catalog of the user interface's Chinese text (messages/zh-CN.json, embedded in the binary).
// Templates see it as "t" ({{t.login.title}}); C++ code asks for one text by its dotted key.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace wangju::web {

// Generated at build time from src/web/views and src/web/messages (cmake/embed.cmake).
const std::map<std::string, std::string>& embedded_files();

// The whole catalog, parsed once. Thread-safe.
const nlohmann::json& messages();

// The text at a dotted key ("done.password_changed"), or nothing when there is none.
std::optional<std::string> find_message(std::string_view dotted_key);

// As find_message, but returns the key itself when missing, so that a gap shows on the page
// instead of failing the request.
std::string message(std::string_view dotted_key);

}  // namespace wangju::web
