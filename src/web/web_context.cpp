#include "web/web_context.h"

namespace wangju::web {

WebContext::WebContext(store::Store& store_, http::Metrics& metrics_, WebConfig config_)
    : store(store_),
      campaigns(store_.database()),
      media(store_.database(), config_.data_dir, config_.upload_limits),
      metrics(metrics_),
      config(std::move(config_)),
      login_failures_by_address(config.failures_per_address_per_minute, std::chrono::seconds(60)) {
    metrics.add_source([&store = store] {
        auto stats = store.pool_stats();
        return "# TYPE wangju_db_pool_size gauge\nwangju_db_pool_size " +
               std::to_string(stats.size) +
               "\n# TYPE wangju_db_pool_in_use gauge\nwangju_db_pool_in_use " +
               std::to_string(stats.in_use) + "\n";
    });
}

}  // namespace wangju::web
