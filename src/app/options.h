// Options shared by every subcommand: where the data lives and which database to use.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace wangju::app {

struct CommonOptions {
    std::filesystem::path data_dir = "./data";
    std::string database;  // empty: $WANGJU_DATABASE, else <data_dir>/wangju.db
};

// The database URL the options name, after the environment and the default.
std::string database_url(const CommonOptions& options);

// Opens the store and brings its schema up to date (with progress on standard error).
std::unique_ptr<store::Store> open_store(const CommonOptions& options, bool migrate = true);

}  // namespace wangju::app
