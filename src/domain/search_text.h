// The text that the search index holds for Chinese. Chinese has no spaces between words and the
// words that people search for are mostly two characters long (工会, 职工, 网民); SQLite's FTS5
// trigram tokenizer needs three. So the index holds a shadow text in which every run of CJK
// characters is replaced by its overlapping character bigrams ("工会动态" -> "工会 会动 动态"), and
// other words are kept, lower-cased. Any query of two or more characters is then a phrase of
// consecutive bigrams: "工会" is the phrase ["工会"], "主题活动" is ["主题" "题活" "活动"], which
// matches exactly where the characters stand together in the original.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wangju {

// The shadow text of `text` (UTF-8): tokens separated by single spaces. Malformed UTF-8 bytes are
// treated as separators.
std::string search_grams(std::string_view text);

// The terms of a query: split on white space (ASCII and U+3000), each term trimmed; terms whose
// shadow text is empty (punctuation only) are dropped.
std::vector<std::string> search_terms(std::string_view query);

// The number of characters (code points) of the shortest term; 0 when there is none.
std::size_t shortest_term_length(const std::vector<std::string>& terms);

// An FTS5 query over the shadow texts: each term as the phrase of its grams, joined by `joiner`
// (" AND ", " OR "). The shadow text never holds a '"', so the phrases need no escaping.
std::string fts_query(const std::vector<std::string>& terms, std::string_view joiner);

}  // namespace wangju
