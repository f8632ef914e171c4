#include "web/mailbox/letter_files.h"

#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>
#include <magic.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "domain/text.h"

namespace wangju::web {

namespace {

const char* const accepted_types[] = {"image/jpeg", "image/png", "application/pdf"};

// A libmagic cookie is not thread-safe, and loading its database costs milliseconds: one cookie,
// used under a lock.
class MagicCookie {
  public:
    MagicCookie() : cookie_(magic_open(MAGIC_MIME_TYPE)) {
        if (!cookie_ || magic_load(cookie_, nullptr) != 0) {
            throw std::runtime_error("libmagic could not load its database");
        }
    }
    ~MagicCookie() { magic_close(cookie_); }
    std::string type_of(const std::string& bytes) {
        std::lock_guard lock(mutex_);
        const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
        return type ? type : "application/octet-stream";
    }

  private:
    magic_t cookie_;
    std::mutex mutex_;
};

bool accepted(const std::string& type) {
    for (const char* t : accepted_types) {
        if (type == t) return true;
    }
    return false;
}

}  // namespace

std::string sniffed_content_type(const std::string& bytes) {
    static MagicCookie cookie;
    return cookie.type_of(bytes);
}

void check_letter_files(const std::vector<UploadedFile>& files,
                        std::map<std::string, std::string>& errors) {
    if (files.size() > max_letter_files) {
        errors["attachments"] = fmt::format("附件最多 {} 个", max_letter_files);
        return;
    }
    for (const auto& f : files) {
        if (f.bytes.size() > max_letter_file_bytes) {
            errors["attachments"] = fmt::format("附件“{}”超过 5 MB", f.filename);
            return;
        }
        if (!accepted(sniffed_content_type(f.bytes))) {
            errors["attachments"] =
                fmt::format("附件“{}”不是 JPG、PNG 图片或 PDF 文件", f.filename);
            return;
        }
    }
}

std::vector<store::LetterAttachment> save_letter_files(const std::filesystem::path& dir,
                                                       const std::vector<UploadedFile>& files) {
    std::vector<store::LetterAttachment> saved;
    if (files.empty()) return saved;
    std::filesystem::create_directories(dir);
    int position = 0;
    for (const auto& f : files) {
        store::LetterAttachment a{++position, utf8_prefix(f.filename, 200),
                                  sniffed_content_type(f.bytes),
                                  static_cast<std::int64_t>(f.bytes.size()), random_token(16)};
        std::ofstream out(dir / a.stored_name, std::ios::binary);
        out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
        if (!out.flush()) {
            remove_letter_files(dir, saved);
            throw Error(ErrorKind::unavailable, "附件保存失败,请稍后再试");
        }
        saved.push_back(std::move(a));
    }
    return saved;
}

void remove_letter_files(const std::filesystem::path& dir,
                         const std::vector<store::LetterAttachment>& files) {
    for (const auto& f : files) {
        std::error_code ec;
        std::filesystem::remove(dir / f.stored_name, ec);
    }
}

}  // namespace wangju::web
