#include "http/access_log.h"

#include <chrono>
#include <cmath>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace wangju::http {

namespace {

// A logger of its own, not registered globally, so that several servers (tests) can coexist.
std::shared_ptr<spdlog::logger> make_logger(const std::string& destination) {
    if (destination.empty()) return nullptr;
    spdlog::sink_ptr sink;
    if (destination == "-") {
        sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    } else {
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(destination, false);
    }
    auto logger = std::make_shared<spdlog::logger>("access", std::move(sink));
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::info);
    return logger;
}

std::string utc_now() {
    auto now = std::chrono::system_clock::now();
    auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(now)), millis.count());
}

}  // namespace

AccessLog::AccessLog(const std::string& destination) : logger_(make_logger(destination)) {}

AccessLog::~AccessLog() {
    if (logger_) logger_->flush();
}

void AccessLog::write(const AccessRecord& record) {
    if (logger_) logger_->info(format_access_record(record));
}

std::string format_access_record(const AccessRecord& record) {
    nlohmann::json line = {
        {"time", utc_now()},
        {"request_id", record.request_id},
        {"client", record.client},
        {"method", record.method},
        {"path", record.path},
        {"route", record.route},
        {"status", record.status},
        {"bytes", record.bytes},
        {"duration_ms", std::round(record.duration_ms * 1000) / 1000},
        {"user_agent", record.user_agent},
    };
    // Paths and user agents come from clients and may not be valid UTF-8.
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace wangju::http
