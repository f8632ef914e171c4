#include "web/announcements/announcement_service.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/judging_permission.h"
#include "domain/text.h"
#include "web/judging/judging_service.h"
#include "web/mailbox/letter_files.h"
#include "web/votes/vote_service.h"

namespace wangju::web::announcements {
namespace {

AnnouncementKind kind_of(const NoticeForm& form, AnnouncementKind expected) {
    const auto kind = parse_announcement_kind(form.kind);
    if (!kind) {
        throw_invalid("请选择公示类型",
                      {{"kind", "应为 shortlist(入围名单)或 winners(拟获奖名单)"}});
    }
    if (*kind != expected) {
        const std::string why = expected == AnnouncementKind::winners
                                    ? "评审只公示拟获奖名单(winners);入围名单请从网络投票公示"
                                    : "网络投票只公示入围名单(shortlist);拟获奖名单请从评审公示";
        throw_invalid(why, {{"kind", why}});
    }
    return *kind;
}

// The notice's period and texts, checked against today and the calendar.
Announcement notice_from(WebContext& web, const NoticeForm& form, AnnouncementKind kind,
                         CampaignId campaign, const std::string& default_title) {
    const auto starts = parse_date(std::string(trim(form.starts)));
    if (!starts) throw_invalid("请填写公示开始日期", {{"starts", "应为日期,如 2023-07-03"}});
    const std::string contact(trim(form.contact));
    const std::string title(trim(form.title));
    const Timestamp now = now_utc();
    const auto period = check_notice_period(*starts, form.working_days, contact, title,
                                            shanghai_date(now), web.announcements.calendar());
    Announcement a;
    a.campaign = campaign;
    a.kind = kind;
    a.title = title.empty() ? default_title : title;
    a.first_day = period.first_day;
    a.last_day = period.last_day;
    a.working_days = form.working_days;
    a.contact = contact;
    a.created_at = now;
    return a;
}

AnnouncementEntry entry_of(WebContext& web, WorkId id, const std::string& tier) {
    auto work = web.works.find_work(id);
    if (!work) throw_not_found("作品不存在");
    auto unit = web.store.find_unit(work->unit);
    auto track = web.works.find_track(work->track);
    return {id,
            0,
            work->content.title,
            unit ? unit->name : "",
            track ? track->name : "",
            tier,
            EntryOutcome::listed};
}

}  // namespace

std::int64_t id_from_text(const std::string& text, const char* what) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        throw_not_found(fmt::format("{}不存在", what));
    }
    return id;
}

Announcement load_announcement(WebContext& web, const std::string& id_text) {
    auto a = web.announcements.find(AnnouncementId{id_from_text(id_text, "公示")});
    if (!a) throw_not_found("公示不存在");
    return *a;
}

void require_judging_notice_right(WebContext& web, const CurrentUser& user, JudgingId judging) {
    judging::administered_judging(web, user, judging);
}

void require_vote_notice_right(const CurrentUser& user) {
    votes::require_organiser(user);
}

Announcement open_for_judging(WebContext& web, const CurrentUser& user, JudgingId id,
                              const NoticeForm& form, const AuditContext& ctx) {
    const Judging judging = judging::administered_judging(web, user, id);
    const auto kind = kind_of(form, AnnouncementKind::winners);
    const auto status = web.judgings.awards_status(id);
    if (status.state != store::AwardsState::confirmed) {
        throw_conflict(status.state == store::AwardsState::draft
                           ? "请先确认获奖名单,再公示拟获奖名单"
                           : "获奖名单已发布,不能再公示");
    }
    const Track track = judging::judging_track(web, judging);
    Announcement a =
        notice_from(web, form, kind, judging.campaign, track.name + "拟获奖作品名单公示");
    a.judging = id;
    for (const auto& award : web.judgings.awards(id)) {
        a.entries.push_back(entry_of(web, award.work, award.tier));
    }
    return web.announcements.open(a, ctx);
}

Announcement open_for_vote(WebContext& web, const CurrentUser& user, PublicVoteId id,
                           const NoticeForm& form, const AuditContext& ctx) {
    votes::require_organiser(user);
    const PublicVote vote = votes::load_vote(web, std::to_string(id.value));
    const auto kind = kind_of(form, AnnouncementKind::shortlist);
    Announcement a = notice_from(web, form, kind, vote.campaign, vote.name + "入围作品名单公示");
    if (ends_at(a) > vote.starts_at) {
        const std::string why =
            fmt::format("公示期({} 结束)须在投票开始({})前结束", format_date(a.last_day),
                        format_shanghai(vote.starts_at));
        throw_invalid(why, {{"starts", why}});
    }
    a.vote = id;
    for (auto work : web.public_votes.works(id)) a.entries.push_back(entry_of(web, work, ""));
    if (a.entries.empty()) throw_conflict("该投票还没有作品,无可公示");
    return web.announcements.open(a, ctx);
}

