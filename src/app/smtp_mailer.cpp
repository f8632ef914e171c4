#include "app/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>

#include "domain/base64.h"

namespace wangju::app {

namespace {

bool is_plain_ascii(const std::string& text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c > 0x7e) return false;
    }
    return true;
}

// "Tue, 24 Nov 2026 11:30:00 +0800": the Date header in Asia/Shanghai time.
std::string mail_date() {
    std::time_t t = std::time(nullptr) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0800", days[tm.tm_wday], tm.tm_mday,
                       months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MimeDeleter {
    void operator()(curl_mime* m) const { curl_mime_free(m); }
};
using ListPtr = std::unique_ptr<curl_slist, ListDeleter>;

void append(ListPtr& list, const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown) throw std::runtime_error("out of memory building the mail");
    list.release();
    list.reset(grown);
}

}  // namespace

// Hand-written because libcurl sends header lines as given: it has no encoder for non-ASCII
// header text, and the subject is Chinese.
std::string encoded_header_words(const std::string& text) {
    if (is_plain_ascii(text)) return text;
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        // 45 bytes give 60 base64 characters: with "=?UTF-8?B?" and "?=", 72 in all.
        std::size_t end = std::min(text.size(), start + 45);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += ' ';
        out +=
            "=?UTF-8?B?" + base64_encode(std::string_view(text).substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

void read_smtp_credentials(const std::filesystem::path& file, SmtpSettings& settings) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line))
        throw std::runtime_error("cannot read the SMTP credentials file " + file.string());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
        throw std::runtime_error("the SMTP credentials file " + file.string() +
                                 " must hold USERNAME:PASSWORD on its first line");
    settings.username = line.substr(0, colon);
    settings.password = line.substr(colon + 1);
}

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void SmtpMailer::send(const MailMessage& message) {
    if (message.to.empty()) throw std::runtime_error("a mail needs at least one recipient");
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) throw std::runtime_error("libcurl failed to start");
    CURL* c = curl.get();
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
    const std::string from = "<" + settings_.from + ">";
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    if (!settings_.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
        curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    } else {
        curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    }
    ListPtr recipients, headers;
    std::string to_header;
    for (const auto& address : message.to) {
        append(recipients, "<" + address + ">");
        to_header += (to_header.empty() ? "" : ", ") + address;
    }
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    append(headers, "Date: " + mail_date());
    append(headers, "From: " + settings_.from);
    append(headers, "To: " + to_header);
    append(headers, "Subject: " + encoded_header_words(message.subject));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

    std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
    curl_mimepart* part = curl_mime_addpart(mime.get());
    curl_mime_data(part, message.body.data(), message.body.size());
    curl_mime_type(part, "text/plain; charset=UTF-8");
    curl_mime_encoder(part, "base64");
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

    const CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK) {
        throw std::runtime_error(
            fmt::format("SMTP {}: {}", settings_.url, error[0] ? error : curl_easy_strerror(code)));
    }
}

}  // namespace wangju::app
