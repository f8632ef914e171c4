#include "web/votes/vote_json.h"

#include <algorithm>

#include "domain/work_file_rules.h"

namespace wangju::web::votes {

using Json = nlohmann::json;

Json vote_json(WebContext& web, const PublicVote& vote, const std::optional<CurrentUser>& user,
               Timestamp now) {
    Json out{{"id", vote.id.value},
             {"campaign_id", vote.campaign.value},
             {"name", vote.name},
             {"tracks", vote.tracks},
             {"starts_at", format_utc(vote.starts_at)},
             {"ends_at", format_utc(vote.ends_at)},
             {"phase", label_zh(phase_at(vote, now))},
             {"open", phase_at(vote, now) == VotePhase::open},
             {"rules", rules_json(vote.rules, vote.fraud)},
             {"totals_visible", totals_visible(vote, user, now)},
             {"work_count", web.public_votes.works(vote.id).size()}};
    if (user && user->user.roles.has(Role::sysadmin)) out["summary"] = vote_summary_json(web, vote);
    return out;
}

Json vote_summary_json(WebContext& web, const PublicVote& vote) {
    Json refusals = Json::object();
    for (const auto& [rule, n] : web.public_votes.refusals(vote.id)) refusals[rule] = n;
    return {{"counted", web.public_votes.count(vote.id, false)},
            {"voided", web.public_votes.count(vote.id, true)},
            {"refused", refusals}};
}

Json entry_json(const VoteEntry& e, const std::string& files_base) {
    Json files = Json::array();
    for (const auto& f : e.work.content.files) {
        Json file{{"name", f.filename},
                  {"kind", media_kind_name(f.facts.kind)},
                  {"type", f.mime_type},
                  {"url", files_base + f.sha256}};
        if (f.facts.kind == MediaKind::video || f.facts.kind == MediaKind::image)
            file["preview_url"] = files_base + f.sha256 + "/preview";
        files.push_back(file);
    }
    Json out{{"work_id", e.work.id.value},
             {"title", e.work.content.title},
             {"authors", e.work.content.authors},
             {"track", e.track_name},
             {"unit", e.unit_name},
             {"files", files}};
    if (e.total) out["total"] = *e.total;
    if (e.rank) out["rank"] = *e.rank;
    return out;
}

Json flag_json(const VoteFlag& f) {
    Json votes = Json::array();
    for (auto v : f.votes) votes.push_back(v.value);
    return {{"id", f.id},
            {"rule", to_string(f.rule)},
            {"label", label_zh(f.rule)},
            {"key", f.key},
            {"detail", f.detail},
            {"count", f.votes.size()},
            {"accounts", f.accounts},
            {"voided", f.voided},
            {"first", format_utc(f.first)},
            {"last", format_utc(f.last)},
            {"vote_ids", votes}};
}

http::Response refusal_response(const VoteRefusal& refusal) {
    const bool daily = refusal.rule == VoteRule::account_per_work ||
                       refusal.rule == VoteRule::account_per_day ||
                       refusal.rule == VoteRule::address_per_day;
    const std::string code = daily ? "too_many_requests" : "conflict";
    Json body{{"error", {{"code", code}, {"message", refusal.message}, {"fields", Json::object()}}},
              {"rule", to_string(refusal.rule)},
              {"retry_at", nullptr}};
    if (refusal.retry_at) body["retry_at"] = format_utc(*refusal.retry_at);
    auto response = http::Response::json(body, daily ? 429 : 409);
    if (refusal.retry_at) {
        const auto wait = (*refusal.retry_at - now_utc()).count();
        response.set_header("retry-after", std::to_string(std::max<long long>(1, wait)));
    }
    response.set_header("cache-control", "no-store");
    return response;
}

}  // namespace wangju::web::votes
