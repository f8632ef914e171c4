#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "export/table_reader.h"

namespace wangju::tables {
namespace {

namespace fs = std::filesystem;
using Row = std::vector<std::string>;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

class XlsxReader : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("wangju-xlsx-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // Writes a workbook with libxlsxwriter, as Excel would save it, and returns its bytes.
    std::string workbook(const std::function<void(lxw_workbook*)>& fill,
                         bool constant_memory = false) {
        const std::string path = (dir_ / "book.xlsx").string();
        lxw_workbook_options options{};
        options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
        lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
        fill(book);
        EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
        return read_file(path);
    }

    // Writes a ZIP file holding `parts` (name, content) as another program might.
    std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
        const std::string path = (dir_ / "parts.zip").string();
        int error = 0;
        zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
        EXPECT_NE(archive, nullptr);
        for (const auto& [name, content] : parts) {
            zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
            EXPECT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
        }
        EXPECT_EQ(zip_close(archive), 0);
        return read_file(path);
    }

    static std::string error_of(std::string_view bytes, const ReadLimits& limits = {}) {
        try {
            read_table(bytes, limits);
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
            return e.message();
        }
        return "(no error)";
    }

    fs::path dir_;
};

TEST_F(XlsxReader, ReadsStringsNumbersAndDates) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, "单位");
        lxw_format* date = workbook_add_format(book);
        format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
        lxw_format* iso_date = workbook_add_format(book);
        format_set_num_format(iso_date, "yyyy-mm-dd");
        lxw_format* money = workbook_add_format(book);
        format_set_num_format(money, "#,##0.00");
        worksheet_write_string(sheet, 0, 0, "编码", nullptr);
        worksheet_write_string(sheet, 0, 1, "名称", nullptr);
        worksheet_write_string(sheet, 0, 2, "人数", nullptr);
        worksheet_write_string(sheet, 0, 3, "成立日期", nullptr);
        worksheet_write_string(sheet, 1, 0, "bh", nullptr);
        worksheet_write_string(sheet, 1, 1, "滨海新区总工会", nullptr);
        worksheet_write_number(sheet, 1, 2, 120, nullptr);
        lxw_datetime june_first{2023, 6, 1, 0, 0, 0};
        worksheet_write_datetime(sheet, 1, 3, &june_first, date);
        worksheet_write_number(sheet, 2, 2, 2.5, money);
        worksheet_write_number(sheet, 2, 3, 45078, iso_date);
        worksheet_write_number(sheet, 2, 4, 0.1 + 0.2, nullptr);
    });
    EXPECT_EQ(read_xlsx(bytes), (Rows{{"编码", "名称", "人数", "成立日期"},
                                      {"bh", "滨海新区总工会", "120", "2023-06-01"},
                                      {"", "", "2.5", "2023-06-01", "0.3"}}));
}

TEST_F(XlsxReader, KeepsColumnGapsAndBlankRowsSoThatPositionsMatchExcel) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
        worksheet_write_string(sheet, 0, 0, "A1", nullptr);
        worksheet_write_string(sheet, 0, 3, "D1", nullptr);
        worksheet_write_string(sheet, 3, 1, "B4", nullptr);
    });
    EXPECT_EQ(read_xlsx(bytes), (Rows{{"A1", "", "", "D1"}, {}, {}, {"", "B4"}}));
}

TEST_F(XlsxReader, ReadsOnlyTheFirstSheet) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        worksheet_write_string(workbook_add_worksheet(book, "第一页"), 0, 0, "first", nullptr);
        worksheet_write_string(workbook_add_worksheet(book, "第二页"), 0, 0, "second", nullptr);
    });
    EXPECT_EQ(read_xlsx(bytes), (Rows{{"first"}}));
}

TEST_F(XlsxReader, SkipsAHiddenFirstSheet) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        lxw_worksheet* lists = workbook_add_worksheet(book, "下拉选项");
        lxw_worksheet* data = workbook_add_worksheet(book, "数据");
        worksheet_write_string(lists, 0, 0, "list", nullptr);
        worksheet_write_string(data, 0, 0, "data", nullptr);
        worksheet_activate(data);
        worksheet_hide(lists);
    });
    EXPECT_EQ(read_xlsx(bytes), (Rows{{"data"}}));
}

TEST_F(XlsxReader, ReadsBooleansFormulasAndRichText) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
        lxw_format* bold = workbook_add_format(book);
        format_set_bold(bold);
        worksheet_write_boolean(sheet, 0, 0, 1, nullptr);
        worksheet_write_boolean(sheet, 0, 1, 0, nullptr);
        worksheet_write_formula_str(sheet, 0, 2, "=\"滨海\"&\"新区\"", nullptr, "滨海新区");
        lxw_rich_string_tuple part1{bold, const_cast<char*>("滨海")};
        lxw_rich_string_tuple part2{nullptr, const_cast<char*>("新区总工会")};
        lxw_rich_string_tuple* rich[] = {&part1, &part2, nullptr};
        worksheet_write_rich_string(sheet, 0, 3, rich, nullptr);
        worksheet_write_string(sheet, 0, 4, "  ", nullptr);
    });
    EXPECT_EQ(read_xlsx(bytes), (Rows{{"TRUE", "FALSE", "滨海新区", "滨海新区总工会", "  "}}));
}

