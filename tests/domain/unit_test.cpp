#include "domain/unit.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace wangju {
namespace {

Date date(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

TEST(UnitPath, ChildPathExtendsTheParentPath) {
    EXPECT_EQ(root_path(UnitId{1}), "/1/");
    EXPECT_EQ(path_of_child("/1/4/", UnitId{9}), "/1/4/9/");
    EXPECT_EQ(path_of_child(root_path(UnitId{1}), UnitId{40}), "/1/40/");
}

TEST(UnitPath, WithinIncludesTheUnitItselfAndItsDescendants) {
    EXPECT_TRUE(is_within("/1/4/", "/1/4/"));
    EXPECT_TRUE(is_within("/1/4/9/", "/1/4/"));
    EXPECT_TRUE(is_within("/1/4/9/12/", "/1/"));
}

TEST(UnitPath, WithinRefusesSiblingsAncestorsAndPrefixLookalikes) {
    EXPECT_FALSE(is_within("/1/40/", "/1/4/"));
    EXPECT_FALSE(is_within("/1/5/", "/1/4/"));
    EXPECT_FALSE(is_within("/1/", "/1/4/"));
    EXPECT_FALSE(is_within("/2/4/", "/1/4/"));
}

TEST(UnitPath, WithinRefusesAMalformedAncestor) {
    EXPECT_FALSE(is_within("/1/4/", ""));
    EXPECT_FALSE(is_within("/1/40/", "/1/4"));
}

TEST(UnitPath, IdsOnPathRunFromTheRootDown) {
    EXPECT_EQ(ids_on_path("/1/4/9/"), (std::vector<UnitId>{UnitId{1}, UnitId{4}, UnitId{9}}));
    EXPECT_EQ(ids_on_path("/7/"), std::vector<UnitId>{UnitId{7}});
}

TEST(UnitPath, IdsOnPathRefuseAMalformedPath) {
    for (const char* path : {"", "/", "1/4/", "/1/4", "/1//4/", "/1/x/"}) {
        EXPECT_THROW(ids_on_path(path), std::invalid_argument) << path;
    }
}

TEST(UnitKind, CodeNamesAndLabelsRoundTrip) {
    for (const UnitKind kind :
         {UnitKind::national, UnitKind::city, UnitKind::district, UnitKind::zone, UnitKind::town,
          UnitKind::sector, UnitKind::direct, UnitKind::grassroots, UnitKind::group}) {
        EXPECT_EQ(parse_unit_kind(to_string(kind)), kind);
        EXPECT_EQ(parse_unit_kind(label_zh(kind)), kind);
    }
    EXPECT_EQ(to_string(UnitKind::district), "district");
    EXPECT_EQ(label_zh(UnitKind::district), "区总工会");
    EXPECT_EQ(label_zh(UnitKind::direct), "直属单位工会");
}

TEST(UnitKind, ParseAcceptsShortFormsAndSurroundingSpace) {
    EXPECT_EQ(parse_unit_kind("开发区"), UnitKind::zone);
    EXPECT_EQ(parse_unit_kind("街镇"), UnitKind::town);
    EXPECT_EQ(parse_unit_kind("系统"), UnitKind::sector);
    EXPECT_EQ(parse_unit_kind("直属"), UnitKind::direct);
    EXPECT_EQ(parse_unit_kind("基层"), UnitKind::grassroots);
    EXPECT_EQ(parse_unit_kind(" 基层工会 "), UnitKind::grassroots);
    EXPECT_EQ(parse_unit_kind("Town"), UnitKind::town);
}

// The names offices write in their tables, the notice's own words among them ("各开发区、街镇、
// 系统及直属单位工会").
TEST(UnitKind, ParseAcceptsTheNamesOfficesUse) {
    const std::vector<std::pair<std::string_view, UnitKind>> cases = {
        {"中华全国总工会", UnitKind::national}, {"市总", UnitKind::city},
        {"区县总工会", UnitKind::district},     {"开发区总工会", UnitKind::zone},
        {"功能区", UnitKind::zone},             {"街道", UnitKind::town},
        {"乡镇", UnitKind::town},               {"街镇总工会", UnitKind::town},
        {"系统工会", UnitKind::sector},         {"行业工会", UnitKind::sector},
        {"直属单位", UnitKind::direct},         {"直属单位工会", UnitKind::direct},
        {"直属工会", UnitKind::direct},         {"联合基层工会", UnitKind::grassroots},
        {"企业工会", UnitKind::grassroots},     {"DIRECT", UnitKind::direct},
    };
    for (const auto& [text, kind] : cases) EXPECT_EQ(parse_unit_kind(text), kind) << text;
}

TEST(UnitKind, TheListOfAcceptedNamesHoldsEveryNameThatIsAccepted) {
    const std::string list = accepted_kind_names();
    for (std::string_view name : {"直属单位", "街道", "乡镇", "系统工会", "开发区总工会", "grassroots"}) {
        EXPECT_NE(list.find(name), std::string::npos) << name;
        EXPECT_TRUE(parse_unit_kind(name).has_value()) << name;
    }
}

TEST(UnitKind, ParseRefusesUnknownKinds) {
    EXPECT_FALSE(parse_unit_kind("").has_value());
    EXPECT_FALSE(parse_unit_kind("village").has_value());
    EXPECT_FALSE(parse_unit_kind("工会").has_value());
    EXPECT_FALSE(parse_unit_kind("省总工会").has_value());
    EXPECT_FALSE(parse_unit_kind("直属单位工会X").has_value());
}

TEST(UnitKind, ChildMustRankBelowItsParent) {
    EXPECT_EQ(check_kind_under(UnitKind::national, UnitKind::city), "");
    EXPECT_EQ(check_kind_under(UnitKind::city, UnitKind::district), "");
    EXPECT_EQ(check_kind_under(UnitKind::national, UnitKind::district), "");
    EXPECT_EQ(check_kind_under(UnitKind::district, UnitKind::town), "");
    EXPECT_EQ(check_kind_under(UnitKind::city, UnitKind::sector), "");
    EXPECT_EQ(check_kind_under(UnitKind::zone, UnitKind::grassroots), "");
    EXPECT_EQ(check_kind_under(UnitKind::district, UnitKind::grassroots), "");
    EXPECT_EQ(check_kind_under(UnitKind::national, UnitKind::grassroots), "");
}

// A joint union (联合基层工会) holds member unions, a large union its branch unions (分工会), and
// each of them union groups (工会小组).
TEST(UnitKind, GrassrootsUnionsHoldGrassrootsUnionsAndGroups) {
    EXPECT_EQ(check_kind_under(UnitKind::grassroots, UnitKind::grassroots), "");
    EXPECT_EQ(check_kind_under(UnitKind::grassroots, UnitKind::group), "");
    EXPECT_EQ(parse_unit_kind("工会小组"), UnitKind::group);
    EXPECT_EQ(parse_unit_kind("分工会"), UnitKind::grassroots);
    EXPECT_EQ(check_kind_under(UnitKind::group, UnitKind::group), "工会小组不能设在工会小组之下");
    EXPECT_EQ(check_kind_under(UnitKind::group, UnitKind::grassroots), "基层工会不能设在工会小组之下");
    EXPECT_EQ(check_kind_under(UnitKind::zone, UnitKind::group), "");
}

TEST(UnitKind, RefusesAChildOfEqualOrHigherRank) {
    EXPECT_NE(check_kind_under(UnitKind::district, UnitKind::district), "");
    EXPECT_NE(check_kind_under(UnitKind::district, UnitKind::city), "");
    EXPECT_NE(check_kind_under(UnitKind::zone, UnitKind::town), "");
    EXPECT_NE(check_kind_under(UnitKind::town, UnitKind::direct), "");
    EXPECT_NE(check_kind_under(UnitKind::grassroots, UnitKind::zone), "");
    EXPECT_NE(check_kind_under(UnitKind::city, UnitKind::national), "");
    EXPECT_EQ(check_kind_under(UnitKind::grassroots, UnitKind::district), "区总工会不能设在基层工会之下");
}

TEST(UnitCode, AcceptsLowerCaseLettersDigitsUnderscoreAndHyphen) {
    EXPECT_EQ(check_unit_code("binhai"), "");
    EXPECT_EQ(check_unit_code("tj-binhai_01"), "");
    EXPECT_EQ(check_unit_code("ab"), "");
    EXPECT_EQ(check_unit_code(std::string(40, 'a')), "");
}

TEST(UnitCode, RefusesBadLengthsAndCharacters) {
    EXPECT_NE(check_unit_code(""), "");
    EXPECT_NE(check_unit_code("a"), "");
    EXPECT_NE(check_unit_code(std::string(41, 'a')), "");
    EXPECT_NE(check_unit_code("Binhai"), "");
    EXPECT_NE(check_unit_code("bin hai"), "");
    EXPECT_NE(check_unit_code("bin/hai"), "");
    EXPECT_NE(check_unit_code("滨海"), "");
}

TEST(UnitName, CountsCharactersNotBytes) {
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "工";
    EXPECT_EQ(check_unit_name(hundred), "");
    EXPECT_EQ(check_unit_name(hundred + "会"), "单位名称不能超过100个字符");
    EXPECT_EQ(check_unit_name("天津市滨海新区总工会"), "");
}

TEST(UnitName, TrimsBeforeChecking) {
    EXPECT_EQ(check_unit_name("  "), "单位名称不能为空");
    EXPECT_EQ(check_unit_name("\u3000"), "单位名称不能为空");
    EXPECT_EQ(check_unit_name(" 滨海新区总工会 "), "");
}

TEST(UnitName, RefusesControlCharactersAndBrokenUtf8) {
    EXPECT_NE(check_unit_name("滨海\n新区"), "");
    EXPECT_NE(check_unit_name("滨海\t新区"), "");
    EXPECT_NE(check_unit_name("滨海\x7f"), "");
    EXPECT_NE(check_unit_name("\xe6\xbb"), "");
    EXPECT_NE(check_unit_name("\xc0\xaf"), "");
}

TEST(UnitDates, OpenFromOpeningDayUntilTheDayBeforeClosing) {
    Unit unit;
    unit.opens_on = date(2023, 6, 1);
    unit.closes_on = date(2023, 12, 1);
    EXPECT_FALSE(unit.is_open_on(date(2023, 5, 31)));
    EXPECT_TRUE(unit.is_open_on(date(2023, 6, 1)));
    EXPECT_TRUE(unit.is_open_on(date(2023, 11, 30)));
    EXPECT_FALSE(unit.is_open_on(date(2023, 12, 1)));
}

TEST(UnitDates, MissingDatesLeaveThatSideOpen) {
    Unit unit;
    EXPECT_TRUE(unit.is_open_on(date(1990, 1, 1)));
    unit.closes_on = date(2023, 12, 1);
    EXPECT_TRUE(unit.is_open_on(date(1990, 1, 1)));
    EXPECT_FALSE(unit.is_open_on(date(2024, 1, 1)));
}

}  // namespace
}  // namespace wangju
