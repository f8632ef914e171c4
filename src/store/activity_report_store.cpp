#include "store/activity_report_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "store/audit_log.h"
#include "store/campaign_totals.h"
#include "store/rows.h"
#include "store/unit_queries.h"

namespace wangju::store {

namespace {

#define WANGJU_REPORT_COLUMNS                                                                    \
    "SELECT r.id, r.campaign_id, r.unit_id, r.state, r.draft_json, r.note, r.created_by, "      \
    "r.created_at, r.updated_at, r.submitted_at, r.decided_at, r.late, u.code, u.name, u.path "
// A subtree's reports are found from its units (the path index), then each unit's reports (the
// (campaign, unit) index). Written as CROSS JOIN because SQLite then keeps units as the outer loop;
// without statistics it would otherwise scan every report of the campaign and look up its unit,
// which reads the whole table for a district's few percent of it (PostgreSQL plans it freely).
#define WANGJU_SUBTREE_REPORTS                                                                 \
    "FROM units u CROSS JOIN campaign_reports r WHERE r.unit_id = u.id AND r.campaign_id = :c " \
    "AND u.path >= :p AND u.path < :pe AND (:s = '' OR r.state = :s2) "
constexpr const char* kFind = WANGJU_REPORT_COLUMNS
    "FROM campaign_reports r JOIN units u ON u.id = r.unit_id WHERE r.id = :id";
constexpr const char* kList =
    WANGJU_REPORT_COLUMNS WANGJU_SUBTREE_REPORTS "ORDER BY r.id DESC LIMIT :limit OFFSET :offset";
constexpr const char* kEach =
    WANGJU_REPORT_COLUMNS WANGJU_SUBTREE_REPORTS "ORDER BY u.path, r.held_on, r.id";
constexpr const char* kCount = "SELECT count(*) " WANGJU_SUBTREE_REPORTS;
#undef WANGJU_SUBTREE_REPORTS
#undef WANGJU_REPORT_COLUMNS
constexpr const char* kInsert =
    "INSERT INTO campaign_reports (campaign_id, unit_id, state, activity_name, held_on, draft_json, "
    "approved_json, note, created_by, created_at, updated_at, late) VALUES (:c, :u, 'draft', :name, "
    ":held_on, :draft, '{}', '', :by, :at, :at2, 0) RETURNING id";
constexpr const char* kUpdateDraft =
    "UPDATE campaign_reports SET activity_name = :name, held_on = :held_on, draft_json = :draft, "
    "updated_at = :at WHERE id = :id";
constexpr const char* kSubmit =
    "UPDATE campaign_reports SET state = 'submitted', submitted_at = :at, updated_at = :at2, "
    "late = :late WHERE id = :id";
constexpr const char* kDecide =
    "UPDATE campaign_reports SET state = :state, note = :note, approved_json = :approved, "
    "decided_at = :at, updated_at = :at2 WHERE id = :id";
constexpr const char* kApprovedJson = "SELECT approved_json FROM campaign_reports WHERE id = :id";
#define WANGJU_NEWS_COLUMNS                                                                     \
    "SELECT n.id, n.campaign_id, n.unit_id, n.report_id, n.title, n.body, n.state, n.created_by, " \
    "n.created_at, n.accepted_at FROM campaign_news n "
constexpr const char* kFindNews = WANGJU_NEWS_COLUMNS "WHERE n.id = :id";
constexpr const char* kNews = WANGJU_NEWS_COLUMNS
    "JOIN units u ON u.id = n.unit_id WHERE n.campaign_id = :c AND u.path >= :p AND u.path < :pe "
    "ORDER BY n.id DESC LIMIT 200";
#undef WANGJU_NEWS_COLUMNS
constexpr const char* kInsertNews =
    "INSERT INTO campaign_news (campaign_id, unit_id, report_id, title, body, state, created_by, "
    "created_at) VALUES (:c, :u, :r, :title, :body, 'sent', :by, :at) RETURNING id";
constexpr const char* kPublishNews = "UPDATE campaign_news SET state = 'published' WHERE id = :id";
constexpr const char* kAcceptNews =
    "UPDATE campaign_news SET state = 'accepted', accepted_by = :by, accepted_at = :at WHERE id = :id";

struct ReportRow {
    long long id = 0, campaign = 0, unit = 0, created_by = 0;
    std::string state, draft, note, created_at, updated_at;
    NullableText submitted_at, decided_at;
    int late = 0;
    std::string code, name, path;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign), soci::into(unit), soci::into(state),
            soci::into(draft), soci::into(note), soci::into(created_by), soci::into(created_at),
            soci::into(updated_at), soci::into(submitted_at.value, submitted_at.indicator),
            soci::into(decided_at.value, decided_at.indicator), soci::into(late), soci::into(code),
            soci::into(name), soci::into(path);
    }
    ReportListing listing() const {
        ActivityReport r;
        r.id = ReportId{id};
        r.campaign = CampaignId{campaign};
        r.unit = UnitId{unit};
        r.draft = draft_from_json(nlohmann::json::parse(draft));
        r.state = parse_report_state(state).value_or(ReportState::draft);
        r.note = note;
        r.created_by = UserId{created_by};
        r.created_at = timestamp_from(created_at);
        r.updated_at = timestamp_from(updated_at);
        r.submitted_at = timestamp_from(submitted_at);
        r.decided_at = timestamp_from(decided_at);
        r.late = late != 0;
        return {std::move(r), code, name, path};
    }
};

