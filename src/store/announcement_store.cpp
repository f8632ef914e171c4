// AnnouncementStore: public notices, their entries and objections, and the working calendar.
#include "store/announcement_store.h"

#include <sodium.h>

#include <fmt/format.h>

#include "domain/error.h"
#include "store/altcha_spent.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

using Json = nlohmann::json;

constexpr const char* kAnnouncementColumns =
    "SELECT id, campaign_id, kind, judging_id, public_vote_id, title, first_day, working_days, "
    "last_day, contact, created_at, closed_at FROM announcements ";
constexpr const char* kObjectionColumns =
    "SELECT id, announcement_id, work_id, code, reason, name, phone_sealed, attachment_name, "
    "attachment_type, attachment_bytes, attachment_stored, submitted_at, answer, upheld_outcome, "
    "answer_reason, answered_at FROM objections ";

struct AnnouncementRow {
    long long id = 0, campaign_id = 0;
    std::string kind;
    NullableId judging_id, public_vote_id;
    std::string title, first_day;
    int working_days = 0;
    std::string last_day, contact, created_at;
    NullableText closed_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign_id), soci::into(kind),
            soci::into(judging_id.value, judging_id.indicator),
            soci::into(public_vote_id.value, public_vote_id.indicator), soci::into(title),
            soci::into(first_day), soci::into(working_days), soci::into(last_day),
            soci::into(contact), soci::into(created_at),
            soci::into(closed_at.value, closed_at.indicator);
    }
    Announcement announcement() const {
        Announcement a;
        a.id = AnnouncementId{id};
        a.campaign = CampaignId{campaign_id};
        a.kind = parse_announcement_kind(kind).value_or(AnnouncementKind::winners);
        if (judging_id.indicator == soci::i_ok) a.judging = JudgingId{judging_id.value};
        if (public_vote_id.indicator == soci::i_ok) a.vote = PublicVoteId{public_vote_id.value};
        a.title = title;
        a.first_day = parse_date(first_day).value_or(Date{});
        a.working_days = working_days;
        a.last_day = parse_date(last_day).value_or(Date{});
        a.contact = contact;
        a.created_at = timestamp_from(created_at);
        a.closed_at = timestamp_from(closed_at);
        return a;
    }
};

struct EntryRow {
    long long work_id = 0;
    int position = 0;
    std::string title, unit_name, track_name, tier, outcome;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(work_id), soci::into(position), soci::into(title), soci::into(unit_name),
            soci::into(track_name), soci::into(tier), soci::into(outcome);
    }
    AnnouncementEntry entry() const {
        return {WorkId{work_id}, position,  title, unit_name, track_name, tier,
                parse_entry_outcome(outcome).value_or(EntryOutcome::listed)};
    }
};

struct ObjectionRow {
    long long id = 0, announcement_id = 0, work_id = 0;
    std::string code, reason, name, phone_sealed, attachment_name, attachment_type;
    long long attachment_bytes = 0;
    std::string attachment_stored, submitted_at;
    NullableText answer, upheld_outcome;
    std::string answer_reason;
    NullableText answered_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(announcement_id), soci::into(work_id), soci::into(code),
            soci::into(reason), soci::into(name), soci::into(phone_sealed),
            soci::into(attachment_name), soci::into(attachment_type),
            soci::into(attachment_bytes), soci::into(attachment_stored),
            soci::into(submitted_at), soci::into(answer.value, answer.indicator),
            soci::into(upheld_outcome.value, upheld_outcome.indicator),
            soci::into(answer_reason), soci::into(answered_at.value, answered_at.indicator);
    }
    Objection objection(const SecretBox& box) const {
        Objection o;
        o.id = ObjectionId{id};
        o.announcement = AnnouncementId{announcement_id};
        o.work = WorkId{work_id};
        o.code = code;
        o.reason = reason;
        o.name = name;
        o.phone = box.open(phone_sealed);
        o.attachment_name = attachment_name;
        o.attachment_type = attachment_type;
        o.attachment_bytes = attachment_bytes;
        o.attachment_stored = attachment_stored;
        o.submitted_at = timestamp_from(submitted_at);
        if (answer.indicator == soci::i_ok) {
            o.answer = answer.value == "upheld" ? ObjectionAnswer::upheld
                                                : ObjectionAnswer::dismissed;
        }
        if (upheld_outcome.indicator == soci::i_ok) {
            o.upheld_outcome = parse_entry_outcome(upheld_outcome.value);
        }
        o.answer_reason = answer_reason;
        o.answered_at = timestamp_from(answered_at);
        return o;
    }
};

