#include "web/works/works_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "domain/error.h"
#include "domain/text.h"
#include "domain/work_file_rules.h"

namespace wangju::web::works {
namespace {

std::int64_t parse_id(const std::string& text, const char* what) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        throw_not_found(std::string(what) + "不存在");
    }
    return id;
}

Unit unit_by_id(WebContext& web, UnitId id) {
    auto unit = web.store.find_unit(id);
    if (!unit) throw_not_found("单位不存在");
    return *unit;
}

store::WorkRoute route_of(WebContext& web, const Work& work) {
    return route_for(web, unit_by_id(web, work.unit), work.track);
}

std::vector<std::string> recommending_path(WebContext& web, const Work& work) {
    std::vector<std::string> names;
    for (const auto& d : web.works.decisions(work.id)) {
        if (d.active && d.decision == Decision::recommend) {
            names.push_back(unit_by_id(web, d.unit).name);
        }
    }
    return names;
}

std::vector<std::int64_t> duplicates_of(WebContext& web, const Work& work) {
    std::set<std::int64_t> ids;
    for (const auto& f : work.content.files) {
        for (auto id : web.works.works_with_file(work.campaign, f.sha256, work.id))
            ids.insert(id.value);
    }
    return {ids.begin(), ids.end()};
}

}  // namespace

Work owned_work(WebContext& web, const CurrentUser& user, std::int64_t id) {
    Work work = visible_work(web, user, id);
    if (!may_edit_work(user.actor, work))
        throw_forbidden("只有作品的提交人可以修改、提交或撤回作品");
    return work;
}

void require_submitter(const CurrentUser& user) {
    if (!may_submit_for(user.actor, user.unit)) throw_forbidden("您不能以该单位的名义报送作品");
}

Campaign load_campaign(WebContext& web, std::int64_t id) {
    auto campaign = web.campaigns.find_campaign(CampaignId{id});
    if (!campaign) throw_not_found("活动不存在");
    return *campaign;
}

Campaign load_campaign(WebContext& web, const std::string& id_text) {
    return load_campaign(web, parse_id(id_text, "活动"));
}

Track load_track(WebContext& web, const Campaign& campaign, const std::string& code) {
    auto track = web.works.find_track_by_code(campaign.id, code);
    if (!track) throw_not_found("子项目“" + code + "”不存在");
    return *track;
}

store::WorkRoute route_for(WebContext& web, const Unit& unit, TrackId track) {
    std::vector<Unit> upward = web.store.ancestors(unit);  // root first
    std::reverse(upward.begin(), upward.end());
    upward.insert(upward.begin(), unit);
    store::WorkRoute route;
    route.settings = web.works.levels(track);
    route.chain = chain_of(upward, route.settings);
    return route;
}

WorkReach reach_of(WebContext& web, const Work& work) {
    WorkReach reach;
    if (work.position) reach.units.push_back(*work.position);
    for (const auto& d : web.works.decisions(work.id)) reach.units.push_back(d.unit);
    return reach;
}

Work visible_work(WebContext& web, const CurrentUser& user, std::int64_t id) {
    auto work = web.works.find_work(WorkId{id});
    if (!work || !may_see_work(user.actor, *work, reach_of(web, *work))) {
        throw_not_found("作品不存在");
    }
    return *work;
}

Work visible_work(WebContext& web, const CurrentUser& user, const std::string& id_text) {
    return visible_work(web, user, parse_id(id_text, "作品"));
}

Work create_work(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                 const WorkForm& form, const AuditContext& ctx) {
    const Track track = load_track(web, campaign, form.track_code);
    Unit unit = user.unit;
    if (!form.unit_code.empty() && form.unit_code != user.unit.code) {
        auto other = web.store.find_unit_by_code(form.unit_code);
        if (!other) throw_invalid("单位不存在", {{"unit", "单位“" + form.unit_code + "”不存在"}});
        unit = *other;
    }
    if (!may_submit_for(user.actor, unit)) throw_forbidden("您不能以该单位的名义报送作品");
    WorkContent content = form.content;
    content.files.clear();
    content = checked_content(track, std::move(content));
    return web.works.create_work({campaign.id, track.id, user.user.id, unit.id, content}, ctx);
}

Work save_work(WebContext& web, const CurrentUser& user, std::int64_t id, WorkContent content,
               const AuditContext& ctx) {
    const Work work = owned_work(web, user, id);
    auto track = web.works.find_track(work.track);
    content = checked_content(*track, std::move(content));
    return web.works.save_content(work.id, content, route_of(web, work), ctx);
}

