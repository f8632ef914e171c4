// Attachments of letters: checked by their content and kept as files in the attachments folder
// under random names (the name a browser sends is only shown, never used as a path).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/letter_store.h"
#include "web/multipart_form.h"

namespace wangju::web {

inline constexpr std::size_t max_letter_files = 3;
inline constexpr std::size_t max_letter_file_bytes = 5 * 1024 * 1024;

// The type of `bytes` as libmagic reads it ("image/png").
std::string sniffed_content_type(const std::string& bytes);

// Checks the files of a letter (at most three, each at most 5 MB, JPEG, PNG or PDF by content);
// adds a message per bad file to `errors` under "attachments".
void check_letter_files(const std::vector<UploadedFile>& files,
                        std::map<std::string, std::string>& errors);

// Writes the checked files into `dir` and returns their facts. The caller removes them with
// remove_letter_files when the letter is not stored after all.
std::vector<store::LetterAttachment> save_letter_files(const std::filesystem::path& dir,
                                                       const std::vector<UploadedFile>& files);
void remove_letter_files(const std::filesystem::path& dir,
                         const std::vector<store::LetterAttachment>& files);

}  // namespace wangju::web
