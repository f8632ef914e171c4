// Published awards as the exhibition shows them, their certificates and the per-campaign
// certificate layout, in the database. Built on the shared Database with its contract:
// thread-safe; a change commits together with its audit event or not at all.
//
// An award is public once its judging's list is published and the publication time has come
// (JudgingStore's AwardsStatus::public_at); only such awards are listed here, and only they get a
// certificate. The award rows themselves stay the JudgingStore's (judging_awards).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/exhibition.h"
#include "domain/judging.h"
#include "domain/work.h"
#include "store/database.h"

namespace wangju::store {

// One public award with what the gallery needs to list it without reading each work.
struct PublicAward {
    AwardId id;
    JudgingId judging;
    WorkId work;
    TrackId track;
    UnitId judging_unit;  // the unit that judged and issues the certificate
    UnitId work_unit;     // the unit the work was submitted for
    std::string work_unit_path;
    std::string tier;
    int rank = 0;
    std::string title;
    std::string authors;
    Timestamp published_at{};
    std::string code;  // the current certificate's verification code
    Timestamp issued_at{};
};

// What a verification code is: the current certificate of an award, or one replaced by a newer.
struct CertificateLookup {
    AwardId award;
    bool replaced = false;
    Timestamp issued_at{};
    std::optional<Timestamp> replaced_at;
    std::string reason;  // of the replacement
};

class ExhibitionStore {
  public:
    explicit ExhibitionStore(Database& database) : database_(database) {}

    // The public awards of a campaign at `now`, by track number, judging unit path, rank. Awards
    // that became public since the last call get their certificate first (one write, audited as
    // certificate.issue); afterwards this only reads.
    std::vector<PublicAward> public_awards(CampaignId campaign, Timestamp now);
    // True when one of the campaign's award lists is public at `now` (one small query).
    bool has_public_awards(CampaignId campaign, Timestamp now);
    // One public award by id; none when it does not exist or is not public at `now`.
    std::optional<PublicAward> find_public_award(AwardId id, Timestamp now);
    // The public awards of one work.
    std::vector<PublicAward> public_awards_of_work(WorkId work, Timestamp now);
    std::optional<CertificateLookup> find_certificate(const std::string& code);
    // Replaces the award's certificate by a new one with a new code; the old code stays known as
    // replaced, with `reason`. Returns the award with its new code.
    PublicAward reissue_certificate(AwardId id, const std::string& reason, Timestamp now,
                                    const AuditContext& ctx);

    CertificateLayout layout(CampaignId campaign);  // the defaults when never set
    void set_layout(CampaignId campaign, const CertificateLayout& layout, const AuditContext& ctx);

    // Counts changes that the public pages show (a list published, a certificate re-issued), so
    // that pages kept in memory are rendered again. Counted in this process only.
    void changed() { ++generation_; }
    std::uint64_t generation() const { return generation_.load(); }

  private:
    std::vector<PublicAward> query_awards(const std::string& where, long long key, Timestamp now);
    Database& database_;
    std::atomic<std::uint64_t> generation_{0};
};

}  // namespace wangju::store
