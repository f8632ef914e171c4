#include "app/options.h"

#include <cstdlib>
#include <iostream>

namespace wangju::app {

std::string database_url(const CommonOptions& options) {
    if (!options.database.empty()) return options.database;
    if (const char* env = std::getenv("WANGJU_DATABASE"); env && *env) return env;
    return (options.data_dir / "wangju.db").string();
}

std::unique_ptr<store::Store> open_store(const CommonOptions& options, bool migrate) {
    std::filesystem::create_directories(options.data_dir);
    auto store = store::Store::open(database_url(options));
    if (migrate) {
        int from = store->schema_version();
        int to = store->latest_schema_version();
        if (from < to) {
            std::cerr << "正在升级数据库结构:版本 " << from << " → " << to << std::endl;
        }
        store->migrate();
    }
    return store;
}

}  // namespace wangju::app
