#include "app/upload_sweeper.h"

#include <spdlog/spdlog.h>

namespace wangju::app {

UploadSweeper::UploadSweeper(media::Uploads& uploads, std::chrono::seconds every)
    : thread_([this, &uploads, every] { run(uploads, every); }) {}

UploadSweeper::~UploadSweeper() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void UploadSweeper::run(media::Uploads& uploads, std::chrono::seconds every) {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every, [this] { return stopping_; })) {
        try {
            auto removed = uploads.sweep_expired(now_utc());
            if (removed > 0) spdlog::info("removed {} expired uploads", removed);
        } catch (const std::exception& failure) {
            spdlog::error("upload sweep failed: {}", failure.what());
        }
    }
}

}  // namespace wangju::app
