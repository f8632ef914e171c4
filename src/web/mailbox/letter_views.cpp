#include "web/mailbox/letter_views.h"

#include "web/mailbox/reply_markdown.h"

namespace wangju::web {

namespace {

nlohmann::json optional_time(const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(format_shanghai(*t)) : nlohmann::json();
}

nlohmann::json common_json(const Letter& l) {
    return {{"code", l.code},
            {"title", l.title},
            {"category", to_string(l.category)},
            {"category_label", label_zh(l.category)},
            {"state", to_string(l.state)},
            {"state_label", label_zh(l.state)},
            {"submitted_at", format_shanghai(l.submitted_at)},
            {"due_on", format_date(l.due_on)}};
}

nlohmann::json files_json(const std::vector<store::LetterAttachment>& files) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : files) {
        list.push_back({{"position", f.position},
                        {"filename", f.filename},
                        {"content_type", f.content_type},
                        {"size_kb", (f.size_bytes + 1023) / 1024}});
    }
    return list;
}

void add_outcome(nlohmann::json& j, const Letter& l) {
    j["reply"] = l.state == LetterState::closed ? l.reply : std::string();
    j["reply_html"] = l.state == LetterState::closed ? reply_html(l.reply) : std::string();
    j["replied_at"] = l.state == LetterState::closed ? optional_time(l.replied_at) : nullptr;
    j["reject_reason"] = l.reject_reason;
    j["closed_at"] = optional_time(l.closed_at);
    j["rating"] = l.rating ? nlohmann::json(*l.rating) : nlohmann::json();
    j["rating_comment"] = l.rating_comment;
    j["is_closed"] = l.state == LetterState::closed;
    j["is_rejected"] = l.state == LetterState::rejected;
    j["may_rate"] = l.state == LetterState::closed && !l.rating;
}

}  // namespace

nlohmann::json letter_for_writer_json(const Letter& letter,
                                      const std::vector<store::LetterAttachment>& files) {
    auto j = common_json(letter);
    add_outcome(j, letter);
    j["body"] = letter.body;
    j["attachments"] = files_json(files);
    return j;
}

nlohmann::json letter_list_json(const Letter& letter, const std::string& unit_name, Date today) {
    auto j = common_json(letter);
    j["writer_name"] = letter.writer_name;
    j["phone_masked"] = mask_phone(letter.phone);
    j["unit_name"] = unit_name;
    j["overdue"] = is_overdue(letter, today);
    j["assigned"] = letter.handler.has_value();
    return j;
}

nlohmann::json letter_full_json(const Letter& letter, const std::string& unit_name,
                                const std::string& handler_name,
                                const std::vector<store::LetterAttachment>& files, Date today) {
    auto j = letter_list_json(letter, unit_name, today);
    add_outcome(j, letter);
    // Staff see the reply while it is being written, not only once the letter is closed.
    j["reply"] = letter.reply;
    j["reply_html"] = reply_html(letter.reply);
    j["replied_at"] = optional_time(letter.replied_at);
    j["phone"] = letter.phone;
    j["address"] = letter.address;
    j["workplace"] = letter.workplace;
    j["body"] = letter.body;
    j["may_publish"] = letter.may_publish;
    j["complexity"] = to_string(letter.complexity);
    j["complexity_label"] = label_zh(letter.complexity);
    j["handler"] = handler_name;
    j["published"] = letter.published_at.has_value();
    j["public_body"] = letter.public_body;
    j["attachments"] = files_json(files);
    return j;
}

nlohmann::json published_letter_json(const Letter& letter) {
    return {{"title", letter.title},
            {"category_label", label_zh(letter.category)},
            {"submitted_on", format_date(shanghai_date(letter.submitted_at))},
            {"body", letter.public_body},
            {"reply_html", reply_html(letter.reply)},
            {"closed_on", letter.closed_at ? format_date(shanghai_date(*letter.closed_at)) : ""}};
}

}  // namespace wangju::web
