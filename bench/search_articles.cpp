// Publishes generated articles for bench/search-10k on a database that holds the demo, through
// the article store as the portal's API does (create as the district's editor, submit, publish as
// its approver: each a transaction with its audit event, the search index written by the same
// code), without HTTP in between, so that 100,000 articles take minutes rather than an hour.
// Articles FROM to TO-1 are made, so that a second run adds to the first; each article's text
// depends only on its number.
// Usage: search_articles DATABASE_URL FROM TO
#include <chrono>
#include <iostream>
#include <random>

#include "domain/time.h"
#include "store/article_store.h"
#include "store/search_upkeep.h"
#include "store/store.h"

using namespace wangju;

namespace {

const std::vector<std::string> kWords = {"工会", "职工",   "网民", "网络", "安全", "主题", "活动",
                                         "征集", "作品",   "摄影", "视频", "诵读", "歌曲", "达人",
                                         "评论", "平台",   "服务", "维权", "案例", "创新", "基层",
                                         "街镇", "开发区", "系统", "劳模", "精神", "工匠", "宣传",
                                         "培训", "竞赛",   "志愿", "公益", "演讲", "展演"};
const std::vector<std::string> kColumns = {"notices", "news_union", "news_grassroots", "campaign"};

std::string words(std::mt19937& random, int n) {
    std::uniform_int_distribution<std::size_t> pick(0, kWords.size() - 1);
    std::string out;
    for (int i = 0; i < n; ++i) out += kWords[pick(random)];
    return out;
}

ArticleText article_text(long number) {
    std::mt19937 random(static_cast<std::uint32_t>(2023 + number));
    ArticleText text;
    text.column = kColumns[static_cast<std::size_t>(number) % kColumns.size()];
    text.title = words(random, 5) + "第" + std::to_string(number) + "号";
    for (int p = 0; p < 5; ++p) text.body += (p ? "\n\n" : "") + words(random, 40);
    char day[32];
    std::snprintf(day, sizeof day, "2023-%02ld-%02ldT01:00:00Z", 1 + number % 12, 1 + number % 28);
    text.published_at = parse_utc(day);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: search_articles DATABASE_URL FROM TO\n";
        return 2;
    }
    const long from = std::stol(argv[2]), to = std::stol(argv[3]);
    auto store = store::Store::open(argv[1]);
    store::ArticleStore articles(store->database());
    const auto editor = store->find_user_by_username("binhai_editor");
    const auto approver = store->find_user_by_username("binhai_approver");
    if (!editor || !approver) {
        std::cerr << "the database does not hold the demo (binhai_editor, binhai_approver)\n";
        return 2;
    }
    const AuditContext as_editor{editor->id, "bench"}, as_approver{approver->id, "bench"};
    const auto started = std::chrono::steady_clock::now();
    for (long i = from; i < to; ++i) {
        auto created =
            articles.create_article(article_text(i), editor->unit, editor->id, as_editor);
        articles.change_state(created.id, ArticleAction::submit, as_editor);
        articles.change_state(created.id, ArticleAction::publish, as_approver);
        if ((i + 1) % 10'000 == 0) {
            const auto s = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::steady_clock::now() - started);
            std::cerr << "  " << i + 1 << " articles published (" << s.count() << "s)\n";
        }
    }
    // As `wangju serve` does every minute meanwhile (store/search_upkeep.h).
    std::cerr << "  search index merged in " << store::merge_search_index(store->database())
              << " steps\n";
    return 0;
}