struct NewsRow {
    long long id = 0, campaign = 0, unit = 0, created_by = 0;
    NullableId report;
    std::string title, body, state, created_at;
    NullableText accepted_at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign), soci::into(unit),
            soci::into(report.value, report.indicator), soci::into(title), soci::into(body),
            soci::into(state), soci::into(created_by), soci::into(created_at),
            soci::into(accepted_at.value, accepted_at.indicator);
    }
    NewsItem item() const {
        NewsItem n{id, CampaignId{campaign}, UnitId{unit}, std::nullopt, title, body, state,
                   UserId{created_by}, timestamp_from(created_at), timestamp_from(accepted_at)};
        if (auto r = report.get()) n.report = ReportId{*r};
        return n;
    }
};

std::string object_of(ReportId id) { return fmt::format("campaign_report:{}", id.value); }

ReportListing load(soci::session& s, ReportId id) {
    auto row = fetch_one<ReportRow>(s, kFind, soci::use(id.value));
    if (!row) throw_not_found("找不到该活动报告");
    return row->listing();
}

NullableText held_on_text(const ReportDraft& d) {
    return d.held_on ? NullableText(format_date(*d.held_on)) : NullableText();
}

// Adds `sign` times the stored contribution and one report count to the unit and its ancestors.
void roll_up(soci::session& s, const ReportListing& r, const nlohmann::json& contribution, int sign) {
    const long long c = r.report.campaign.value;
    const long long on_time = r.report.late ? 0 : sign, late = r.report.late ? sign : 0;
    for (const auto unit : ids_on_path(r.unit_path)) {
        for (const auto& [metric, value] : contribution.items())
            add_to_total(s, c, unit, std::stoll(metric), sign * value.get<long long>());
        add_to_report_counts(s, c, unit, on_time, late);
    }
}

void set_decision(soci::session& s, ReportId id, ReportState state, const std::string& note,
                  const std::string& approved, Timestamp now) {
    const std::string st(to_string(state)), at = stored(now);
    s << kDecide, soci::use(st), soci::use(note), soci::use(approved), soci::use(at), soci::use(at),
        soci::use(id.value);
}

}  // namespace

nlohmann::json to_json(const NewsItem& n) {
    return {{"id", n.id},
            {"campaign_id", n.campaign.value},
            {"unit_id", n.unit.value},
            {"report_id", n.report ? nlohmann::json(n.report->value) : nlohmann::json(nullptr)},
            {"title", n.title},
            {"body", n.body},
            {"state", n.state},
            {"created_at", format_utc(n.created_at)},
            {"accepted_at", n.accepted_at ? nlohmann::json(format_utc(*n.accepted_at)) : nlohmann::json(nullptr)}};
}

void check_news(const NewsItem& n) {
    std::map<std::string, std::string> errors;
    auto title = decode_utf8(n.title);
    if (!title || trim(n.title).empty()) errors["title"] = "请填写标题";
    else if (title->size() > 80) errors["title"] = "标题不能超过 80 个字";
    auto body = decode_utf8(n.body);
    if (!body || trim(n.body).empty()) errors["body"] = "请填写正文";
    else if (body->size() > 5000) errors["body"] = "正文不能超过 5000 个字";
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
}

ActivityReport ActivityReportStore::create_report(CampaignId campaign, const Unit& unit,
                                                  const ReportDraft& draft, UserId by,
                                                  Timestamp now, const AuditContext& ctx) {
    check_report_draft(draft);
    return database_.write([&](soci::session& s) {
        long long id = 0;
        const std::string json = to_json(draft).dump(), at = stored(now);
        auto held = held_on_text(draft);
        s << kInsert, soci::use(campaign.value), soci::use(unit.id.value),
            soci::use(draft.activity_name), soci::use(held.value, held.indicator), soci::use(json),
            soci::use(by.value), soci::use(at), soci::use(at), soci::into(id);
        auto created = load(s, ReportId{id}).report;
        append_event(s, ctx, "campaign_report.create", object_of(created.id), nullptr,
                     to_json(created));
        return created;
    });
}

