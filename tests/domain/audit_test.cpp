#include "domain/audit.h"

#include <gtest/gtest.h>

namespace wangju {
namespace {

using namespace std::chrono_literals;

// Five events chained from the genesis hash, as the store appends them.
std::vector<AuditEvent> five_events() {
    std::vector<AuditEvent> events;
    std::string prev = genesis_hash();
    for (std::int64_t seq = 1; seq <= 5; ++seq) {
        AuditEvent e;
        e.seq = seq;
        e.at = Timestamp{1690000000s + std::chrono::seconds{seq * 60}};
        if (seq % 2 == 0) e.actor = UserId{42};
        e.client_address = seq == 1 ? "cli" : "127.0.0.1";
        e.action = "unit.create";
        e.object = "unit:u" + std::to_string(seq);
        if (seq > 1) e.before = {{"name", "旧名称"}, {"level", seq}};
        e.after = {{"name", "滨海新区总工会"}, {"code", "u" + std::to_string(seq)}};
        e.prev_hash = prev;
        e.hash = event_hash(e);
        prev = e.hash;
        events.push_back(e);
    }
    return events;
}

TEST(Audit, GenesisIsSixtyFourZeros) {
    EXPECT_EQ(genesis_hash(), std::string(64, '0'));
}

TEST(Audit, HashIsHexSha256AndCoversEveryField) {
    const AuditEvent base = five_events()[1];
    const std::string hash = event_hash(base);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash, event_hash(base));

    auto changed = [&](auto edit) {
        AuditEvent copy = base;
        edit(copy);
        return event_hash(copy) != hash;
    };
    EXPECT_TRUE(changed([](AuditEvent& e) { e.seq = 9; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.at += 1s; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.actor = UserId{43}; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.actor.reset(); }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.client_address = "10.0.0.1"; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.action = "unit.close"; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.object = "unit:other"; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.before["name"] = "新名称"; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.after = nullptr; }));
    EXPECT_TRUE(changed([](AuditEvent& e) { e.prev_hash = std::string(64, 'f'); }));
    EXPECT_FALSE(changed([](AuditEvent& e) { e.hash = "anything"; }));
}

TEST(Audit, HashDoesNotDependOnKeyOrderOrAStoreRoundTrip) {
    AuditEvent a = five_events()[1];
    AuditEvent b = a;
    b.after = nlohmann::json::parse(R"({"code": "u2", "name": "滨海新区总工会"})");
    a.after = nlohmann::json::parse(R"({"name": "滨海新区总工会", "code": "u2"})");
    EXPECT_EQ(event_hash(a), event_hash(b));
    b.before = nlohmann::json::parse(a.before.dump());
    EXPECT_EQ(event_hash(a), event_hash(b));
}

TEST(Audit, IntactChainVerifies) {
    EXPECT_FALSE(verify_chain(five_events()).has_value());
    EXPECT_FALSE(verify_chain({}).has_value());
}

TEST(Audit, AlteredFieldIsReportedAtThatEvent) {
    auto events = five_events();
    events[2].after["name"] = "篡改";
    const auto broken = verify_chain(events);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 3);
    EXPECT_EQ(broken->reason, "hash does not match its contents");
}

TEST(Audit, RehashedAlterationIsReportedAtTheNextEvent) {
    auto events = five_events();
    events[2].action = "unit.delete";
    events[2].hash = event_hash(events[2]);
    const auto broken = verify_chain(events);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 4);
    EXPECT_EQ(broken->reason, "prev_hash does not match the hash of event 3");
}

TEST(Audit, DeletedEventIsReportedAsMissing) {
    auto events = five_events();
    events.erase(events.begin() + 2);
    const auto broken = verify_chain(events);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 4);
    EXPECT_EQ(broken->reason, "event 3 is missing");
}

TEST(Audit, DeletedFirstEventIsReportedAsMissing) {
    auto events = five_events();
    events.erase(events.begin());
    const auto broken = verify_chain(events);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 2);
    EXPECT_EQ(broken->reason, "event 1 is missing");
}

TEST(Audit, DeletedLastEventsLeaveAValidShorterChain) {
    auto events = five_events();
    events.pop_back();
    EXPECT_FALSE(verify_chain(events).has_value());
}

TEST(Audit, AlteredPrevHashIsReportedAtThatEvent) {
    auto events = five_events();
    events[3].prev_hash = std::string(64, 'a');
    const auto broken = verify_chain(events);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 4);
    EXPECT_EQ(broken->reason, "prev_hash does not match the hash of event 3");
}

TEST(Audit, FirstEventMustStartFromGenesis) {
    auto events = five_events();
    events[0].prev_hash = std::string(64, '1');
    events[0].hash = event_hash(events[0]);
    const auto broken = verify_chain(events);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 1);
}

TEST(Audit, AWindowOfTheLogVerifiesFromTheHashBeforeIt) {
    const auto events = five_events();
    const std::vector<AuditEvent> tail(events.begin() + 2, events.end());
    EXPECT_FALSE(verify_chain(tail, events[1].hash).has_value());
    const auto broken = verify_chain(tail, events[0].hash);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 3);
}

}  // namespace
}  // namespace wangju
