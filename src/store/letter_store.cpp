#include "store/letter_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "domain/text.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {

namespace {

#define WANGJU_LETTER_COLUMNS                                                                  \
    "SELECT l.id, l.code, l.secret_hash, l.unit_id, l.writer_name, l.phone_sealed, "           \
    "l.address_sealed, l.workplace, l.category, l.title, l.body, l.may_publish, l.state, "     \
    "l.complexity, l.due_on, l.handler_id, l.reply, l.replied_at, l.reject_reason, l.rating, " \
    "l.rating_comment, l.published_at, l.public_body, l.submitted_at, l.closed_at FROM letters l "
constexpr const char* kFind = WANGJU_LETTER_COLUMNS "WHERE l.code = :code";
constexpr const char* kInSubtree = WANGJU_LETTER_COLUMNS
    "JOIN units u ON u.id = l.unit_id WHERE u.path >= :from AND u.path < :to "
    "ORDER BY l.submitted_at DESC, l.id DESC";
constexpr const char* kInSubtreeByState = WANGJU_LETTER_COLUMNS
    "JOIN units u ON u.id = l.unit_id WHERE u.path >= :from AND u.path < :to "
    "AND l.state = :state ORDER BY l.submitted_at DESC, l.id DESC";
constexpr const char* kHandledBy =
    WANGJU_LETTER_COLUMNS "WHERE l.handler_id = :handler ORDER BY l.submitted_at DESC, l.id DESC";
constexpr const char* kPublished = WANGJU_LETTER_COLUMNS
    "WHERE l.published_at IS NOT NULL ORDER BY l.published_at DESC, l.id DESC";
#undef WANGJU_LETTER_COLUMNS

constexpr const char* kCodeTaken = "SELECT id FROM letters WHERE code = :code";
constexpr const char* kInsert =
    "INSERT INTO letters (code, secret_hash, unit_id, writer_name, phone_sealed, address_sealed, "
    "workplace, category, title, body, may_publish, state, complexity, due_on, reply, "
    "reject_reason, rating_comment, public_body, submitted_at) VALUES (:code, :secret_hash, "
    ":unit_id, :writer_name, :phone, :address, :workplace, :category, :title, :body, "
    ":may_publish, 'received', 'simple', :due_on, '', '', '', '', :submitted_at) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE letters SET state = :state, complexity = :complexity, due_on = :due_on, "
    "handler_id = :handler_id, reply = :reply, replied_at = :replied_at, "
    "reject_reason = :reject_reason, rating = :rating, rating_comment = :rating_comment, "
    "published_at = :published_at, public_body = :public_body, closed_at = :closed_at "
    "WHERE id = :id";
constexpr const char* kInsertAttachment =
    "INSERT INTO letter_attachments (letter_id, position, filename, content_type, size_bytes, "
    "stored_name) VALUES (:letter_id, :position, :filename, :content_type, :size_bytes, "
    ":stored_name)";
constexpr const char* kAttachments =
    "SELECT position, filename, content_type, size_bytes, stored_name FROM letter_attachments "
    "WHERE letter_id = :letter_id ORDER BY position";
constexpr const char* kCount = "SELECT count(*) FROM letters";

struct LetterRow {
    long long id = 0;
    std::string code, secret_hash;
    long long unit_id = 0;
    std::string writer_name, phone_sealed, address_sealed, workplace, category, title, body;
    int may_publish = 0;
    std::string state, complexity, due_on;
    NullableId handler_id;
    std::string reply;
    NullableText replied_at;
    std::string reject_reason;
    NullableId rating;
    std::string rating_comment;
    NullableText published_at;
    std::string public_body, submitted_at;
    NullableText closed_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(code), soci::into(secret_hash), soci::into(unit_id),
            soci::into(writer_name), soci::into(phone_sealed), soci::into(address_sealed),
            soci::into(workplace), soci::into(category), soci::into(title), soci::into(body),
            soci::into(may_publish), soci::into(state), soci::into(complexity), soci::into(due_on),
            soci::into(handler_id.value, handler_id.indicator), soci::into(reply),
            soci::into(replied_at.value, replied_at.indicator), soci::into(reject_reason),
            soci::into(rating.value, rating.indicator), soci::into(rating_comment),
            soci::into(published_at.value, published_at.indicator), soci::into(public_body),
            soci::into(submitted_at), soci::into(closed_at.value, closed_at.indicator);
    }

