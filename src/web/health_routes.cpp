#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "store/connections.h"
#include "web/routes.h"

namespace wangju::web {

void register_health_routes(http::Router& router, WebContext& web) {
    // Answered on the I/O thread: it does nothing that could wait.
    http::RouteOptions at_once;
    at_once.on_io_thread = true;
    router.add(
        "GET", "/healthz",
        [](http::Request&) {
            auto response = http::Response::text("ok\n");  // built in place, not copied
            response.set_header("cache-control", "no-store");
            return response;
        },
        at_once);
    router.add("GET", "/readyz", [&web](http::Request&) {
        bool up = false;
        try {
            up = web.store.ping();
        } catch (const std::exception& e) {
            spdlog::error("readiness check: database does not answer: {}", e.what());
        }
        if (!up) throw store::database_unavailable();
        return http::Response::text("ready\n").set_header("cache-control", "no-store");
    });
    router.add("GET", "/metrics", [&web](http::Request&) {
        return http::Response::text(web.metrics.render_prometheus(),
                                    "text/plain; version=0.0.4; charset=utf-8")
            .set_header("cache-control", "no-store");
    });
}

}  // namespace wangju::web
