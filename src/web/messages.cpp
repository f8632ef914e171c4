#include "web/messages.h"

#include <stdexcept>

namespace wangju::web {

const nlohmann::json& messages() {
    static const nlohmann::json catalog = [] {
        const auto& files = embedded_files();
        auto it = files.find("messages/zh-CN.json");
        if (it == files.end()) throw std::logic_error("messages/zh-CN.json is not embedded");
        return nlohmann::json::parse(it->second);
    }();
    return catalog;
}

std::optional<std::string> find_message(std::string_view dotted_key) {
    const nlohmann::json* node = &messages();
    std::size_t start = 0;
    while (start <= dotted_key.size()) {
        auto end = dotted_key.find('.', start);
        if (end == std::string_view::npos) end = dotted_key.size();
        std::string part(dotted_key.substr(start, end - start));
        if (!node->is_object()) return std::nullopt;
        auto it = node->find(part);
        if (it == node->end()) return std::nullopt;
        node = &*it;
        start = end + 1;
    }
    if (!node->is_string()) return std::nullopt;
    return node->get<std::string>();
}

std::string message(std::string_view dotted_key) {
    return find_message(dotted_key).value_or(std::string(dotted_key));
}

}  // namespace wangju::web
