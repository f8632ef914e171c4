// The exhibition's pages: the gallery (/campaigns/{id}/exhibition), a work's public page
// (/exhibition/works/{id}) and the certificate verification page (/certificates/{code}).
//
// Anonymous visitors get the gallery from memory on the I/O thread, as they get notices: a page is
// kept for a minute, and dropped at once when a list is published or a certificate re-issued in
// this process (ExhibitionStore::changed). A list whose publication time is later is shown once
// the server's periodic job has told its winners (which also marks the change).
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "domain/error.h"
#include "domain/judging_permission.h"
#include "domain/text.h"
#include "export/qr_code.h"
#include "web/exhibition/exhibition_routes.h"
#include "web/exhibition/exhibition_views.h"
#include "web/judging/judging_service.h"
#include "web/media_views.h"
#include "web/pages.h"
#include "web/view.h"
#include "web/works/works_service.h"

namespace wangju::web::exhibition {
namespace {

using Json = nlohmann::json;

constexpr auto kGalleryLifetime = std::chrono::seconds(60);

class GalleryCache {
  public:
    struct Entry {
        std::string html;
        std::uint64_t generation = 0;
        std::chrono::steady_clock::time_point expires;
    };
    std::optional<std::string> find(const std::string& key, std::uint64_t generation) const {
        std::shared_lock lock(mutex_);
        auto it = pages_.find(key);
        if (it == pages_.end() || it->second.generation != generation ||
            std::chrono::steady_clock::now() >= it->second.expires)
            return std::nullopt;
        return it->second.html;
    }
    void put(const std::string& key, std::string html, std::uint64_t generation) {
        std::unique_lock lock(mutex_);
        if (pages_.size() > 1000) pages_.clear();  // bounded: filters are few, junk queries many
        pages_[key] = {std::move(html), generation,
                       std::chrono::steady_clock::now() + kGalleryLifetime};
    }

