// The access matrix: every route of the router, tried by every role and relation to a unit (a
// visitor, a worker, the admins of the unit, of its sibling, of its parent and of its child, a
// judge, an editor, an approver, a system admin and a voter) on an object of the unit's own
// subtree and on one of another subtree. What each answer must be comes from one table, kAccess:
// per route, the rule that says who may. A route the table does not name fails the test.
//
// An allowed request may be answered 2xx, 3xx or a 4xx that is not a refusal (400 for the
// harmless body it is sent, 409 for a state that does not allow it); a refused one must be 401,
// 403, 404 or 429 (or a page's redirect to the login form), whatever its body. A refused role
// answered 2xx or 3xx, or an answer that names a private object its reader may not see (a work,
// a draft, a letter, a unit's notice), is a leak; a refused role answered 400 or 409 is a late
// refusal (the route read its body or the object's state before it asked who may, and so told
// that the object exists), a failure as well. The test prints how many requests each role made.
//
// The reads go first, then the writes, then what takes objects away, then what ends sessions;
// on each route the roles to refuse go before those to allow.
#include <algorithm>
#include <regex>
#include <set>

#include "domain/altcha.h"
#include "domain/password.h"
#include "domain/secret.h"
#include "store/rows.h"
#include "support/media_samples.h"
#include "support/multipart.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

// The unit tree by code: each unit's materialised path, for "at or above".
struct Tree {
    std::map<std::string, std::string> paths;

    // `upper` is `unit` or one of its ancestors.
    bool at_or_above(const std::string& upper, const std::string& unit) const {
        const auto u = paths.find(unit), p = paths.find(upper);
        return u != paths.end() && p != paths.end() && u->second.starts_with(p->second);
    }
};

enum class Who {
    visitor,
    worker,
    unit_admin,
    sibling_admin,
    parent_admin,
    child_admin,
    judge,
    editor,
    approver,
    sysadmin,
    voter,
};

struct Actor {
    Who who;
    std::string name;      // as the report names it
    std::string username;  // empty for the visitor and the voter
    std::string unit;
};

const std::vector<Actor> kActors = {
    {Who::visitor, "visitor", "", ""},
    {Who::worker, "worker of the unit", "worker_zhang", "teda_qiche"},
    {Who::unit_admin, "admin of the unit", "teda_admin", "bh_teda"},
    {Who::sibling_admin, "admin of the sibling", "xinhe_admin", "bh_xinhe"},
    {Who::parent_admin, "admin of the parent", "binhai_admin", "binhai"},
    {Who::child_admin, "admin of the child", "qiche_admin", "teda_qiche"},
    {Who::judge, "judge", "judge_chen", "tianjin"},
    {Who::editor, "editor", "binhai_editor", "binhai"},
    {Who::approver, "approver", "binhai_approver", "binhai"},
    {Who::sysadmin, "system admin", "sysadmin", "acftu"},
    {Who::voter, "voter", "", ""},
};

bool is_admin(const Actor& a) {
    return a.who == Who::unit_admin || a.who == Who::sibling_admin || a.who == Who::parent_admin ||
           a.who == Who::child_admin;
}

// What a path parameter names: its value, the unit it belongs to and its owner's username.
struct Object {
    std::string id;
    std::string unit;
    std::string owner;
};

// Who may call a route, in terms of the object its path (or its ?unit=) names.
enum class Rule {
    anyone,                // every actor, visitors included
    signed_in,             // any staff account (not a visitor, not a voter)
    voter,                 // a voter's session
    nobody,                // nobody: the object belongs to someone else
    sysadmin,              // system admins only
    campaign_manager,      // a system admin, or an admin of a district or higher
    any_admin,             // any unit admin or system admin, on their own unit
    unit_admin,            // any unit admin, on their own unit; system admins not
    submitter,             // a worker, or a unit admin (for their unit or one below it)
    staff_but_sysadmin,    // any staff account but a system admin's (who must keep two factors)
    credentials_only,      // answers only to credentials in the body: refused to all without
    unit_relative,         // a user of the unit, of a unit above or below it
    admin_above,           // an admin of the object's unit or of a unit above it; system admins
    admin_strictly_above,  // an admin of a unit strictly above the object's unit; system admins
    admin_of,              // an admin of the object's unit itself; system admins
    admin_of_unit,         // an admin of the object's unit itself, system admins not
    owner,                 // the object's owner
    owner_or_admin_above,  // the owner, or as admin_above
    work_reader,           // the owner; an admin of the unit the work stands at; system admins
    judge,                 // any judge
    assigned_judge,        // the judge the assignment is assigned to
    desk,                  // an editor or approver at or above the article's unit; system admins
    editor,                // an editor at or above the article's unit; system admins
    approver,              // an approver at or above the article's unit; system admins
};

bool allowed(Rule rule, const Actor& a, const Object& o, const Tree& tree) {
    const auto at_or_above = [&](const std::string& upper, const std::string& unit) {
        return tree.at_or_above(upper, unit);
    };
    const bool staff = a.who != Who::visitor && a.who != Who::voter;
    const bool sys = a.who == Who::sysadmin;
    switch (rule) {
        case Rule::anyone:
            return true;
        case Rule::signed_in:
            return staff;
        case Rule::voter:
            return a.who == Who::voter;
        case Rule::nobody:
            return false;
        case Rule::sysadmin:
            return sys;
        case Rule::campaign_manager:
            return sys || a.who == Who::parent_admin;
        case Rule::unit_admin:
            return is_admin(a);
        case Rule::submitter:
            return a.who == Who::worker || is_admin(a);
        case Rule::staff_but_sysadmin:
            return staff && !sys;
        case Rule::credentials_only:
            return false;
        case Rule::any_admin:
            return sys || is_admin(a);
        case Rule::unit_relative:
            return staff && (at_or_above(a.unit, o.unit) || at_or_above(o.unit, a.unit));
        case Rule::admin_above:
            return sys || (is_admin(a) && at_or_above(a.unit, o.unit));
        case Rule::admin_strictly_above:
            return sys || (is_admin(a) && a.unit != o.unit && at_or_above(a.unit, o.unit));
        case Rule::admin_of:
            return sys || (is_admin(a) && a.unit == o.unit);
        case Rule::admin_of_unit:
            return is_admin(a) && a.unit == o.unit;
        case Rule::work_reader:
            return (!a.username.empty() && a.username == o.owner) || sys ||
                   (is_admin(a) && a.unit == o.unit);
        case Rule::owner:
            return !a.username.empty() && a.username == o.owner;
        case Rule::owner_or_admin_above:
            return (!a.username.empty() && a.username == o.owner) || sys ||
                   (is_admin(a) && at_or_above(a.unit, o.unit));
        case Rule::judge:
            return a.who == Who::judge;
        case Rule::assigned_judge:
            return a.who == Who::judge && a.username == o.owner;
        case Rule::desk:
            return sys || ((a.who == Who::editor || a.who == Who::approver) &&
                           at_or_above(a.unit, o.unit));
        case Rule::editor:
            return sys || (a.who == Who::editor && at_or_above(a.unit, o.unit));
        case Rule::approver:
            return sys || (a.who == Who::approver && at_or_above(a.unit, o.unit));
    }
    return false;
}

