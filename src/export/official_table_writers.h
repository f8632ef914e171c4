// The two implementations of OfficialTableWriter, chosen by OfficialTableWriter::open.
#pragma once

#include <filesystem>
#include <memory>

#include "export/official_table.h"

namespace wangju::tables {

std::unique_ptr<OfficialTableWriter> open_xlsx_table(const std::filesystem::path& path,
                                                     const OfficialTableHeader& header);
std::unique_ptr<OfficialTableWriter> open_csv_table(const std::filesystem::path& path,
                                                    const OfficialTableHeader& header);

}  // namespace wangju::tables

namespace wangju::tables {

// Removes the file being written unless the table was finished: a failed or abandoned export
// leaves no half-written table behind. Declared first among a writer's members so that it runs
// last, after the file has been closed.
class RemoveUnlessFinished {
  public:
    explicit RemoveUnlessFinished(std::filesystem::path path) : path_(std::move(path)) {}
    ~RemoveUnlessFinished() {
        if (finished_) return;
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    RemoveUnlessFinished(const RemoveUnlessFinished&) = delete;
    RemoveUnlessFinished& operator=(const RemoveUnlessFinished&) = delete;
    void finished() { finished_ = true; }
    bool is_finished() const { return finished_; }

  private:
    std::filesystem::path path_;
    bool finished_ = false;
};

}  // namespace wangju::tables