ActivityReport ActivityReportStore::update_report(ReportId id, const ReportDraft& draft,
                                                  Timestamp now, const AuditContext& ctx) {
    check_report_draft(draft);
    return database_.write([&](soci::session& s) {
        auto before = load(s, id).report;
        if (!is_editable(before.state)) {
            throw_conflict(fmt::format("该报告已{},已锁定,不能修改;如需修改请联系上级单位解锁",
                                       label_zh(before.state)));
        }
        const std::string json = to_json(draft).dump(), at = stored(now);
        auto held = held_on_text(draft);
        s << kUpdateDraft, soci::use(draft.activity_name), soci::use(held.value, held.indicator),
            soci::use(json), soci::use(at), soci::use(id.value);
        auto after = load(s, id).report;
        append_event(s, ctx, "campaign_report.update", object_of(id), to_json(before), to_json(after));
        return after;
    });
}

ActivityReport ActivityReportStore::submit_report(ReportId id, bool late, Timestamp now,
                                                  const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto before = load(s, id).report;
        require_can_submit(before.state);
        const std::string at = stored(now);
        const int late_flag = late ? 1 : 0;
        s << kSubmit, soci::use(at), soci::use(at), soci::use(late_flag), soci::use(id.value);
        append_event(s, ctx, "campaign_report.submit", object_of(id),
                     {{"state", to_string(before.state)}},
                     {{"state", "submitted"}, {"late", late}});
        return load(s, id).report;
    });
}

ActivityReport ActivityReportStore::approve_report(ReportId id, const std::vector<Metric>& metrics,
                                                   Timestamp now, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto before = load(s, id);
        require_can_decide(before.report.state);
        nlohmann::json added = nlohmann::json::object();
        for (const auto& [metric, value] : contribution(before.report.draft, metrics))
            added[std::to_string(metric.value)] = value;
        set_decision(s, id, ReportState::approved, "", added.dump(), now);
        roll_up(s, before, added, +1);
        append_event(s, ctx, "campaign_report.approve", object_of(id), {{"state", "submitted"}},
                     {{"state", "approved"}, {"added", added}});
        return load(s, id).report;
    });
}

ActivityReport ActivityReportStore::return_report(ReportId id, const std::string& reason,
                                                  Timestamp now, const AuditContext& ctx) {
    check_reason(reason);
    return database_.write([&](soci::session& s) {
        auto before = load(s, id).report;
        require_can_decide(before.state);
        set_decision(s, id, ReportState::returned, reason, "{}", now);
        append_event(s, ctx, "campaign_report.return", object_of(id), {{"state", "submitted"}},
                     {{"state", "returned"}, {"reason", reason}});
        return load(s, id).report;
    });
}

ActivityReport ActivityReportStore::unlock_report(ReportId id, const std::string& reason,
                                                  Timestamp now, const AuditContext& ctx) {
    check_reason(reason);
    return database_.write([&](soci::session& s) {
        auto before = load(s, id);
        require_can_unlock(before.report.state);
        std::string approved;
        s << kApprovedJson, soci::use(id.value), soci::into(approved);
        roll_up(s, before, nlohmann::json::parse(approved), -1);
        set_decision(s, id, ReportState::draft, reason, "{}", now);
        append_event(s, ctx, "campaign_report.unlock", object_of(id), {{"state", "approved"}},
                     {{"state", "draft"}, {"reason", reason}, {"removed", nlohmann::json::parse(approved)}});
        return load(s, id).report;
    });
}

std::optional<ReportListing> ActivityReportStore::find_report(ReportId id) {
    return database_.read([&](soci::session& s) -> std::optional<ReportListing> {
        auto row = fetch_one<ReportRow>(s, kFind, soci::use(id.value));
        if (!row) return std::nullopt;
        return row->listing();
    });
}

std::vector<ReportListing> ActivityReportStore::reports(const ReportQuery& q) {
    return database_.read([&](soci::session& s) {
        const std::string end = subtree_end(q.subtree_path);
        const std::string state = q.state ? std::string(to_string(*q.state)) : "";
        const long long limit = static_cast<long long>(q.limit), offset = static_cast<long long>(q.offset);
        std::vector<ReportListing> out;
        for (const auto& r : fetch_all<ReportRow>(s, kList, soci::use(q.campaign.value),
                                                  soci::use(q.subtree_path), soci::use(end),
                                                  soci::use(state), soci::use(state),
                                                  soci::use(limit), soci::use(offset)))
            out.push_back(r.listing());
        return out;
    });
}

