// The exhibition as its users see it: the public gallery of a campaign's published awards, a
// work's public page, and the certificates (荣誉证书): who may download them, the zip of a unit's
// subtree, re-issue, verification, and the per-campaign layout. The JSON API and the pages both
// call these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/exhibition_store.h"
#include "web/auth.h"

namespace wangju::web::exhibition {

// What a visitor narrows the gallery to; each empty means all. `unit` is a unit's code: the
// awards of works submitted in its subtree.
struct GalleryFilter {
    std::string track;
    std::string tier;
    std::string unit;
};

struct GalleryItem {
    store::PublicAward award;
    Track track;
    Unit work_unit;
    Unit judging_unit;
    std::optional<WorkFile> cover;  // the first video or photo, for its preview
};

struct Gallery {
    Campaign campaign;
    std::vector<Track> tracks;       // tracks with public awards, by number
    std::vector<std::string> tiers;  // tier names in use, best first
    std::optional<Unit> unit;        // the unit filter, resolved
    std::vector<GalleryItem> items;  // after the filter
};

// Throws Error(invalid) naming the field when the track or the unit does not exist.
Gallery gallery(WebContext& web, const Campaign& campaign, const GalleryFilter& filter,
                Timestamp now);

// A work's public page: the work with its public awards. "Not found" unless it has one.
struct ExhibitedWork {
    Work work;
    Track track;
    Unit unit;
    std::vector<GalleryItem> awards;
};
ExhibitedWork exhibited_work(WebContext& web, const std::string& id_text, Timestamp now);
// True when blob `sha256` is a file of a work with a public award (anyone may read it).
bool is_exhibited_file(WebContext& web, const std::string& sha256, Timestamp now);

// ---- certificates
store::PublicAward load_award(WebContext& web, const std::string& id_text, Timestamp now);
// The winner (the work's owner), an admin of a unit whose subtree holds the work's unit, an admin
// of the judging, or a system admin.
bool may_download_certificate(WebContext& web, const CurrentUser& user,
                              const store::PublicAward& award);
// The PDF of the award's current certificate.
std::string certificate_pdf(WebContext& web, const store::PublicAward& award);
// "证书-<tier>-<title>.pdf"
std::string certificate_file_name(const store::PublicAward& award);
// `name` + ".pdf", with the characters a download's file name cannot hold (/ \ " and control
// characters) replaced by "_".
std::string pdf_file_name(const std::string& name);
// The issuing admins (the judging's) re-issue; the reason is required.
store::PublicAward reissue_certificate(WebContext& web, const CurrentUser& user,
                                       const std::string& award_id, const std::string& reason,
                                       const AuditContext& ctx);
// The public awards of works submitted in the subtree of `unit_code` (the user's unit when
// empty), for a unit admin of it or a system admin.
std::vector<store::PublicAward> subtree_awards(WebContext& web, const CurrentUser& user,
                                               const Campaign& campaign,
                                               const std::string& unit_code, Unit& unit);

// What a verification code says.
struct Verification {
    std::string code;  // normalised
    bool found = false;
    bool replaced = false;
    std::optional<store::CertificateLookup> lookup;
    std::optional<GalleryItem> award;
    std::string campaign_name;
    std::string current_code;  // when replaced: the code now valid
    // When the code is a unit's organisation award (优秀组织奖) instead of a work's: the unit
    // awarded and the unit that awarded it (`award` is then empty).
    std::string organisation_unit;
    std::string organisation_issuer;
};
Verification verify_certificate(WebContext& web, const std::string& code_text);
std::string verify_url(WebContext& web, const std::string& code);

// Throws forbidden unless the user may edit the campaign (and so its certificates' layout):
// asked before a body is read.
void require_layout_editor(WebContext& web, const CurrentUser& user, const Campaign& campaign);

// The campaign's layout, for those who may edit the campaign (require: forbidden otherwise).
CertificateLayout certificate_layout(WebContext& web, const CurrentUser& user,
                                     const Campaign& campaign);
CertificateLayout set_certificate_layout(WebContext& web, const CurrentUser& user,
                                         const Campaign& campaign, CertificateLayout layout,
                                         const AuditContext& ctx);

// A layout from what a form or a body says; `issued_on` is YYYY-MM-DD or empty (else
// Error(invalid) naming "issued_on"). Checked when set.
CertificateLayout layout_from(std::string title, std::string issuer, const std::string& issued_on,
                              std::string seal_png);

// Whether the person may set the campaign's certificate layout (those who may edit the campaign).
bool may_edit_certificate_layout(WebContext& web, const CurrentUser& user,
                                 const Campaign& campaign);

// A certificate on the certificates page: the award, and whether the person may re-issue it.
struct CertificateEntry {
    GalleryItem item;
    bool may_reissue = false;
};
// The campaign's published awards whose certificates the person may download, by track and rank.
std::vector<CertificateEntry> certificates_for(WebContext& web, const CurrentUser& user,
                                               const Campaign& campaign);

// "2023年11月20日"
std::string chinese_date(Date date);

}  // namespace wangju::web::exhibition
