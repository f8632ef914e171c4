#include "web/exhibition/exhibition_service.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "domain/campaign_admin.h"
#include "domain/error.h"
#include "domain/text.h"
#include "export/certificate_pdf.h"
#include "store/organisation_award_store.h"
#include "web/media_views.h"
#include "web/judging/judging_service.h"
#include "web/works/works_service.h"

namespace wangju::web::exhibition {
namespace {

std::int64_t positive_id(const std::string& text, const char* missing) {
    try {
        std::size_t used = 0;
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0) return id;
    } catch (const std::exception&) {
    }
    throw_not_found(missing);
}

// Units and tracks looked up once per request.
struct Lookups {
    WebContext& web;
    std::map<std::int64_t, Unit> units;
    std::map<std::int64_t, Track> tracks;

    const Unit& unit(UnitId id) {
        auto it = units.find(id.value);
        if (it == units.end()) it = units.emplace(id.value, *web.store.find_unit(id)).first;
        return it->second;
    }
    const Track& track(TrackId id) {
        auto it = tracks.find(id.value);
        if (it == tracks.end()) it = tracks.emplace(id.value, *web.works.find_track(id)).first;
        return it->second;
    }
};

GalleryItem item_of(Lookups& lookups, const store::PublicAward& award,
                    const std::optional<Work>& work) {
    GalleryItem item{award, lookups.track(award.track), lookups.unit(award.work_unit),
                     lookups.unit(award.judging_unit), std::nullopt};
    if (work) item.cover = work_cover(*work);
    return item;
}

Judging judging_of(WebContext& web, const store::PublicAward& award) {
    return *web.judgings.find_judging(award.judging);
}

}  // namespace

Gallery gallery(WebContext& web, const Campaign& campaign, const GalleryFilter& filter,
                Timestamp now) {
    Gallery g{campaign, {}, {}, std::nullopt, {}};
    Lookups lookups{web, {}, {}};
    if (!filter.track.empty() && !web.works.find_track_by_code(campaign.id, filter.track))
        throw_invalid("子项目不存在", {{"track", "子项目不存在"}});
    if (!filter.unit.empty()) {
        g.unit = web.store.find_unit_by_code(filter.unit);
        if (!g.unit) throw_invalid("单位不存在", {{"unit", "单位不存在"}});
    }
    std::map<std::string, int> tier_rank;  // the best position a tier name has in any judging
    std::map<std::int64_t, Judging> judgings;
    for (const auto& award : web.exhibition.public_awards(campaign.id, now)) {
        auto j = judgings.find(award.judging.value);
        if (j == judgings.end())
            j = judgings.emplace(award.judging.value, judging_of(web, award)).first;
        const int order = tier_order(j->second.tiers, award.tier);
        auto [at, added] = tier_rank.emplace(award.tier, order);
        if (!added) at->second = std::min(at->second, order);
        const Track& track = lookups.track(award.track);
        if (std::none_of(g.tracks.begin(), g.tracks.end(),
                         [&](const Track& t) { return t.id == track.id; }))
            g.tracks.push_back(track);
        if (!filter.track.empty() && track.code != filter.track) continue;
        if (!filter.tier.empty() && award.tier != filter.tier) continue;
        if (g.unit && !is_within(award.work_unit_path, g.unit->path)) continue;
        g.items.push_back(item_of(lookups, award, web.works.find_work(award.work)));
    }
    for (const auto& [name, order] : tier_rank) g.tiers.push_back(name);
    std::stable_sort(g.tiers.begin(), g.tiers.end(),
                     [&](const auto& a, const auto& b) { return tier_rank[a] < tier_rank[b]; });
    return g;
}

ExhibitedWork exhibited_work(WebContext& web, const std::string& id_text, Timestamp now) {
    const WorkId id{positive_id(id_text, "作品不存在或尚未公布获奖")};
    const auto awards = web.exhibition.public_awards_of_work(id, now);
    auto work = web.works.find_work(id);
    if (awards.empty() || !work) throw_not_found("作品不存在或尚未公布获奖");
    Lookups lookups{web, {}, {}};
    ExhibitedWork out{*work, lookups.track(work->track), lookups.unit(work->unit), {}};
    for (const auto& a : awards) out.awards.push_back(item_of(lookups, a, work));
    return out;
}

bool is_exhibited_file(WebContext& web, const std::string& sha256, Timestamp now) {
    for (const auto& work : web.works.works_holding(sha256)) {
        if (!web.exhibition.public_awards_of_work(work, now).empty()) return true;
    }
    return false;
}

