// A multipart/form-data body (an article's attachment, a letter's files): the first line of the
// input is the Content-Type header, the rest the body.
#include <cstddef>
#include <cstdint>

#include "domain/error.h"
#include "fuzz_input.h"
#include "web/multipart_form.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto body = wangju::fuzz::as_text(data, size);
    const auto content_type = wangju::fuzz::next_line(body);
    try {
        (void)wangju::web::parse_multipart(content_type, body);
    } catch (const wangju::Error&) {
    }
    return 0;
}