std::string announcement_object(AnnouncementId id) {
    return fmt::format("announcement:{}", id.value);
}

std::vector<AnnouncementEntry> entries_in(soci::session& s, AnnouncementId id) {
    std::vector<AnnouncementEntry> out;
    for (const auto& row : fetch_all<EntryRow>(
             s,
             "SELECT work_id, position, title, unit_name, track_name, tier, outcome FROM "
             "announcement_entries WHERE announcement_id = :id ORDER BY position",
             soci::use(id.value)))
        out.push_back(row.entry());
    return out;
}

std::optional<Announcement> announcement_in(soci::session& s, AnnouncementId id) {
    auto row = fetch_one<AnnouncementRow>(s, std::string(kAnnouncementColumns) + "WHERE id = :id",
                                          soci::use(id.value));
    if (!row) return std::nullopt;
    Announcement a = row->announcement();
    a.entries = entries_in(s, a.id);
    return a;
}

Announcement require_announcement(soci::session& s, AnnouncementId id) {
    auto a = announcement_in(s, id);
    if (!a) throw_not_found("公示不存在");
    return *a;
}

std::vector<Announcement> announcements_where(soci::session& s, const std::string& where,
                                              long long value) {
    std::vector<Announcement> out;
    for (const auto& row : fetch_all<AnnouncementRow>(
             s, std::string(kAnnouncementColumns) + where + " ORDER BY id DESC", soci::use(value)))
        out.push_back(row.announcement());
    for (auto& a : out) a.entries = entries_in(s, a.id);
    return out;
}

Json announcement_audit(const Announcement& a) {
    Json works = Json::array();
    for (const auto& e : a.entries) {
        works.push_back({{"work_id", e.work.value}, {"tier", e.tier},
                         {"outcome", to_string(e.outcome)}});
    }
    return {{"id", a.id.value},
            {"campaign_id", a.campaign.value},
            {"kind", to_string(a.kind)},
            {"judging_id", a.judging ? Json(a.judging->value) : Json()},
            {"public_vote_id", a.vote ? Json(a.vote->value) : Json()},
            {"first_day", format_date(a.first_day)},
            {"last_day", format_date(a.last_day)},
            {"working_days", a.working_days},
            {"entries", works}};
}

std::optional<Objection> objection_where(soci::session& s, const SecretBox& box,
                                         const std::string& where, const std::string& value) {
    auto row = fetch_one<ObjectionRow>(s, std::string(kObjectionColumns) + where,
                                       soci::use(value));
    if (!row) return std::nullopt;
    return row->objection(box);
}

std::string unused_objection_code(soci::session& s, Date today) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::string bytes(8, '\0');
        randombytes_buf(bytes.data(), bytes.size());
        std::string code = objection_code(today, bytes);
        const auto taken =
            fetch_values<long long>(s, "SELECT id FROM objections WHERE code = :c", soci::use(code));
        if (taken.empty()) return code;
    }
    throw Error(ErrorKind::unavailable, "暂时无法生成查询码,请稍后再试");
}