bool may_answer(WebContext& web, const CurrentUser& user, const Announcement& announcement) {
    if (announcement.judging) {
        auto judging = web.judgings.find_judging(*announcement.judging);
        return judging && may_run_judging(user.actor, judging::judging_unit(web, *judging));
    }
    return user.user.roles.has(Role::sysadmin);
}

void require_answerer(WebContext& web, const CurrentUser& user, const Announcement& announcement) {
    if (!may_answer(web, user, announcement)) {
        throw_forbidden("只有组织评审或投票的管理员可以处理本公示的异议");
    }
}

Objection submit_objection(WebContext& web, const http::Request& request,
                           const Announcement& announcement, NewObjection objection,
                           const std::string& altcha, const std::vector<UploadedFile>& files) {
    const Timestamp now = now_utc();
    require_taking_objections(announcement, now);
    std::map<std::string, std::string> file_errors;
    if (files.size() > 1) file_errors["attachment"] = "只能上传一个附件";
    check_letter_files(files, file_errors);
    if (!file_errors.empty()) {
        throw_invalid("附件不符合要求", {{"attachment", file_errors.begin()->second}});
    }
    check_new_objection(objection, announcement);
    const auto proof = verify_altcha(web.altcha, altcha, now);
    int retry = 0;
    if (!web.objections_by_address.would_allow(request.client_address, &retry)) {
        throw Error(ErrorKind::too_many_requests, "提交过于频繁,请稍后再试")
            .with_retry_after(retry);
    }
    Objection o;
    o.announcement = announcement.id;
    o.work = WorkId{objection.work_id};
    o.reason = objection.reason;
    o.name = objection.name;
    o.phone = objection.phone;
    o.submitted_at = now;
    const auto saved = save_letter_files(objection_files_dir(web), files);
    if (!saved.empty()) {
        o.attachment_name = saved.front().filename;
        o.attachment_type = saved.front().content_type;
        o.attachment_bytes = saved.front().size_bytes;
        o.attachment_stored = saved.front().stored_name;
    }
    try {
        auto stored = web.announcements.add_objection(o, proof.spent_key, proof.expires_at,
                                                      audit_context(request, std::nullopt));
        web.objections_by_address.allow(request.client_address);
        return stored;
    } catch (...) {
        remove_letter_files(objection_files_dir(web), saved);
        throw;
    }
}

Objection objection_by_code(WebContext& web, const http::Request& request,
                            const std::string& code) {
    int retry = 0;
    if (!web.objection_lookups_by_address.would_allow(request.client_address, &retry)) {
        throw Error(ErrorKind::too_many_requests, "查询过于频繁,请稍后再试")
            .with_retry_after(retry);
    }
    std::string normal(trim(code));
    for (auto& c : normal) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::optional<Objection> found;
    if (looks_like_objection_code(normal)) found = web.announcements.find_objection_by_code(normal);
    if (!found) {
        web.objection_lookups_by_address.allow(request.client_address);
        throw_not_found("查询码不正确,请核对后再试");
    }
    return *found;
}

void require_objection_answerer(WebContext& web, const CurrentUser& user, ObjectionId id) {
    auto objection = web.announcements.find_objection(id);
    if (!objection) throw_not_found("异议不存在");
    require_answerer(web, user, *web.announcements.find(objection->announcement));
}

Objection answer_objection(WebContext& web, const CurrentUser& user, ObjectionId id,
                           const AnswerForm& form, const AuditContext& ctx) {
    auto objection = web.announcements.find_objection(id);
    if (!objection) throw_not_found("异议不存在");
    const Announcement a = *web.announcements.find(objection->announcement);
    require_answerer(web, user, a);
    std::optional<ObjectionAnswer> answer;
    if (form.answer == "upheld") answer = ObjectionAnswer::upheld;
    if (form.answer == "dismissed") answer = ObjectionAnswer::dismissed;
    if (!answer) throw_invalid("请选择异议是否成立", {{"upheld", "请选择异议是否成立"}});
    std::optional<EntryOutcome> outcome;
    if (*answer == ObjectionAnswer::upheld) {
        outcome = parse_entry_outcome(form.outcome.empty() ? "withdrawn" : form.outcome);
    }
    const std::string reason(trim(form.reason));
    check_answer(a, *objection, *answer, outcome, reason);
    return web.announcements.answer(id, *answer, outcome, reason, user.user.id, now_utc(), ctx);
}

Announcement close_announcement(WebContext& web, const CurrentUser& user, AnnouncementId id,
                                const AuditContext& ctx) {
    auto a = web.announcements.find(id);
    if (!a) throw_not_found("公示不存在");
    require_answerer(web, user, *a);
    const Timestamp now = now_utc();
    require_closable(*a, web.announcements.objections(id), now);
    auto closed = web.announcements.close(id, now, user.user.id, ctx);
    if (closed.vote) web.vote_taker.cache().forget_vote(*closed.vote);
    return closed;
}

std::filesystem::path objection_files_dir(const WebContext& web) {
    return web.config.data_dir / "objections";
}

}  // namespace wangju::web::announcements
