#include "media/preview_queue.h"

#include <spdlog/spdlog.h>

#include "media/previews.h"

namespace wangju::media {

PreviewQueue::PreviewQueue(BlobStore& blobs, store::Database& database)
    : blobs_(blobs), database_(database), thread_([this] { run(); }) {}

PreviewQueue::~PreviewQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    idle_.notify_all();
    thread_.join();
}

void PreviewQueue::add(const std::string& sha256) {
    {
        std::lock_guard lock(mutex_);
        waiting_.push_back(sha256);
    }
    wake_.notify_one();
}

void PreviewQueue::wait_until_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return stopping_ || (waiting_.empty() && !making_); });
}

void PreviewQueue::run() {
    for (;;) {
        std::string sha256;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            sha256 = std::move(waiting_.front());
            waiting_.pop_front();
            making_ = true;
        }
        try {
            preview_or_make(blobs_, database_, sha256);
        } catch (const std::exception& failure) {
            spdlog::warn("no preview for blob {}: {}", sha256, failure.what());
        }
        {
            std::lock_guard lock(mutex_);
            making_ = false;
        }
        idle_.notify_all();
    }
}

}  // namespace wangju::media
