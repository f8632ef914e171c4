// The official tables as an office prints them. Each exported table is opened in LibreOffice Calc
// (headless), printed to PDF and read back with poppler, and checked as a person checks a
// printout: every cell's text is on the pages; nothing is printed over anything else (a wrapped
// cell in a row left too low runs over the rows around it); every page is A4 landscape with the
// column headers and every column on it; and every page says 第N页,共M页.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "export/table_reader.h"
#include "export/xlsx_archive.h"
#include "support/pdf_text.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kCurrent = "/api/v1/campaigns/2";
constexpr const char* k2023 = "/api/v1/campaigns/1";
constexpr std::size_t kReports = 36;  // enough rows for 附件3 to take two pages

struct Box {
    double x0, y0, x1, y1;
    std::string text;
};

struct PrintedPage {
    double width = 0, height = 0;
    std::vector<Box> words;
    std::string text;  // without spaces and line breaks
};

std::string without_spaces(std::string text) {
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\f'; });
    return text;
}

std::string quoted(const fs::path& path) {
    return "'" + path.string() + "'";
}

// The words of each page with their boxes, as `pdftotext -bbox` gives them.
std::vector<PrintedPage> read_pages(const fs::path& pdf) {
    const std::string html = command_output("pdftotext -bbox -enc UTF-8 " + quoted(pdf) + " -");
    const std::regex page_re(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
    const std::regex word_re(
        R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
    std::vector<PrintedPage> pages;
    std::istringstream lines(html);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, page_re)) {
            pages.push_back({std::stod(m[1]), std::stod(m[2]), {}, {}});
        } else if (std::regex_search(line, m, word_re) && !pages.empty()) {
            pages.back().words.push_back(
                {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
        }
    }
    // The text of each page in drawing order, which keeps a cell's wrapped lines together.
    std::istringstream raw(command_output("pdftotext -raw -enc UTF-8 " + quoted(pdf) + " -"));
    std::string page_text;
    for (std::size_t i = 0; i < pages.size() && std::getline(raw, page_text, '\f'); ++i) {
        pages[i].text = without_spaces(page_text);
    }
    return pages;
}

// How much two words overlap, as a share of the smaller one: text printed over text.
double overlap(const Box& a, const Box& b) {
    const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
    const double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    if (w <= 0 || h <= 0) return 0;
    const double smaller = std::min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
    return smaller > 0 ? w * h / smaller : 0;
}

// A cell as it prints: dates in the tables' format ("2026年11月1日").
std::string printed_form(const std::string& cell) {
    static const std::regex date_re(R"(^(\d{4})-(\d{2})-(\d{2})$)");
    std::smatch m;
    if (!std::regex_match(cell, m, date_re)) return without_spaces(cell);
    return m[1].str() + "年" + std::to_string(std::stoi(m[2])) + "月" +
           std::to_string(std::stoi(m[3])) + "日";
}

// A share link as WeChat makes one: long, and without a space to break it at.
std::string long_link(std::size_t n) {
    return "https://mp.weixin.qq.com/s?__biz=MzA5NjQ2NzM1Mw==&mid=26504" + std::to_string(n) +
           "&idx=1&sn=3f1c9a0d6e2b4c8f7a&chksm=8b5a1e2fbc2d97391f0a4e#rd";
}

class PrintedTables : public WebTest {
  protected:
    // Teda files an activity report and the district approves it, so that it is in 附件3.
    void approved_report(HttpClient& teda, HttpClient& binhai, std::size_t n) {
        Json online = Json::array();
        online.push_back(
            {{"url", n % 3 == 0 ? long_link(n) : "https://v.example.cn/" + std::to_string(n)},
             {"views", 100 + n}});
        if (n % 6 == 0) online.push_back({{"url", long_link(n + 1000)}, {"views", 7}});
        const Json body = {
            {"unit", "bh_teda"},
            {"activity_name", n % 4 == 0 ? "“网聚职工正能量 争做中国好网民”主题演讲比赛暨网络文明"
                                           "志愿服务队成立仪式(第" +
                                               std::to_string(n) + "场)"
                                         : "网络安全知识竞赛" + std::to_string(n)},
            {"held_on", "2026-11-01"},
            {"place", "职工之家"},
            {"form", "知识竞赛"},
            {"themes", {"网络安全知识", "个人信息保护"}},
            {"participants", 40 + n},
            {"promoters", 2},
            {"online", online},
            {"summary", n % 5 == 0 ? "活动由工会主席主持,职工代表现场签名承诺,并在厂区宣传栏张"
                                     "贴倡议书;活动照片与视频已上传至单位公众号(第" +
                                         std::to_string(n) + "场)。"
                                   : ""}};
        const auto created = teda.json("POST", std::string(kCurrent) + "/reports", body);
        ASSERT_EQ(created.status, 201) << created.body;
        const std::string path = std::string(kCurrent) + "/reports/" +
                                 std::to_string(created.json()["id"].get<long long>());
        ASSERT_EQ(teda.json("POST", path + "/submit", Json::object()).status, 200);
        ASSERT_EQ(binhai.json("POST", path + "/approve", Json::object()).status, 200);
    }

    void keep(const std::string& name, const HttpAnswer& answer) {
        ASSERT_EQ(answer.status, 200) << name << ": " << answer.body.substr(0, 300);
        tables[name] = answer.body;
    }

    // The results table of the first judging of 2023 that has awarded its works.
    void keep_judging_results(HttpClient& admin) {
        const auto list = admin.get(std::string(k2023) + "/judging");
        ASSERT_EQ(list.status, 200) << list.body;
        const Json judgings = list.json()["judgings"];
        for (const auto& j : judgings) {
            const auto answer = admin.get(
                "/api/v1/judging/" + std::to_string(j["id"].get<long long>()) + "/results.xlsx");
            if (answer.status != 200) continue;
            if (answer.body.find("PK") != 0) continue;
            const auto rows = tables::read_xlsx(answer.body);
            const bool awarded = std::any_of(rows.begin(), rows.end(), [](const auto& row) {
                return std::find(row.begin(), row.end(), "一等奖") != row.end();
            });
            if (awarded) {
                tables["评审结果"] = answer.body;
                return;
            }
        }
        FAIL() << "no judging of 2023 has a results table with awards";
    }

    // Prints every kept table to PDF in one run of LibreOffice, as an office would.
    std::map<std::string, std::vector<PrintedPage>> print_all() {
        const fs::path folder = dir / "printed";
        fs::create_directories(folder);
        std::string files;
        for (const auto& [name, bytes] : tables) {
            std::ofstream(folder / (name + ".xlsx"), std::ios::binary) << bytes;
            files += " " + quoted(folder / (name + ".xlsx"));
        }
        const std::string log =
            command_output("soffice --headless --norestore -env:UserInstallation=file://" +
                           (dir / "office-profile").string() + " --convert-to pdf --outdir " +
                           quoted(folder) + files);
        std::map<std::string, std::vector<PrintedPage>> printed;
        for (const auto& [name, bytes] : tables) {
            const fs::path pdf = folder / (name + ".pdf");
            EXPECT_TRUE(fs::exists(pdf)) << name << " was not printed: " << log;
            if (fs::exists(pdf)) printed[name] = read_pages(pdf);
        }
        return printed;
    }

    std::map<std::string, std::string> tables;  // name → XLSX bytes
};

TEST_F(PrintedTables, EveryTablePrintsWholeOnA4LandscapeWithNothingOverprinted) {
    auto teda = logged_in("teda_admin");
    auto binhai = logged_in("binhai_admin");
    auto sysadmin = logged_in("sysadmin");
    for (std::size_t n = 1; n <= kReports; ++n) {
        approved_report(teda, binhai, n);
        if (HasFatalFailure()) return;
    }
    keep("附件2", binhai.get(std::string(kCurrent) + "/tables/quotas.xlsx?unit=binhai"));
    keep("附件3", binhai.get(std::string(kCurrent) + "/tables/activities.xlsx?unit=binhai"));
    keep("附件4", binhai.get(std::string(k2023) + "/tables/tracks.xlsx?unit=binhai"));
    const auto zip = teda.get(std::string(kCurrent) + "/recommended.zip?unit=bh_teda");
    ASSERT_EQ(zip.status, 200) << zip.body.substr(0, 300);
    tables::XlsxArchive archive(zip.body, 64u << 20);
    const auto manifest = archive.read("manifest.xlsx");
    ASSERT_TRUE(manifest.has_value());
    tables["报送作品清单"] = *manifest;
    keep_judging_results(sysadmin);
    const auto votes = sysadmin.get(std::string(k2023) + "/public-votes");
    ASSERT_EQ(votes.status, 200) << votes.body;
    ASSERT_FALSE(votes.json()["public_votes"].empty());
    keep("投票结果",
         sysadmin.get("/api/v1/public-votes/" +
                      std::to_string(votes.json()["public_votes"][0]["id"].get<long long>()) +
                      "/results.xlsx"));
    if (HasFatalFailure()) return;

    const auto printed = print_all();
    ASSERT_EQ(printed.size(), tables.size());
    for (const auto& [name, pages] : printed) {
        SCOPED_TRACE(name);
        ASSERT_FALSE(pages.empty());
        const auto rows = tables::read_xlsx(tables.at(name));
        // The column headers: the row under 填报单位 (with grouped columns, the upper of the two).
        std::vector<std::string> headers;
        for (std::size_t r = 0; r + 1 < rows.size(); ++r) {
            if (!rows[r].empty() && rows[r][0].starts_with("填报单位")) {
                for (const auto& cell : rows[r + 1]) {
                    if (!cell.empty()) headers.push_back(without_spaces(cell));
                }
                break;
            }
        }
        EXPECT_FALSE(headers.empty());
        std::string all_text;
        for (std::size_t p = 0; p < pages.size(); ++p) {
            const PrintedPage& page = pages[p];
            SCOPED_TRACE("page " + std::to_string(p + 1));
            EXPECT_NEAR(page.width, 841.9, 1) << "not A4 landscape";
            EXPECT_NEAR(page.height, 595.3, 1) << "not A4 landscape";
            const std::string footer =
                "第" + std::to_string(p + 1) + "页,共" + std::to_string(pages.size()) + "页";
            EXPECT_NE(page.text.find(footer), std::string::npos) << page.text;
            for (const auto& header : headers) {
                EXPECT_NE(page.text.find(header), std::string::npos)
                    << "the header " << header << " is not on the page";
            }
            for (std::size_t a = 0; a < page.words.size(); ++a) {
                for (std::size_t b = a + 1; b < page.words.size(); ++b) {
                    EXPECT_LT(overlap(page.words[a], page.words[b]), 0.25)
                        << "\"" << page.words[a].text << "\" and \"" << page.words[b].text
                        << "\" are printed over each other";
                }
            }
            all_text += page.text;
        }
        std::size_t cells = 0;
        for (const auto& row : rows) {
            for (const auto& cell : row) {
                if (cell.empty()) continue;
                ++cells;
                EXPECT_NE(all_text.find(printed_form(cell)), std::string::npos)
                    << "the cell \"" << cell << "\" is not printed";
            }
        }
        EXPECT_GE(cells, 8u);  // the title, the unit line, the headers and a row at least
        if (name == "附件3") {
            EXPECT_GE(pages.size(), 2u);
            EXPECT_NE(all_text.find(without_spaces(long_link(6))), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace wangju::testing
