#include "domain/unit_import.h"

#include <filesystem>
#include <map>
#include <unistd.h>

#include <gtest/gtest.h>

#include "export/table_reader.h"
#include "support/openpyxl_book.h"
#include "support/pdf_text.h"

namespace wangju {
namespace {

using Table = std::vector<std::vector<std::string>>;
using namespace std::chrono_literals;

Unit stored_unit(std::int64_t id, std::string code, std::string name, UnitKind kind,
                 std::string path, std::optional<std::int64_t> parent) {
    Unit unit;
    unit.id = UnitId{id};
    unit.code = std::move(code);
    unit.name = std::move(name);
    unit.kind = kind;
    unit.path = std::move(path);
    if (parent) unit.parent = UnitId{*parent};
    unit.level = static_cast<int>(ids_on_path(unit.path).size()) - 1;
    return unit;
}

// Tianjin with two districts; the actor administers Binhai.
class UnitImport : public ::testing::Test {
  protected:
    UnitImport() {
        for (Unit unit : {stored_unit(1, "tj", "天津市总工会", UnitKind::city, "/1/", {}),
                          stored_unit(2, "bh", "滨海新区总工会", UnitKind::district, "/1/2/", 1),
                          stored_unit(3, "hp", "和平区总工会", UnitKind::district, "/1/3/", 1)}) {
            stored_.emplace(unit.code, unit);
        }
        actor_.user = UserId{10};
        actor_.roles = Roles{Role::unit_admin};
        actor_.unit = UnitId{2};
        actor_.unit_path = "/1/2/";
    }

    UnitImportPlan plan(const Table& rows) {
        return plan_unit_import(rows, actor_, [this](std::string_view code) -> std::optional<Unit> {
            looked_up_.emplace_back(code);
            const auto found = stored_.find(std::string(code));
            if (found == stored_.end()) return std::nullopt;
            return found->second;
        });
    }

