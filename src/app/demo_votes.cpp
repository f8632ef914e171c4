// The demo's public votes, over the finalists (the entries at the top) of two tracks:
// - 正能量职工网络达人 网络投票: open now, totals shown live, with votes of the last days from a
// few
//   dozen voters, among them a burst of new accounts from one address that the flags point at;
// - 新媒体账号 网络投票: open now, totals hidden until after it ends.
// Votes go through the VoteWriter, as the server's do.
#include <future>
#include <memory>

#include "app/demo.h"
#include "domain/password.h"
#include "store/public_vote_store.h"
#include "store/vote_writer.h"
#include "store/work_store.h"

namespace wangju::app {
namespace {

std::vector<WorkId> entries_of(store::WorkStore& works, const Campaign& campaign,
                               const std::string& track_code) {
    const auto track = works.find_track_by_code(campaign.id, track_code);
    std::vector<WorkId> out;
    if (!track) return out;
    for (const auto& brief : works.works_in_subtree(campaign.id, "/")) {
        if (brief.track == track->id && brief.state == WorkState::entry) out.push_back(brief.id);
    }
    return out;
}

PublicVote demo_vote(const Campaign& campaign, const char* name, const char* track,
                     TotalsShown totals, UserId by) {
    const Timestamp now = now_utc();
    PublicVote v;
    v.campaign = campaign.id;
    v.name = name;
    v.tracks = {track};
    v.starts_at = now - std::chrono::hours(24 * 3);
    v.ends_at = now + std::chrono::hours(24 * 7);
    v.rules.per_account_per_work_per_day = 1;
    v.rules.per_account_per_day = 5;
    v.rules.per_address_per_day = 50;
    v.rules.totals = totals;
    if (totals == TotalsShown::from) v.rules.totals_from = v.ends_at + std::chrono::hours(24);
    v.created_by = by;
    return v;
}

class DemoVoting {
  public:
    DemoVoting(store::Store& store, store::PublicVoteStore& votes)
        : votes_(votes),
          writer_(store.database(), store.database().engine() == store::Engine::postgresql) {}
    ~DemoVoting() {
        finish();
        writer_.stop();
    }

    VoterId voter(const std::string& username, Timestamp registered, const std::string& address) {
        return votes_
            .add_voter(username, hash, address, "demo-signup-" + username,
                       registered + std::chrono::hours(1), registered, {std::nullopt, "demo"})
            .id;
    }

    // Queues the vote; finish() waits until every queued vote is stored, so that the writer
    // stores them in a few transactions.
    void cast(const PublicVote& vote, VoterId voter, WorkId work, const std::string& address,
              Timestamp at, int solve_ms) {
        store::NewVote row{vote.id,
                           work,
                           voter,
                           address,
                           at,
                           solve_ms,
                           "demo-vote-" + std::to_string(++serial_),
                           at + std::chrono::minutes(10),
                           vote.rules.per_account_per_work_per_day,
                           vote.rules.per_account_per_day,
                           vote.rules.per_address_per_day};
        auto stored = std::make_shared<std::promise<void>>();
        pending_.push_back(stored->get_future());
        writer_.submit(std::move(row), [stored](store::WriteResult) { stored->set_value(); });
    }

    void finish() {
        for (auto& f : pending_) f.wait();
        pending_.clear();
    }

    const std::string hash = hash_password("demo-voter-password-unused");

  private:
    store::PublicVoteStore& votes_;
    store::VoteWriter writer_;
    long serial_ = 0;
    std::vector<std::future<void>> pending_;
};

}  // namespace

void load_demo_votes(store::Store& store, const Campaign& campaign) {
    store::WorkStore works(store.database());
    store::PublicVoteStore votes(store.database());
    const AuditContext ctx{std::nullopt, "demo"};
    const UserId by = store.find_user_by_username("sysadmin")->id;
    const auto influencers = entries_of(works, campaign, "influencers");
    const auto accounts = entries_of(works, campaign, "accounts");
    if (influencers.empty() || accounts.empty()) return;
    const auto live = votes.create(
        demo_vote(campaign, "正能量职工网络达人 网络投票", "influencers", TotalsShown::live, by),
        influencers, ctx);
    const auto hidden = votes.create(demo_vote(campaign, "新媒体账号 网络投票(票数投票结束后公布)",
                                               "accounts", TotalsShown::from, by),
                                     accounts, ctx);

    DemoVoting voting(store, votes);
    const Timestamp now = now_utc();
    const Timestamp start = live.starts_at;
    // Forty ordinary voters over the last three days, from addresses of different networks.
    for (int i = 0; i < 40; ++i) {
        const std::string address =
            "198.51." + std::to_string(100 + i % 20) + "." + std::to_string(10 + i);
        const auto v = voting.voter("demo_voter" + std::to_string(i + 1),
                                    start - std::chrono::hours(24 * 20), address);
        for (int k = 0; k < 3; ++k) {
            const Timestamp at = start + std::chrono::minutes(97 * i + 1440 * k / 3 + 13 * k);
            if (at >= now) continue;
            const WorkId work =
                influencers[(static_cast<std::size_t>(i) * 7 + k * 3) % influencers.size()];
            voting.cast(live, v, work, address, at, 1800 + 37 * i);
            if (k == 0)
                voting.cast(hidden, v, accounts[static_cast<std::size_t>(i) % accounts.size()],
                            address, at, 2100);
        }
    }
    // A burst: 25 accounts registered minutes before, voting for one work from one address within
    // two minutes, with challenges solved in a few milliseconds.
    const Timestamp burst = now - std::chrono::hours(5);
    for (int i = 0; i < 25; ++i) {
        const auto v = voting.voter("burst_voter" + std::to_string(i + 1),
                                    burst - std::chrono::minutes(30), "203.0.113.77");
        voting.cast(live, v, influencers.back(), "203.0.113.77",
                    burst + std::chrono::seconds(5 * i), 12);
    }
}

}  // namespace wangju::app
