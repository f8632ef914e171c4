#include "web/portal/portal_views.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "web/portal/markdown.h"

namespace wangju::web {

nlohmann::json article_summary_json(const Article& a) {
    nlohmann::json j = {{"id", a.id.value},
                        {"url", fmt::format("/articles/{}", a.id.value)},
                        {"title", a.title},
                        {"column", a.column},
                        {"column_name", a.column_name},
                        {"unit_name", a.unit_name},
                        {"date", ""},
                        {"time", ""}};
    if (a.published_at) {
        j["date"] = format_date(shanghai_date(*a.published_at));
        j["time"] = format_shanghai(*a.published_at);
    }
    return j;
}

nlohmann::json summaries_json(const std::vector<Article>& articles) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : articles) list.push_back(article_summary_json(a));
    return list;
}

nlohmann::json attachment_json(const Attachment& a) {
    std::string size_text = a.size >= 1024 * 1024
                                ? fmt::format("{:.1f} MB", static_cast<double>(a.size) / 1048576)
                                : fmt::format("{} KB", (a.size + 1023) / 1024);
    return {{"id", a.id.value},
            {"url", fmt::format("/attachments/{}", a.id.value)},
            {"file_name", a.file_name},
            {"media_type", a.media_type},
            {"size", a.size},
            {"size_text", size_text}};
}

nlohmann::json article_api_json(WebContext& web, const Article& a) {
    nlohmann::json j = article_summary_json(a);
    j["body"] = a.body;
    j["body_html"] = render_markdown(a.body);
    j["state"] = std::string(to_string(a.state));
    j["state_label"] = std::string(label_zh(a.state));
    j["version"] = a.version;
    j["unit"] = {{"id", a.unit.value}, {"name", a.unit_name}};
    j["published_at"] = a.published_at ? nlohmann::json(format_utc(*a.published_at))
                                       : nlohmann::json(nullptr);
    j["views"] = web.portal.views.shown(a.id, a.views);
    j["attachments"] = nlohmann::json::array();
    for (const auto& att : web.articles.attachments(a.id)) j["attachments"].push_back(attachment_json(att));
    return j;
}

int page_number(const std::string& text) {
    int page = 1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
    if (ec != std::errc() || end != text.data() + text.size() || page < 1 || page > 100000) return 1;
    return page;
}

nlohmann::json paging_json(long long total, int page, int per_page, const std::string& base,
                           const std::string& extra) {
    long long pages = total == 0 ? 1 : (total + per_page - 1) / per_page;
    nlohmann::json j = {{"page", page}, {"pages", pages}, {"total", total},
                        {"many", pages > 1}, {"prev_url", nlohmann::json(nullptr)},
                        {"next_url", nlohmann::json(nullptr)}};
    if (page > 1) j["prev_url"] = fmt::format("{}?page={}{}", base, page - 1, extra);
    if (page < pages) j["next_url"] = fmt::format("{}?page={}{}", base, page + 1, extra);
    return j;
}

ArticleId article_id_param(const std::string& text) {
    long long id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
        throw_not_found("文章不存在");
    }
    return ArticleId{id};
}

std::string popular_since() {
    return format_date(shanghai_date(now_utc() - std::chrono::days(29)));
}

}  // namespace wangju::web
