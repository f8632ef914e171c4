#include "web/auth.h"

#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "domain/password.h"
#include "domain/secret.h"
#include "domain/text.h"

namespace wangju::web {
namespace {

constexpr const char* wrong_credentials = "用户名或密码错误";

// Keeps the time of a refused login close to that of a real check, so that timing does not tell
// which user names exist.
void spend_hashing_time(std::string_view password) {
    static const std::string decoy = hash_password("decoy-password-that-nobody-uses");
    (void)verify_password(decoy, password);
}

std::string minutes_text(std::chrono::seconds s) {
    auto minutes = (s.count() + 59) / 60;
    return std::to_string(minutes < 1 ? 1 : minutes);
}

void refuse_throttled(int retry_after) {
    throw Error(ErrorKind::too_many_requests,
                "登录失败次数过多,请" + minutes_text(std::chrono::seconds(retry_after)) +
                    "分钟后再试")
        .with_retry_after(retry_after);
}

void refuse_locked(const User& user) {
    auto left = *user.locked_until - now_utc();
    int seconds = static_cast<int>(std::max<std::int64_t>(1, left.count()));
    throw Error(ErrorKind::too_many_requests,
                "账号因连续登录失败已被锁定,请" + minutes_text(std::chrono::seconds(seconds)) +
                    "分钟后再试")
        .with_retry_after(seconds);
}

bool is_locked(const User& user) { return user.locked_until && *user.locked_until > now_utc(); }

}  // namespace

LoginResult log_in(WebContext& web, const LoginRequest& login, const std::string& client_address,
                   const std::string& user_agent) {
    int retry_after = 0;
    if (!web.login_failures_by_address.would_allow(client_address, &retry_after)) {
        spdlog::warn("login throttled for address {}", client_address);
        refuse_throttled(retry_after);
    }
    AuditContext ctx{std::nullopt, client_address};
    auto note_failure = [&] {
        web.login_failures_by_address.allow(client_address);
    };
    if (login.username.empty() || login.password.empty()) {
        std::map<std::string, std::string> fields;
        if (login.username.empty()) fields["username"] = "请输入用户名";
        if (login.password.empty()) fields["password"] = "请输入密码";
        throw_invalid("请填写用户名和密码", fields);
    }
    std::string username = login.username;
    for (auto& c : username) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto user = web.store.find_user_by_username(username);
    if (!user || user->disabled) {
        spend_hashing_time(login.password);
        note_failure();
        web.store.append_audit(ctx, "user.login_failed", "user:" + username, nullptr,
                               {{"reason", user ? "disabled" : "unknown user"}});
        spdlog::info("login failed for unknown or disabled user from {}", client_address);
        throw Error(ErrorKind::unauthenticated, wrong_credentials);
    }
    ctx.actor = user->id;
    if (is_locked(*user)) {
        web.store.append_audit(ctx, "user.login_refused", "user:" + user->username, nullptr,
                               {{"reason", "locked"}});
        refuse_locked(*user);
    }
    if (!verify_password(user->password_hash, login.password)) {
        note_failure();
        auto updated = web.store.record_login_failure(user->id, web.config.lock_after_failures,
                                                      web.config.lock_for, ctx);
        spdlog::info("login failed for user {} from {} ({} in a row)", user->username,
                     client_address, updated.failed_logins);
        if (is_locked(updated)) refuse_locked(updated);
        throw Error(ErrorKind::unauthenticated, wrong_credentials);
    }
    if (user->totp_secret) {
        if (login.totp.empty()) {
            throw_invalid("请输入动态验证码", {{"totp", "此账号已开启两步验证,请输入验证器上的6位动态码"}});
        }
        if (!verify_totp(*user->totp_secret, login.totp, now_utc())) {
            note_failure();
            auto updated = web.store.record_login_failure(
                user->id, web.config.lock_after_failures, web.config.lock_for, ctx);
            if (is_locked(updated)) refuse_locked(updated);
            throw_invalid("动态验证码不正确", {{"totp", "动态验证码不正确或已过期"}});
        }
    }
    web.store.record_login_success(user->id, ctx);
    store::Session session;
    std::string token = random_token();
    session.token_hash = sha256_hex(token);
    session.user = user->id;
    session.csrf_token = random_token(24);
    session.created_at = now_utc();
    session.last_seen_at = session.created_at;
    session.client_address = client_address;
    session.user_agent = utf8_prefix(user_agent, 300);
    web.store.create_session(session, ctx);
    spdlog::info("login of user {} from {}", user->username, client_address);
    return LoginResult{token, session.csrf_token, *user};
}

http::Cookie session_cookie(const std::string& token, bool secure) {
    http::Cookie cookie;
    cookie.name = session_cookie_name;
    cookie.value = token;
    cookie.secure = secure;
    return cookie;
}

http::Cookie expired_session_cookie(bool secure) {
    http::Cookie cookie = session_cookie("", secure);
    cookie.max_age = 0;
    return cookie;
}

std::optional<CurrentUser> current_user(WebContext& web, const http::Request& request) {
    auto token = request.cookie(session_cookie_name);
    if (!token || token->size() != 64) return std::nullopt;
    std::string hash = sha256_hex(*token);
    auto session = web.store.find_session(hash);
    if (!session) return std::nullopt;
    Timestamp now = now_utc();
    AuditContext system_ctx{session->user, request.client_address};
    if (now - session->last_seen_at > web.config.session_idle ||
        now - session->created_at > web.config.session_lifetime) {
        web.store.delete_session(hash, system_ctx);
        return std::nullopt;
    }
    auto user = web.store.find_user(session->user);
    if (!user || user->disabled) return std::nullopt;
    auto unit = web.store.find_unit(user->unit);
    if (!unit) return std::nullopt;
    if (now - session->last_seen_at >= std::chrono::seconds(60)) {
        web.store.touch_session(hash, now);
        session->last_seen_at = now;
    }
    return CurrentUser{*user, *unit, *session, actor_of(*user, *unit), hash};
}

std::optional<std::string> pending_step(const User& user) {
    if (user.must_change_password) return "password";
    if (user.roles.has(Role::sysadmin) && !user.totp_secret) return "totp";
    return std::nullopt;
}

CurrentUser require_user(WebContext& web, const http::Request& request, bool allow_pending) {
    auto user = current_user(web, request);
    if (!user) throw Error(ErrorKind::unauthenticated, "请先登录");
    if (!allow_pending) {
        if (auto step = pending_step(user->user)) {
            throw Error(ErrorKind::password_change_required,
                        *step == "password" ? "首次登录或密码被重置后,请先修改密码"
                                            : "系统管理员必须先开启两步验证");
        }
    }
    return *user;
}

void refuse_cross_site_login(const http::Request& request) {
    if (auto site = request.header("sec-fetch-site"); site && *site == "cross-site")
        throw Error(ErrorKind::csrf_failed, "登录请求来自其他网站,已拒绝;请在本站的登录页登录");
}

void require_csrf(const http::Request& request, const CurrentUser& user) {
    std::string sent;
    if (auto header = request.header("x-csrf-token")) {
        sent = std::string(*header);
    } else if (auto type = request.header("content-type");
               type && type->starts_with("application/x-www-form-urlencoded")) {
        auto form = request.form();
        if (auto it = form.find("csrf"); it != form.end()) sent = it->second;
    }
    if (sent.empty() || !equal_constant_time(sent, user.session.csrf_token)) {
        throw Error(ErrorKind::csrf_failed, "安全校验失败,请刷新页面后重试");
    }
}

void require_csrf_token(const CurrentUser& user, std::string_view sent) {
    if (sent.empty() || !equal_constant_time(sent, user.session.csrf_token)) {
        throw Error(ErrorKind::csrf_failed, "安全校验失败,请刷新页面后重试");
    }
}

AuditContext audit_context(const http::Request& request, const std::optional<CurrentUser>& user) {
    AuditContext ctx;
    ctx.client_address = request.client_address;
    if (user) ctx.actor = user->user.id;
    return ctx;
}

AuditContext audit_context(const http::Request& request, const CurrentUser& user) {
    return AuditContext{user.user.id, request.client_address};
}

}  // namespace wangju::web