    std::map<std::string, Unit> stored_;
    Actor actor_;
    std::vector<std::string> looked_up_;
};

std::vector<std::string> codes_of(const UnitImportPlan& plan) {
    std::vector<std::string> codes;
    for (const auto& unit : plan.units) codes.push_back(unit.code);
    return codes;
}

// "row: reason" for each error, to compare in one assertion.
std::vector<std::string> errors_of(const UnitImportPlan& plan) {
    std::vector<std::string> errors;
    for (const auto& error : plan.errors) {
        errors.push_back(std::to_string(error.row) + ": " + error.reason);
    }
    return errors;
}

bool has_error(const UnitImportPlan& plan, int row, std::string_view part) {
    for (const auto& error : plan.errors) {
        if (error.row == row && error.reason.find(part) != std::string::npos) return true;
    }
    return false;
}

TEST_F(UnitImport, OrdersAGoodTableParentsFirst) {
    const Table rows = {
        {"上级单位编码", "单位名称", "备注", "编码", "类型", "成立日期"},
        {"td", "泰达第一基层工会", "", "td-jc1", "基层工会", ""},
        {"bh", "泰达开发区总工会", "新设", "td", "开发区总工会", "2023-06-01"},
        {"  bh ", "新港街总工会", "", " xg ", "town", ""},
        {"xg", "新港社区工会", "", "xg-sq", "基层", ""},
    };
    const UnitImportPlan result = plan(rows);
    EXPECT_EQ(errors_of(result), std::vector<std::string>{});
    EXPECT_EQ(codes_of(result), (std::vector<std::string>{"td", "xg", "td-jc1", "xg-sq"}));
    const NewUnit& zone = result.units[0];
    EXPECT_EQ(zone.name, "泰达开发区总工会");
    EXPECT_EQ(zone.kind, UnitKind::zone);
    EXPECT_EQ(zone.parent_code, "bh");
    EXPECT_EQ(zone.opens_on, Date{2023y / 6 / 1});
    EXPECT_EQ(zone.closes_on, std::nullopt);
    EXPECT_EQ(result.units[1].parent_code, "bh");
    EXPECT_EQ(result.units[2].parent_code, "td");
    EXPECT_EQ(result.units[3].kind, UnitKind::grassroots);
}

TEST_F(UnitImport, AcceptsEnglishHeadersInAnyCase) {
    const UnitImportPlan result =
        plan({{"Code", "NAME", "kind", "Parent_Code"}, {"gw", "港务工会", "grassroots", "bh"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{});
    EXPECT_EQ(codes_of(result), std::vector<std::string>{"gw"});
}

TEST_F(UnitImport, ReportsMissingColumnsOnceOnTheHeaderRow) {
    const UnitImportPlan result = plan({{"名称", "类型", "上级编码"}, {"港务工会", "基层", "bh"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{"1: 缺少必需的列:编码"});
    EXPECT_TRUE(result.units.empty());
}

TEST_F(UnitImport, ReportsEveryBadRowWithItsNumberAndReason) {
    const Table rows = {
        {"编码", "名称", "类型", "上级编码", "成立日期", "撤销日期"},
        {"AB C", "甲工会", "基层", "bh", "", ""},                     // 2
        {"yi", "", "基层", "bh", "", ""},                             // 3
        {"bing", "丙工会", "村委会", "bh", "", ""},                     // 4
        {"ding", "丁工会", "基层", "", "", ""},                       // 5
        {"wu", "戊工会", "基层", "nope", "", ""},                     // 6
        {"bh", "滨海新区总工会", "区总工会", "tj", "", ""},           // 7
        {"ji", "己工会", "区总工会", "bh", "", ""},                   // 8
        {"geng", "庚工会", "基层", "bh", "2023-13-01", ""},           // 9
        {"xin", "辛工会", "基层", "bh", "2023-06-01", "2023-05-31"},  // 10
        {"", " ", "", "", "", ""},                                    // 11, blank
        {"ren", "壬工会", "基层", "bh", "", ""},                      // 12
        {"ren", "壬工会二", "基层", "bh", "", ""},                    // 13
    };
    const UnitImportPlan result = plan(rows);
    EXPECT_TRUE(result.units.empty());
    EXPECT_TRUE(has_error(result, 2, "编码“AB C”"));
    EXPECT_TRUE(has_error(result, 3, "单位名称不能为空"));
    EXPECT_TRUE(has_error(result, 4, "单位类型“村委会”无法识别"));
    EXPECT_TRUE(has_error(result, 5, "缺少上级编码"));
    EXPECT_TRUE(has_error(result, 6, "上级编码“nope”不存在"));
    EXPECT_TRUE(has_error(result, 7, "编码“bh”已存在"));
    EXPECT_TRUE(has_error(result, 8, "不能设在"));
    EXPECT_TRUE(has_error(result, 9, "成立日期“2023-13-01”无法识别"));
    EXPECT_TRUE(has_error(result, 10, "撤销日期“2023-05-31”应晚于成立日期“2023-06-01”"));
    EXPECT_TRUE(has_error(result, 13, "编码“ren”与第12行重复"));
    // Row 7's parent is the city, outside the actor's district.
    EXPECT_TRUE(has_error(result, 7, "无权在“天津市总工会”下导入单位"));
    std::vector<int> rows_with_errors;
    for (const auto& error : result.errors) rows_with_errors.push_back(error.row);
    EXPECT_EQ(rows_with_errors, (std::vector<int>{2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 13}));
}

TEST_F(UnitImport, RefusesParentsOutsideTheActorsSubtree) {
    const UnitImportPlan result = plan({{"编码", "名称", "类型", "上级编码"},
                                        {"ok", "滨海某工会", "基层", "bh"},
                                        {"hp-1", "和平某系统工会", "系统", "hp"},
                                        {"hp-2", "和平某工会下属", "基层", "hp-1"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{"3: 无权在“和平区总工会”下导入单位"});
    EXPECT_TRUE(result.units.empty());
}

TEST_F(UnitImport, RefusesAWorkerEvenInTheirOwnUnit) {
    actor_.roles = Roles{Role::worker};
    const UnitImportPlan result =
        plan({{"编码", "名称", "类型", "上级编码"}, {"ok", "滨海某工会", "基层", "bh"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{"2: 无权在“滨海新区总工会”下导入单位"});
}

TEST_F(UnitImport, RefusesCyclesWithinTheFile) {
    const UnitImportPlan result = plan({{"编码", "名称", "类型", "上级编码"},
                                        {"aa", "甲", "系统", "bb"},
                                        {"bb", "乙", "系统", "aa"},
                                        {"cc", "丙", "基层", "aa"},
                                        {"dd", "丁", "基层", "dd"}});
    EXPECT_TRUE(has_error(result, 2, "上级编码形成循环"));
    EXPECT_TRUE(has_error(result, 3, "上级编码形成循环"));
    EXPECT_TRUE(has_error(result, 5, "上级编码“dd”是本单位自己的编码"));
    EXPECT_TRUE(result.units.empty());
}

TEST_F(UnitImport, ChecksKindsAgainstParentsInTheFile) {
    const UnitImportPlan result = plan({{"编码", "名称", "类型", "上级编码"},
                                        {"jc", "某基层工会", "基层", "bh"},
                                        {"xt", "某系统工会", "系统", "jc"}});
    EXPECT_EQ(result.errors.size(), 1u);
    EXPECT_TRUE(has_error(result, 3, "不能设在"));
}

// The notice itself writes "各开发区、街镇、系统及直属单位工会"; a table may too.
TEST_F(UnitImport, TakesKindsAsOfficesWriteThem) {
    const UnitImportPlan result = plan({{"编码", "名称", "类型", "上级编码"},
                                        {"jg", "机关工会", "直属单位", "bh"},
                                        {"xh", "新河街道总工会", "街道", "bh"},
                                        {"tp", "太平镇总工会", "乡镇", "bh"},
                                        {"jy", "教育系统工会", "系统工会", "bh"},
                                        {"gx", "高新区总工会", "开发区总工会", "bh"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{});
    std::vector<UnitKind> kinds;
    for (const auto& unit : result.units) kinds.push_back(unit.kind);
    EXPECT_EQ(kinds, (std::vector<UnitKind>{UnitKind::direct, UnitKind::town, UnitKind::town,
                                            UnitKind::sector, UnitKind::zone}));
}

TEST_F(UnitImport, RefusesAnUnknownKindNamingTheAcceptedOnes) {
    const UnitImportPlan result =
        plan({{"编码", "名称", "类型", "上级编码"}, {"sz", "某省总工会", "省总", "bh"}});
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_TRUE(has_error(result, 2, "单位类型“省总”无法识别,可填写:"));
    EXPECT_TRUE(has_error(result, 2, "直属单位工会(直属、直属单位"));
    EXPECT_TRUE(has_error(result, 2, "街镇总工会(街镇、街道、乡镇"));
    EXPECT_TRUE(result.units.empty());
}

// A federation's real tree, five levels under the district: a zone, a joint union of small
// firms, its member unions, and their union groups.
TEST_F(UnitImport, TakesGrassrootsUnionsInsideGrassrootsUnionsAndTheirGroups) {
    const UnitImportPlan result = plan({{"编码", "名称", "类型", "上级编码"},
                                        {"zu", "某组", "工会小组", "mb"},
                                        {"mb", "成员工会", "基层工会", "lh"},
                                        {"lh", "联合工会", "联合基层工会", "kf"},
                                        {"kf", "开发区", "开发区总工会", "bh"},
                                        {"fz", "分工会", "分工会", "mb"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{});
    EXPECT_EQ(codes_of(result), (std::vector<std::string>{"kf", "lh", "mb", "zu", "fz"}));
    const UnitImportPlan refused = plan({{"编码", "名称", "类型", "上级编码"},
                                         {"zu", "某组", "工会小组", "bh"},
                                         {"zz", "组中组", "工会小组", "zu"},
                                         {"jc", "组中工会", "基层工会", "zu"}});
    EXPECT_EQ(errors_of(refused), (std::vector<std::string>{"3: 工会小组不能设在工会小组之下",
                                                            "4: 基层工会不能设在工会小组之下"}));
}

TEST_F(UnitImport, AcceptsDatesAsPeopleTypeThem) {
    const UnitImportPlan result =
        plan({{"编码", "名称", "类型", "上级编码", "启用日期", "停用日期"},
              {"d1", "一", "基层", "bh", "2023/6/1", "2024-1-1"},
              {"d2", "二", "基层", "bh", "2023年6月1日", "2024.01.31"}});
    EXPECT_EQ(errors_of(result), std::vector<std::string>{});
    ASSERT_EQ(result.units.size(), 2u);
    EXPECT_EQ(result.units[0].opens_on, Date{2023y / 6 / 1});
    EXPECT_EQ(result.units[0].closes_on, Date{2024y / 1 / 1});
    EXPECT_EQ(result.units[1].opens_on, Date{2023y / 6 / 1});
    EXPECT_EQ(result.units[1].closes_on, Date{2024y / 1 / 31});
}

// A date with its time, typed or as Excel shows a date-time cell, is its date. A date whose
// format was lost shows as the spreadsheet's day number, and 20200102 typed as a number is a
// number too: each is its date. Anything else is refused.
TEST_F(UnitImport, ReadsADateWrittenWithItsTimeOrAsANumberAsThatDate) {
    const std::vector<std::pair<std::string, std::optional<Date>>> cases = {
        {"2020/1/2 8:30", Date{2020y / 1 / 2}},
        {"2024-01-31 23:59:59", Date{2024y / 1 / 31}},
        {"2020年1月2日 08:30", Date{2020y / 1 / 2}},
        {"43832.3541666667", Date{2020y / 1 / 2}},
        {"45658", Date{2025y / 1 / 1}},
        {"20200102", Date{2020y / 1 / 2}},
        {"2020/1/2 25:00", std::nullopt},
        {"2020/1/2 下午", std::nullopt},
        {"5", std::nullopt},
        {"99999999", std::nullopt},
    };
    for (const auto& [text, date] : cases) {
        const UnitImportPlan result = plan(
            {{"编码", "名称", "类型", "上级编码", "成立日期"}, {"d1", "一", "基层", "bh", text}});
        if (date) {
            EXPECT_EQ(errors_of(result), std::vector<std::string>{}) << text;
            ASSERT_EQ(result.units.size(), 1u) << text;
            EXPECT_EQ(result.units[0].opens_on, *date) << text;
        } else {
            EXPECT_EQ(errors_of(result),
                      std::vector<std::string>{"2: 成立日期“" + text +
                                               "”无法识别,应写成2023-06-01这样的日期"});
        }
    }
}

// Excel keeps a date as a serial number and shows it through the cell's number format: built in
// (m/d/yy h:mm is id 22) or custom, with quoted Chinese, locale and numeral-system prefixes.
// Each must read as its date, never as the serial number.
TEST_F(UnitImport, ReadsDatesInEveryExcelDateFormatFromAWorkbook) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("wangju-unit-dates-" + std::to_string(::getpid()));
    const std::string book = testing::openpyxl_workbook(R"(
sheet.append(["编码", "名称", "类型", "上级编码", "成立日期"])
formats = [None, 'yyyy"年"m"月"d"日"', '[$-zh-CN]yyyy"年"m"月"d"日";@', 'm/d/yy h:mm',
           '[DBNum1][$-804]yyyy"年"m"月"d"日"', 'yyyy/m/d h:mm', 'yyyy-mm-dd', 'mmm d, yyyy',
           'd-mmm-yy', '[$-F800]dddd, mmmm dd, yyyy']
for i, number_format in enumerate(formats):
    sheet.append(["d%d" % i, "单位%d" % i, "基层", "bh", datetime.datetime(2020, 1, 2, 8, 30)])
    if number_format:
        sheet.cell(row=i + 2, column=5).number_format = number_format
sheet.append(["tx", "文本", "基层", "bh", "2020/1/2 8:30"])
)",
                                                         dir);
    // The same table opened and saved again by LibreOffice Calc, which writes the formats its own
    // way (yyyy\年m\月d\日, m/d/yyyy\ h:mm) and turns one it does not know ([$-zh-CN]) into
    // General, which leaves the day number.
    testing::write_file(dir / "office.xlsx", book);
    const std::string log = testing::command_output(
        "cd '" + dir.string() + "' && soffice --headless --norestore -env:UserInstallation=file://" +
        (dir / "office-profile").string() +
        " --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir saved office.xlsx");
    const std::string saved = testing::read_file(dir / "saved" / "office.xlsx");
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(saved.empty()) << log;
    for (const std::string* bytes : {&book, &saved}) {
        const UnitImportPlan result = plan(tables::read_table(*bytes));
        EXPECT_EQ(errors_of(result), std::vector<std::string>{});
        ASSERT_EQ(result.units.size(), 11u);
        for (const auto& unit : result.units) {
            EXPECT_EQ(unit.opens_on, Date{2020y / 1 / 2}) << unit.code;
        }
    }
}

TEST_F(UnitImport, ReportsATableWithoutUnits) {
    EXPECT_EQ(errors_of(plan({})), std::vector<std::string>{"1: 表格是空的,第一行应为列名"});
    EXPECT_EQ(errors_of(plan({{"编码", "名称", "类型", "上级编码"}, {}})),
              std::vector<std::string>{"2: 表格中没有要导入的单位"});
}

TEST_F(UnitImport, LooksUpEachParentOnce) {
    plan({{"编码", "名称", "类型", "上级编码"},
          {"g1", "一", "基层", "bh"},
          {"g2", "二", "基层", "bh"},
          {"g3", "三", "基层", "bh"}});
    EXPECT_EQ(std::count(looked_up_.begin(), looked_up_.end(), "bh"), 1);
}

TEST_F(UnitImport, ImportsACsvSavedByExcel) {
    const auto rows = tables::read_table(
        "\xEF\xBB\xBF单位编码,单位名称,单位类型,上级单位编码\r\n"
        "gw,\"港务工会,一分会\",基层工会,bh\r\n");
    const UnitImportPlan result = plan(rows);
    EXPECT_EQ(errors_of(result), std::vector<std::string>{});
    ASSERT_EQ(result.units.size(), 1u);
    EXPECT_EQ(result.units[0].name, "港务工会,一分会");
}

}  // namespace
}  // namespace wangju