// What closing brings to the notice's source, in the closing transaction. A work withdrawn from
// a judging's proposed winners loses its award (and keeps a move saying why, should the list be
// unconfirmed again). A work returned to the judges leaves the list as a whole unconfirmed: its
// own move, if any, is dropped so that it is ranked by its scores again, and the judging's admins
// reopen the round for the judges, then confirm anew. A work withdrawn or returned from a vote's
// shortlist leaves the vote.
void apply_final_list(soci::session& s, const Announcement& a, UserId by, const std::string& at,
                      const AuditContext& ctx) {
    Json returned = Json::array();
    for (const auto& e : a.entries) {
        if (e.outcome == EntryOutcome::listed) continue;
        if (a.judging) {
            s << "DELETE FROM judging_awards WHERE judging_id = :j AND work_id = :w",
                soci::use(a.judging->value), soci::use(e.work.value);
            s << "DELETE FROM judging_award_moves WHERE judging_id = :j AND work_id = :w",
                soci::use(a.judging->value), soci::use(e.work.value);
            if (e.outcome == EntryOutcome::returned) {
                returned.push_back(e.work.value);
            } else {
                const std::string reason = fmt::format("公示异议成立({})", label_zh(e.outcome));
                s << "INSERT INTO judging_award_moves (judging_id, work_id, tier, reason, "
                     "moved_by, moved_at) VALUES (:j, :w, NULL, :r, :by, :at)",
                    soci::use(a.judging->value), soci::use(e.work.value), soci::use(reason),
                    soci::use(by.value), soci::use(at);
            }
        }
        if (a.vote) {
            s << "DELETE FROM public_vote_works WHERE public_vote_id = :v AND work_id = :w",
                soci::use(a.vote->value), soci::use(e.work.value);
        }
    }
    if (a.judging && !returned.empty()) {
        s << "DELETE FROM judging_awards WHERE judging_id = :j", soci::use(a.judging->value);
        s << "UPDATE judgings SET awards_state = 'draft', publish_at = NULL WHERE id = :j",
            soci::use(a.judging->value);
        append_event(s, ctx, "awards.unconfirm", fmt::format("judging:{}", a.judging->value),
                     nullptr,
                     Json{{"reason", "公示异议成立,作品退回评审"}, {"returned_works", returned}});
    }
}

}  // namespace

// ---- the working calendar

namespace {

struct CalendarRow {
    std::string day;
    int working = 0;
    std::string name;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(day), soci::into(working), soci::into(name);
    }
};

// Every stored day, or those of one year (`year` > 0).
std::vector<CalendarDay> days_in(soci::session& s, int year) {
    const std::string from = year > 0 ? fmt::format("{:04}-01-01", year) : "0000-01-01";
    const std::string to = year > 0 ? fmt::format("{:04}-12-31", year) : "9999-12-31";
    std::vector<CalendarDay> out;
    for (const auto& row : fetch_all<CalendarRow>(
             s, "SELECT day, working, name FROM calendar_days WHERE day >= :f AND day <= :t "
                "ORDER BY day",
             soci::use(from), soci::use(to))) {
        if (auto day = parse_date(row.day)) out.push_back({*day, row.working != 0, row.name});
    }
    return out;
}

}  // namespace

WorkCalendar AnnouncementStore::calendar() {
    return database_.read([&](soci::session& s) {
        WorkCalendar calendar;
        for (const auto& day : days_in(s, 0)) {
            (day.working ? calendar.working_weekends : calendar.holidays).insert(day.day);
        }
        return calendar;
    });
}

std::vector<CalendarDay> AnnouncementStore::calendar_days(int year) {
    return database_.read([&](soci::session& s) { return days_in(s, year); });
}

void AnnouncementStore::set_calendar_day(const CalendarDay& day, bool clear,
                                         const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string text = format_date(day.day);
        const auto before = fetch_values<std::string>(
            s, "SELECT name FROM calendar_days WHERE day = :d", soci::use(text));
        s << "DELETE FROM calendar_days WHERE day = :d", soci::use(text);
        const int working = day.working ? 1 : 0;
        if (!clear) {
            s << "INSERT INTO calendar_days (day, working, name) VALUES (:d, :w, :n)",
                soci::use(text), soci::use(working), soci::use(day.name);
        }
        append_event(s, ctx, "calendar.set", "calendar:" + text,
                     before.empty() ? Json() : Json{{"name", before.front()}},
                     clear ? Json() : Json{{"working", day.working}, {"name", day.name}});
    });
}

// ---- notices

