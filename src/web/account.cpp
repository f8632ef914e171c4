#include "web/account.h"

#include "domain/error.h"
#include "domain/password.h"
#include "domain/secret.h"
#include "web/json_views.h"

namespace wangju::web {

void change_password(WebContext& web, const CurrentUser& user, const std::string& current,
                     const std::string& replacement, const AuditContext& ctx) {
    if (!verify_password(user.user.password_hash, current)) {
        throw_invalid("当前密码不正确", {{"current_password", "当前密码不正确"}});
    }
    if (auto reason = check_password_policy(replacement, user.user.username); !reason.empty()) {
        throw_invalid(reason, {{"new_password", reason}});
    }
    if (replacement == current) {
        throw_invalid("新密码不能与当前密码相同", {{"new_password", "新密码不能与当前密码相同"}});
    }
    web.store.set_password(user.user.id, hash_password(replacement), false, ctx);
    for (const auto& session : web.store.sessions_of(user.user.id)) {
        if (session.token_hash != user.session_token_hash) {
            web.store.delete_session(session.token_hash, ctx);
        }
    }
}

TotpSetup begin_totp(const CurrentUser& user) {
    TotpSetup setup;
    setup.secret = new_totp_secret();
    setup.uri = totp_uri(setup.secret, user.user.username);
    return setup;
}

void confirm_totp(WebContext& web, const CurrentUser& user, const std::string& secret,
                  const std::string& code, const AuditContext& ctx) {
    if (secret.size() != 32) throw_invalid("两步验证密钥无效,请重新开始设置");
    if (!verify_totp(secret, code, now_utc())) {
        throw_invalid("动态验证码不正确", {{"totp", "动态验证码不正确,请核对验证器上的6位数字"}});
    }
    web.store.set_totp_secret(user.user.id, secret, ctx);
}

void disable_totp(WebContext& web, const CurrentUser& user, const std::string& password,
                  const AuditContext& ctx) {
    if (user.user.roles.has(Role::sysadmin)) {
        throw_forbidden("系统管理员必须开启两步验证,不能关闭");
    }
    if (!verify_password(user.user.password_hash, password)) {
        throw_invalid("密码不正确", {{"password", "密码不正确"}});
    }
    web.store.set_totp_secret(user.user.id, std::nullopt, ctx);
}

void set_own_email(WebContext& web, const CurrentUser& user, const std::string& email,
                   const AuditContext& ctx) {
    web.store.set_email(user.user.id, email, ctx);
}

void end_session(WebContext& web, const CurrentUser& user, const std::string& id,
                 const AuditContext& ctx) {
    for (const auto& session : web.store.sessions_of(user.user.id)) {
        if (session_id(session) == id) {
            web.store.delete_session(session.token_hash, ctx);
            return;
        }
    }
    throw_not_found("会话不存在或已结束");
}

}  // namespace wangju::web