// THE table: every route of the program and who may call it.
const std::map<std::string, Rule> kAccess = {
    // Health and metrics.
    {"GET /healthz", Rule::anyone},
    {"GET /readyz", Rule::anyone},
    {"GET /metrics", Rule::anyone},
    // Sessions and one's own account.
    {"POST /api/v1/session", Rule::anyone},
    {"DELETE /api/v1/session", Rule::anyone},
    {"GET /api/v1/me", Rule::signed_in},
    {"POST /api/v1/me/password", Rule::signed_in},
    {"POST /api/v1/me/totp", Rule::signed_in},
    {"POST /api/v1/me/totp/confirm", Rule::signed_in},
    {"DELETE /api/v1/me/totp", Rule::signed_in},
    {"GET /api/v1/me/sessions", Rule::signed_in},
    {"DELETE /api/v1/me/sessions/{id}", Rule::nobody},
    {"GET /login", Rule::anyone},
    {"POST /login", Rule::anyone},
    {"POST /logout", Rule::anyone},
    {"GET /account", Rule::signed_in},
    {"POST /account/password", Rule::signed_in},
    {"POST /account/totp/begin", Rule::signed_in},
    {"POST /account/totp/confirm", Rule::signed_in},
    {"POST /account/totp/disable", Rule::staff_but_sysadmin},
    {"POST /account/sessions/{id}/end", Rule::nobody},
    {"POST /account/email", Rule::signed_in},
    // Units and users.
    {"GET /api/v1/units/{code}", Rule::unit_relative},
    {"POST /api/v1/units", Rule::any_admin},
    {"PATCH /api/v1/units/{code}", Rule::admin_above},
    {"POST /api/v1/units/{code}/move", Rule::admin_strictly_above},
    {"POST /api/v1/units/{code}/close", Rule::admin_strictly_above},
    {"POST /api/v1/units/import", Rule::any_admin},
    {"GET /api/v1/units/{code}/users", Rule::admin_above},
    {"POST /api/v1/users", Rule::any_admin},
    {"PATCH /api/v1/users/{username}", Rule::admin_above},
    {"POST /api/v1/users/{username}/password-reset", Rule::admin_above},
    {"GET /admin", Rule::any_admin},
    {"GET /admin/units/{code}", Rule::unit_relative},
    {"POST /admin/units/{code}/children", Rule::admin_above},
    {"POST /admin/units/{code}/rename", Rule::admin_above},
    {"POST /admin/units/{code}/move", Rule::admin_strictly_above},
    {"POST /admin/units/{code}/close", Rule::admin_strictly_above},
    {"POST /admin/units/{code}/import", Rule::admin_above},
    {"POST /admin/units/{code}/users", Rule::admin_above},
    {"POST /admin/users/{username}/password-reset", Rule::admin_above},
    {"POST /admin/users/{username}/disabled", Rule::admin_above},
    {"POST /admin/users/{username}/roles", Rule::admin_above},
    {"POST /admin/users/{username}/email", Rule::admin_above},
    // Portal.
    {"GET /", Rule::anyone},
    {"GET /prefs/text-size", Rule::anyone},
    {"GET /notices", Rule::anyone},
    {"GET /news", Rule::anyone},
    {"GET /columns/{slug}", Rule::anyone},
    {"GET /popular", Rule::anyone},
    {"GET /search", Rule::anyone},
    {"GET /articles/{id}", Rule::desk},
    {"GET /attachments/{id}", Rule::desk},
    {"GET /feeds/{file}", Rule::anyone},
    {"GET /sitemap.xml", Rule::anyone},
    {"GET /api/v1/articles", Rule::anyone},
    {"POST /api/v1/articles", Rule::editor},
    {"GET /api/v1/articles/{id}", Rule::desk},
    {"PATCH /api/v1/articles/{id}", Rule::editor},
    {"GET /api/v1/articles/{id}/versions", Rule::desk},
    {"POST /api/v1/articles/{id}/attachments", Rule::editor},
    {"POST /api/v1/articles/{id}/{action}", Rule::approver},
    {"DELETE /api/v1/attachments/{id}", Rule::editor},
    {"GET /api/v1/columns", Rule::anyone},
    {"POST /api/v1/columns", Rule::any_admin},
    {"GET /api/v1/search", Rule::anyone},
    {"GET /desk", Rule::anyone},
    {"GET /desk/articles", Rule::desk},
    {"GET /desk/queue", Rule::desk},
    {"GET /desk/articles/new", Rule::desk},
    {"POST /desk/articles", Rule::editor},
    {"GET /desk/articles/{id}", Rule::desk},
    {"GET /desk/articles/{id}/edit", Rule::desk},
    {"POST /desk/articles/{id}/edit", Rule::editor},
    {"GET /desk/articles/{id}/history", Rule::desk},
    {"POST /desk/articles/{id}/attachments", Rule::editor},
    {"POST /desk/articles/{id}/attachments/{attachment}/remove", Rule::editor},
    {"POST /desk/articles/{id}/{action}", Rule::approver},
    {"GET /admin/columns", Rule::any_admin},
    {"POST /admin/columns", Rule::any_admin},
    // Chairman's mailbox.
    {"POST /api/v1/letters", Rule::anyone},
    {"GET /api/v1/letters", Rule::signed_in},
    {"GET /api/v1/letters/{code}", Rule::admin_above},
    {"GET /api/v1/letters/{code}/attachments/{n}", Rule::admin_above},
    {"POST /api/v1/letters/{code}/{action}", Rule::admin_above},
    {"GET /mailbox", Rule::anyone},
    {"POST /mailbox", Rule::anyone},
    {"GET /mailbox/track", Rule::anyone},
    {"POST /mailbox/track", Rule::credentials_only},
    {"POST /mailbox/rate", Rule::credentials_only},
    {"POST /mailbox/attachment", Rule::credentials_only},
    {"GET /mailbox/published", Rule::anyone},
    {"GET /admin/letters", Rule::signed_in},
    {"GET /admin/letters/{code}", Rule::admin_above},
    {"GET /admin/letters/{code}/attachments/{n}", Rule::admin_above},
    {"POST /admin/letters/{code}/{action}", Rule::admin_above},
    // Campaigns: figures, reports, quotas, news, inbox.
    {"GET /api/v1/campaigns", Rule::signed_in},
    {"GET /api/v1/campaigns/{id}", Rule::signed_in},
    {"GET /api/v1/campaigns/{id}/dashboard", Rule::admin_above},
    {"GET /api/v1/campaigns/{id}/reports", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/reports", Rule::admin_above},
    {"GET /api/v1/campaigns/{id}/reports/{report}", Rule::admin_above},
    {"PUT /api/v1/campaigns/{id}/reports/{report}", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/reports/{report}/submit", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/reports/{report}/{decision}", Rule::admin_strictly_above},
    {"POST /api/v1/campaigns/{id}/quotas", Rule::admin_strictly_above},
    // Names no unit (each row of the table names its own, checked on its own).
    {"POST /api/v1/campaigns/{id}/quotas/import", Rule::any_admin},
    {"POST /api/v1/campaigns/{id}/deadlines", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/extensions", Rule::admin_strictly_above},
    {"GET /api/v1/campaigns/{id}/news", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/news", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/news/{news}/accept", Rule::admin_strictly_above},
    {"POST /api/v1/campaigns/{id}/news/{news}/publish", Rule::approver},
    {"POST /api/v1/campaigns/{id}/reminders", Rule::admin_above},
    {"GET /api/v1/campaigns/{id}/tables/{file}", Rule::admin_above},
    {"GET /api/v1/inbox", Rule::signed_in},
    {"POST /api/v1/campaigns", Rule::campaign_manager},
    {"PUT /api/v1/campaigns/{id}/phases", Rule::campaign_manager},
    {"POST /api/v1/campaigns/{id}/metrics", Rule::campaign_manager},
    {"PATCH /api/v1/campaigns/{id}/metrics/{metric}", Rule::campaign_manager},
    {"GET /campaigns", Rule::signed_in},
    {"GET /campaigns/{id}", Rule::signed_in},
    {"POST /campaigns/{id}/deadlines", Rule::any_admin},
    {"POST /campaigns/{id}/extensions", Rule::admin_strictly_above},
    {"GET /campaigns/{id}/dashboard", Rule::admin_above},
    {"POST /campaigns/{id}/reminders", Rule::admin_above},
    {"GET /inbox", Rule::signed_in},
    {"POST /inbox/{notice}/read", Rule::admin_of_unit},
    {"GET /campaigns/{id}/quotas", Rule::admin_above},
    // The page of a unit sets the quotas of its children: each cell is checked on its own.
    {"POST /campaigns/{id}/quotas", Rule::admin_above},
    {"POST /campaigns/{id}/quotas/import", Rule::admin_above},
    {"GET /campaigns/{id}/reports", Rule::admin_above},
    {"POST /campaigns/{id}/reports", Rule::admin_above},
    {"GET /campaigns/{id}/reports/new", Rule::any_admin},
    {"GET /campaigns/{id}/reports/{report}", Rule::admin_above},
    {"POST /campaigns/{id}/reports/{report}", Rule::admin_above},
    {"GET /campaigns/{id}/reports/{report}/edit", Rule::admin_above},
    {"POST /campaigns/{id}/reports/{report}/submit", Rule::admin_above},
    {"POST /campaigns/{id}/reports/{report}/decision", Rule::admin_strictly_above},
    {"GET /campaigns/{id}/news", Rule::admin_above},
    {"POST /campaigns/{id}/news", Rule::admin_above},
    {"POST /campaigns/{id}/news/{news}/accept", Rule::admin_strictly_above},
    {"GET /campaigns/new", Rule::campaign_manager},
    {"POST /campaigns", Rule::campaign_manager},
    {"GET /campaigns/{id}/settings", Rule::campaign_manager},
    {"POST /campaigns/{id}/settings/phases", Rule::campaign_manager},
    {"POST /campaigns/{id}/settings/metrics", Rule::campaign_manager},
    {"POST /campaigns/{id}/settings/metrics/{metric}", Rule::campaign_manager},
    {"POST /campaigns/{id}/settings/metrics/{metric}/retire", Rule::campaign_manager},
    // Organisation awards.
    {"GET /api/v1/campaigns/{id}/organisation-awards", Rule::admin_above},
    {"PUT /api/v1/campaigns/{id}/organisation-awards", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/organisation-awards/moves", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/organisation-awards/confirm", Rule::admin_above},
    {"POST /api/v1/campaigns/{id}/organisation-awards/unconfirm", Rule::admin_above},
    {"GET /campaigns/{id}/organisation-awards", Rule::admin_above},
    {"POST /campaigns/{id}/organisation-awards/formula", Rule::admin_above},
    {"POST /campaigns/{id}/organisation-awards/moves", Rule::admin_above},
    {"POST /campaigns/{id}/organisation-awards/confirm", Rule::admin_above},
    {"POST /campaigns/{id}/organisation-awards/unconfirm", Rule::admin_above},
    // The awarded unit's admins and those above it, and the admins of the list's unit (Binhai).
    {"GET /api/v1/organisation-awards/{list}/units/{code}/certificate.pdf", Rule::admin_above},
    // Uploads and blobs.
    {"OPTIONS /api/v1/uploads", Rule::anyone},
    {"POST /api/v1/uploads", Rule::signed_in},
    {"HEAD /api/v1/uploads/{id}", Rule::owner},
    {"GET /api/v1/uploads/{id}", Rule::owner},
    {"PATCH /api/v1/uploads/{id}", Rule::owner},
    {"DELETE /api/v1/uploads/{id}", Rule::owner},
    {"GET /api/v1/blobs/{sha256}", Rule::owner},
    {"GET /api/v1/blobs/{sha256}/preview", Rule::owner},
    // Tracks and works.
    {"GET /works", Rule::anyone},
    {"GET /campaigns/{id}/tracks", Rule::anyone},
    {"GET /campaigns/{id}/works", Rule::signed_in},
    {"GET /campaigns/{id}/works/new", Rule::signed_in},
    {"POST /campaigns/{id}/works", Rule::submitter},
    {"GET /works/{id}", Rule::work_reader},
    {"POST /works/{id}/edit", Rule::owner},
    {"POST /works/{id}/submit", Rule::owner},
    {"POST /works/{id}/withdraw", Rule::owner},
    {"POST /works/{id}/decision", Rule::admin_of_unit},
    {"GET /campaigns/{id}/review", Rule::unit_admin},
    {"GET /campaigns/{id}/tracks/{code}/edit", Rule::sysadmin},
    {"POST /campaigns/{id}/tracks/{code}/edit", Rule::sysadmin},
    {"POST /campaigns/{id}/tracks/{code}/levels", Rule::sysadmin},
    {"GET /api/v1/campaigns/{id}/tracks", Rule::anyone},
    {"PUT /api/v1/campaigns/{id}/tracks/{code}", Rule::sysadmin},
    {"PUT /api/v1/campaigns/{id}/tracks/{code}/levels/{level}", Rule::sysadmin},
    {"POST /api/v1/campaigns/{id}/works", Rule::submitter},
    {"GET /api/v1/campaigns/{id}/works/mine", Rule::signed_in},
    {"GET /api/v1/campaigns/{id}/review", Rule::unit_admin},
    {"GET /api/v1/campaigns/{id}/works/counts", Rule::admin_above},
    {"GET /api/v1/works/{id}", Rule::work_reader},
    {"PATCH /api/v1/works/{id}", Rule::owner},
    {"POST /api/v1/works/{id}/submit", Rule::owner},
    {"POST /api/v1/works/{id}/withdraw", Rule::owner},
    {"POST /api/v1/works/{id}/decision", Rule::admin_of_unit},
    {"GET /api/v1/works/{id}/versions", Rule::work_reader},
    {"POST /api/v1/works/{id}/files", Rule::owner},
    {"DELETE /api/v1/works/{id}/files/{index}", Rule::owner},
    {"POST /works/{id}/files/remove", Rule::owner},
    {"GET /api/v1/campaigns/{id}/recommended.zip", Rule::admin_of_unit},
    {"GET /api/v1/campaigns/{id}/tables/tracks.xlsx", Rule::admin_above},
    {"GET /api/v1/campaigns/{id}/tables/tracks.csv", Rule::admin_above},
    // Judging.
    {"GET /api/v1/campaigns/{id}/judging", Rule::any_admin},
    {"POST /api/v1/campaigns/{id}/judging", Rule::any_admin},
    {"GET /api/v1/judging/{id}", Rule::admin_of},
    {"PATCH /api/v1/judging/{id}", Rule::admin_of},
    {"GET /api/v1/judging/{id}/rounds", Rule::admin_of},
    {"POST /api/v1/judging/{id}/rounds", Rule::admin_of},
    {"POST /api/v1/judging/{id}/conflicts", Rule::admin_of},
    {"GET /api/v1/judging/{id}/awards", Rule::admin_of},
    {"PUT /api/v1/judging/{id}/awards", Rule::admin_of},
    {"POST /api/v1/judging/{id}/awards/publish", Rule::admin_of},
    {"GET /api/v1/judging/{id}/results.xlsx", Rule::admin_of},
    {"GET /api/v1/judging/{id}/results.csv", Rule::admin_of},
    {"POST /api/v1/judging/{id}/announcements", Rule::admin_of},
    {"GET /api/v1/rounds/{id}", Rule::admin_of},
    {"PATCH /api/v1/rounds/{id}", Rule::admin_of},
    {"POST /api/v1/rounds/{id}/assign", Rule::admin_of},
    {"GET /api/v1/rounds/{id}/assignments", Rule::admin_of},
    {"GET /api/v1/rounds/{id}/progress", Rule::admin_of},
    {"POST /api/v1/rounds/{id}/remind", Rule::admin_of},
    {"GET /api/v1/rounds/{id}/results", Rule::admin_of},
    {"POST /api/v1/rounds/{id}/recommend", Rule::admin_of},
    {"GET /api/v1/rounds/{id}/notary-record.pdf", Rule::admin_of},
    {"GET /api/v1/me/assignments", Rule::judge},
    {"GET /api/v1/assignments/{id}", Rule::assigned_judge},
    {"PUT /api/v1/assignments/{id}/score", Rule::assigned_judge},
    {"POST /api/v1/assignments/{id}/conflict", Rule::assigned_judge},
    {"POST /api/v1/assignments/{id}/move", Rule::sysadmin},
    {"GET /campaigns/{id}/judging", Rule::any_admin},
    {"POST /campaigns/{id}/judging", Rule::any_admin},
    {"GET /judging/{id}", Rule::admin_of},
    {"POST /judging/{id}/settings", Rule::admin_of},
    {"POST /judging/{id}/rounds", Rule::admin_of},
    {"POST /judging/{id}/conflicts", Rule::admin_of},
    {"GET /judging/{id}/awards", Rule::admin_of},
    {"POST /judging/{id}/awards/move", Rule::admin_of},
    {"POST /judging/{id}/awards/confirm", Rule::admin_of},
    {"POST /judging/{id}/awards/publish", Rule::admin_of},
    {"POST /judging/{id}/announcements", Rule::admin_of},
    {"GET /rounds/{id}", Rule::admin_of},
    {"POST /rounds/{id}/settings", Rule::admin_of},
    {"POST /rounds/{id}/panel", Rule::admin_of},
    {"POST /rounds/{id}/state", Rule::admin_of},
    {"POST /rounds/{id}/assign", Rule::admin_of},
    {"POST /rounds/{id}/move", Rule::admin_of},
    {"POST /rounds/{id}/remind", Rule::admin_of},
    {"POST /rounds/{id}/recommend", Rule::admin_of},
    {"GET /judge", Rule::judge},
    {"GET /judge/assignments/{id}", Rule::assigned_judge},
    {"POST /judge/assignments/{id}/score", Rule::assigned_judge},
    {"POST /judge/assignments/{id}/conflict", Rule::assigned_judge},
    // Public votes.
    {"GET /api/v1/campaigns/{id}/public-votes", Rule::anyone},
    {"POST /api/v1/campaigns/{id}/public-votes", Rule::sysadmin},
    {"GET /api/v1/public-votes/{id}", Rule::anyone},
    {"PATCH /api/v1/public-votes/{id}", Rule::sysadmin},
    {"GET /api/v1/public-votes/{id}/works", Rule::anyone},
    {"GET /api/v1/public-votes/{id}/results", Rule::anyone},
    {"GET /api/v1/public-votes/{id}/results.xlsx", Rule::sysadmin},
    {"GET /api/v1/public-votes/{id}/results.csv", Rule::sysadmin},
    {"GET /api/v1/public-votes/{id}/flags", Rule::sysadmin},
    {"POST /api/v1/public-votes/{id}/void", Rule::sysadmin},
    {"POST /api/v1/public-votes/{id}/restore", Rule::sysadmin},
    {"POST /api/v1/public-votes/{id}/votes", Rule::voter},
    {"POST /public-votes/{id}/vote", Rule::voter},
    {"POST /api/v1/public-votes/{id}/announcements", Rule::sysadmin},
    {"GET /api/v1/public-votes/{id}/notary-record.pdf", Rule::sysadmin},
    {"GET /api/v1/altcha/challenge", Rule::anyone},
    {"POST /api/v1/voters", Rule::anyone},
    {"GET /api/v1/voters", Rule::sysadmin},
    {"POST /api/v1/voters/session", Rule::credentials_only},
    {"DELETE /api/v1/voters/session", Rule::anyone},
    {"GET /public-votes", Rule::anyone},
    {"GET /public-votes/{id}", Rule::anyone},
    {"GET /public-votes/{id}/works/{work}", Rule::anyone},
    {"GET /public-votes/{id}/files/{sha256}", Rule::anyone},
    {"GET /public-votes/{id}/files/{sha256}/preview", Rule::anyone},
    {"GET /public-votes/{id}/files/{sha256}/thumbnails/{width}", Rule::anyone},
    {"POST /public-votes/{id}/announcements", Rule::sysadmin},
    {"GET /voters/signup", Rule::anyone},
    {"POST /voters/signup", Rule::anyone},
    {"POST /voters/logout", Rule::anyone},
    {"GET /campaigns/{id}/public-votes", Rule::sysadmin},
    {"POST /campaigns/{id}/public-votes", Rule::sysadmin},
    {"GET /admin/public-votes/{id}", Rule::sysadmin},
    {"POST /admin/public-votes/{id}", Rule::sysadmin},
    {"POST /admin/public-votes/{id}/void", Rule::sysadmin},
    {"POST /admin/public-votes/{id}/restore", Rule::sysadmin},
    // Public notices and objections.
    {"GET /api/v1/announcements", Rule::anyone},
    {"GET /api/v1/announcements/{id}", Rule::anyone},
    {"POST /api/v1/announcements/{id}/objections", Rule::anyone},
    {"GET /api/v1/announcements/{id}/objections", Rule::sysadmin},
    {"POST /api/v1/announcements/{id}/close", Rule::sysadmin},
    {"GET /api/v1/objections/{code}", Rule::anyone},
    {"POST /api/v1/objections/{id}/answer", Rule::sysadmin},
    {"GET /api/v1/calendar/{year}", Rule::anyone},
    {"PUT /api/v1/calendar/days/{date}", Rule::sysadmin},
    {"GET /announcements", Rule::anyone},
    {"GET /announcements/{id}", Rule::anyone},
    {"POST /announcements/{id}/objections", Rule::anyone},
    {"GET /announcements/{id}/objections", Rule::sysadmin},
    {"POST /announcements/{id}/close", Rule::sysadmin},
    {"GET /objections", Rule::anyone},
    {"POST /objections", Rule::credentials_only},
    {"POST /objections/{id}/answer", Rule::sysadmin},
    {"GET /objections/{id}/attachment", Rule::sysadmin},  // those who may answer it
    // Exhibition and certificates.
    {"GET /api/v1/campaigns/{id}/awards", Rule::anyone},
    {"GET /api/v1/campaigns/{id}/certificates.zip", Rule::admin_above},
    {"GET /api/v1/campaigns/{id}/certificate-layout", Rule::campaign_manager},
    {"PUT /api/v1/campaigns/{id}/certificate-layout", Rule::campaign_manager},
    {"GET /api/v1/awards/{id}/certificate.pdf", Rule::owner_or_admin_above},
    {"POST /api/v1/awards/{id}/certificate/reissue", Rule::sysadmin},
    {"GET /api/v1/certificates/{code}", Rule::anyone},
    {"GET /campaigns/{id}/exhibition", Rule::anyone},
    {"GET /exhibition/works/{id}", Rule::anyone},
    {"GET /exhibition/files/{sha256}", Rule::anyone},
    {"GET /exhibition/files/{sha256}/preview", Rule::anyone},
    {"GET /exhibition/files/{sha256}/thumbnails/{width}", Rule::anyone},
    {"GET /certificates", Rule::anyone},
    {"GET /certificates/{code}", Rule::anyone},
    {"GET /campaigns/{id}/certificates", Rule::signed_in},
    {"POST /campaigns/{id}/certificates/layout", Rule::campaign_manager},
    {"POST /campaigns/{id}/certificates/{award}/reissue", Rule::sysadmin},
    {"GET /api/v1/campaigns/{id}/year-in-review", Rule::anyone},
    {"GET /api/v1/campaigns/{id}/year-in-review.xlsx", Rule::anyone},
    {"GET /campaigns/{id}/year-in-review", Rule::anyone},
};

// Routes that take the object away for those after them, tried after the other writes: only the
// first allowed role to call one must not be refused (it removes what the others would meet).
const std::set<std::string> kTakesAway = {
    "POST /api/v1/units/{code}/close",
    "POST /admin/units/{code}/close",
    "POST /api/v1/units/{code}/move",
    "POST /admin/units/{code}/move",
    "POST /api/v1/works/{id}/withdraw",
    "POST /works/{id}/withdraw",
    "DELETE /api/v1/uploads/{id}",
    "DELETE /api/v1/attachments/{id}",
    "POST /desk/articles/{id}/attachments/{attachment}/remove",
};

// Routes that end the caller's session: tried last.
const std::set<std::string> kEndsSession = {
    "DELETE /api/v1/session",
    "POST /logout",
    "DELETE /api/v1/voters/session",
    "POST /voters/logout",
};

// The values of path parameters that name no object of the tree (an action, a format, a size).
const std::map<std::string, std::string> kFixedValues = {
    {"/api/v1/campaigns/{id}/reports/{report}/{decision}", "approve"},
    {"/api/v1/articles/{id}/{action}", "publish"},
    {"/desk/articles/{id}/{action}", "publish"},
    {"/api/v1/letters/{code}/{action}", "accept"},
    {"/admin/letters/{code}/{action}", "accept"},
    {"/api/v1/campaigns/{id}/tables/{file}", "quotas.csv"},
    {"/columns/{slug}", "notices"},
    {"/feeds/{file}", "notices.atom"},
    {"{width}", "320"},
    {"{year}", "2026"},
    {"{date}", "2026-10-08"},
    {"/api/v1/works/{id}/files/{index}", "1"},
    {"{index}", "0"},
    {"{n}", "1"},  // a letter's attachments are counted from 1
    {"{level}", "zone"},
};

// What some routes read from their query besides ?unit=.
const std::map<std::string, std::string> kQueries = {
    {"/campaigns/{id}/works/new", "&track=accounts"},
    {"/api/v1/search", "&q=%E5%B7%A5%E4%BC%9A"},
    {"/search", "&q=%E5%B7%A5%E4%BC%9A"},
};

// What some page forms need besides the unit to reach their permission check.
const std::map<std::string, std::string> kFormExtras = {
    {"/campaigns/{id}/works", "&track=accounts"},
    {"/works/{id}/files/remove", "&index=0"},
};

// What each kind of path parameter names, looked up by the pattern up to the parameter, then by
// the segment before it and the parameter, then by the parameter alone.
const std::map<std::string, std::string> kKinds = {
    {"campaigns/{id}", "campaign"},
    {"units/{code}", "unit"},
    {"users/{username}", "user"},
    {"works/{id}", "work"},
    {"/exhibition/works/{id}", "awarded_work"},
    {"works/{work}", "vote_work"},
    {"reports/{report}", "report"},
    {"news/{news}", "news"},
    {"metrics/{metric}", "metric"},
    {"tracks/{code}", "track"},
    {"judging/{id}", "judging"},
    {"rounds/{id}", "round"},
    {"assignments/{id}", "assignment"},
    {"public-votes/{id}", "public_vote"},
    {"announcements/{id}", "announcement"},
    {"objections/{code}", "objection_code"},
    {"objections/{id}", "objection"},
    {"articles/{id}", "article"},
    {"attachments/{id}", "attachment"},
    {"letters/{code}", "letter"},
    {"sessions/{id}", "session"},
    {"inbox/{notice}", "notice"},
    {"awards/{id}", "award"},
    {"certificates/{award}", "award"},
    {"attachments/{attachment}", "second_attachment"},
    {"certificates/{code}", "certificate"},
    {"organisation-awards/{list}", "organisation_award_list"},
    {"uploads/{id}", "upload"},
    {"blobs/{sha256}", "blob"},
    {"/exhibition/files/{sha256}", "exhibited_file"},
    {"/public-votes/{id}/files/{sha256}", "vote_file"},
};

// An object of the unit's own subtree and one of another; the same object twice for kinds that
// belong to no unit.
struct Pair {
    Object own, other;
};

struct Attempt {
    std::string target;
    Object object;  // what the rule is asked about: the last object of the path, else the unit
    bool own = true;
};

std::vector<std::string> segments(const std::string& pattern) {
    std::vector<std::string> out;
    std::size_t from = 1;
    while (from <= pattern.size()) {
        const auto slash = pattern.find('/', from);
        out.push_back(pattern.substr(from, slash == std::string::npos ? slash : slash - from));
        if (slash == std::string::npos) break;
        from = slash + 1;
    }
    return out;
}

std::string text_of(const Json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// A refusal: 401, 403, 404, 429, or a page's redirect to the login form.
bool refused(const HttpAnswer& answer) {
    if (answer.status == 401 || answer.status == 403 || answer.status == 404) return true;
    if (answer.status == 429) return true;  // throttled (failed logins, say): refused as well
    return (answer.status == 302 || answer.status == 303) &&
           answer.header("location").value_or("").starts_with("/login");
}

class AccessMatrixTest : public WebTest {
  protected:
    void configure(web::WebConfig& config) override {
        config.letter_key = std::string(32, 'k');
        config.letter_files_dir = dir / "letters";
        config.altcha_maxnumber = 3000;
    }

    std::string first(const std::string& sql) {
        const auto values = store->database().read(
            [&](soci::session& s) { return store::fetch_values<std::string>(s, sql); });
        EXPECT_FALSE(values.empty()) << "the world has nothing for: " << sql;
        return values.empty() ? "987654321" : values.front();
    }

    std::string unit_id(const std::string& code) {
        return std::to_string(store->find_unit_by_code(code)->id.value);
    }

    void add_user(const std::string& username, const std::string& unit, Role role) {
        store->create_user({username, "矩阵" + username, store->find_unit_by_code(unit)->id,
                            Roles{role}, hash_password(kPassword), false},
                           {std::nullopt, "test"});
        passwords[username] = kPassword;
    }

    std::string created_id(const HttpAnswer& answer) {
        EXPECT_EQ(answer.status, 201) << answer.body;
        if (answer.status != 201) return "987654321";
        const auto j = answer.json();
        return j.contains("id") ? text_of(j["id"]) : "987654321";
    }

    // A draft new-media account of `worker`: its id.
    std::string draft_work(HttpClient& worker, const std::string& title) {
        const Json values = {{"platform", "微信"},
                             {"account_id", "matrix_gh"},
                             {"followers", "100"},
                             {"contact", "13800000000"}};
        return created_id(worker.json("POST", "/api/v1/campaigns/" + campaign + "/works",
                                      {{"track", "accounts"},
                                       {"title", title},
                                       {"authors", "张伟"},
                                       {"form_values", values}}));
    }

    // A submitted new-media account of `worker` with two PNGs attached; it stands at the unit above
    // the worker's own.
    std::string submitted_work(HttpClient& worker, const std::string& title) {
        const auto id = draft_work(worker, title);
        // Two: the API removes the second, the page the first (a pending work's owner may).
        for (int i = 0; i < 2; ++i) {
            const auto file = worker.json("POST", "/api/v1/works/" + id + "/files",
                                          {{"upload_id", upload_of(worker, tiny_png(), "a.png")}});
            EXPECT_EQ(file.status, 201) << file.body;
        }
        const auto submitted =
            worker.json("POST", "/api/v1/works/" + id + "/submit", Json::object());
        EXPECT_EQ(submitted.status, 200) << submitted.body;
        return id;
    }

    // A draft notice of the editor's unit.
    std::string draft_of(HttpClient& editor, const std::string& title) {
        return created_id(
            editor.json("POST", "/api/v1/articles",
                        {{"column", "notices"}, {"title", title}, {"body", "草稿。"}}));
    }

    std::string judging_of(HttpClient& admin) {
        const auto id = created_id(admin.json("POST", "/api/v1/campaigns/" + campaign + "/judging",
                                              {{"track", "accounts"}}));
        rounds.push_back(created_id(
            admin.json("POST", "/api/v1/judging/" + id + "/rounds",
                       {{"kind", "qualifying"}, {"name", "资格审查"}, {"judges_per_work", 1}})));
        return id;
    }

    // A finished upload of `content` by `c`: its id; the blob is named by the content's SHA-256.
    std::string upload_of(HttpClient& c, const std::string& content,
                          const std::string& filename = "a.txt") {
        const auto created = c.request("POST", "/api/v1/uploads", "",
                                       {{"Tus-Resumable", "1.0.0"},
                                        {"Upload-Length", std::to_string(content.size())},
                                        {"Upload-Metadata", "filename " + base64(filename)},
                                        {"X-CSRF-Token", c.csrf_token}});
        EXPECT_EQ(created.status, 201) << created.body;
        const std::string location = created.header("location").value_or("/987654321");
        const auto sent = c.request("PATCH", location, content,
                                    {{"Tus-Resumable", "1.0.0"},
                                     {"Content-Type", "application/offset+octet-stream"},
                                     {"Upload-Offset", "0"},
                                     {"X-CSRF-Token", c.csrf_token}});
        EXPECT_EQ(sent.status, 204) << sent.body;
        return location.substr(location.rfind('/') + 1);
    }

    // An objection to the first work of an open notice with a PNG attached, as a visitor sends
    // it by the notice's form: id and code.
    std::pair<std::string, std::string> objection_to(const std::string& announcement) {
        HttpClient c = client();
        const auto work = first(
            "SELECT CAST(work_id AS TEXT) FROM announcement_entries WHERE "
            "announcement_id = " +
            announcement);
        const std::vector<Part> parts = {
            {"work_id", "", work},
            {"reason", "", "矩阵异议:作品与申报内容不符。"},
            {"name", "", "王五"},
            {"phone", "", "13900001111"},
            {"altcha", "", *solve_altcha(c.get("/api/v1/altcha/challenge").json())},
            {"attachment", "截图.png", tiny_png()}};
        const auto answer = c.request("POST", "/announcements/" + announcement + "/objections",
                                      multipart_body(parts), {{"Content-Type", multipart_type}});
        EXPECT_EQ(answer.status, 201) << answer.body.substr(0, 2000);
        if (answer.status != 201) return {"987654321", "YY000000"};
        return {first("SELECT CAST(id AS TEXT) FROM objections ORDER BY id DESC"),
                first("SELECT code FROM objections ORDER BY id DESC")};
    }

    // A PDF attached to the article.
    std::string attachment_of(HttpClient& editor, const std::string& article) {
        const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
        return created_id(editor.request(
            "POST", "/api/v1/articles/" + article + "/attachments",
            multipart_body({{"file", "矩阵附件.pdf", pdf}}),
            {{"Content-Type", multipart_type}, {"X-CSRF-Token", editor.csrf_token}}));
    }

    // A letter to `unit` with a PNG attached, sent by the mailbox's form: its code.
    std::string letter_to(const std::string& unit) {
        const std::vector<Part> parts = {
            {"unit", "", unit},
            {"category", "", "rights"},
            {"writer_name", "", "李明"},
            {"phone", "", "13820001234"},
            {"workplace", "", "某公司"},
            {"address", "", "第三大街 18 号"},
            {"title", "", "矩阵来信" + unit},
            {"body", "", "今年七月和八月的周末加班,公司只按平时工资发放加班费。"},
            {"may_publish", "", "1"},
            {"website", "", ""},
            {"attachments", "加班记录.png", tiny_png()}};
        const auto answer = client().request("POST", "/mailbox", multipart_body(parts),
                                             {{"Content-Type", multipart_type}});
        EXPECT_EQ(answer.status, 201) << answer.body.substr(0, 2000);
        std::smatch m;
        return std::regex_search(answer.body, m, std::regex("id=\"letter-code\">([^<]+)<"))
                   ? m[1].str()
                   : "XJ000000AAAA";
    }

    // Binhai's list of organisation awards with both units of the matrix on it, confirmed, so
    // that each has a certificate.
    void award_organisations(HttpClient& binhai) {
        const std::string url = "/api/v1/campaigns/" + campaign + "/organisation-awards";
        for (const char* unit : {"bh_teda", "bh_xinhe"}) {
            // Refused (409) when the unit is on the list already.
            binhai.json("POST", url + "/moves",
                        {{"unit", unit}, {"awarded", true}, {"reason", "矩阵:组织工作突出"}});
        }
        const auto confirmed = binhai.json("POST", url + "/confirm", Json::object());
        ASSERT_EQ(confirmed.status, 200) << confirmed.body;
        std::set<std::string> awarded;
        const Json view = confirmed.json();
        for (const auto& a : view["awarded"]) awarded.insert(text_of(a["code"]));
        EXPECT_TRUE(awarded.count("bh_teda") && awarded.count("bh_xinhe")) << confirmed.body;
    }

    // An image of `size` made by ffmpeg: each size its own content.
    std::string image(const std::string& size) {
        return read_all(make_image(dir, "matrix-" + size + ".png", size));
    }

    // A work of `worker` with an image of its own, awarded by a district judging whose awards are
    // published, and put into the public vote `vote` as well: the image's SHA-256, which both
    // the exhibition and the vote then show to anyone.
    std::string shown_image(HttpClient& worker, HttpClient& sysadmin, const std::string& vote) {
        const std::string png = image("320x180");
        const auto work = draft_work(worker, "矩阵展出作品");
        const auto file = worker.json("POST", "/api/v1/works/" + work + "/files",
                                      {{"upload_id", upload_of(worker, png, "展出.png")}});
        EXPECT_EQ(file.status, 201) << file.body;
        const AuditContext ctx{std::nullopt, "test"};
        Judging j;
        j.campaign = CampaignId{std::stoll(campaign)};
        // Binhai's: the federation's own judging of the track is there already.
        j.unit = store->find_unit_by_code("binhai")->id;
        j.track = web->works.find_track_by_code(j.campaign, "accounts")->id;
        j.tiers = {{"一等奖", 1}};
        j = web->judgings.create_judging(j, store->find_user_by_username("sysadmin")->id, ctx);
        web->judgings.confirm_awards(j.id, {{j.id, WorkId{std::stoll(work)}, "一等奖", 1, 90.0}},
                                     ctx);
        const auto published = sysadmin.json(
            "POST", "/api/v1/judging/" + std::to_string(j.id.value) + "/awards/publish",
            Json::object());
        EXPECT_EQ(published.status, 200) << published.body;
        store->database().write([&](soci::session& s) {
            s << "INSERT INTO public_vote_works (public_vote_id, work_id) VALUES (" + vote + ", " +
                     work + ")";
        });
        return sha256_hex(png);
    }

    // A notice to the unit's inbox (as a quota reminder is), titled after the unit.
    void notice_for(const std::string& unit) {
        web->inbox.notify({0, store->find_unit_by_code(unit)->id, "矩阵提醒" + unit, "已完成 1 项",
                           "/inbox", now_utc(), std::nullopt},
                          "matrix-" + unit, {std::nullopt, "test"});
    }

    // The world: the demo federation, with objects of each kind in the unit's subtree and in
    // its sibling's, and a session for every actor.
    void build_world() {
        for (const auto& unit : store->database().read([](soci::session& s) {
                 return store::fetch_values<std::string>(s,
                                                         "SELECT code || ' ' || path FROM units");
             })) {
            const auto space = unit.find(' ');
            tree.paths[unit.substr(0, space)] = unit.substr(space + 1);
        }
        add_user("qiche_admin", "teda_qiche", Role::unit_admin);
        add_user("gangkou_worker", "xinhe_gangkou", Role::worker);
        add_user("teda_clerk", "bh_teda", Role::worker);
        add_user("xinhe_clerk", "bh_xinhe", Role::worker);
        add_user("heping_editor", "heping", Role::editor);
        for (const auto& actor : kActors) {
            if (!actor.username.empty()) sessions.emplace(actor.name, logged_in(actor.username));
        }
        sessions.emplace("visitor", client());
        sessions.emplace("voter", voter());

        campaign = first(
            "SELECT CAST(campaign_id AS TEXT) FROM works w JOIN users u ON u.id = "
            "w.owner_id WHERE u.username = 'worker_zhang'");
        for (const char* code : {"influencers", "accounts"}) {
            Track t = *web->works.find_track_by_code(CampaignId{std::stoll(campaign)}, code);
            t.rules.per_person_limit = 100;
            t.rules.per_unit_limit = 100;
            web->works.update_track(t, {std::nullopt, "test"});
        }
        auto& zhang = sessions.at("worker of the unit");
        HttpClient gangkou = logged_in("gangkou_worker");
        HttpClient heping = logged_in("heping_editor");
        const auto unit_pair = [](std::string own_id, std::string other_id) {
            return Pair{{own_id, "bh_teda", ""}, {other_id, "bh_xinhe", ""}};
        };
        const auto same = [](std::string id) { return Pair{{id, "", ""}, {id, "", ""}}; };

        objects["campaign"] = unit_pair(campaign, campaign);
        objects["unit"] = unit_pair("bh_teda", "bh_xinhe");
        objects["user"] = {{"teda_clerk", "bh_teda", "teda_clerk"},
                           {"xinhe_clerk", "bh_xinhe", "xinhe_clerk"}};
        objects["work"] = {{submitted_work(zhang, kOwnWork), "bh_teda", "worker_zhang"},
                           {submitted_work(gangkou, kOtherWork), "bh_xinhe", "gangkou_worker"}};
        objects["report"] =
            unit_pair(first("SELECT CAST(id AS TEXT) FROM campaign_reports WHERE unit_id = " +
                            unit_id("bh_teda") + " AND campaign_id = " + campaign),
                      first("SELECT CAST(id AS TEXT) FROM campaign_reports WHERE unit_id = " +
                            unit_id("bh_xinhe") + " AND campaign_id = " + campaign));
        const auto news_of = [&](const char* admin, const char* unit) {
            return created_id(sessions.at(admin).json(
                "POST", "/api/v1/campaigns/" + campaign + "/news",
                {{"unit", unit}, {"title", "矩阵活动信息"}, {"body", "开展网络安全知识竞赛。"}}));
        };
        const auto own_news = news_of("admin of the unit", "bh_teda");
        objects["news"] = unit_pair(own_news, news_of("admin of the sibling", "bh_xinhe"));
        objects["metric"] = same(
            first("SELECT CAST(id AS TEXT) FROM campaign_metrics WHERE campaign_id = " + campaign));
        objects["track"] = same("accounts");
        // One after the other: the rounds are kept in the order the judgings are opened.
        const auto own_judging = judging_of(sessions.at("admin of the unit"));
        const auto other_judging = judging_of(sessions.at("admin of the sibling"));
        objects["judging"] = unit_pair(own_judging, other_judging);
        objects["round"] = unit_pair(rounds.at(0), rounds.at(1));
        const std::string assignment =
            "SELECT CAST(a.id AS TEXT) FROM judge_assignments a JOIN users u ON u.id = "
            "a.judge_id WHERE u.username ";
        objects["assignment"] = {{first(assignment + "= 'judge_chen'"), "", "judge_chen"},
                                 {first(assignment + "<> 'judge_chen'"), "", "someone else"}};
        const auto vote = first("SELECT CAST(id AS TEXT) FROM public_votes ORDER BY id");
        objects["public_vote"] = same(vote);
        const auto vote_work = first(
            "SELECT CAST(work_id AS TEXT) FROM public_vote_works WHERE public_vote_id = " + vote);
        objects["vote_work"] = same(vote_work);
        // The page's vote names the work and carries a solved challenge (the voter's one vote).
        form_extras["/public-votes/{id}/vote"] =
            "&work_id=" + vote_work + "&altcha=" +
            http::percent_encode(
                *solve_altcha(sessions.at("voter").get("/api/v1/altcha/challenge").json()));

        const auto announcement =
            first("SELECT CAST(id AS TEXT) FROM announcements WHERE closed_at IS NULL ORDER BY id");
        objects["announcement"] = same(announcement);
        const auto [objection, objection_code] = objection_to(announcement);
        objects["objection"] = same(objection);
        objects["objection_code"] = same(objection_code);
        objects["article"] = {{draft_of(sessions.at("editor"), kOwnArticle), "binhai", ""},
                              {draft_of(heping, kOtherArticle), "heping", ""}};
        const auto attachment = attachment_of(sessions.at("editor"), objects["article"].own.id);
        objects["attachment"] = {{attachment, "binhai", ""}, {attachment, "binhai", ""}};
        // Removed by the desk's form, after the API has deleted the first.
        objects["second_attachment"] = {
            {attachment_of(sessions.at("editor"), objects["article"].own.id), "binhai", ""},
            {attachment_of(heping, objects["article"].other.id), "heping", ""}};
        objects["letter"] = unit_pair(letter_to("bh_teda"), letter_to("bh_xinhe"));
        HttpClient city = logged_in("tianjin_admin");
        const auto listed = city.get("/api/v1/me/sessions");
        objects["session"] = same(listed.status == 200 && !listed.json()["sessions"].empty()
                                      ? text_of(listed.json()["sessions"][0]["id"])
                                      : "987654321");
        for (const char* unit : {"bh_teda", "bh_xinhe", "teda_qiche", "tianjin"}) notice_for(unit);
        objects["notice"] =
            unit_pair(first("SELECT CAST(id AS TEXT) FROM inbox_notices WHERE unit_id = " +
                            unit_id("bh_teda")),
                      first("SELECT CAST(id AS TEXT) FROM inbox_notices WHERE unit_id = " +
                            unit_id("bh_xinhe")));
        // Certificates of published awards are issued when the awards are first read.
        for (const auto& c : web->campaigns.campaigns())
            web->exhibition.public_awards(c.id, now_utc());
        const auto awarded = first("SELECT CAST(work_id AS TEXT) FROM award_certificates");
        objects["award"] = same(first("SELECT CAST(id AS TEXT) FROM award_certificates"));
        objects["award"].own.unit = objects["award"].other.unit = first(
            "SELECT u.code FROM works w JOIN units u ON u.id = w.unit_id WHERE w.id = " + awarded);
        objects["award"].own.owner = objects["award"].other.owner =
            first("SELECT u.username FROM works w JOIN users u ON u.id = w.owner_id WHERE w.id = " +
                  awarded);
        objects["awarded_work"] = same(awarded);
        objects["certificate"] = same(first("SELECT code FROM award_certificates"));

        award_organisations(sessions.at("admin of the parent"));
        objects["organisation_award_list"] =
            same(first("SELECT CAST(id AS TEXT) FROM organisation_award_lists"));
        // Images, so that their blobs have previews.
        const auto own_image = image("64x48"), other_image = image("48x64");
        objects["upload"] = {{upload_of(zhang, own_image, "本人.png"), "", "worker_zhang"},
                             {upload_of(gangkou, other_image, "他人.png"), "", "gangkou_worker"}};
        objects["blob"] = {{sha256_hex(own_image), "", "worker_zhang"},
                           {sha256_hex(other_image), "", "gangkou_worker"}};
        // After the vote's work and the award certificates above were chosen.
        const auto shown = shown_image(gangkou, sessions.at("system admin"), vote);
        objects["exhibited_file"] = same(shown);
        objects["vote_file"] = same(shown);
        markers = {{kOwnWork, Rule::work_reader, objects["work"].own},
                   {kOtherWork, Rule::work_reader, objects["work"].other},
                   {kOwnArticle, Rule::desk, objects["article"].own},
                   {kOtherArticle, Rule::desk, objects["article"].other},
                   {"矩阵来信bh_teda", Rule::admin_above, objects["letter"].own},
                   {"矩阵来信bh_xinhe", Rule::admin_above, objects["letter"].other},
                   {"矩阵提醒teda_qiche", Rule::admin_above, {"", "teda_qiche", ""}},
                   {"矩阵提醒tianjin", Rule::admin_above, {"", "tianjin", ""}}};
    }

    HttpClient voter() {
        HttpClient c = client();
        auto challenge = c.get("/api/v1/altcha/challenge");
        const auto answer = c.json("POST", "/api/v1/voters",
                                   {{"username", "matrix_voter"},
                                    {"password", "Vote-for-good-2023"},
                                    {"altcha", *solve_altcha(challenge.json())}});
        EXPECT_EQ(answer.status, 201) << answer.body;
        if (answer.status == 201) c.csrf_token = answer.json()["csrf_token"];
        return c;
    }

    // The requests a route gets: its path filled with an object of the unit's subtree and one of
    // another; each with ?unit= naming the unit of that object, for the routes that read it.
    std::vector<Attempt> attempts(const http::Router::RouteName& route, std::string& problem) {
        Attempt own{"", {"", "bh_teda", ""}, true}, other{"", {"", "bh_xinhe", ""}, false};
        std::string prefix;
        for (const auto& segment : segments(route.pattern)) {
            prefix += "/" + segment;
            if (!segment.starts_with("{")) {
                own.target += "/" + segment;
                other.target += "/" + segment;
                continue;
            }
            const auto before = prefix.substr(0, prefix.size() - segment.size() - 1);
            const auto last = before.substr(before.rfind('/') + 1) + "/" + segment;
            if (auto fixed = kFixedValues.find(prefix);
                fixed != kFixedValues.end() ||
                (fixed = kFixedValues.find(segment)) != kFixedValues.end()) {
                own.target += "/" + fixed->second;
                other.target += "/" + fixed->second;
                continue;
            }
            auto kind = kKinds.find(prefix);
            if (kind == kKinds.end()) kind = kKinds.find(last);
            if (kind == kKinds.end()) {
                problem = "no kind of object for " + segment + " in " + route.pattern;
                return {};
            }
            const Pair& pair = objects.at(kind->second);
            own.target += "/" + http::percent_encode(pair.own.id);
            other.target += "/" + http::percent_encode(pair.other.id);
            own.object = pair.own;
            other.object = pair.other;
        }
        std::vector<Attempt> out;
        const auto query = kQueries.find(route.pattern);
        for (Attempt* a : {&own, &other}) {
            a->target += "?unit=" + a->object.unit;
            if (query != kQueries.end()) a->target += query->second;
            if (out.empty() || out.front().target != a->target) out.push_back(*a);
        }
        return out;
    }

    // Sends one request as `actor`: writes with the session's CSRF token and a harmless body that
    // names the object's unit, for the routes that take their unit from the body.
    HttpAnswer send(const Actor& actor, const std::string& method, const std::string& pattern,
                    const std::string& target, bool api, const std::string& unit) {
        HttpClient& c = sessions.at(actor.name);
        // The tus version is checked before the upload's owner: every request names it.
        std::vector<std::pair<std::string, std::string>> headers = {{"Tus-Resumable", "1.0.0"}};
        std::string body;
        if (method != "GET" && method != "HEAD" && method != "OPTIONS") {
            if (!c.csrf_token.empty()) headers.emplace_back("X-CSRF-Token", c.csrf_token);
            if (api) {
                headers.emplace_back("Content-Type", "application/json");
                body = unit.empty() ? "{}" : Json{{"unit", unit}}.dump();
            } else {
                headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
                body = "csrf=" + http::percent_encode(c.csrf_token) + "&unit=" + unit;
                if (const auto extra = form_extras.find(pattern); extra != form_extras.end())
                    body += extra->second;
            }
        }
        ++requests[actor.name];
        return c.request(method, target, body, headers);
    }

    static constexpr const char* kPassword = "Matrix-pass-2026";
    static constexpr const char* kOwnWork = "矩阵本单位作品";
    static constexpr const char* kOtherWork = "矩阵他单位作品";
    static constexpr const char* kOwnArticle = "矩阵滨海草稿";
    static constexpr const char* kOtherArticle = "矩阵和平区草稿";
    Tree tree;
    std::string campaign;
    std::vector<std::string> rounds;
    std::map<std::string, Pair> objects;
    std::map<std::string, HttpClient> sessions;  // by actor name
    // kFormExtras and those made with the world.
    std::map<std::string, std::string> form_extras{kFormExtras.begin(), kFormExtras.end()};
    // Names of private objects, looked for in every answer: only those the rule admits may see
    // them.
    struct Marker {
        std::string text;
        Rule rule;
        Object object;
    };
    std::vector<Marker> markers;
    std::map<std::string, long> requests;  // by actor name
};

TEST_F(AccessMatrixTest, EveryRoleGetsOnEveryRouteWhatTheTableSays) {
    build_world();
    ASSERT_FALSE(HasFailure()) << "the world could not be built";

    // Reads first, then writes, then what ends sessions or takes objects away.
    auto routes = router->route_names();
    const auto order = [](const http::Router::RouteName& r) {
        const auto key = r.method + " " + r.pattern;
        if (kEndsSession.count(key)) return 3;
        if (kTakesAway.count(key)) return 2;
        return r.method == "GET" || r.method == "HEAD" || r.method == "OPTIONS" ? 0 : 1;
    };
    std::stable_sort(routes.begin(), routes.end(),
                     [&](const auto& a, const auto& b) { return order(a) < order(b); });

    std::vector<std::string> uncovered, leaks, unrefused, over_refused, errors, shown;
    std::set<std::string> tried;
    for (const auto& route : routes) {
        const auto key = route.method + " " + route.pattern;
        const auto rule = kAccess.find(key);
        if (rule == kAccess.end()) {
            uncovered.push_back(key);
            continue;
        }
        tried.insert(key);
        std::string problem;
        const auto targets = attempts(route, problem);
        if (!problem.empty()) {
            uncovered.push_back(key + " (" + problem + ")");
            continue;
        }
        const bool api = route.pattern.starts_with("/api/");
        for (const auto& attempt : targets) {
            // The refused first, so that an allowed write cannot change what they meet.
            std::vector<const Actor*> actors;
            for (const auto& a : kActors) {
                if (!allowed(rule->second, a, attempt.object, tree)) actors.push_back(&a);
            }
            for (const auto& a : kActors) {
                if (allowed(rule->second, a, attempt.object, tree)) actors.push_back(&a);
            }
            bool taken_away = false;
            for (const Actor* actor : actors) {
                const bool may = allowed(rule->second, *actor, attempt.object, tree);
                const auto answer = send(*actor, route.method, route.pattern, attempt.target, api,
                                         attempt.object.unit);
                const std::string where = key + " as " + actor->name + " on " +
                                          (attempt.own ? "own " : "other ") + attempt.target +
                                          " → " + std::to_string(answer.status) + ": " +
                                          answer.body.substr(0, 120);
                // Said at once too, so that a run the server does not survive still tells.
                if (answer.status >= 500 || may == refused(answer)) std::cout << where << "\n";
                if (answer.status >= 500) {
                    errors.push_back(where);
                } else if (may && refused(answer) && !(taken_away && kTakesAway.count(key))) {
                    over_refused.push_back(where);
                } else if (!may && !refused(answer) && answer.status < 400) {
                    leaks.push_back(where);
                } else if (!may && !refused(answer)) {
                    unrefused.push_back(where);
                }
                if (may && !refused(answer) && answer.status < 400) taken_away = true;
                for (const auto& marker : markers) {
                    if (answer.status < 300 && answer.body.find(marker.text) != std::string::npos &&
                        !allowed(marker.rule, *actor, marker.object, tree)) {
                        shown.push_back(key + " as " + actor->name + " shows " + marker.text);
                    }
                }
            }
        }
    }
    std::vector<std::string> unknown;
    for (const auto& [key, rule] : kAccess) {
        if (!tried.count(key)) unknown.push_back(key);
    }

    long total = 0;
    for (const auto& [who, n] : requests) {
        std::cout << "requests as " << who << ": " << n << "\n";
        total += n;
    }
    std::cout << "requests in all: " << total << " to " << tried.size() << " routes as "
              << kActors.size() << " roles and relations\n";
    const auto listed = [](const std::vector<std::string>& lines) {
        std::string out;
        for (const auto& l : lines) out += "  " + l + "\n";
        return out;
    };
    EXPECT_TRUE(uncovered.empty()) << uncovered.size() << " routes the table does not cover:\n"
                                   << listed(uncovered);
    EXPECT_TRUE(unknown.empty()) << "rows of the table that name no route:\n" << listed(unknown);
    EXPECT_TRUE(leaks.empty()) << leaks.size() << " answers to roles the table refuses:\n"
                               << listed(leaks);
    // A refused role answered 400 or 409 learns that its body was read: the check came too late.
    EXPECT_TRUE(unrefused.empty())
        << unrefused.size() << " answers to roles the table refuses that are no refusal:\n"
        << listed(unrefused);
    EXPECT_TRUE(shown.empty()) << "answers that show what their reader may not see:\n"
                               << listed(shown);
    EXPECT_TRUE(over_refused.empty())
        << over_refused.size() << " refusals of roles the table allows:\n"
        << listed(over_refused);
    EXPECT_TRUE(errors.empty()) << "server errors:\n" << listed(errors);
}

}  // namespace
}  // namespace wangju::testing