std::size_t ActivityReportStore::count_reports(const ReportQuery& q) {
    return database_.read([&](soci::session& s) {
        const std::string end = subtree_end(q.subtree_path);
        const std::string state = q.state ? std::string(to_string(*q.state)) : "";
        long long n = 0;
        s << kCount, soci::use(q.campaign.value), soci::use(q.subtree_path), soci::use(end),
            soci::use(state), soci::use(state), soci::into(n);
        return static_cast<std::size_t>(n);
    });
}

void ActivityReportStore::for_each_report(CampaignId campaign, const std::string& subtree_path,
                                          std::optional<ReportState> state,
                                          const std::function<void(const ReportListing&)>& visit) {
    database_.read([&](soci::session& s) {
        const std::string end = subtree_end(subtree_path);
        const std::string st = state ? std::string(to_string(*state)) : "";
        ReportRow row;
        soci::details::prepare_temp_type prepare = (s.prepare << kEach);
        row.bind(prepare);
        long long c = campaign.value;
        std::string path = subtree_path;
        prepare, soci::use(c), soci::use(path), soci::use(end), soci::use(st), soci::use(st);
        soci::statement statement(prepare);
        statement.execute();
        while (statement.fetch()) visit(row.listing());
    });
}

NewsItem ActivityReportStore::send_news(NewsItem item, const AuditContext& ctx) {
    check_news(item);
    return database_.write([&](soci::session& s) {
        long long id = 0;
        NullableId report(item.report ? std::optional<long long>(item.report->value) : std::nullopt);
        const std::string at = stored(item.created_at);
        s << kInsertNews, soci::use(item.campaign.value), soci::use(item.unit.value),
            soci::use(report.value, report.indicator), soci::use(item.title), soci::use(item.body),
            soci::use(item.created_by.value), soci::use(at), soci::into(id);
        auto created = fetch_one<NewsRow>(s, kFindNews, soci::use(id))->item();
        append_event(s, ctx, "campaign_news.send", fmt::format("campaign_news:{}", id), nullptr,
                     to_json(created));
        return created;
    });
}

NewsItem ActivityReportStore::accept_news(std::int64_t id, UserId by, Timestamp now,
                                          const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        long long key = id;
        auto before = fetch_one<NewsRow>(s, kFindNews, soci::use(key));
        if (!before) throw_not_found("找不到该条信息");
        if (before->state != "sent") throw_conflict("该条信息已采用");
        const std::string at = stored(now);
        s << kAcceptNews, soci::use(by.value), soci::use(at), soci::use(key);
        auto after = fetch_one<NewsRow>(s, kFindNews, soci::use(key))->item();
        append_event(s, ctx, "campaign_news.accept", fmt::format("campaign_news:{}", id),
                     {{"state", "sent"}}, {{"state", "accepted"}});
        return after;
    });
}

NewsItem ActivityReportStore::mark_news_published(std::int64_t id, std::int64_t article_id,
                                                  const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        long long key = id;
        auto before = fetch_one<NewsRow>(s, kFindNews, soci::use(key));
        if (!before) throw_not_found("找不到该条信息");
        if (before->state == "published") throw_conflict("该条信息已在门户网站发布");
        s << kPublishNews, soci::use(key);
        auto after = fetch_one<NewsRow>(s, kFindNews, soci::use(key))->item();
        append_event(s, ctx, "campaign_news.publish", fmt::format("campaign_news:{}", id),
                     {{"state", before->state}},
                     {{"state", "published"}, {"article_id", article_id}});
        return after;
    });
}

std::optional<NewsItem> ActivityReportStore::find_news(std::int64_t id) {
    return database_.read([&](soci::session& s) -> std::optional<NewsItem> {
        long long key = id;
        auto row = fetch_one<NewsRow>(s, kFindNews, soci::use(key));
        if (!row) return std::nullopt;
        return row->item();
    });
}

std::vector<NewsItem> ActivityReportStore::news(CampaignId campaign, const std::string& path) {
    return database_.read([&](soci::session& s) {
        const std::string end = subtree_end(path);
        std::vector<NewsItem> out;
        for (const auto& r : fetch_all<NewsRow>(s, kNews, soci::use(campaign.value), soci::use(path),
                                                soci::use(end)))
            out.push_back(r.item());
        return out;
    });
}

}  // namespace wangju::store
