// Removes expired unfinished uploads (and their bytes) every few minutes until destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "media/uploads.h"

namespace wangju::app {

class UploadSweeper {
  public:
    explicit UploadSweeper(media::Uploads& uploads,
                           std::chrono::seconds every = std::chrono::minutes(5));
    ~UploadSweeper();
    UploadSweeper(const UploadSweeper&) = delete;
    UploadSweeper& operator=(const UploadSweeper&) = delete;

  private:
    void run(media::Uploads& uploads, std::chrono::seconds every);

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace wangju::app
