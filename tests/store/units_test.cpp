#include "domain/error.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class UnitsTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Engines, UnitsTest, engines(), engine_name);

std::vector<std::string> codes(const std::vector<Unit>& units) {
    std::vector<std::string> out;
    for (const auto& u : units) out.push_back(u.code);
    return out;
}

TEST_P(UnitsTest, CreatedUnitsReadBackWithPathAndLevel) {
    const Unit tianjin = add_unit("tianjin", UnitKind::city);
    const Unit binhai = add_unit("binhai", UnitKind::district, "tianjin");
    const Unit port = add_unit("port", UnitKind::grassroots, "binhai");

    EXPECT_EQ(tianjin.path, root_path(tianjin.id));
    EXPECT_EQ(tianjin.level, 0);
    EXPECT_EQ(binhai.path, path_of_child(tianjin.path, binhai.id));
    EXPECT_EQ(port.level, 2);

    const auto found = store->find_unit_by_code("port");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, port.id);
    EXPECT_EQ(found->name, "port工会");
    EXPECT_EQ(found->kind, UnitKind::grassroots);
    EXPECT_EQ(found->parent, binhai.id);
    EXPECT_EQ(found->path, port.path);
    EXPECT_EQ(store->find_unit(binhai.id)->code, "binhai");
    EXPECT_FALSE(store->find_unit_by_code("nowhere"));
    EXPECT_EQ(store->count_units(), 3u);
    EXPECT_EQ(codes(store->roots()), std::vector<std::string>{"tianjin"});
}

TEST_P(UnitsTest, DatesAreStoredAndUpdated) {
    using namespace std::chrono;
    NewUnit unit{"zone1", "开发区工会", UnitKind::zone, std::nullopt, 2023y / 5 / 1, std::nullopt};
    const Unit created = store->create_unit(unit, ctx);
    EXPECT_EQ(store->find_unit(created.id)->opens_on, Date(2023y / 5 / 1));

    UnitChanges changes;
    changes.name = "新名称";
    changes.closes_on = std::optional<Date>(2024y / 1 / 1);
    store->update_unit(created.id, changes, ctx);
    const auto updated = store->find_unit(created.id);
    EXPECT_EQ(updated->name, "新名称");
    EXPECT_EQ(updated->opens_on, Date(2023y / 5 / 1));
    EXPECT_EQ(updated->closes_on, Date(2024y / 1 / 1));

    UnitChanges bad;
    bad.closes_on = std::optional<Date>(2023y / 1 / 1);
    EXPECT_THROW(store->update_unit(created.id, bad, ctx), Error);
    EXPECT_EQ(store->find_unit(created.id)->closes_on, Date(2024y / 1 / 1));
}

TEST_P(UnitsTest, ChildrenAreOrderedByCodeAndSubtreeByPath) {
    add_unit("binhai", UnitKind::district);
    add_unit("town-b", UnitKind::town, "binhai");
    add_unit("town-a", UnitKind::town, "binhai");
    add_unit("shop", UnitKind::grassroots, "town-b");
    const Unit other = add_unit("other", UnitKind::district);
    add_unit("elsewhere", UnitKind::town, "other");

    const Unit binhai = *store->find_unit_by_code("binhai");
    EXPECT_EQ(codes(store->children(binhai.id)), (std::vector<std::string>{"town-a", "town-b"}));
    EXPECT_EQ(codes(store->subtree(binhai)),
              (std::vector<std::string>{"binhai", "town-b", "shop", "town-a"}));
    EXPECT_EQ(codes(store->subtree(other)), (std::vector<std::string>{"other", "elsewhere"}));
    EXPECT_EQ(codes(store->ancestors(*store->find_unit_by_code("shop"))),
              (std::vector<std::string>{"binhai", "town-b"}));
    EXPECT_EQ(codes(store->roots()), (std::vector<std::string>{"binhai", "other"}));
}

TEST_P(UnitsTest, SubtreeDoesNotIncludeUnitsWhoseIdMerelyStartsTheSame) {
    // Ids 1 and 10..: "/1/" must not match "/10/".
    const Unit first = add_unit("u01", UnitKind::district);
    for (int i = 2; i <= 11; ++i) add_unit("u" + std::to_string(i + 10), UnitKind::district);
    add_unit("child", UnitKind::town, "u01");
    EXPECT_EQ(codes(store->subtree(first)), (std::vector<std::string>{"u01", "child"}));
}