  private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, Entry> pages_;
};

std::string cache_key(const http::Request& r) {
    return r.params.at("id") + (large_text_requested(r) ? "|L|" : "|S|") + r.query_string;
}

std::string page_url(WebContext& web, const std::string& path) {
    std::string base = web.config.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
}

Json gallery_data(WebContext& web, const Gallery& g, const GalleryFilter& filter) {
    Json tracks = Json::array();
    for (const auto& t : g.tracks)
        tracks.push_back(
            {{"code", t.code}, {"name", t.name}, {"selected", t.code == filter.track}});
    Json tiers = Json::array();
    for (const auto& t : g.tiers) tiers.push_back({{"name", t}, {"selected", t == filter.tier}});
    // Grouped by track, in the order the store lists them.
    Json groups = Json::array();
    for (const auto& item : g.items) {
        if (groups.empty() || groups.back()["code"] != item.track.code)
            groups.push_back(
                {{"code", item.track.code}, {"name", item.track.name}, {"items", Json::array()}});
        Json j = award_json(item);
        j["media_kind"] =
            item.cover ? (item.cover->facts.kind == MediaKind::video ? "视频" : "图片") : "";
        groups.back()["items"].push_back(j);
    }
    const std::string path = "/campaigns/" + std::to_string(g.campaign.id.value) + "/exhibition";
    const std::string description =
        g.campaign.name + "获奖作品展示:" + std::to_string(g.items.size()) + "件获奖作品";
    return {{"campaign",
             {{"id", g.campaign.id.value}, {"name", g.campaign.name}, {"year", g.campaign.year}}},
            {"tracks", tracks},
            {"tiers", tiers},
            {"unit_code", filter.unit},
            {"unit_name", g.unit ? g.unit->name : ""},
            {"filtered", !filter.track.empty() || !filter.tier.empty() || !filter.unit.empty()},
            {"groups", groups},
            {"count", g.items.size()},
            {"empty", g.items.empty()},
            {"og",
             {{"title", g.campaign.name + " 获奖作品展示"},
              {"description", description},
              {"url", page_url(web, path)},
              {"type", "website"}}},
            {"extra_css", "/static/css/exhibition.css"},
            {"qr_svg", tables::qr_svg(page_url(web, path), "本页二维码,扫码在手机上打开")}};
}

http::Response gallery_page(WebContext& web, const std::shared_ptr<GalleryCache>& cache,
                            http::Request& r) {
    const bool anonymous = !r.cookie(session_cookie_name);
    const auto generation = web.exhibition.generation();
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    const GalleryFilter filter{r.query("track").value_or(""), r.query("tier").value_or(""),
                               r.query("unit").value_or("")};
    auto user = anonymous ? std::nullopt : current_user(web, r);
    Json data;
    int status = 200;
    try {
        data = gallery_data(web, gallery(web, campaign, filter, now_utc()), filter);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_input) throw;
        data = gallery_data(web, gallery(web, campaign, {}, now_utc()), {});
        data["filter_error"] = e.message();
        status = 400;
    }
    auto response = show_page(r, web, user ? &*user : nullptr, campaign.name + " 获奖作品展示",
                              "exhibition_gallery", std::move(data), status);
    if (anonymous && status == 200) cache->put(cache_key(r), response.body, generation);
    return response;
}

Json work_page_data(WebContext& web, const ExhibitedWork& w,
                    const std::optional<CurrentUser>& user) {
    const Json media = work_media_json(w.work, "/exhibition/files/");
    std::string og_image;
    if (auto cover = work_cover(w.work)) og_image = preview_url(cover->sha256);
    // The form's values, but none that would tell who to call (contact, phone): a public page.
    Json texts = Json::array(), fields = Json::array(), links = Json::array();
    for (const auto& field : w.track.rules.fields) {
        auto it = w.work.content.form_values.find(field.key);
        if (it == w.work.content.form_values.end() || it->second.empty()) continue;
        if (judging::identifies_author(field)) continue;
        const std::string& value = it->second;
        if (field.type == FormFieldType::link) {
            if (value.starts_with("https://") || value.starts_with("http://"))
                links.push_back({{"label", field.label}, {"url", value}});
        } else if (field.multiline) {
            Json paragraphs = Json::array();
            std::size_t start = 0;
            while (start <= value.size()) {
                auto end = value.find('\n', start);
                if (end == std::string::npos) end = value.size();
                auto line = trim(std::string_view(value).substr(start, end - start));
                if (!line.empty()) paragraphs.push_back(std::string(line));
                start = end + 1;
            }
            texts.push_back({{"label", field.label}, {"paragraphs", paragraphs}});
        } else {
            fields.push_back({{"label", field.label}, {"value", value}});
        }
    }
    Json awards = Json::array();
    for (const auto& item : w.awards) {
        Json a = award_json(item);
        if (user && may_download_certificate(web, *user, item.award))
            a["certificate_url"] =
                "/api/v1/awards/" + std::to_string(item.award.id.value) + "/certificate.pdf";
        awards.push_back(a);
    }
    const Campaign campaign = works::load_campaign(web, w.work.campaign.value);
    const std::string path = "/exhibition/works/" + std::to_string(w.work.id.value);
    const std::string tiers = w.awards.empty() ? "" : w.awards.front().award.tier;
    Json og = {{"title", w.work.content.title + " - " + tiers},
               {"description", w.track.name + tiers + "作品,作者:" + w.work.content.authors + "(" +
                                   w.unit.name + ")"},
               {"url", page_url(web, path)},
               {"type", "article"}};
    if (!og_image.empty()) og["image"] = page_url(web, og_image);
    return {{"work",
             {{"id", w.work.id.value},
              {"title", w.work.content.title},
              {"authors", w.work.content.authors}}},
            {"track", {{"code", w.track.code}, {"name", w.track.name}}},
            {"unit_name", w.unit.name},
            {"campaign", {{"id", campaign.id.value}, {"name", campaign.name}}},
            {"awards", awards},
            {"media", media},
            {"texts", texts},
            {"fields", fields},
            {"has_fields", !fields.empty()},
            {"links", links},
            {"has_links", !links.empty()},
            {"og", og},
            {"extra_css", "/static/css/exhibition.css"},
            {"qr_svg", tables::qr_svg(page_url(web, path), "本页二维码,扫码在手机上打开")}};
}

http::Response work_page(WebContext& web, http::Request& r) {
    const auto w = exhibited_work(web, r.params.at("id"), now_utc());
    auto user = current_user(web, r);
    return show_page(r, web, user ? &*user : nullptr, w.work.content.title, "exhibition_work",
                     work_page_data(web, w, user));
}

http::Response certificate_page(WebContext& web, const std::string& code, http::Request& r) {
    const auto v = verify_certificate(web, code);
    Json data = {{"code", v.code.empty() ? code : v.code},
                 {"found", v.found},
                 {"asked", !code.empty()},
                 {"replaced", v.replaced},
                 {"genuine", v.found && !v.replaced},
                 {"extra_css", "/static/css/exhibition.css"}};
    if (v.found) {
        if (v.award) {
            data["award"] = award_json(*v.award);
        } else {
            data["organisation_award"] = {{"unit", v.organisation_unit},
                                          {"issuer", v.organisation_issuer}};
        }
        data["campaign_name"] = v.campaign_name;
        data["issued_on"] = chinese_date(shanghai_date(v.lookup->issued_at));
        if (v.replaced) {
            data["replaced_on"] = chinese_date(shanghai_date(*v.lookup->replaced_at));
            data["reason"] = v.lookup->reason;
        }
    }
    auto user = current_user(web, r);
    const int status = code.empty() || v.found ? 200 : 404;
    return show_page(r, web, user ? &*user : nullptr, "证书核验", "exhibition_certificate",
                     std::move(data), status);
}

}  // namespace

void register_exhibition_pages(http::Router& router, WebContext& web) {
    auto cache = std::make_shared<GalleryCache>();
    http::RouteOptions fast;
    fast.from_memory = [&web, cache](http::Request& r) -> std::optional<http::Response> {
        if (r.cookie(session_cookie_name)) return std::nullopt;
        auto html = cache->find(cache_key(r), web.exhibition.generation());
        if (!html) return std::nullopt;
        return http::Response::html(std::move(*html));
    };
    router.add(
        "GET", "/campaigns/{id}/exhibition",
        [&web, cache](http::Request& r) { return gallery_page(web, cache, r); }, fast);
    router.add("GET", "/exhibition/works/{id}", page_handler(web, work_page));
    router.add("GET", "/certificates", [&web](http::Request& r) {
        return certificate_page(web, r.query("code").value_or(""), r);
    });
    router.add("GET", "/certificates/{code}",
               [&web](http::Request& r) { return certificate_page(web, r.params.at("code"), r); });
}

}  // namespace wangju::web::exhibition
