// Cookie headers as a browser or an attacker sends them: each line of the input is one Cookie
// field of the request, and the session cookie and a cookie named by the first line are looked up.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "http/message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto rest = wangju::fuzz::as_text(data, size);
    const std::string name(wangju::fuzz::next_line(rest));
    wangju::http::Request request;
    while (!rest.empty())
        request.headers.emplace_back("cookie", std::string(wangju::fuzz::next_line(rest)));
    (void)request.cookie("wangju_session");
    (void)request.cookie(name);
    return 0;
}