TEST_P(UnitsTest, DuplicateCodeIsRefusedAndNothingIsStored) {
    add_unit("binhai", UnitKind::district);
    const auto events = store->count_audit_events();
    try {
        add_unit("binhai", UnitKind::district);
        FAIL() << "duplicate accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_EQ(e.message(), "单位编码“binhai”已存在");
    }
    EXPECT_EQ(store->count_units(), 1u);
    EXPECT_EQ(store->count_audit_events(), events);
}

TEST_P(UnitsTest, KindThatCannotSitUnderTheParentIsRefused) {
    add_unit("binhai", UnitKind::district);
    try {
        add_unit("tianjin", UnitKind::city, "binhai");
        FAIL() << "city under district accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_TRUE(e.fields().contains("kind"));
    }
    EXPECT_THROW(add_unit("orphan", UnitKind::town, "missing"), Error);
    EXPECT_THROW(add_unit("Bad Code", UnitKind::district), Error);
    EXPECT_EQ(store->count_units(), 1u);
}

TEST_P(UnitsTest, MoveRewritesPathsAndLevelsOfTheWholeSubtree) {
    const Unit tianjin = add_unit("tianjin", UnitKind::city);
    const Unit binhai = add_unit("binhai", UnitKind::district);
    const Unit town = add_unit("town", UnitKind::town, "binhai");
    const Unit shop = add_unit("shop", UnitKind::grassroots, "town");
    const Unit bystander = add_unit("bystander", UnitKind::district);

    const Unit moved = store->move_unit(binhai.id, tianjin.id, ctx);
    EXPECT_EQ(moved.parent, tianjin.id);
    EXPECT_EQ(moved.level, 1);
    EXPECT_EQ(moved.path, path_of_child(tianjin.path, binhai.id));

    const auto shop_now = store->find_unit(shop.id);
    EXPECT_EQ(shop_now->path, path_of_child(path_of_child(moved.path, town.id), shop.id));
    EXPECT_EQ(shop_now->level, 3);
    EXPECT_EQ(store->find_unit(town.id)->level, 2);
    EXPECT_EQ(store->find_unit(bystander.id)->path, bystander.path);
    EXPECT_EQ(codes(store->subtree(tianjin)),
              (std::vector<std::string>{"tianjin", "binhai", "town", "shop"}));
    EXPECT_EQ(codes(store->roots()), (std::vector<std::string>{"bystander", "tianjin"}));
}

TEST_P(UnitsTest, MoveIntoItsOwnSubtreeIsRefusedAndNothingChanges) {
    const Unit binhai = add_unit("binhai", UnitKind::district);
    const Unit town = add_unit("town", UnitKind::town, "binhai");
    const auto events = store->count_audit_events();
    for (UnitId target : {town.id, binhai.id}) {
        try {
            store->move_unit(binhai.id, target, ctx);
            FAIL() << "move into own subtree accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::conflict);
            EXPECT_EQ(e.message(), "不能把单位移到它自己的下级单位之下");
        }
    }
    EXPECT_EQ(store->find_unit(binhai.id)->path, binhai.path);
    EXPECT_EQ(store->find_unit(town.id)->path, town.path);
    EXPECT_EQ(store->count_audit_events(), events);
}

TEST_P(UnitsTest, ImportCreatesAllRowsReferringToEarlierOnes) {
    const std::vector<NewUnit> rows = {
        {"binhai", "滨海新区总工会", UnitKind::district, std::nullopt, {}, {}},
        {"town", "街镇工会", UnitKind::town, "binhai", {}, {}},
        {"shop", "车间工会", UnitKind::grassroots, "town", {}, {}},
    };
    const auto created = store->import_units(rows, ctx);
    ASSERT_EQ(created.size(), 3u);
    EXPECT_EQ(store->find_unit_by_code("shop")->level, 2);
    const auto events = store->audit_events(0, 100);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[2].action, "unit.import");
    EXPECT_EQ(events[2].object, "unit:shop");
}

TEST_P(UnitsTest, ImportWithABadRowInTheMiddleStoresNothing) {
    add_unit("existing", UnitKind::district);
    const std::vector<NewUnit> rows = {
        {"binhai", "滨海新区总工会", UnitKind::district, std::nullopt, {}, {}},
        {"bad", "坏行", UnitKind::city, "binhai", {}, {}},
        {"shop", "车间工会", UnitKind::grassroots, "binhai", {}, {}},
    };
    try {
        store->import_units(rows, ctx);
        FAIL() << "bad import accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_NE(e.message().find("第 2 行"), std::string::npos) << e.message();
    }
    EXPECT_EQ(store->count_units(), 1u);
    EXPECT_FALSE(store->find_unit_by_code("binhai"));
    EXPECT_EQ(store->count_audit_events(), 1u);
}

}  // namespace
}  // namespace wangju::store::testing
