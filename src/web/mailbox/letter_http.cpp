#include "web/mailbox/letter_http.h"

#include <filesystem>

#include "domain/error.h"
#include "web/mailbox/letter_service.h"
#include "web/mailbox/letter_views.h"

namespace wangju::web {

nlohmann::json staff_letter_json(WebContext& web, const Letter& letter, const Unit& unit) {
    std::string handler_name;
    if (letter.handler) {
        if (auto h = web.store.find_user(*letter.handler)) {
            handler_name = h->display_name + "(" + h->username + ")";
        }
    }
    return letter_full_json(letter, unit.name, handler_name, web.letters.attachments(letter.id),
                            shanghai_date(now_utc()));
}

std::vector<nlohmann::json> staff_letter_rows(WebContext& web, const CurrentUser& user,
                                              std::optional<LetterState> state) {
    std::map<std::int64_t, std::string> unit_names;
    const Date today = shanghai_date(now_utc());
    std::vector<nlohmann::json> rows;
    for (const auto& letter : letters_for_staff(web, user, state)) {
        auto& name = unit_names[letter.unit.value];
        if (name.empty()) {
            auto unit = web.store.find_unit(letter.unit);
            name = unit ? unit->name : "";
        }
        rows.push_back(letter_list_json(letter, name, today));
    }
    return rows;
}

std::optional<LetterState> parse_state_filter(const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto state = parse_letter_state(text);
    if (!state) throw_invalid("没有这种信件状态", {{"state", "没有这种信件状态"}});
    return state;
}

http::Response attachment_response(WebContext& web, const Letter& letter,
                                   const std::string& position) {
    for (const auto& f : web.letters.attachments(letter.id)) {
        if (std::to_string(f.position) != position) continue;
        const auto path = web.config.letter_files_dir / f.stored_name;
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec) throw_not_found("附件文件已不存在");
        http::Response response;
        response.file = http::FileBody{path, 0, size, nullptr, nullptr};
        response.set_header("content-type", f.content_type);
        // The stored type was read from the content and is one of JPEG, PNG or PDF; "attachment"
        // keeps the browser from rendering it in this site's origin.
        response.set_header("content-disposition", "attachment; filename=\"letter-" + letter.code +
                                                       "-" + position +
                                                       (f.content_type == "application/pdf" ? ".pdf"
                                                        : f.content_type == "image/png"     ? ".png"
                                                                                        : ".jpg") +
                                                       "\"");
        response.set_header("x-content-type-options", "nosniff");
        response.set_header("cache-control", "no-store");
        return response;
    }
    throw_not_found("没有这个附件");
}

}  // namespace wangju::web
