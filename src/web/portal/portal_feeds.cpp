// GET /feeds/{column}.atom (RFC 4287) and GET /sitemap.xml (sitemaps.org 0.9).
#include <cctype>

#include <fmt/format.h>

#include "domain/error.h"
#include "web/pages.h"
#include "web/portal/highlight.h"
#include "web/portal/markdown.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_views.h"

namespace wangju::web {
namespace {

// The site's own address as the client reached it; links in feeds must be absolute.
std::string origin_of(const http::Request& r) {
    std::string host(r.header("host").value_or("localhost"));
    // A Host header is untrusted: keep only what a host name and port may contain.
    std::string clean;
    for (char c : host) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
            c == '[' || c == ']') {
            clean += c;
        }
    }
    return (r.secure ? "https://" : "http://") + (clean.empty() ? "localhost" : clean);
}

std::string summary_of(const Article& a) {
    std::string text = markdown_plain_text(a.body);
    return highlight(text, {}, 200);  // escaped and cut, no marks
}

http::Response atom_feed(WebContext& web, http::Request& r) {
    std::string file = r.params.at("file");
    if (!file.ends_with(".atom")) throw_not_found("订阅源不存在");
    std::string slug = file.substr(0, file.size() - 5);
    auto column = web.articles.find_column(slug);
    if (!column) throw_not_found("订阅源不存在");
    const std::string origin = origin_of(r);
    auto list = web.articles.published(slug, 1, 30);
    std::string updated = list.items.empty() ? format_utc(now_utc())
                                             : format_utc(list.items.front().updated_at);
    std::string xml = fmt::format(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "<title>{} - {}</title>\n<id>{}/feeds/{}.atom</id>\n<link rel=\"self\" href=\"{}/feeds/{}.atom\"/>\n"
        "<link href=\"{}/\"/>\n<updated>{}</updated>\n",
        html_escape(column->name), html_escape(web.config.site_name), origin, slug, origin, slug,
        origin, updated);
    for (const auto& a : list.items) {
        xml += fmt::format(
            "<entry>\n<title>{}</title>\n<id>{}/articles/{}</id>\n<link href=\"{}/articles/{}\"/>\n"
            "<published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n"
            "<summary>{}</summary>\n</entry>\n",
            html_escape(a.title), origin, a.id.value, origin, a.id.value,
            format_utc(a.published_at.value_or(a.created_at)), format_utc(a.updated_at),
            html_escape(a.unit_name), summary_of(a));
    }
    xml += "</feed>\n";
    return http::Response::text(std::move(xml), "application/atom+xml; charset=utf-8");
}

http::Response sitemap(WebContext& web, http::Request& r) {
    const std::string origin = origin_of(r);
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const char* path : {"/", "/notices", "/news", "/popular"}) {
        xml += fmt::format("<url><loc>{}{}</loc></url>\n", origin, path);
    }
    for (const auto& c : web.articles.columns()) {
        if (c.slug != "notices" && c.slug != "news") {
            xml += fmt::format("<url><loc>{}/columns/{}</loc></url>\n", origin, c.slug);
        }
    }
    // The sitemap protocol allows 50,000 addresses per file.
    for (const auto& a : web.articles.all_published(49000)) {
        xml += fmt::format("<url><loc>{}/articles/{}</loc><lastmod>{}</lastmod></url>\n", origin,
                           a.id.value, format_date(shanghai_date(a.updated_at)));
    }
    xml += "</urlset>\n";
    return http::Response::text(std::move(xml), "application/xml; charset=utf-8");
}

}  // namespace

void register_portal_feeds(http::Router& router, WebContext& web) {
    router.add("GET", "/feeds/{file}", page_handler(web, atom_feed));
    router.add("GET", "/sitemap.xml", page_handler(web, sitemap));
}

}  // namespace wangju::web
