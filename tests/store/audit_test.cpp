#include <set>
#include <thread>

#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class AuditTest : public StoreTest {
  protected:
    std::vector<AuditEvent> all_events() { return store->audit_events(0, 100000); }

    // One of every audited change.
    void change_everything() {
        const Unit binhai = add_unit("binhai", UnitKind::district);
        const Unit tianjin = add_unit("tianjin", UnitKind::city);
        store->update_unit(binhai.id, UnitChanges{"滨海新区总工会", {}, {}}, ctx);
        store->move_unit(binhai.id, tianjin.id, ctx);
        store->import_units({{"town", "街镇", UnitKind::town, "binhai", {}, {}}}, ctx);
        const User user = add_user("lisi", binhai.id);
        store->set_password(user.id, "$argon2id$secret-hash", false, ctx);
        store->set_roles(user.id, Roles{Role::judge}, ctx);
        store->set_display_name(user.id, "李四", ctx);
        store->set_disabled(user.id, false, ctx);
        store->set_totp_secret(user.id, std::string("TOTPSECRETVALUE"), ctx);
        store->record_login_failure(user.id, 1, std::chrono::minutes(1), ctx);
        store->record_login_success(user.id, ctx);
        const Timestamp now = now_utc();
        store->create_session(Session{"hash1", user.id, "csrf", now, now, "1.2.3.4", "ua"}, ctx);
        store->delete_session("hash1", ctx);
        store->delete_sessions_of(user.id, ctx);
        store->append_audit(ctx, "user.login_refused", "user:lisi", nullptr, {{"why", "test"}});
    }
};
INSTANTIATE_TEST_SUITE_P(Engines, AuditTest, engines(), engine_name);

TEST_P(AuditTest, EveryChangeAppendsAnEventAndTheChainVerifies) {
    change_everything();
    const auto events = all_events();
    std::vector<std::string> actions;
    for (const auto& e : events) actions.push_back(e.action);
    const std::vector<std::string> expected = {
        "unit.create",        "unit.create",       "unit.update",    "unit.move",
        "unit.import",        "user.create",       "user.password",  "user.roles",
        "user.display_name",  "user.disabled",     "user.totp",      "user.login_failed",
        "user.locked",        "user.login",        "session.create", "session.delete",
        "session.delete_all", "user.login_refused"};
    EXPECT_EQ(actions, expected);
    EXPECT_EQ(events.front().seq, 1);
    EXPECT_EQ(events.front().prev_hash, genesis_hash());
    EXPECT_EQ(events.front().object, "unit:binhai");
    EXPECT_EQ(events.front().client_address, "127.0.0.1");
    EXPECT_FALSE(verify_chain(events)) << verify_chain(events)->reason;
    EXPECT_EQ(store->count_audit_events(), events.size());

    // Paging by seq.
    const auto page = store->audit_events(3, 2);
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].seq, 4);
    EXPECT_EQ(page[1].seq, 5);
}

TEST_P(AuditTest, SecretsNeverReachTheLog) {
    change_everything();
    for (const auto& e : all_events()) {
        const std::string text = e.before.dump() + e.after.dump();
        EXPECT_EQ(text.find("secret-hash"), std::string::npos) << e.action;
        EXPECT_EQ(text.find("argon2id"), std::string::npos) << e.action;
        EXPECT_EQ(text.find("TOTPSECRETVALUE"), std::string::npos) << e.action;
    }
}

TEST_P(AuditTest, TamperingWithARowIsReportedAtThatRow) {
    change_everything();
    execute_sql("UPDATE audit_events SET before_json = '{\"name\":\"forged\"}' WHERE seq = 3");
    const auto broken = verify_chain(all_events());
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->seq, 3);
}

TEST_P(AuditTest, ConcurrentWritersLeaveOneUnbrokenChain) {
    add_unit("root", UnitKind::city);
    constexpr int threads = 8, per_thread = 10;
    std::vector<std::thread> workers;
    std::atomic<int> failures{0};
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                try {
                    add_unit("t" + std::to_string(t) + "-" + std::to_string(i), UnitKind::district,
                             "root");
                    store->find_unit_by_code("root");
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& w : workers) w.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(store->count_units(), 1u + threads * per_thread);

    const auto events = all_events();
    ASSERT_EQ(events.size(), 1u + threads * per_thread);
    std::set<std::int64_t> seqs;
    for (const auto& e : events) seqs.insert(e.seq);
    EXPECT_EQ(seqs.size(), events.size());
    EXPECT_EQ(*seqs.rbegin(), static_cast<std::int64_t>(events.size()));
    EXPECT_FALSE(verify_chain(events));
    EXPECT_EQ(store->pool_stats().in_use, 0u);
}

TEST_P(AuditTest, AcknowledgedWritesSurviveReopening) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    add_user("lisi", unit.id);
    store.reset();

    auto reopened = open_again();
    EXPECT_EQ(reopened->schema_version(), reopened->latest_schema_version());
    EXPECT_TRUE(reopened->find_unit_by_code("binhai"));
    EXPECT_TRUE(reopened->find_user_by_username("lisi"));
    EXPECT_FALSE(verify_chain(reopened->audit_events(0, 100)));
    store = std::move(reopened);
}

}  // namespace
}  // namespace wangju::store::testing
