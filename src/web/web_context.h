// What every handler of the web layer shares: the store, the configuration, the metrics and the
// limiters. One instance lives as long as the server; it is safe to use from many threads.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/altcha.h"
#include "http/metrics.h"
#include "media/media_library.h"
#include "store/activity_report_store.h"
#include "store/announcement_store.h"
#include "store/article_store.h"
#include "store/campaign_admin_store.h"
#include "store/campaign_plan_store.h"
#include "store/campaign_store.h"
#include "store/exhibition_store.h"
#include "store/inbox_store.h"
#include "store/judging_store.h"
#include "store/letter_store.h"
#include "store/mail_outbox.h"
#include "store/public_vote_store.h"
#include "store/store.h"
#include "store/throttle.h"
#include "store/work_store.h"
#include "web/portal/portal.h"
#include "web/votes/vote_taker.h"

namespace wangju::web {

struct WebConfig {
    std::chrono::seconds session_idle{30 * 60};
    std::chrono::seconds session_lifetime{12 * 60 * 60};
    int lock_after_failures = 5;
    std::chrono::seconds lock_for{15 * 60};
    // Failed logins from one client address within a minute before it is throttled.
    std::size_t failures_per_address_per_minute = 20;
    std::string site_name = "天津市滨海新区总工会";
    std::string site_motto = "忠诚党的事业 竭诚服务职工";
    std::string mailbox_email = "bhghjgdw@tj.gov.cn";
    // The serve command's --data folder: attachment files, stored media (blobs) and unfinished
    // uploads live under it.
    std::filesystem::path data_dir = "data";
    // How often counted article views are written to the database.
    std::chrono::milliseconds view_flush_interval{2000};
    // The chairman's mailbox: the key that seals phones and addresses (32 raw bytes; when empty,
    // letters can be neither written nor read), the folder of attachments, due-date rules, and
    // letters accepted from one client address per hour.
    std::string letter_unit_code = "binhai";  // letters go here unless the writer picks a child
    std::string letter_key;
    std::filesystem::path letter_files_dir;
    DueRules letter_due;
    std::size_t letters_per_address_per_hour = 5;
    media::UploadLimits upload_limits;
    // E-mail: whether the server sends what is queued in the outbox (SMTP set up), and the site's
    // address for links in messages.
    bool mail_enabled = false;
    std::string public_url = "http://127.0.0.1:8080";
    // The public vote's proof-of-work: how many numbers a browser may have to try (the work is
    // half of it on average), and how long a challenge stays valid.
    long altcha_maxnumber = 100'000;
    std::chrono::seconds altcha_lifetime{10 * 60};
    // Voter sign-ups accepted from one client address per hour.
    std::size_t signups_per_address_per_hour = 20;
    // Objections to public notices accepted from one client address per hour.
    std::size_t objections_per_address_per_hour = 10;
};

struct WebContext {
    WebContext(store::Store& store, http::Metrics& metrics, WebConfig config);

    store::Store& store;
    // Feature stores over the same database, one per area (declared in store/*_store.h).
    store::CampaignStore campaigns;
    store::CampaignPlanStore campaign_plans;
    store::CampaignAdminStore campaign_admin;
    store::ActivityReportStore activity_reports;
    store::InboxStore inbox;
    store::WorkStore works;
    store::JudgingStore judgings;
    store::ExhibitionStore exhibition;  // public awards and certificates
    store::MailOutbox outbox;
    // Blobs, uploads and blob access rules (media/media_library.h).
    media::MediaLibrary media;
    http::Metrics& metrics;
    WebConfig config;
    store::Throttle login_failures_by_address;
    store::ArticleStore articles;
    Portal portal;  // after `articles` and `config`, which it uses
    store::LetterStore letters;
    store::Throttle letters_by_address;
    store::Throttle letter_lookups_by_address;  // failed code-and-secret checks
    // The public vote: its store, the proof-of-work key (derived from the server's secret key, so
    // that every server of one site accepts the others' challenges), and the taker of votes.
    store::PublicVoteStore public_votes;
    AltchaSettings altcha;
    store::Throttle signups_by_address;
    votes::VoteTaker vote_taker;
    // Public notices and objections (phones sealed with the mailbox's key), objections taken
    // from one address per hour, and failed lookups of objection codes.
    store::AnnouncementStore announcements;
    store::Throttle objections_by_address;
    store::Throttle objection_lookups_by_address;
};

}  // namespace wangju::web