    Letter letter(const SecretBox& box) const {
        Letter l;
        l.id = LetterId{id};
        l.code = code;
        l.unit = UnitId{unit_id};
        l.writer_name = writer_name;
        l.phone = box.open(phone_sealed);
        l.address = box.open(address_sealed);
        l.workplace = workplace;
        l.category = parse_letter_category(category).value_or(LetterCategory::question);
        l.title = title;
        l.body = body;
        l.may_publish = may_publish != 0;
        l.state = parse_letter_state(state).value_or(LetterState::received);
        l.complexity = parse_letter_complexity(complexity).value_or(LetterComplexity::simple);
        auto due = parse_date(due_on);
        if (!due) throw std::runtime_error("letters.due_on is not a date: " + due_on);
        l.due_on = *due;
        if (auto h = handler_id.get()) l.handler = UserId{*h};
        l.reply = reply;
        l.replied_at = timestamp_from(replied_at);
        l.reject_reason = reject_reason;
        if (auto r = rating.get()) l.rating = static_cast<int>(*r);
        l.rating_comment = rating_comment;
        l.published_at = timestamp_from(published_at);
        l.public_body = public_body;
        l.submitted_at = timestamp_from(submitted_at);
        l.closed_at = timestamp_from(closed_at);
        return l;
    }
};

struct AttachmentRow {
    int position = 0;
    std::string filename, content_type;
    long long size_bytes = 0;
    std::string stored_name;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(position), soci::into(filename), soci::into(content_type),
            soci::into(size_bytes), soci::into(stored_name);
    }
};

std::vector<Letter> letters_of(const std::vector<LetterRow>& rows, const SecretBox& box) {
    std::vector<Letter> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(row.letter(box));
    return out;
}

// Four random bytes for the code's random part.
std::string random_bytes_for_code() {
    const std::string hex = random_token(4);
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    return bytes;
}

std::string unused_code(soci::session& s, Date today) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::string code = tracking_code(today, random_bytes_for_code());
        long long id = 0;
        soci::indicator ind = soci::i_null;
        s << kCodeTaken, soci::use(code), soci::into(id, ind);
        if (!s.got_data()) return code;
    }
    throw Error(ErrorKind::unavailable, "暂时无法生成查询码,请稍后再试");
}

void write_back(soci::session& s, const Letter& l) {
    const std::string state(to_string(l.state)), complexity(to_string(l.complexity));
    const std::string due_on = format_date(l.due_on);
    NullableId handler(l.handler ? std::optional<long long>(l.handler->value) : std::nullopt);
    NullableId rating(l.rating ? std::optional<long long>(*l.rating) : std::nullopt);
    NullableText replied_at = stored(l.replied_at), published_at = stored(l.published_at),
                 closed_at = stored(l.closed_at);
    s << kUpdate, soci::use(state), soci::use(complexity), soci::use(due_on),
        soci::use(handler.value, handler.indicator), soci::use(l.reply),
        soci::use(replied_at.value, replied_at.indicator), soci::use(l.reject_reason),
        soci::use(rating.value, rating.indicator), soci::use(l.rating_comment),
        soci::use(published_at.value, published_at.indicator), soci::use(l.public_body),
        soci::use(closed_at.value, closed_at.indicator), soci::use(l.id.value);
}

[[noreturn]] void no_such_letter(const std::string& code) {
    throw_not_found(fmt::format("没有查询码为“{}”的信件", code));
}

}  // namespace

nlohmann::json audit_json(const Letter& letter) {
    nlohmann::json j = {{"code", letter.code},
                        {"unit_id", letter.unit.value},
                        {"category", to_string(letter.category)},
                        {"title", letter.title},
                        {"state", to_string(letter.state)},
                        {"complexity", to_string(letter.complexity)},
                        {"due_on", format_date(letter.due_on)},
                        {"may_publish", letter.may_publish},
                        {"published", letter.published_at.has_value()}};
    j["handler_id"] = letter.handler ? nlohmann::json(letter.handler->value) : nlohmann::json();
    j["rating"] = letter.rating ? nlohmann::json(*letter.rating) : nlohmann::json();
    if (!letter.reject_reason.empty()) j["reject_reason"] = letter.reject_reason;
    j["reply_chars"] = letter.reply.size();
    return j;
}

