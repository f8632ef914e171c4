#include "domain/activity_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

namespace {

constexpr long long kMaxCount = 100'000'000'000LL;  // above any real figure; guards overflow

std::size_t chars(std::string_view text) {
    auto decoded = decode_utf8(text);
    return decoded ? decoded->size() : static_cast<std::size_t>(-1);
}

bool is_link(std::string_view url) {
    return url.starts_with("http://") || url.starts_with("https://") || url.starts_with("/media/");
}

void check_text(std::map<std::string, std::string>& errors, const char* field, std::string_view text,
                std::size_t max, const char* label, bool required) {
    const auto n = chars(text);
    if (n == static_cast<std::size_t>(-1)) errors[field] = fmt::format("{}含有无效的字符编码", label);
    else if (required && trim(text).empty()) errors[field] = fmt::format("请填写{}", label);
    else if (n > max) errors[field] = fmt::format("{}不能超过 {} 个字", label, max);
}

void check_count(std::map<std::string, std::string>& errors, const std::string& field,
                 long long value, const std::string& label) {
    if (value < 0 || value > kMaxCount) errors[field] = label + "应为不小于 0 的整数";
}

}  // namespace

std::string_view to_string(ReportState state) {
    switch (state) {
        case ReportState::draft: return "draft";
        case ReportState::submitted: return "submitted";
        case ReportState::approved: return "approved";
        case ReportState::returned: return "returned";
    }
    return "draft";
}

std::string_view label_zh(ReportState state) {
    switch (state) {
        case ReportState::draft: return "草稿";
        case ReportState::submitted: return "已报送,待审核";
        case ReportState::approved: return "已审核通过";
        case ReportState::returned: return "已退回";
    }
    return "草稿";
}

