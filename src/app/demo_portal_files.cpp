// The notice's four attachments as real files, made by the official table writers
// (export/notice_attachments.h): 附件1 as DOCX, 附件2 to 附件4 as blank XLSX forms.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/demo_portal.h"
#include "domain/secret.h"
#include "export/notice_attachments.h"

namespace wangju::app {

std::vector<DemoFile> notice_2023_attachments() {
    const auto dir = std::filesystem::temp_directory_path() / ("wangju-notice-" + random_token(8));
    std::vector<DemoFile> files;
    try {
        for (const auto& attachment : tables::write_notice_attachments(dir)) {
            std::ifstream in(attachment.path, std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            files.push_back({attachment.file_name, bytes.str()});
        }
    } catch (...) {
        std::filesystem::remove_all(dir);
        throw;
    }
    std::filesystem::remove_all(dir);
    return files;
}

}  // namespace wangju::app
