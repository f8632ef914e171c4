// The portal part of the demo: the 2023 notice as published by the district union with its four
// attachments, and a few news items.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/store.h"

namespace wangju::app {

// The notice's text (demo_notice_text.cpp).
const char* notice_2023_markdown();

struct DemoFile {
    std::string name;   // the name a reader downloads it under
    std::string bytes;
};
// The notice's 附件1 (a Word document) and 附件2 to 附件4 (Excel tables) in the shape of the
// notice's attachments, filled for the demo's units. Throws std::runtime_error when a file
// cannot be made.
std::vector<DemoFile> notice_2023_attachments();

// Publishes the demo articles. With `data_dir` empty the notice is published without its files.
void load_portal_demo(store::Store& store, const std::filesystem::path& data_dir);

}  // namespace wangju::app
