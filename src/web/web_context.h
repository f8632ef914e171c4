// What every handler of the web layer shares: the store, the configuration, the metrics and the
// limiters. One instance lives as long as the server; it is safe to use from many threads.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "http/metrics.h"
#include "http/rate_limit.h"
#include "media/media_library.h"
#include "store/campaign_store.h"
#include "store/store.h"

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
    // Stored media (blobs) and unfinished uploads live under this folder (serve's --data).
    std::filesystem::path data_dir = "./data";
    media::UploadLimits upload_limits;
};

struct WebContext {
    WebContext(store::Store& store, http::Metrics& metrics, WebConfig config);

    store::Store& store;
    // Feature stores over the same database, one per area (declared in store/*_store.h).
    store::CampaignStore campaigns;
    // Blobs, uploads and blob access rules (media/media_library.h).
    media::MediaLibrary media;
    http::Metrics& metrics;
    WebConfig config;
    http::RateLimiter login_failures_by_address;
};

}  // namespace wangju::web
