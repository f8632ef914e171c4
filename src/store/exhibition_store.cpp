// ExhibitionStore: public awards with their certificates, replaced codes and the layout.
#include "store/exhibition_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/base64.h"
#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

using Json = nlohmann::json;

constexpr const char* kAwardQuery =
    "SELECT c.id, a.judging_id, a.work_id, j.track_id, j.unit_id, w.unit_id, u.path, a.tier, "
    "a.rank, w.title, w.authors, j.publish_at, c.code, c.issued_at "
    "FROM judging_awards a JOIN judgings j ON j.id = a.judging_id "
    "JOIN works w ON w.id = a.work_id JOIN units u ON u.id = w.unit_id "
    "JOIN tracks t ON t.id = j.track_id JOIN units ju ON ju.id = j.unit_id "
    "LEFT JOIN award_certificates c ON c.judging_id = a.judging_id AND c.work_id = a.work_id "
    "WHERE j.awards_state = 'published' AND j.publish_at <= :now AND ";
constexpr const char* kAwardOrder = " ORDER BY t.number, ju.path, a.rank, a.work_id";

struct AwardRow {
    NullableId id;
    long long judging_id = 0, work_id = 0, track_id = 0, judging_unit = 0, work_unit = 0;
    std::string path, tier;
    int rank = 0;
    std::string title, authors, publish_at;
    NullableText code, issued_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id.value, id.indicator), soci::into(judging_id), soci::into(work_id),
            soci::into(track_id), soci::into(judging_unit), soci::into(work_unit), soci::into(path),
            soci::into(tier), soci::into(rank), soci::into(title), soci::into(authors),
            soci::into(publish_at), soci::into(code.value, code.indicator),
            soci::into(issued_at.value, issued_at.indicator);
    }
    PublicAward award() const {
        PublicAward a;
        a.id = AwardId{id.get().value_or(0)};
        a.judging = JudgingId{judging_id};
        a.work = WorkId{work_id};
        a.track = TrackId{track_id};
        a.judging_unit = UnitId{judging_unit};
        a.work_unit = UnitId{work_unit};
        a.work_unit_path = path;
        a.tier = tier;
        a.rank = rank;
        a.title = title;
        a.authors = authors;
        a.published_at = timestamp_from(publish_at);
        a.code = code.get().value_or("");
        if (auto at = timestamp_from(issued_at)) a.issued_at = *at;
        return a;
    }
};

std::string award_object(AwardId id) {
    return "award:" + std::to_string(id.value);
}

// Gives every public award of `awards` without a certificate its first one.
void issue_missing(soci::session& s, const std::vector<PublicAward>& awards, Timestamp now,
                   const AuditContext& ctx) {
    const std::string at = stored(now);
    for (const auto& a : awards) {
        if (a.id.value != 0) continue;
        // Another writer may have issued it meanwhile: the unique key decides, nothing doubles.
        const auto existing = fetch_values<long long>(
            s, "SELECT id FROM award_certificates WHERE judging_id = :j AND work_id = :w",
            soci::use(a.judging.value), soci::use(a.work.value));
        if (!existing.empty()) continue;
        const std::string code = new_certificate_code();
        long long id = 0;
        s << "INSERT INTO award_certificates (judging_id, work_id, code, issued_at) VALUES (:j, "
             ":w, :c, :at) RETURNING id",
            soci::use(a.judging.value), soci::use(a.work.value), soci::use(code), soci::use(at),
            soci::into(id);
        append_event(
            s, ctx, "certificate.issue", award_object(AwardId{id}), nullptr,
            Json{{"judging_id", a.judging.value}, {"work_id", a.work.value}, {"tier", a.tier}});
    }
}

std::string from_base64(const std::string& text) {
    auto bytes = base64_decode(text);
    if (!bytes) throw std::runtime_error("certificate_layouts: seal is not base64");
    return std::move(*bytes);
}

struct LayoutRow {
    std::string title, issuer;
    NullableText issued_on;
    std::string seal;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(title), soci::into(issuer), soci::into(issued_on.value, issued_on.indicator),
            soci::into(seal);
    }
};

}  // namespace

std::vector<PublicAward> ExhibitionStore::query_awards(const std::string& where, long long key,
                                                       Timestamp now) {
    const std::string sql = std::string(kAwardQuery) + where + kAwardOrder;
    const std::string at = stored(now);
    auto read = [&](soci::session& s) {
        std::vector<PublicAward> out;
        for (const auto& r : fetch_all<AwardRow>(s, sql, soci::use(at), soci::use(key)))
            out.push_back(r.award());
        return out;
    };
    auto awards = database_.read(read);
    const bool missing = std::any_of(awards.begin(), awards.end(),
                                     [](const PublicAward& a) { return a.id.value == 0; });
    if (!missing) return awards;
    return database_.write([&](soci::session& s) {
        issue_missing(s, read(s), now, AuditContext{std::nullopt, "exhibition"});
        return read(s);
    });
}

std::vector<PublicAward> ExhibitionStore::public_awards(CampaignId campaign, Timestamp now) {
    return query_awards("j.campaign_id = :k", campaign.value, now);
}

