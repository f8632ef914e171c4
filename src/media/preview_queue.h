// Previews (poster frames, thumbnails) of finished uploads, made on a thread of their own after
// the upload's last PATCH was answered: the answer waits for the checks that may refuse the file,
// never for its picture. A preview the queue did not make (the server stopped first) is made by
// its first viewer (media/previews.h preview_or_make). Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "media/blob_store.h"
#include "store/database.h"

namespace wangju::media {

class PreviewQueue {
  public:
    PreviewQueue(BlobStore& blobs, store::Database& database);
    // Finishes the preview being made and drops the others.
    ~PreviewQueue();
    PreviewQueue(const PreviewQueue&) = delete;
    PreviewQueue& operator=(const PreviewQueue&) = delete;

    // Makes the preview of blob `sha256` soon, if it has none and its kind has one.
    void add(const std::string& sha256);
    // Returns once every preview added before was made or failed to be made.
    void wait_until_idle();

  private:
    void run();

    BlobStore& blobs_;
    store::Database& database_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<std::string> waiting_;
    bool making_ = false;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace wangju::media
