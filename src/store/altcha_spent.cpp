#include "store/altcha_spent.h"

#include "domain/error.h"
#include "store/rows.h"

namespace wangju::store {

void spend_altcha_challenge(soci::session& s, const std::string& challenge, Timestamp expires) {
    long long spent = 0;
    s << "SELECT count(*) FROM altcha_spent WHERE challenge = :c", soci::use(challenge),
        soci::into(spent);
    if (spent > 0) throw_invalid("该人机验证已使用过,请重新验证", {{"altcha", "已使用过"}});
    const std::string at = stored(expires);
    s << "INSERT INTO altcha_spent (challenge, expires_at) VALUES (:c, :e)", soci::use(challenge),
        soci::use(at);
}

}  // namespace wangju::store
