#include "http/router.h"

#include <algorithm>
#include <compare>
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
    std::vector<Segment> segments;
    for (auto segment : split_path(pattern)) {
        if (is_rest_capture(segment))
            segments.push_back({SegmentKind::rest, capture_name(segment)});
        else if (is_capture(segment))
            segments.push_back({SegmentKind::capture, capture_name(segment)});
        else
            segments.push_back({SegmentKind::literal, std::string(segment)});
    }
    const std::size_t index = routes_.size();
    Node* node = &root_;
    bool rest = false;
    for (const auto& segment : segments) {
        if (segment.kind == SegmentKind::rest) {
            node->rests.push_back(index);  // "{name...}" is the last segment
            rest = true;
            break;
        }
        auto& next =
            segment.kind == SegmentKind::capture ? node->capture : node->literals[segment.text];
        if (!next) next = std::make_unique<Node>();
        node = next.get();
    }
    if (!rest) node->ends.push_back(index);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments),
                            std::move(handler), std::move(options)});
}

void Router::candidates(const Node& node, const std::vector<std::string_view>& path, std::size_t at,
                        std::vector<std::size_t>& out) const {
    if (at == path.size()) {
        out.insert(out.end(), node.ends.begin(), node.ends.end());
        return;
    }
    out.insert(out.end(), node.rests.begin(), node.rests.end());
    if (auto literal = node.literals.find(path[at]); literal != node.literals.end())
        candidates(*literal->second, path, at + 1, out);
    if (node.capture && !path[at].empty()) candidates(*node.capture, path, at + 1, out);
}

Router::Outcome Router::match(std::string_view method, std::string_view path, Match& out,
                              std::string* allowed) const {
    const auto segments = split_path(path);
    std::vector<std::size_t> found;
    candidates(root_, segments, 0, found);
    std::sort(found.begin(), found.end());  // in the order added, as the tie-breaks below need
    // Ranks each segment: a literal beats "{name}", which beats "{name...}". The route with the
    // highest rank, compared segment by segment, wins; so "/units/new" is preferred over
    // "/units/{code}" whatever the order of registration.
    const auto compare_rank = [](const std::vector<Segment>& a, const std::vector<Segment>& b) {
        const auto rank = [](const Segment& segment) {
            return segment.kind == SegmentKind::literal   ? 2
                   : segment.kind == SegmentKind::capture ? 1
                                                          : 0;
        };
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
            if (auto order = rank(a[i]) <=> rank(b[i]); order != 0) return order;
        return a.size() <=> b.size();
    };
    const Route* best = nullptr;
    for (auto index : found) {
        const auto& route = routes_[index];
        if (!answers(route.method, method)) continue;
        // On equal rank, an explicit HEAD route beats the GET route answering HEAD.
        const auto order =
            best ? compare_rank(route.segments, best->segments) : std::strong_ordering::greater;
        if (order > 0 || (order == 0 && route.method == method && best->method != method))
            best = &route;
    }
    if (best) {
        out.handler = &best->handler;
        out.options = &best->options;
        out.pattern = best->pattern;
        out.params.clear();
        for (std::size_t i = 0; i < best->segments.size(); ++i) {
            const auto& segment = best->segments[i];
            if (segment.kind == SegmentKind::capture) {
                out.params[segment.text] = std::string(segments[i]);
            } else if (segment.kind == SegmentKind::rest) {
                std::string rest;
                for (std::size_t j = i; j < segments.size(); ++j) {
                    if (j > i) rest += '/';
                    rest += segments[j];
                }
                out.params[segment.text] = std::move(rest);
            }
        }
        return Outcome::found;
    }
    // None answers the method: the methods of those that fit the path, in the order added.
    std::vector<std::string> methods;
    for (auto index : found) {
        const auto& route = routes_[index];
        add_allowed(methods, route.method);
        if (route.method == "GET") add_allowed(methods, "HEAD");
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
