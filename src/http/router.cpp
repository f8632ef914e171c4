#include "http/router.h"

#include <algorithm>
#include <future>

namespace wangju::http {

namespace {

// "/units/binhai" -> {"units", "binhai"}; "/" -> {}; "/a/" -> {"a", ""}.
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (path.starts_with('/')) path.remove_prefix(1);
    if (path.empty()) return segments;
    while (true) {
        auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_capture(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool is_rest_capture(std::string_view segment) {
    return is_capture(segment) && segment.ends_with("...}");
}

std::string capture_name(std::string_view segment) {
    segment = segment.substr(1, segment.size() - 2);
    if (segment.ends_with("...")) segment.remove_suffix(3);
    return std::string(segment);
}

// Ranks each segment: a literal beats "{name}", which beats "{name...}". The route with the
// highest rank, compared segment by segment, wins; so "/units/new" is preferred over
// "/units/{code}" whatever the order of registration.
using Rank = std::vector<int>;

std::optional<Rank> match_segments(const std::vector<std::string>& pattern,
                                   const std::vector<std::string_view>& path,
                                   std::map<std::string, std::string>& params) {
    Rank rank;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto& segment = pattern[i];
        if (is_rest_capture(segment)) {
            if (i >= path.size()) return std::nullopt;
            std::string rest;
            for (std::size_t j = i; j < path.size(); ++j) {
                if (j > i) rest += '/';
                rest += path[j];
            }
            params[capture_name(segment)] = std::move(rest);
            rank.push_back(0);
            return rank;
        }
        if (i >= path.size()) return std::nullopt;
        if (is_capture(segment)) {
            if (path[i].empty()) return std::nullopt;
            params[capture_name(segment)] = std::string(path[i]);
            rank.push_back(1);
        } else {
            if (segment != path[i]) return std::nullopt;
            rank.push_back(2);
        }
    }
    if (pattern.size() != path.size()) return std::nullopt;
    return rank;
}

// A test that rules out most routes before match_segments builds anything: the number of
// segments, and a literal first segment. Every request is tried against every route.
bool may_match(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
    if (pattern.empty()) return path.empty();
    const bool rest = is_rest_capture(pattern.back());
    if (rest ? path.size() < pattern.size() : path.size() != pattern.size()) return false;
    const auto& first = pattern.front();
    return is_capture(first) || first == path.front();
}

bool answers(std::string_view route_method, std::string_view method) {
    return route_method == method || (method == "HEAD" && route_method == "GET");
}

void add_allowed(std::vector<std::string>& allowed, const std::string& method) {
    if (std::find(allowed.begin(), allowed.end(), method) == allowed.end())
        allowed.push_back(method);
}

}  // namespace

void Router::add_deferred(std::string method, std::string pattern,
                          std::function<void(Request&, Reply)> deferred, RouteOptions options) {
    Handler waiting = [deferred](Request& request) {
        std::promise<std::function<Response()>> made;
        auto answer = made.get_future();
        deferred(request, [&made](std::function<Response()> make) { made.set_value(std::move(make)); });
        return answer.get()();
    };
    options.deferred = std::move(deferred);
    add(std::move(method), std::move(pattern), std::move(waiting), std::move(options));
}

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
    std::vector<std::string> segments;
    for (auto segment : split_path(pattern)) segments.emplace_back(segment);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments),
                            std::move(handler), options});
}

Router::Outcome Router::match(std::string_view method, std::string_view path, Match& out,
                              std::string* allowed) const {
    auto segments = split_path(path);
    const Route* best = nullptr;
    Rank best_rank;
    std::map<std::string, std::string> best_params;
    std::vector<std::string> methods;
    for (const auto& route : routes_) {
        if (!may_match(route.segments, segments)) continue;
        std::map<std::string, std::string> params;
        auto rank = match_segments(route.segments, segments, params);
        if (!rank) continue;
        add_allowed(methods, route.method);
        if (route.method == "GET") add_allowed(methods, "HEAD");
        if (!answers(route.method, method)) continue;
        // On equal rank, an explicit HEAD route beats the GET route answering HEAD.
        bool better = !best || *rank > best_rank ||
                      (*rank == best_rank && route.method == method && best->method != method);
        if (better) {
            best = &route;
            best_rank = std::move(*rank);
            best_params = std::move(params);
        }
    }
    if (best) {
        out.handler = &best->handler;
        out.options = best->options;
        out.pattern = best->pattern;
        out.params = std::move(best_params);
        return Outcome::found;
    }
    if (methods.empty()) return Outcome::not_found;
    if (allowed) {
        allowed->clear();
        for (const auto& m : methods) *allowed += (allowed->empty() ? "" : ", ") + m;
    }
    return Outcome::method_not_allowed;
}

std::vector<Router::RouteName> Router::route_names() const {
    std::vector<RouteName> out;
    out.reserve(routes_.size());
    for (const auto& route : routes_) out.push_back({route.method, route.pattern});
    return out;
}

}  // namespace wangju::http