std::optional<ReportState> parse_report_state(std::string_view text) {
    for (auto s : {ReportState::draft, ReportState::submitted, ReportState::approved,
                   ReportState::returned}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

const std::vector<std::string>& activity_forms() {
    static const std::vector<std::string> forms = {"知识竞赛", "主题演讲", "公益活动", "志愿服务",
                                                   "集中宣传", "文艺展演", "其他"};
    return forms;
}

const std::vector<std::string>& activity_themes() {
    static const std::vector<std::string> themes = {
        "网民素养教育", "依法文明上网", "网络安全知识", "个人信息保护", "十项行动", "劳模精神",
        "劳动精神",     "工匠精神"};
    return themes;
}

void check_report_draft(const ReportDraft& d) {
    std::map<std::string, std::string> errors;
    check_text(errors, "activity_name", d.activity_name, 100, "活动名称", true);
    if (!d.held_on) errors["held_on"] = "请填写活动日期(YYYY-MM-DD)";
    check_text(errors, "place", d.place, 100, "活动地点", true);
    const auto& forms = activity_forms();
    if (std::find(forms.begin(), forms.end(), d.form) == forms.end()) {
        errors["form"] = "请选择活动形式";
    } else if (d.form == "其他") {
        check_text(errors, "form_other", d.form_other, 20, "其他活动形式", true);
    }
    if (d.themes.empty()) errors["themes"] = "请至少选择一项活动主题";
    for (const auto& t : d.themes) {
        if (chars(t) > 20 || trim(t).empty()) errors["themes"] = "每项主题不能为空,也不能超过 20 个字";
    }
    if (d.themes.size() > 12) errors["themes"] = "活动主题不能超过 12 项";
    check_count(errors, "participants", d.participants, "参与人数");
    check_count(errors, "promoters", d.promoters, "发展宣传员人数");
    if (d.online.size() > 10) errors["online"] = "网上宣传链接不能超过 10 条";
    for (const auto& o : d.online) {
        if (!is_link(o.url) || o.url.size() > 500)
            errors["online"] = "网上宣传链接应以 http:// 或 https:// 开头";
        check_count(errors, "online", o.views, "浏览量");
    }
    if (d.photos.size() > 20) errors["photos"] = "照片不能超过 20 张";
    for (const auto& p : d.photos) {
        if (!is_link(p) || p.size() > 500) errors["photos"] = "照片链接应以 http:// 或 https:// 开头";
    }
    check_text(errors, "summary", d.summary, 2000, "活动简介", false);
    for (const auto& [code, value] : d.entered) check_count(errors, "metric_" + code, value, "指标数值");
    if (!errors.empty()) throw_invalid("活动报告填写有误,请按提示修改", errors);
}

bool is_editable(ReportState state) {
    return state == ReportState::draft || state == ReportState::returned;
}

void require_can_submit(ReportState state) {
    if (!is_editable(state)) {
        throw_conflict(fmt::format("该报告当前状态为“{}”,不能报送", label_zh(state)));
    }
}

void require_can_decide(ReportState state) {
    if (state != ReportState::submitted) {
        throw_conflict(fmt::format("只有待审核的报告才能审核,该报告当前状态为“{}”", label_zh(state)));
    }
}

void require_can_unlock(ReportState state) {
    if (state != ReportState::approved) throw_conflict("只有已审核通过的报告才需要解锁");
}

void check_reason(std::string_view reason) {
    const auto n = chars(reason);
    if (n == static_cast<std::size_t>(-1) || trim(reason).empty())
        throw_invalid("请填写原因", {{"reason", "请填写原因"}});
    if (n > 500) throw_invalid("原因不能超过 500 个字", {{"reason", "原因不能超过 500 个字"}});
}

std::map<MetricId, long long> contribution(const ReportDraft& d, const std::vector<Metric>& metrics) {
    std::map<MetricId, long long> out;
    for (const auto& m : metrics) {
        long long v = 0;
        switch (m.source) {
            case MetricSource::activity_count: v = 1; break;
            case MetricSource::participants: v = d.participants; break;
            case MetricSource::promoters: v = d.promoters; break;
            case MetricSource::online_views:
                for (const auto& o : d.online) v += o.views;
                break;
            case MetricSource::entered: {
                auto it = d.entered.find(m.code);
                v = it == d.entered.end() ? 0 : it->second;
                break;
            }
        }
        if (v != 0) out[m.id] = v;
    }
    return out;
}

nlohmann::json to_json(const ReportDraft& d) {
    nlohmann::json online = nlohmann::json::array();
    for (const auto& o : d.online) online.push_back({{"url", o.url}, {"views", o.views}});
    return {{"activity_name", d.activity_name},
            {"held_on", d.held_on ? format_date(*d.held_on) : ""},
            {"place", d.place},
            {"form", d.form},
            {"form_other", d.form_other},
            {"themes", d.themes},
            {"participants", d.participants},
            {"promoters", d.promoters},
            {"online", online},
            {"photos", d.photos},
            {"summary", d.summary},
            {"entered", d.entered}};
}

ReportDraft draft_from_json(const nlohmann::json& j) {
    ReportDraft d;
    auto text = [&](const char* k) {
        auto it = j.find(k);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto number = [&](const nlohmann::json& obj, const char* k) -> long long {
        auto it = obj.find(k);
        if (it == obj.end() || it->is_null()) return 0;
        if (!it->is_number_integer()) throw_invalid("数值应为整数", {{k, "应为整数"}});
        return it->get<long long>();
    };
    d.activity_name = text("activity_name");
    d.held_on = parse_date(text("held_on"));
    d.place = text("place");
    d.form = text("form");
    d.form_other = text("form_other");
    if (auto it = j.find("themes"); it != j.end() && it->is_array()) {
        for (const auto& t : *it)
            if (t.is_string()) d.themes.push_back(t.get<std::string>());
    }
    d.participants = number(j, "participants");
    d.promoters = number(j, "promoters");
    if (auto it = j.find("online"); it != j.end() && it->is_array()) {
        for (const auto& o : *it) {
            if (!o.is_object()) continue;
            d.online.push_back({o.value("url", std::string()), number(o, "views")});
        }
    }
    if (auto it = j.find("photos"); it != j.end() && it->is_array()) {
        for (const auto& p : *it)
            if (p.is_string()) d.photos.push_back(p.get<std::string>());
    }
    d.summary = text("summary");
    if (auto it = j.find("entered"); it != j.end() && it->is_object()) {
        for (const auto& [k, v] : it->items()) {
            if (!v.is_number_integer()) throw_invalid("指标数值应为整数", {{"metric_" + k, "应为整数"}});
            d.entered[k] = v.get<long long>();
        }
    }
    return d;
}

nlohmann::json to_json(const ActivityReport& r) {
    auto opt = [](const std::optional<Timestamp>& t) -> nlohmann::json {
        return t ? nlohmann::json(format_utc(*t)) : nlohmann::json(nullptr);
    };
    nlohmann::json j = to_json(r.draft);
    j["id"] = r.id.value;
    j["campaign_id"] = r.campaign.value;
    j["unit_id"] = r.unit.value;
    j["state"] = std::string(to_string(r.state));
    j["state_label"] = std::string(label_zh(r.state));
    j["note"] = r.note;
    j["created_at"] = format_utc(r.created_at);
    j["updated_at"] = format_utc(r.updated_at);
    j["submitted_at"] = opt(r.submitted_at);
    j["decided_at"] = opt(r.decided_at);
    j["late"] = r.late;
    return j;
}

}  // namespace wangju
