#include "web/portal/desk_views.h"

#include <fmt/format.h>

#include "web/portal/markdown.h"
#include "web/portal/portal_views.h"

namespace wangju::web::desk {
namespace {

using Json = nlohmann::json;

// "2023-06-21 16:30" (Asia/Shanghai) as a datetime-local input shows it.
std::string local_input_time(Timestamp t) {
    std::string text = format_shanghai(t);
    if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
    return text;
}

Json column_choices(WebContext& web, const std::string& selected) {
    Json list = Json::array();
    for (const auto& c : web.articles.columns()) {
        // Sub-columns are indented under their parent; the select shows the tree.
        std::string label = c.parent ? "\u3000└ " + c.name : c.name;
        list.push_back({{"slug", c.slug}, {"label", label}, {"selected", c.slug == selected}});
    }
    return list;
}

Json unit_choices(WebContext& web, const CurrentUser& user, const std::string& selected) {
    Json list = Json::array();
    for (const auto& u : web.store.subtree(user.unit)) {
        std::string indent;
        for (int i = user.unit.level; i < u.level; ++i) indent += "\u3000";
        list.push_back({{"code", u.code},
                        {"label", indent + u.name},
                        {"selected", u.code == selected}});
    }
    return list;
}

}  // namespace

CurrentUser require_desk_user(WebContext& web, const http::Request& request) {
    auto user = require_user(web, request);
    const auto& roles = user.user.roles;
    if (!roles.has(Role::editor) && !roles.has(Role::approver) && !roles.has(Role::sysadmin)) {
        throw_forbidden("只有编辑和审核人员可以使用稿件管理");
    }
    return user;
}

Article visible_article(WebContext& web, const CurrentUser& user, const std::string& id_text) {
    auto article = web.articles.find_article(article_id_param(id_text));
    if (!article || !may(user.actor, ArticleAction::view, article->unit_path)) {
        throw_not_found("文章不存在");
    }
    return *article;
}

std::string desk_url(ArticleId id) { return fmt::format("/desk/articles/{}", id.value); }

ArticleFormValues form_values_of(const FormFields& form) {
    return {form_value(form, "title"), form_value(form, "column"), form_value(form, "unit"),
            form_value(form, "body"), form_value(form, "published_at")};
}

ArticleFormValues form_values_of(WebContext& web, const Article& article) {
    auto unit = web.store.find_unit(article.unit);
    return {article.title, article.column, unit ? unit->code : "", article.body,
            article.published_at ? local_input_time(*article.published_at) : ""};
}

Json article_form_json(WebContext& web, const CurrentUser& user, const ArticleFormValues& values,
                       const Error* error, bool preview) {
    const std::string unit = values.unit.empty() ? user.unit.code : values.unit;
    Json data{{"values",
               {{"title", values.title},
                {"body", values.body},
                {"published_at", values.published_at}}},
              {"columns", column_choices(web, values.column)},
              {"units", unit_choices(web, user, unit)},
              {"csrf", user.session.csrf_token},
              {"errors", Json::object()}};
    if (error) {
        data["form_error"] = error_json(*error);
        for (const auto& [name, text] : error->fields()) data["errors"][name] = text;
    }
    if (preview) {
        data["preview_html"] = render_markdown(values.body);
        data["preview_title"] = values.title;
    }
    return data;
}

Json desk_row_json(const Article& a) {
    return {{"id", a.id.value},
            {"url", desk_url(a.id)},
            {"title", a.title},
            {"column_name", a.column_name},
            {"unit_name", a.unit_name},
            {"state", std::string(to_string(a.state))},
            {"state_label", std::string(label_zh(a.state))},
            {"updated", format_shanghai(a.updated_at)}};
}

Json desk_done_notice(const http::Request& request) {
    static const std::map<std::string, std::string> notices = {
        {"saved", "稿件已保存。"},
        {"submitted", "稿件已提交审核。"},
        {"published", "文章已审核发布。"},
        {"rejected", "稿件已退回编辑。"},
        {"withdrawn", "文章已撤回,网站上不再显示。"},
        {"corrected", "更正已保存并生效,原文保留在历史版本中。"},
        {"attached", "附件已上传。"},
        {"detached", "附件已删除。"},
        {"column_added", "栏目已添加。"},
    };
    auto key = request.query("done");
    if (!key) return nullptr;
    auto it = notices.find(*key);
    return it == notices.end() ? Json(nullptr) : Json(it->second);
}

}  // namespace wangju::web::desk
