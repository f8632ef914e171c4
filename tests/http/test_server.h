// A real Server on 127.0.0.1 with a handful of routes and a static folder, for the tests.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "test_client.h"

namespace wangju::http::testing {

// The web layer's renderer in miniature: JSON for the API, a page otherwise.
inline Response render_test_error(const Request& request, const Error& error) {
    if (request.is_api()) {
        nlohmann::json body = {
            {"error",
             {{"code", std::string(error_code(error.kind()))}, {"message", error.message()}}}};
        return Response::json(body, http_status(error.kind()));
    }
    return Response::html("<h1>" + error.message() + "</h1>", http_status(error.kind()));
}

// The calling thread, as text.
inline std::string thread_name() {
    return std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

// A server on a free loopback port with the given threads and no access log.
inline ServerConfig loopback_config(unsigned io_threads, unsigned worker_threads) {
    ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.io_threads = io_threads;
    config.worker_threads = worker_threads;
    config.access_log = "";
    return config;
}

// A router with the routes `add_routes` gives it, and a server over it, started.
struct RunningServer {
    RunningServer(const ServerConfig& config, const std::function<void(Router&)>& add_routes) {
        add_routes(router);
        server = std::make_unique<Server>(config, router, render_test_error, metrics);
        server->start();
    }
    std::uint16_t port() const { return server->port(); }
    void stop() { server->stop(); }

    Router router;
    Metrics metrics;
    std::unique_ptr<Server> server;
};

class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "wangju-http-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

class ServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(dir_.path() / "secret.txt", "TOPSECRET");
        auto root = dir_.path() / "static";
        write_file(root / "data.txt", "0123456789");
        write_file(root / "app.css", "body { color: red; }");
        write_file(root / "app.3f9a12bc.js", "console.log(1);");
        write_file(root / "page.html", "<p>plain</p>");
        write_file(root / "page.html.gz", "GZIPPED-BYTES");
        std::filesystem::create_directories(root / "sub");
        std::filesystem::create_symlink(dir_.path() / "secret.txt", root / "link.txt");

        add_routes();
        ServerConfig config;
        config.listen = "127.0.0.1:0";
        config.io_threads = 1;
        config.worker_threads = 2;
        config.header_timeout = std::chrono::seconds(1);
        config.static_root = root;
        config.access_log = (dir_.path() / "access.log").string();
        server_ = std::make_unique<Server>(config, router_, render_test_error, metrics_);
        server_->start();
    }

    void TearDown() override { server_->stop(); }

    std::uint16_t port() const { return server_->port(); }
    std::filesystem::path access_log_path() const { return dir_.path() / "access.log"; }

    void add_routes() {
        router_.add("GET", "/hello", [](Request&) { return Response::html("<p>你好</p>"); });
        router_.add("GET", "/api/v1/units/{code}", [](Request& request) {
            return Response::json(
                {{"code", request.params.at("code")}, {"id", request.request_id}});
        });
        router_.add(
            "POST", "/api/v1/echo", [](Request& request) { return Response::text(request.body); },
            RouteOptions{.max_body = 1024, .too_large = "回显的内容不能超过 1 KB"});
        router_.add("GET", "/boom", [](Request&) -> Response {
            throw std::runtime_error("the database is on fire");
        });
        // Reads the request's "count" as a number, whatever it is.
        router_.add("POST", "/api/v1/count", [](Request& request) {
            return Response::json({{"count", request.json().at("count").get<int>() + 1}});
        });
        router_.add("GET", "/limited", [](Request&) -> Response {
            throw Error(ErrorKind::too_many_requests, "请求过于频繁").with_retry_after(30);
        });
        router_.add("GET", "/slow", [this](Request&) {
            slow_started_ = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            return Response::text("done");
        });
        RouteOptions inline_options;
        inline_options.on_io_thread = true;
        router_.add(
            "GET", "/inline",
            [](Request&) { return Response::text("from memory"); },
            inline_options);
        RouteOptions memory_options;
        memory_options.from_memory = [](Request& request) -> std::optional<Response> {
            if (request.params.at("name") != "cached") return std::nullopt;
            return Response::text("from memory");
        };
        router_.add(
            "GET", "/pages/{name}",
            [](Request& request) { return Response::text("rendered " + request.params.at("name")); },
            memory_options);
        // Names the thread each route ran on, so that a test can tell the I/O thread from the
        // worker pool's. A deferred route starts on the I/O thread when the query says "here".
        router_.add(
            "GET", "/thread", [](Request&) { return Response::text(thread_name()); },
            inline_options);
        RouteOptions deferred_options;
        deferred_options.start_here = [](const Request& request) {
            return request.query("here").has_value();
        };
        router_.add_deferred(
            "GET", "/deferred/{what}",
            [](Request& request, Reply reply) {
                if (request.params.at("what") == "refused") {
                    throw Error(ErrorKind::conflict, "已经投过票了");
                }
                auto started_on = thread_name();
                std::thread([reply, started_on] {
                    reply([started_on] { return Response::text(started_on); });
                }).detach();
            },
            deferred_options);
        router_.add("GET", "/metrics",
                    [this](Request&) { return Response::text(metrics_.render_prometheus()); });
    }

    TempDir dir_;
    Router router_;
    Metrics metrics_;
    std::unique_ptr<Server> server_;
    std::atomic<bool> slow_started_{false};
};

}  // namespace wangju::http::testing
