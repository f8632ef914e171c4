#include "store/altcha_spent.h"

#include "domain/error.h"
#include "store/rows.h"

namespace wangju::store {

void spend_altcha_challenge(soci::session& s, const std::string& spent_key, Timestamp expires) {
    const std::string at = stored(expires);
    long long spent = 0;
    s << "SELECT count(*) FROM altcha_spent WHERE expires_at = :e AND spent_key = :k",
        soci::use(at), soci::use(spent_key), soci::into(spent);
    if (spent > 0) throw_invalid("该人机验证已使用过,请重新验证", {{"altcha", "已使用过"}});
    s << "INSERT INTO altcha_spent (expires_at, spent_key) VALUES (:e, :k)", soci::use(at),
        soci::use(spent_key);
}

}  // namespace wangju::store
