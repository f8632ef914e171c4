#include "store/connection_url.h"

#include <vector>

#include "domain/error.h"

namespace wangju::store {

namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

std::string_view strip_scheme(std::string_view url) {
    for (auto scheme : kSchemes) {
        if (url.starts_with(scheme)) return url.substr(scheme.size());
    }
    throw Error(ErrorKind::invalid_input, "数据库地址必须以 postgresql:// 开头");
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) throw Error(ErrorKind::invalid_input, "数据库地址中的 % 编码无效");
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// libpq keyword values in single quotes, with ' and \ escaped.
std::string quoted(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

void add(std::string& conninfo, std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += key;
    conninfo += '=';
    conninfo += quoted(value);
}

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto pos = text.find(sep);
        parts.push_back(text.substr(0, pos));
        if (pos == std::string_view::npos) return parts;
        text.remove_prefix(pos + 1);
    }
}

// "[::1]:5432" or "host:5432" or "host" -> host and port.
std::pair<std::string_view, std::string_view> split_host_port(std::string_view hostport) {
    if (hostport.starts_with('[')) {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos) {
            throw Error(ErrorKind::invalid_input, "数据库地址中的主机名无效");
        }
        const auto rest = hostport.substr(close + 1);
        return {hostport.substr(1, close - 1), rest.starts_with(':') ? rest.substr(1) : ""};
    }
    const auto colon = hostport.rfind(':');
    if (colon == std::string_view::npos) return {hostport, ""};
    return {hostport.substr(0, colon), hostport.substr(colon + 1)};
}

}  // namespace

bool is_postgres_url(std::string_view url) {
    for (auto scheme : kSchemes) {
        if (url.starts_with(scheme)) return true;
    }
    return false;
}

std::string postgres_conninfo(std::string_view url) {
    std::string_view rest = strip_scheme(url);
    std::string_view query;
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string_view dbname;
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        dbname = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string_view userinfo;
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    const auto [host, port] = split_host_port(rest);
    std::string user{userinfo}, password;
    if (const auto colon = userinfo.find(':'); colon != std::string_view::npos) {
        user = userinfo.substr(0, colon);
        password = userinfo.substr(colon + 1);
    }
    std::string conninfo;
    add(conninfo, "host", percent_decode(host));
    add(conninfo, "port", port);
    add(conninfo, "dbname", percent_decode(dbname));
    add(conninfo, "user", percent_decode(user));
    add(conninfo, "password", percent_decode(password));
    for (auto param : split(query, '&')) {
        if (param.empty()) continue;
        const auto eq = param.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            throw Error(ErrorKind::invalid_input, "数据库地址中的参数无效");
        }
        add(conninfo, percent_decode(param.substr(0, eq)), percent_decode(param.substr(eq + 1)));
    }
    return conninfo;
}

std::string with_database(std::string_view url, std::string_view dbname) {
    const std::string_view rest = strip_scheme(url);
    const std::size_t authority_start = url.size() - rest.size();
    const auto end = url.find_first_of("/?", authority_start);
    const std::string_view head = url.substr(0, end);
    std::string_view query;
    if (const auto q = url.find('?', authority_start); q != std::string_view::npos) {
        query = url.substr(q);
    }
    return std::string(head) + "/" + std::string(dbname) + std::string(query);
}

}  // namespace wangju::store
