// The tus headers of an upload: the input's lines are Upload-Metadata, Upload-Length (also read
// as Upload-Offset) and Upload-Checksum.
#include <cstddef>
#include <cstdint>

#include "domain/error.h"
#include "fuzz_input.h"
#include "web/uploads/tus_headers.h"

namespace {

template <class Parse>
void refused_or_read(Parse parse) {
    try {
        parse();
    } catch (const wangju::Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace tus = wangju::web::tus;
    auto rest = wangju::fuzz::as_text(data, size);
    const auto metadata = wangju::fuzz::next_line(rest);
    const auto length = wangju::fuzz::next_line(rest);
    const auto checksum = wangju::fuzz::next_line(rest);
    refused_or_read([&] { (void)tus::parse_metadata(metadata); });
    refused_or_read([&] { (void)tus::parse_size(length, "Upload-Length"); });
    refused_or_read([&] { (void)tus::parse_checksum(checksum); });
    return 0;
}
