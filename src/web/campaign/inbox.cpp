#include "web/campaign/inbox.h"

#include <algorithm>
#include <charconv>

#include "domain/campaign_permission.h"
#include "domain/error.h"

namespace wangju::web::campaign {

Inbox inbox_of(WebContext& web, const CurrentUser& user) {
    if (may_view_campaign_unit(user.actor, user.unit)) {
        return {web.inbox.notices(user.unit.id, user.user.id),
                web.inbox.unread(user.unit.id, user.user.id)};
    }
    Inbox inbox;
    for (auto& n : web.inbox.notices(user.unit.id, user.user.id)) {
        if (n.user != user.user.id) continue;
        if (!n.read_at) ++inbox.unread;
        inbox.notices.push_back(std::move(n));
    }
    return inbox;
}

void mark_notice_read(WebContext& web, const CurrentUser& user, const std::string& id_text) {
    long long id = 0;
    std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (!may_view_campaign_unit(user.actor, user.unit)) {
        const auto mine = inbox_of(web, user).notices;
        if (std::none_of(mine.begin(), mine.end(), [&](const auto& n) { return n.id == id; }))
            throw_not_found("找不到该条通知");
    }
    web.inbox.mark_read(id, user.unit.id, now_utc(), user.user.id);
}

}  // namespace wangju::web::campaign
