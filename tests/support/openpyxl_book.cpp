#include "support/openpyxl_book.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/pdf_text.h"

namespace wangju::testing {

std::string openpyxl_workbook(const std::string& script, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const auto script_path = dir / "make_book.py";
    const auto book_path = dir / "book.xlsx";
    std::filesystem::remove(book_path);
    std::ofstream(script_path) << "import datetime, sys\n"
                                  "import openpyxl\n"
                                  "book = openpyxl.Workbook()\n"
                                  "sheet = book.active\n"
                               << script << "\nbook.save(sys.argv[1])\n";
    // Debian's interpreter, where python3-openpyxl is installed; another python3 may come first
    // on the PATH.
    const std::string printed = command_output("/usr/bin/python3 '" + script_path.string() +
                                               "' '" + book_path.string() + "'");
    if (!std::filesystem::exists(book_path)) {
        throw std::runtime_error("openpyxl did not save the workbook: " + printed);
    }
    return read_file(book_path);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace wangju::testing