Work check_file_for_work(WebContext& web, const CurrentUser& user, std::int64_t id,
                         const WorkFile& file) {
    Work work = owned_work(web, user, id);
    if (!is_sha256_hex(file.sha256)) throw_invalid("文件标识无效", {{"file", "文件标识无效"}});
    auto track = web.works.find_track(work.track);
    require_no_violations(check_file(track->rules.files, file.facts, work.content.form_values));
    return work;
}

Work add_checked_file(WebContext& web, const Work& work, const WorkFile& file,
                      const AuditContext& ctx) {
    return web.works.add_file(work.id, file, route_of(web, work), ctx);
}

Work remove_file(WebContext& web, const CurrentUser& user, std::int64_t id, std::size_t index,
                 const AuditContext& ctx) {
    const Work work = owned_work(web, user, id);
    return web.works.remove_file(work.id, index, route_of(web, work), ctx);
}

Work submit_work(WebContext& web, const CurrentUser& user, std::int64_t id,
                 const AuditContext& ctx) {
    const Work work = owned_work(web, user, id);
    auto track = web.works.find_track(work.track);
    // The rules may have changed since a file was attached: every file is checked again.
    for (const auto& f : work.content.files) {
        require_no_violations(check_file(track->rules.files, f.facts, work.content.form_values));
    }
    return web.works.submit(work.id, route_of(web, work), ctx);
}

Work withdraw_work(WebContext& web, const CurrentUser& user, std::int64_t id,
                   const AuditContext& ctx) {
    const Work work = owned_work(web, user, id);
    return web.works.withdraw(work.id, route_of(web, work), ctx);
}

Work require_decider(WebContext& web, const CurrentUser& user, std::int64_t id) {
    Work work = visible_work(web, user, id);
    if (!may_decide_at(user.actor, user.unit))
        throw_forbidden("只有本单位的管理员可以审核推荐作品");
    return work;
}

Work decide(WebContext& web, const CurrentUser& user, std::int64_t id, Decision decision,
            const std::string& reason, const AuditContext& ctx) {
    const Work work = require_decider(web, user, id);
    const auto route = route_of(web, work);
    const auto* level = setting_for(route.settings, chain_level_of(user.unit.kind));
    if (!level) throw_conflict("本单位所在层级不参与该子项目的推荐");
    store::DecisionRequest request;
    request.work = work.id;
    request.at = user.unit;
    request.decision = decision;
    request.reason = std::string(trim(reason));
    if (auto next = next_in_chain(route.chain, user.unit.id)) request.next = next->id;
    request.level = *level;
    request.by = user.user.id;
    request.now = now_utc();
    return web.works.decide(request, ctx);
}

std::vector<QueueItem> review_queue(WebContext& web, const CurrentUser& user,
                                    const Campaign& campaign) {
    if (!user.user.roles.has(Role::unit_admin)) throw_forbidden("只有单位管理员可以审核推荐作品");
    std::map<std::int64_t, Track> tracks;
    for (auto& t : web.works.tracks(campaign.id)) tracks[t.id.value] = t;
    std::vector<QueueItem> out;
    for (auto& work : web.works.works_at(user.unit.id, campaign.id)) {
        QueueItem item;
        item.track = tracks[work.track.value];
        item.actionable = work.state == WorkState::pending && work.position == user.unit.id;
        item.unit_name = unit_by_id(web, work.unit).name;
        item.path = recommending_path(web, work);
        item.duplicates = duplicates_of(web, work);
        item.work = std::move(work);
        out.push_back(std::move(item));
    }
    return out;
}

Unit counted_unit(WebContext& web, const CurrentUser& user, const std::string& unit_code) {
    Unit unit = user.unit;
    if (!unit_code.empty()) {
        auto found = web.store.find_unit_by_code(unit_code);
        if (!found) throw_not_found("单位“" + unit_code + "”不存在");
        unit = *found;
    }
    if (!may_view_work_counts(user.actor, unit)) throw_forbidden("您只能查看本单位及下级单位的作品统计");
    return unit;
}

std::vector<TrackCounts> work_counts(WebContext& web, const CurrentUser& user,
                                     const Campaign& campaign, const std::string& unit_code) {
    const Unit unit = counted_unit(web, user, unit_code);
    std::vector<TrackCounts> out;
    for (auto& track : web.works.tracks(campaign.id)) {
        TrackCounts c;
        c.track = track;
        c.recommended_here = web.works.recommended_count(unit.id, track.id);
        const auto levels = web.works.levels(track.id);
        if (auto* l = setting_for(levels, chain_level_of(unit.kind))) c.level = *l;
        out.push_back(std::move(c));
    }
    for (const auto& count : web.works.counts_in_subtree(campaign.id, unit.path)) {
        for (auto& c : out) {
            if (c.track.id == count.track) c.by_state[count.state] += count.count;
        }
    }
    return out;
}

}  // namespace wangju::web::works