SubmittedLetter LetterStore::submit(const NewLetter& letter,
                                    const std::vector<LetterAttachment>& files,
                                    const DueRules& rules, const AuditContext& ctx,
                                    std::optional<Timestamp> sent_at) {
    NewLetter checked = letter;
    check_new_letter(checked);
    const std::string phone = box_.seal(checked.phone), address = box_.seal(checked.address);
    // 128 random bits: a slow hash (argon2id) protects guessable passwords; a secret this long
    // cannot be guessed from its SHA-256 digest, and checking it stays cheap.
    std::string secret = random_token(16);
    const std::string secret_hash = sha256_hex(secret);
    const Timestamp now = sent_at.value_or(now_utc());
    const std::string submitted_at = stored(now);
    const std::string due_on = format_date(due_date(now, LetterComplexity::simple, rules));
    const std::string category(to_string(checked.category));
    const int may_publish = checked.may_publish ? 1 : 0;
    return database_.write([&](soci::session& s) {
        const std::string code = unused_code(s, shanghai_date(now));
        long long id = 0;
        s << kInsert, soci::use(code), soci::use(secret_hash), soci::use(checked.unit.value),
            soci::use(checked.writer_name), soci::use(phone), soci::use(address),
            soci::use(checked.workplace), soci::use(category), soci::use(checked.title),
            soci::use(checked.body), soci::use(may_publish), soci::use(due_on),
            soci::use(submitted_at), soci::into(id);
        for (const auto& f : files) {
            const long long size = f.size_bytes;
            s << kInsertAttachment, soci::use(id), soci::use(f.position), soci::use(f.filename),
                soci::use(f.content_type), soci::use(size), soci::use(f.stored_name);
        }
        auto row = fetch_one<LetterRow>(s, kFind, soci::use(code));
        Letter created = row->letter(box_);
        auto after = audit_json(created);
        after["attachments"] = files.size();
        append_event(s, ctx, "letter.submit", "letter:" + code, nullptr, after);
        return SubmittedLetter{created, std::move(secret)};
    });
}

std::optional<Letter> LetterStore::find(const std::string& code) {
    return database_.read([&](soci::session& s) -> std::optional<Letter> {
        auto row = fetch_one<LetterRow>(s, kFind, soci::use(code));
        if (!row) return std::nullopt;
        return row->letter(box_);
    });
}

std::optional<Letter> LetterStore::find_for_writer(const std::string& code,
                                                   const std::string& secret) {
    auto row = database_.read(
        [&](soci::session& s) { return fetch_one<LetterRow>(s, kFind, soci::use(code)); });
    // Digest a dummy when the code is unknown, so both refusals cost the same.
    const std::string expected = row ? row->secret_hash : std::string(64, '0');
    const bool matches = equal_constant_time(sha256_hex(secret), expected);
    if (!row || !matches || secret.empty()) return std::nullopt;
    return row->letter(box_);
}

Letter LetterStore::read_for_staff(const std::string& code, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto row = fetch_one<LetterRow>(s, kFind, soci::use(code));
        if (!row) no_such_letter(code);
        Letter letter = row->letter(box_);
        append_event(s, ctx, "letter.read", "letter:" + code, nullptr, nullptr);
        return letter;
    });
}

std::vector<LetterAttachment> LetterStore::attachments(LetterId letter) {
    return database_.read([&](soci::session& s) {
        std::vector<LetterAttachment> out;
        for (const auto& r : fetch_all<AttachmentRow>(s, kAttachments, soci::use(letter.value))) {
            out.push_back({r.position, r.filename, r.content_type, r.size_bytes, r.stored_name});
        }
        return out;
    });
}

std::vector<Letter> LetterStore::letters_in_subtree(const Unit& root,
                                                    std::optional<LetterState> state) {
    const std::string from = root.path, to = subtree_end(root.path);
    return database_.read([&](soci::session& s) {
        if (!state) {
            return letters_of(fetch_all<LetterRow>(s, kInSubtree, soci::use(from), soci::use(to)),
                              box_);
        }
        const std::string wanted(to_string(*state));
        return letters_of(fetch_all<LetterRow>(s, kInSubtreeByState, soci::use(from), soci::use(to),
                                               soci::use(wanted)),
                          box_);
    });
}

