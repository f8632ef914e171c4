// The stored files of a data folder checked against their names and against the database, for
// `wangju check`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/database.h"

namespace wangju::app {

// Each problem as a line in Chinese; empty when sound. Every content-addressed file below
// <data>/blobs must hash to its name (SHA-256); every file the database names (blobs, portal
// attachments, letters' and objections' attachments) must be there with its recorded size.
std::vector<std::string> stored_file_problems(const std::filesystem::path& data_dir,
                                              store::Database& database);

}  // namespace wangju::app