TEST_F(XlsxReader, ReadsInlineStringsOfConstantMemoryWriters) {
    const std::string bytes = workbook(
        [](lxw_workbook* book) {
            lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
            worksheet_write_string(sheet, 0, 0, "编码", nullptr);
            worksheet_write_string(sheet, 1, 0, "bh", nullptr);
        },
        true);
    EXPECT_EQ(read_xlsx(bytes), (Rows{{"编码"}, {"bh"}}));
}

TEST_F(XlsxReader, ReadsWorkbooksOfOtherWritersThroughTheirRelationships) {
    // Prefixed elements, a sheet part not called sheet1.xml, cells and rows without references,
    // escaped characters and the 1904 date system.
    const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const std::string bytes = zip_of({
        {"_rels/.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
             rel +
             "/officeDocument\" Target=\"book/main.xml\"/>"
             "</Relationships>"},
        {"book/main.xml", "<x:workbook xmlns:x=\"" + ns + "\" xmlns:r=\"" + rel +
                              "\"><x:workbookPr date1904=\"1\"/>"
                              "<x:sheets><x:sheet name=\"表\" sheetId=\"7\" "
                              "r:id=\"rIdData\"/></x:sheets></x:workbook>"},
        {"book/_rels/main.xml.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rIdData\" Type=\"" +
             rel +
             "/worksheet\" Target=\"/book/data.xml\"/>"
             "<Relationship Id=\"rIdStyles\" Type=\"" +
             rel +
             "/styles\" Target=\"looks.xml\"/>"
             "</Relationships>"},
        {"book/looks.xml", "<x:styleSheet xmlns:x=\"" + ns +
                               "\"><x:cellXfs count=\"2\"><x:xf numFmtId=\"0\"/>"
                               "<x:xf numFmtId=\"14\"/></x:cellXfs></x:styleSheet>"},
        {"book/data.xml",
         "<x:worksheet xmlns:x=\"" + ns +
             "\"><x:sheetData>"
             "<x:row><x:c t=\"inlineStr\"><x:is><x:t>第一行_x000D_</x:t></x:is></x:c>"
             "<x:c t=\"b\"><x:v>1</x:v></x:c></x:row>"
             "<x:row r=\"3\"><x:c r=\"B3\" s=\"1\"><x:v>0</x:v></x:c><x:c "
             "t=\"e\"><x:v>#N/A</x:v></x:c>"
             "</x:row></x:sheetData></x:worksheet>"},
    });
    EXPECT_EQ(read_table(bytes), (Rows{{"第一行\r", "TRUE"}, {}, {"", "1904-01-01", "#N/A"}}));
}

TEST_F(XlsxReader, RefusesATruncatedFile) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        worksheet_write_string(workbook_add_worksheet(book, nullptr), 0, 0, "x", nullptr);
    });
    EXPECT_NE(error_of(bytes.substr(0, bytes.size() / 2)).find("不是有效的XLSX表格"),
              std::string::npos);
}

TEST_F(XlsxReader, RefusesRandomBytesBehindAZipSignature) {
    std::mt19937 random(42);
    std::string bytes = "PK\x03\x04";
    for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>(random()));
    EXPECT_NE(error_of(bytes).find("不是有效的XLSX表格"), std::string::npos);
}

TEST_F(XlsxReader, RefusesAZipThatIsNotAWorkbook) {
    EXPECT_EQ(error_of(zip_of({{"readme.txt", "hello"}})), "文件不是有效的XLSX表格");
}

TEST_F(XlsxReader, RefusesOldXlsAndPasswordProtectedWorkbooks) {
    std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    xls.append(504, '\0');
    EXPECT_EQ(error_of(xls), "不支持旧版XLS格式,请另存为XLSX后上传");
    const std::string stream("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    EXPECT_EQ(error_of(xls + stream), "文件设有打开密码,请取消密码后另存为XLSX再上传");
}

TEST_F(XlsxReader, RefusesPartsThatExpandBeyondTheLimit) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
        for (lxw_row_t row = 0; row < 2000; ++row)
            worksheet_write_number(sheet, row, 0, 1, nullptr);
    });
    ReadLimits limits;
    limits.max_uncompressed_bytes = 64 * 1024;
    EXPECT_LT(bytes.size(), limits.max_uncompressed_bytes);
    EXPECT_EQ(error_of(bytes, limits), "XLSX表格解压后超过64KB的上限");
}

// Each cell may name the one long shared string: 3,000 of them are 90 MB of text from a workbook
// of a few KB. A 13 KB workbook naming it 200,000 times held fuzz/xlsx_import past 10 s.
TEST_F(XlsxReader, LimitsTheTextThatSharedStringsUnfoldInto) {
    const std::string long_text(30000, 'x');
    const std::string bytes = workbook([&](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
        for (lxw_row_t row = 0; row < 3000; ++row)
            worksheet_write_string(sheet, row, 0, long_text.c_str(), nullptr);
    });
    EXPECT_LT(bytes.size(), 64 * 1024u);
    EXPECT_EQ(error_of(bytes), "表格内容的总量超过64MB的上限");
}

TEST_F(XlsxReader, EnforcesTheRowLimitOnRowNumbers) {
    const std::string bytes = workbook([](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
        worksheet_write_string(sheet, 0, 0, "编码", nullptr);
        worksheet_write_string(sheet, 9, 0, "far", nullptr);
    });
    ReadLimits limits;
    limits.max_rows = 5;
    EXPECT_EQ(error_of(bytes, limits), "表格超过5行的上限");
}

}  // namespace
}  // namespace wangju::tables
