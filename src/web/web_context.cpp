#include "web/web_context.h"

#include "domain/altcha_key.h"

namespace wangju::web {

WebContext::WebContext(store::Store& store_, http::Metrics& metrics_, WebConfig config_)
    : store(store_),
      campaigns(store_.database()),
      campaign_plans(store_.database()),
      campaign_admin(store_.database()),
      activity_reports(store_.database()),
      inbox(store_.database()),
      works(store_.database()),
      judgings(store_.database()),
      exhibition(store_.database()),
      outbox(store_.database()),
      media(store_.database(), config_.data_dir, config_.upload_limits),
      metrics(metrics_),
      config(std::move(config_)),
      login_failures_by_address(store_.database(), "login_failures",
                                config.failures_per_address_per_minute, std::chrono::seconds(60)),
      articles(store_.database()),
      portal(articles, config.data_dir, config.view_flush_interval),
      letters(store_.database(),
              config.letter_key.empty() ? SecretBox() : SecretBox(config.letter_key)),
      letters_by_address(store_.database(), "letters", config.letters_per_address_per_hour,
                         std::chrono::hours(1)),
      letter_lookups_by_address(store_.database(), "letter_lookups", 30, std::chrono::seconds(60)),
      public_votes(store_.database()),
      altcha{altcha_key_of(config.letter_key), config.altcha_maxnumber, config.altcha_lifetime},
      signups_by_address(store_.database(), "voter_signups", config.signups_per_address_per_hour,
                         std::chrono::hours(1)),
      vote_taker(store_.database(), public_votes),
      announcements(store_.database(),
                    config.letter_key.empty() ? SecretBox() : SecretBox(config.letter_key)),
      objections_by_address(store_.database(), "objections", config.objections_per_address_per_hour,
                            std::chrono::hours(1)),
      objection_lookups_by_address(store_.database(), "objection_lookups", 30,
                                   std::chrono::seconds(60)) {
    metrics.add_source([&store = store] {
        auto stats = store.pool_stats();
        return "# TYPE wangju_db_pool_size gauge\nwangju_db_pool_size " +
               std::to_string(stats.size) +
               "\n# TYPE wangju_db_pool_in_use gauge\nwangju_db_pool_in_use " +
               std::to_string(stats.in_use) + "\n";
    });
}

}  // namespace wangju::web
