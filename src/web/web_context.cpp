#include "web/web_context.h"

namespace wangju::web {

WebContext::WebContext(store::Store& store_, http::Metrics& metrics_, WebConfig config_)
    : store(store_),
      metrics(metrics_),
      config(std::move(config_)),
      login_failures_by_address(config.failures_per_address_per_minute, std::chrono::seconds(60)) {}

}  // namespace wangju::web
