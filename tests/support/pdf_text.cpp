#include "support/pdf_text.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>

namespace wangju::testing {

std::string command_output(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen((command + " 2>&1").c_str(), "r"),
                                                  &pclose);
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while (pipe && (n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) {
        out.append(buffer.data(), n);
    }
    return out;
}

std::string pdf_text(const std::string& pdf, const std::filesystem::path& dir) {
    const auto path = dir / "document.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    return command_output("pdftotext -enc UTF-8 '" + path.string() + "' -");
}

std::string pdf_text_joined(const std::string& pdf, const std::filesystem::path& dir) {
    std::string out = pdf_text(pdf, dir);
    std::erase_if(out, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
    return out;
}

}  // namespace wangju::testing