std::vector<Letter> LetterStore::letters_handled_by(UserId handler) {
    return database_.read([&](soci::session& s) {
        return letters_of(fetch_all<LetterRow>(s, kHandledBy, soci::use(handler.value)), box_);
    });
}

std::vector<Letter> LetterStore::published() {
    return database_.read(
        [&](soci::session& s) { return letters_of(fetch_all<LetterRow>(s, kPublished), box_); });
}

Letter LetterStore::change(const std::string& code, LetterAction action, const char* event,
                           const AuditContext& ctx, const Apply& apply) {
    return database_.write([&](soci::session& s) {
        auto row = fetch_one<LetterRow>(s, kFind, soci::use(code));
        if (!row) no_such_letter(code);
        Letter letter = row->letter(box_);
        const auto before = audit_json(letter);
        letter.state = state_after(letter, action);
        apply(s, letter);
        write_back(s, letter);
        append_event(s, ctx, event, "letter:" + code, before, audit_json(letter));
        return letter;
    });
}

Letter LetterStore::assign(const std::string& code, UserId handler, const AuditContext& ctx) {
    return change(code, LetterAction::assign, "letter.assign", ctx,
                  [&](soci::session&, Letter& l) { l.handler = handler; });
}

Letter LetterStore::accept(const std::string& code, LetterComplexity complexity,
                           const DueRules& rules, const AuditContext& ctx) {
    return change(code, LetterAction::accept, "letter.accept", ctx, [&](soci::session&, Letter& l) {
        l.complexity = complexity;
        l.due_on = due_date(l.submitted_at, complexity, rules);
    });
}

Letter LetterStore::reject(const std::string& code, const std::string& reason,
                           const AuditContext& ctx) {
    if (trim(reason).empty()) {
        throw_invalid("请填写不予受理的理由", {{"reason", "请填写不予受理的理由"}});
    }
    if (reason.size() > 3000) {
        throw_invalid("理由过长", {{"reason", "不予受理的理由不能超过 1000 个字"}});
    }
    return change(code, LetterAction::reject, "letter.reject", ctx, [&](soci::session&, Letter& l) {
        l.reject_reason = std::string(trim(reason));
        l.closed_at = now_utc();
    });
}

Letter LetterStore::reply(const std::string& code, const std::string& reply,
                          const AuditContext& ctx) {
    if (trim(reply).empty()) throw_invalid("请填写答复内容", {{"reply", "请填写答复内容"}});
    if (reply.size() > 30000) throw_invalid("答复过长", {{"reply", "答复不能超过 10000 个字"}});
    return change(code, LetterAction::reply, "letter.reply", ctx, [&](soci::session&, Letter& l) {
        l.reply = std::string(trim(reply));
        l.replied_at = now_utc();
    });
}

Letter LetterStore::close(const std::string& code, const AuditContext& ctx) {
    return change(code, LetterAction::close, "letter.close", ctx,
                  [&](soci::session&, Letter& l) { l.closed_at = now_utc(); });
}

Letter LetterStore::publish(const std::string& code, const std::string& public_body,
                            const AuditContext& ctx) {
    return change(code, LetterAction::publish, "letter.publish", ctx,
                  [&](soci::session&, Letter& l) {
                      auto text = trim(public_body);
                      l.public_body = text.empty() ? l.body : std::string(text);
                      l.published_at = now_utc();
                  });
}

Letter LetterStore::rate(const std::string& code, int rating, const std::string& comment,
                         const AuditContext& ctx) {
    if (rating < 1 || rating > 5) {
        throw_invalid("评价应为 1 至 5 分", {{"rating", "请选择 1 至 5 分"}});
    }
    if (comment.size() > 1000) {
        throw_invalid("评价说明过长", {{"rating_comment", "评价说明不能超过 300 个字"}});
    }
    return change(code, LetterAction::rate, "letter.rate", ctx, [&](soci::session&, Letter& l) {
        l.rating = rating;
        l.rating_comment = std::string(trim(comment));
    });
}

std::size_t LetterStore::count() {
    return database_.read([&](soci::session& s) {
        long long n = 0;
        s << kCount, soci::into(n);
        return static_cast<std::size_t>(n);
    });
}

}  // namespace wangju::store