Announcement AnnouncementStore::open(const Announcement& announcement, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        NullableId judging(announcement.judging
                               ? std::optional<long long>(announcement.judging->value)
                               : std::nullopt);
        NullableId vote(announcement.vote ? std::optional<long long>(announcement.vote->value)
                                          : std::nullopt);
        const std::string kind(to_string(announcement.kind));
        const auto unclosed = fetch_values<long long>(
            s,
            "SELECT id FROM announcements WHERE closed_at IS NULL AND kind = :k AND "
            "(judging_id = :j OR public_vote_id = :v)",
            soci::use(kind), soci::use(judging.value, judging.indicator),
            soci::use(vote.value, vote.indicator));
        if (!unclosed.empty()) throw_conflict("已有一份同类公示尚未结束,结束后才能再发布");
        const std::string first = format_date(announcement.first_day);
        const std::string last = format_date(announcement.last_day);
        const std::string now = stored(announcement.created_at);
        NullableId by(ctx.actor ? std::optional<long long>(ctx.actor->value) : std::nullopt);
        long long id = 0;
        s << "INSERT INTO announcements (campaign_id, kind, judging_id, public_vote_id, title, "
             "first_day, working_days, last_day, contact, created_at, created_by, closed_at, "
             "closed_by) VALUES (:c, :k, :j, :v, :title, :first, :days, :last, :contact, :now, "
             ":by, NULL, NULL) RETURNING id",
            soci::use(announcement.campaign.value), soci::use(kind),
            soci::use(judging.value, judging.indicator), soci::use(vote.value, vote.indicator),
            soci::use(announcement.title), soci::use(first), soci::use(announcement.working_days),
            soci::use(last), soci::use(announcement.contact), soci::use(now),
            soci::use(by.value, by.indicator), soci::into(id);
        int position = 0;
        for (const auto& e : announcement.entries) {
            ++position;
            s << "INSERT INTO announcement_entries (announcement_id, work_id, position, title, "
                 "unit_name, track_name, tier, outcome) VALUES (:a, :w, :p, :t, :u, :tr, :tier, "
                 "'listed')",
                soci::use(id), soci::use(e.work.value), soci::use(position), soci::use(e.title),
                soci::use(e.unit_name), soci::use(e.track_name), soci::use(e.tier);
        }
        Announcement created = require_announcement(s, AnnouncementId{id});
        append_event(s, ctx, "announcement.open", announcement_object(created.id), nullptr,
                     announcement_audit(created));
        return created;
    });
}

std::optional<Announcement> AnnouncementStore::find(AnnouncementId id) {
    return database_.read([&](soci::session& s) { return announcement_in(s, id); });
}

std::vector<Announcement> AnnouncementStore::list(std::optional<CampaignId> campaign) {
    return database_.read([&](soci::session& s) {
        if (campaign) return announcements_where(s, "WHERE campaign_id = :v", campaign->value);
        return announcements_where(s, "WHERE id > :v", 0);
    });
}

std::vector<Announcement> AnnouncementStore::unclosed_of_judging(JudgingId judging) {
    return database_.read([&](soci::session& s) {
        return announcements_where(s, "WHERE closed_at IS NULL AND judging_id = :v",
                                   judging.value);
    });
}

std::vector<Announcement> AnnouncementStore::unclosed_of_vote(PublicVoteId vote) {
    return database_.read([&](soci::session& s) {
        return announcements_where(s, "WHERE closed_at IS NULL AND public_vote_id = :v",
                                   vote.value);
    });
}

Announcement AnnouncementStore::close(AnnouncementId id, Timestamp at, UserId by,
                                      const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const Announcement before = require_announcement(s, id);
        if (before.closed_at) throw_conflict("公示已经结束");
        long long open = 0;
        s << "SELECT count(*) FROM objections WHERE announcement_id = :a AND answer IS NULL",
            soci::use(id.value), soci::into(open);
        if (open > 0) {
            throw_conflict(fmt::format("还有 {} 件异议未答复,答复全部异议后才能结束公示", open));
        }
        const std::string when = stored(at);
        s << "UPDATE announcements SET closed_at = :at, closed_by = :by WHERE id = :id",
            soci::use(when), soci::use(by.value), soci::use(id.value);
        apply_final_list(s, before, by, when, ctx);
        Announcement after = require_announcement(s, id);
        Json audit = announcement_audit(after);
        Json final_works = Json::array();
        for (auto w : final_list(after)) final_works.push_back(w.value);
        audit["final_list"] = final_works;
        append_event(s, ctx, "announcement.close", announcement_object(id), nullptr, audit);
        return after;
    });
}

// ---- objections

