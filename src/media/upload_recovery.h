// What a stop of the server (a crash, a kill) may leave half done in the uploads folder, put right
// at the next start.
#pragma once

#include <cstddef>

#include "domain/audit.h"
#include "media/uploads.h"
#include "store/database.h"

namespace wangju::media {

// At start, before any request: completes the open uploads whose every byte had arrived when the
// server stopped before finishing them (a tus client that sees the offset at the length takes the
// upload as done, and would never send it again), and removes the files of uploads whose rows
// say they were finished, refused or removed. Returns how many uploads it completed.
std::size_t finish_interrupted_uploads(store::Database& database, Uploads& uploads,
                                       const AuditContext& ctx);

}  // namespace wangju::media
