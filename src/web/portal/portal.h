// What the portal keeps beside the database for the life of the server: the view counter, the
// rendered pages of anonymous readers and the attachment files. One per WebContext.
#pragma once

#include <chrono>
#include <filesystem>

#include "store/article_store.h"
#include "web/portal/attachment_files.h"
#include "web/portal/page_cache.h"
#include "web/portal/view_counter.h"

namespace wangju::web {

struct Portal {
    Portal(store::ArticleStore& articles, const std::filesystem::path& data_dir,
           std::chrono::milliseconds flush_interval)
        : views(articles, flush_interval), files(data_dir) {}

    ViewCounter views;
    PageCache pages;
    AttachmentFiles files;
};

}  // namespace wangju::web