Objection AnnouncementStore::add_objection(const Objection& objection, const std::string& spent_key,
                                           Timestamp challenge_expires, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const Announcement a = require_announcement(s, objection.announcement);
        require_taking_objections(a, objection.submitted_at);
        spend_altcha_challenge(s, spent_key, challenge_expires);
        const std::string code = unused_objection_code(s, shanghai_date(objection.submitted_at));
        const std::string phone = box_.seal(objection.phone);
        const std::string at = stored(objection.submitted_at);
        long long id = 0;
        s << "INSERT INTO objections (announcement_id, work_id, code, reason, name, phone_sealed, "
             "attachment_name, attachment_type, attachment_bytes, attachment_stored, "
             "submitted_at, answer, upheld_outcome, answer_reason, answered_at, answered_by) "
             "VALUES (:a, :w, :code, :reason, :name, :phone, :an, :at, :ab, :as, :sub, NULL, "
             "NULL, '', NULL, NULL) RETURNING id",
            soci::use(a.id.value), soci::use(objection.work.value), soci::use(code),
            soci::use(objection.reason), soci::use(objection.name), soci::use(phone),
            soci::use(objection.attachment_name), soci::use(objection.attachment_type),
            soci::use(objection.attachment_bytes), soci::use(objection.attachment_stored),
            soci::use(at), soci::into(id);
        // The audit keeps who objected to what, but neither the phone nor the reason's text.
        append_event(s, ctx, "objection.add", fmt::format("objection:{}", id), nullptr,
                     {{"announcement_id", a.id.value},
                      {"work_id", objection.work.value},
                      {"code", code},
                      {"name", objection.name}});
        auto row = fetch_one<ObjectionRow>(s, std::string(kObjectionColumns) + "WHERE id = :id",
                                           soci::use(id));
        return row->objection(box_);
    });
}

std::vector<Objection> AnnouncementStore::objections(AnnouncementId id) {
    return database_.read([&](soci::session& s) {
        std::vector<Objection> out;
        for (const auto& row : fetch_all<ObjectionRow>(
                 s, std::string(kObjectionColumns) + "WHERE announcement_id = :a ORDER BY id",
                 soci::use(id.value)))
            out.push_back(row.objection(box_));
        return out;
    });
}

std::optional<Objection> AnnouncementStore::find_objection(ObjectionId id) {
    return database_.read([&](soci::session& s) {
        return objection_where(s, box_, "WHERE id = CAST(:v AS BIGINT)", std::to_string(id.value));
    });
}

std::optional<Objection> AnnouncementStore::find_objection_by_code(const std::string& code) {
    return database_.read(
        [&](soci::session& s) { return objection_where(s, box_, "WHERE code = :v", code); });
}

Objection AnnouncementStore::answer(ObjectionId id, ObjectionAnswer answer,
                                    std::optional<EntryOutcome> outcome, const std::string& reason,
                                    UserId by, Timestamp at, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const std::string key = std::to_string(id.value);
        auto before = objection_where(s, box_, "WHERE id = CAST(:v AS BIGINT)", key);
        if (!before) throw_not_found("异议不存在");
        const Announcement a = require_announcement(s, before->announcement);
        check_answer(a, *before, answer, outcome, reason);
        const std::string answer_text(to_string(answer));
        NullableText outcome_text(answer == ObjectionAnswer::upheld && outcome
                                      ? std::optional<std::string>(to_string(*outcome))
                                      : std::nullopt);
        const std::string when = stored(at);
        s << "UPDATE objections SET answer = :ans, upheld_outcome = :o, answer_reason = :r, "
             "answered_at = :at, answered_by = :by WHERE id = :id",
            soci::use(answer_text), soci::use(outcome_text.value, outcome_text.indicator),
            soci::use(reason), soci::use(when), soci::use(by.value), soci::use(id.value);
        if (outcome_text.indicator == soci::i_ok) {
            s << "UPDATE announcement_entries SET outcome = :o WHERE announcement_id = :a AND "
                 "work_id = :w",
                soci::use(outcome_text.value), soci::use(a.id.value),
                soci::use(before->work.value);
        }
        auto after = objection_where(s, box_, "WHERE id = CAST(:v AS BIGINT)", key);
        append_event(s, ctx, "objection.answer", fmt::format("objection:{}", id.value), nullptr,
                     {{"announcement_id", a.id.value},
                      {"work_id", before->work.value},
                      {"answer", answer_text},
                      {"outcome", outcome_text.indicator == soci::i_ok
                                      ? Json(outcome_text.value)
                                      : Json()},
                      {"reason", reason}});
        return *after;
    });
}

}  // namespace wangju::store