store::PublicAward load_award(WebContext& web, const std::string& id_text, Timestamp now) {
    auto award =
        web.exhibition.find_public_award(AwardId{positive_id(id_text, "获奖记录不存在")}, now);
    if (!award) throw_not_found("获奖记录不存在");
    return *award;
}

bool may_download_certificate(WebContext& web, const CurrentUser& user,
                              const store::PublicAward& award) {
    if (user.user.roles.has(Role::sysadmin)) return true;
    if (auto work = web.works.find_work(award.work); work && work->owner == user.user.id)
        return true;
    if (user.user.roles.has(Role::unit_admin) &&
        is_within(award.work_unit_path, user.actor.unit_path))
        return true;
    try {
        judging::administered_judging(web, user, award.judging);
        return true;
    } catch (const Error&) {
        return false;
    }
}

std::string chinese_date(Date date) {
    return fmt::format("{}年{}月{}日", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::string verify_url(WebContext& web, const std::string& code) {
    std::string base = web.config.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/certificates/" + code;
}

std::string certificate_pdf(WebContext& web, const store::PublicAward& award) {
    const Judging judging = judging_of(web, award);
    const auto campaign = web.campaigns.find_campaign(judging.campaign);
    const auto layout = web.exhibition.layout(judging.campaign);
    tables::CertificateText text;
    text.title = layout.title;
    text.winners = award.authors;
    text.work_title = award.title;
    text.campaign_name = campaign ? campaign->name : "";
    text.track_name = web.works.find_track(award.track)->name;
    text.tier = award.tier;
    text.issuer =
        layout.issuer.empty() ? web.store.find_unit(award.judging_unit)->name : layout.issuer;
    text.issued_on = chinese_date(layout.issued_on.value_or(shanghai_date(award.published_at)));
    text.code = award.code;
    text.verify_url = verify_url(web, award.code);
    text.seal_png = layout.seal_png;
    return tables::certificate_pdf(text);
}

std::string pdf_file_name(const std::string& name) {
    std::string safe;
    for (char c : name) safe += (c == '/' || c == '\\' || c == '"' || (c >= 0 && c < 32)) ? '_' : c;
    return safe + ".pdf";
}

std::string certificate_file_name(const store::PublicAward& award) {
    return pdf_file_name("证书-" + award.tier + "-" + award.title);
}

store::PublicAward reissue_certificate(WebContext& web, const CurrentUser& user,
                                       const std::string& award_id, const std::string& reason,
                                       const AuditContext& ctx) {
    const auto now = now_utc();
    const auto award = load_award(web, award_id, now);
    judging::administered_judging(web, user, award.judging);
    const std::string why(trim(reason));
    if (why.empty()) throw_invalid("请填写补发原因", {{"reason", "请填写补发原因"}});
    if (why.size() > 600) throw_invalid("补发原因过长", {{"reason", "不能超过 200 个字"}});
    return web.exhibition.reissue_certificate(award.id, why, now, ctx);
}

std::vector<store::PublicAward> subtree_awards(WebContext& web, const CurrentUser& user,
                                               const Campaign& campaign,
                                               const std::string& unit_code, Unit& unit) {
    const bool sysadmin = user.user.roles.has(Role::sysadmin);
    if (!sysadmin && !user.user.roles.has(Role::unit_admin))
        throw_forbidden("只有单位管理员可以批量下载证书");
    if (unit_code.empty()) {
        unit = user.unit;
    } else {
        auto found = web.store.find_unit_by_code(unit_code);
        if (!found) throw_invalid("单位不存在", {{"unit", "单位不存在"}});
        unit = *found;
    }
    if (!sysadmin && !is_within(unit.path, user.actor.unit_path))
        throw_forbidden("只能下载本单位及下级单位的证书");
    std::vector<store::PublicAward> out;
    for (const auto& a : web.exhibition.public_awards(campaign.id, now_utc())) {
        if (is_within(a.work_unit_path, unit.path)) out.push_back(a);
    }
    return out;
}

namespace {

// A code that no work's certificate has may be a unit's organisation award, on a confirmed list
// (unconfirming a list withdraws its codes).
Verification verify_organisation_award(WebContext& web, Verification v) {
    const auto found = store::OrganisationAwardStore(web.store.database()).find_by_code(v.code);
    if (!found) return v;
    const auto unit = web.store.find_unit(found->award.unit);
    const auto issuer = web.store.find_unit(found->list.unit);
    const auto campaign = web.campaigns.find_campaign(found->list.campaign);
    v.found = true;
    v.lookup = store::CertificateLookup{AwardId{0}, false, found->award.issued_at, std::nullopt, ""};
    v.organisation_unit = unit ? unit->name : "";
    v.organisation_issuer = issuer ? issuer->name : "";
    if (campaign) v.campaign_name = campaign->name;
    return v;
}

}  // namespace

Verification verify_certificate(WebContext& web, const std::string& code_text) {
    Verification v;
    auto code = normalised_certificate_code(code_text);
    if (!code) return v;
    v.code = *code;
    v.lookup = web.exhibition.find_certificate(*code);
    if (!v.lookup) return verify_organisation_award(web, std::move(v));
    auto award = web.exhibition.find_public_award(v.lookup->award, now_utc());
    if (!award) return v;  // the list was withdrawn from publication: nothing to vouch for
    v.found = true;
    v.replaced = v.lookup->replaced;
    if (v.replaced) v.current_code = award->code;
    Lookups lookups{web, {}, {}};
    v.award = item_of(lookups, *award, std::nullopt);
    if (auto c = web.campaigns.find_campaign(judging_of(web, *award).campaign))
        v.campaign_name = c->name;
    return v;
}

void require_layout_editor(WebContext& web, const CurrentUser& user, const Campaign& campaign) {
    std::optional<Unit> owner;
    if (auto id = web.campaign_admin.owner(campaign.id)) owner = web.store.find_unit(*id);
    require_edit_campaign(user.actor, user.unit, owner);
}

CertificateLayout layout_from(std::string title, std::string issuer, const std::string& issued_on,
                              std::string seal_png) {
    CertificateLayout layout;
    layout.title = std::move(title);
    layout.issuer = std::move(issuer);
    if (!issued_on.empty()) {
        layout.issued_on = parse_date(issued_on);
        if (!layout.issued_on)
            throw_invalid("颁发日期应为 YYYY-MM-DD", {{"issued_on", "应为 YYYY-MM-DD"}});
    }
    layout.seal_png = std::move(seal_png);
    return layout;
}

bool may_edit_certificate_layout(WebContext& web, const CurrentUser& user,
                                 const Campaign& campaign) {
    try {
        require_layout_editor(web, user, campaign);
        return true;
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::forbidden) throw;
        return false;
    }
}

std::vector<CertificateEntry> certificates_for(WebContext& web, const CurrentUser& user,
                                               const Campaign& campaign) {
    std::vector<CertificateEntry> out;
    Lookups lookups{web, {}, {}};
    std::map<std::int64_t, bool> administers;  // by judging
    for (const auto& award : web.exhibition.public_awards(campaign.id, now_utc())) {
        if (!may_download_certificate(web, user, award)) continue;
        auto [it, fresh] = administers.try_emplace(award.judging.value, false);
        if (fresh) {
            try {
                judging::administered_judging(web, user, award.judging);
                it->second = true;
            } catch (const Error& e) {
                // Someone else's judging reads as "not found" to them.
                if (e.kind() != ErrorKind::forbidden && e.kind() != ErrorKind::not_found) throw;
            }
        }
        out.push_back({item_of(lookups, award, std::nullopt), it->second});
    }
    std::stable_sort(out.begin(), out.end(), [](const CertificateEntry& a,
                                                const CertificateEntry& b) {
        if (a.item.track.number != b.item.track.number)
            return a.item.track.number < b.item.track.number;
        return a.item.award.rank < b.item.award.rank;
    });
    return out;
}

CertificateLayout certificate_layout(WebContext& web, const CurrentUser& user,
                                     const Campaign& campaign) {
    require_layout_editor(web, user, campaign);
    return web.exhibition.layout(campaign.id);
}

CertificateLayout set_certificate_layout(WebContext& web, const CurrentUser& user,
                                         const Campaign& campaign, CertificateLayout layout,
                                         const AuditContext& ctx) {
    require_layout_editor(web, user, campaign);
    layout.title = std::string(trim(layout.title));
    layout.issuer = std::string(trim(layout.issuer));
    check_certificate_layout(layout);
    if (!layout.seal_png.empty() && !tables::is_readable_png(layout.seal_png))
        throw_invalid("印章图片无法读取", {{"seal", "印章图片无法读取,请上传 PNG 图片"}});
    web.exhibition.set_layout(campaign.id, layout, ctx);
    return web.exhibition.layout(campaign.id);
}

}  // namespace wangju::web::exhibition
