// The on-site inbox as a user reads it. A unit's own notices (quota reminders that tell the unit's
// figures, decisions on its reports, award notices) are for those who may view the unit's
// campaign data (domain/campaign_permission.h); a notice addressed to one account (a judge's
// reminder) is for that account.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "store/inbox_store.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web::campaign {

struct Inbox {
    std::vector<store::InboxNotice> notices;  // newest first
    std::size_t unread = 0;
};

Inbox inbox_of(WebContext& web, const CurrentUser& user);
// Marks a notice of the user's inbox read; not found when inbox_of does not hold it.
void mark_notice_read(WebContext& web, const CurrentUser& user, const std::string& id_text);

}  // namespace wangju::web::campaign