std::vector<PublicAward> ExhibitionStore::public_awards_of_work(WorkId work, Timestamp now) {
    return query_awards("a.work_id = :k", work.value, now);
}

bool ExhibitionStore::has_public_awards(CampaignId campaign, Timestamp now) {
    return database_.read([&](soci::session& s) {
        const std::string at = stored(now);
        long long count = 0;
        s << "SELECT COUNT(*) FROM judgings WHERE campaign_id = :c AND awards_state = 'published' "
             "AND publish_at <= :now",
            soci::use(campaign.value), soci::use(at), soci::into(count);
        return count > 0;
    });
}

std::optional<PublicAward> ExhibitionStore::find_public_award(AwardId id, Timestamp now) {
    auto found = query_awards("c.id = :k", id.value, now);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<CertificateLookup> ExhibitionStore::find_certificate(const std::string& code) {
    return database_.read([&](soci::session& s) -> std::optional<CertificateLookup> {
        struct Current {
            long long id = 0;
            std::string issued_at;
            void bind(soci::details::prepare_temp_type& p) {
                p, soci::into(id), soci::into(issued_at);
            }
        };
        if (auto c = fetch_one<Current>(
                s, "SELECT id, issued_at FROM award_certificates WHERE code = :c",
                soci::use(code))) {
            return CertificateLookup{AwardId{c->id}, false, timestamp_from(c->issued_at),
                                     std::nullopt, ""};
        }
        struct Replaced {
            long long award_id = 0;
            std::string issued_at, replaced_at, reason;
            void bind(soci::details::prepare_temp_type& p) {
                p, soci::into(award_id), soci::into(issued_at), soci::into(replaced_at),
                    soci::into(reason);
            }
        };
        if (auto r = fetch_one<Replaced>(s,
                                         "SELECT award_id, issued_at, replaced_at, reason FROM "
                                         "replaced_certificates WHERE code = :c",
                                         soci::use(code))) {
            return CertificateLookup{AwardId{r->award_id}, true, timestamp_from(r->issued_at),
                                     timestamp_from(r->replaced_at), r->reason};
        }
        return std::nullopt;
    });
}

PublicAward ExhibitionStore::reissue_certificate(AwardId id, const std::string& reason,
                                                 Timestamp now, const AuditContext& ctx) {
    auto award = find_public_award(id, now);
    if (!award) throw_not_found("获奖记录不存在");
    database_.write([&](soci::session& s) {
        const std::string at = stored(now);
        const std::string old_code = award->code;
        const std::string old_issued = stored(award->issued_at);
        const std::string code = new_certificate_code();
        s << "INSERT INTO replaced_certificates (code, award_id, issued_at, replaced_at, reason) "
             "VALUES (:c, :a, :i, :at, :r)",
            soci::use(old_code), soci::use(id.value), soci::use(old_issued), soci::use(at),
            soci::use(reason);
        s << "UPDATE award_certificates SET code = :c, issued_at = :at WHERE id = :id",
            soci::use(code), soci::use(at), soci::use(id.value);
        append_event(s, ctx, "certificate.reissue", award_object(id), Json{{"code", old_code}},
                     Json{{"code", code}, {"reason", reason}});
    });
    changed();
    return *find_public_award(id, now);
}

CertificateLayout ExhibitionStore::layout(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        CertificateLayout layout;
        if (auto r = fetch_one<LayoutRow>(
                s,
                "SELECT title, issuer, issued_on, seal_png_base64 FROM certificate_layouts "
                "WHERE campaign_id = :c",
                soci::use(campaign.value))) {
            layout.title = r->title;
            layout.issuer = r->issuer;
            if (auto on = r->issued_on.get()) layout.issued_on = parse_date(*on);
            layout.seal_png = from_base64(r->seal);
        }
        return layout;
    });
}

void ExhibitionStore::set_layout(CampaignId campaign, const CertificateLayout& layout,
                                 const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string seal = base64_encode(layout.seal_png);
        NullableText on(layout.issued_on ? std::optional(format_date(*layout.issued_on))
                                         : std::nullopt);
        NullableId by(ctx.actor ? std::optional(ctx.actor->value) : std::nullopt);
        const std::string at = stored(now_utc());
        s << "DELETE FROM certificate_layouts WHERE campaign_id = :c", soci::use(campaign.value);
        s << "INSERT INTO certificate_layouts (campaign_id, title, issuer, issued_on, "
             "seal_png_base64, updated_at, updated_by) VALUES (:c, :t, :i, :o, :s, :at, :by)",
            soci::use(campaign.value), soci::use(layout.title), soci::use(layout.issuer),
            soci::use(on.value, on.indicator), soci::use(seal), soci::use(at),
            soci::use(by.value, by.indicator);
        append_event(s, ctx, "certificate.layout", "campaign:" + std::to_string(campaign.value),
                     nullptr,
                     Json{{"title", layout.title},
                          {"issuer", layout.issuer},
                          {"issued_on", on.get().value_or("")},
                          {"seal_bytes", layout.seal_png.size()}});
    });
}

}  // namespace wangju::store
