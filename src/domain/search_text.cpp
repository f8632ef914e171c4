#include "domain/search_text.h"

#include <algorithm>

#include "domain/text.h"

namespace wangju {
namespace {

bool is_cjk(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Letters and digits of other scripts (Latin, Cyrillic, ...) form words; punctuation, symbols and
// spaces separate them. ASCII is decided exactly; above it, everything that is not CJK
// punctuation (U+3000-U+303F, full-width forms' punctuation) counts as a letter.
bool is_word_char(char32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
    if (c >= 0xFF00 && c <= 0xFF0F) return false;  // full-width punctuation
    if (c >= 0xFF1A && c <= 0xFF20) return false;
    if (c >= 0xFF3B && c <= 0xFF40) return false;
    if (c >= 0xFF5B && c <= 0xFF65) return false;
    if (c == 0x00B7 || c == 0x00D7) return false;
    return true;
}

// Appends `c` with A-Z folded to a-z, so that search ignores ASCII case.
void append_folded(std::string& out, char32_t c) {
    append_utf8(out, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// Decodes leniently: a malformed byte becomes a separator (a space).
std::u32string decode_lenient(std::string_view text) {
    if (auto exact = decode_utf8(text)) return *exact;
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        std::size_t n = b < 0x80         ? 1
                        : (b >> 5) == 6  ? 2
                        : (b >> 4) == 14 ? 3
                        : (b >> 3) == 30 ? 4
                                         : 0;
        auto piece = n && i + n <= text.size() ? decode_utf8(text.substr(i, n)) : std::nullopt;
        if (piece && piece->size() == 1) {
            out += *piece;
            i += n;
        } else {
            out += U' ';
            ++i;
        }
    }
    return out;
}

// Collects tokens: a run of CJK characters becomes its bigrams (a lone character stays itself),
// a run of word characters becomes one lower-cased word.
class GramWriter {
  public:
    void cjk(char32_t c) {
        end_word();
        run_ += c;
    }
    void word_char(char32_t c) {
        end_cjk_run();
        if (!in_word_) separate();
        in_word_ = true;
        append_folded(out_, c);
    }
    void separator() {
        end_cjk_run();
        end_word();
    }
    std::string take() {
        separator();
        return std::move(out_);
    }

  private:
    void end_word() { in_word_ = false; }
    void end_cjk_run() {
        if (run_.size() == 1) {
            separate();
            append_folded(out_, run_[0]);
        }
        for (std::size_t i = 0; i + 1 < run_.size(); ++i) {
            separate();
            append_folded(out_, run_[i]);
            append_folded(out_, run_[i + 1]);
        }
        run_.clear();
    }
    void separate() {
        if (!out_.empty()) out_ += ' ';
    }
    std::string out_;
    std::u32string run_;
    bool in_word_ = false;
};

}  // namespace

std::string search_grams(std::string_view text) {
    GramWriter w;
    for (char32_t c : decode_lenient(text)) {
        if (is_cjk(c)) {
            w.cjk(c);
        } else if (is_word_char(c)) {
            w.word_char(c);
        } else {
            w.separator();
        }
    }
    return w.take();
}

std::vector<std::string> search_terms(std::string_view query) {
    std::vector<std::string> terms;
    std::string current;
    auto flush = [&] {
        if (!search_grams(current).empty()) terms.push_back(current);
        current.clear();
    };
    for (char32_t c : decode_lenient(query)) {
        if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000) {
            flush();
        } else {
            append_folded(current, c);
        }
    }
    flush();
    return terms;
}

std::size_t shortest_term_length(const std::vector<std::string>& terms) {
    std::size_t shortest = 0;
    for (const auto& t : terms) {
        std::size_t n = decode_lenient(t).size();
        shortest = shortest == 0 ? n : std::min(shortest, n);
    }
    return shortest;
}

// Appended rather than `"\"" + grams`, whose insert at the front g++ 12 at -O2 reports as an
// overlapping memcpy (GCC bug 105329, a false positive).
std::string fts_query(const std::vector<std::string>& terms, std::string_view joiner) {
    std::string query;
    for (const auto& term : terms) {
        if (!query.empty()) query += joiner;
        query += '"';
        query += search_grams(term);
        query += '"';
    }
    return query;
}

}  // namespace wangju
