#include "web/portal/highlight.h"

#include <algorithm>
#include <optional>

#include "domain/text.h"

namespace wangju::web {
namespace {

char32_t fold(char32_t c) {
    return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c;
}


// The length of the term that matches at `at`, or 0.
std::size_t match_at(const std::u32string& text, std::size_t at,
                     const std::vector<std::u32string>& terms) {
    for (const auto& term : terms) {
        if (term.empty() || at + term.size() > text.size()) continue;
        bool same = true;
        for (std::size_t i = 0; same && i < term.size(); ++i) {
            same = fold(text[at + i]) == fold(term[i]);
        }
        if (same) return term.size();
    }
    return 0;
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string highlight(std::string_view text_utf8, const std::vector<std::string>& terms_utf8,
                      std::size_t max_chars) {
    auto decoded = decode_utf8(text_utf8);
    if (!decoded) return html_escape(text_utf8.substr(0, max_chars));
    const std::u32string& text = *decoded;
    std::vector<std::u32string> terms;
    for (const auto& t : terms_utf8) {
        if (auto d = decode_utf8(t)) terms.push_back(*d);
    }
    // Longer terms first, so that "工会动态" is marked whole rather than as "工会".
    std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });

    std::size_t first = text.size();
    for (std::size_t i = 0; i < text.size() && first == text.size(); ++i) {
        if (match_at(text, i, terms)) first = i;
    }
    std::size_t start = first == text.size() || first < 20 ? 0 : first - 20;
    std::size_t end = std::min(text.size(), start + max_chars);
    std::string out = start > 0 ? "…" : "";
    std::size_t plain_from = start;
    for (std::size_t i = start; i < end;) {
        std::size_t n = match_at(text, i, terms);
        if (n == 0) {
            ++i;
            continue;
        }
        out += html_escape(encode_utf8(std::u32string_view(text).substr(plain_from, i - plain_from)));
        out += "<mark>" + html_escape(encode_utf8(std::u32string_view(text).substr(i, n))) + "</mark>";
        i += n;
        plain_from = i;
    }
    if (plain_from < end) {
        out += html_escape(encode_utf8(std::u32string_view(text).substr(plain_from, end - plain_from)));
    }
    if (end < text.size()) out += "…";
    return out;
}

}  // namespace wangju::web
