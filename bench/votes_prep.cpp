// Prepares a flood of votes for bench/votes on a database that holds the demo: a public vote over
// the influencers' finalists, open now, with every rule on but limits high enough for the flood
// (one vote per account per work per day still holds); VOTERS voters with a session each; and
// VOTES lines, one request each, with a distinct voter-work pair, a client address among many
// networks, and a solved proof-of-work challenge (made with the server's key, at a low difficulty
// so that preparing them is quick; the server checks solutions the same way at any difficulty).
// Usage: votes_prep DATABASE_URL SECRET_KEY_FILE VOTERS VOTES OUT_FILE
#include <algorithm>
#include <fstream>
#include <iostream>

#include "app/secret_key_file.h"
#include "domain/altcha.h"
#include "domain/altcha_key.h"
#include "domain/password.h"
#include "domain/secret.h"
#include "store/campaign_store.h"
#include "store/public_vote_store.h"
#include "store/rows.h"
#include "store/store.h"
#include "store/work_store.h"

using namespace wangju;

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: votes_prep DATABASE_URL SECRET_KEY_FILE VOTERS VOTES OUT_FILE\n";
        return 2;
    }
    const std::string url = argv[1];
    const long voters = std::stol(argv[3]), votes = std::stol(argv[4]);
    auto store = store::Store::open(url);
    store::CampaignStore campaigns(store->database());
    store::WorkStore works(store->database());
    store::PublicVoteStore public_votes(store->database());
    const Campaign campaign = campaigns.campaigns().back();
    const auto track = works.find_track_by_code(campaign.id, "influencers");
    std::vector<WorkId> entries;
    for (const auto& b : works.works_in_subtree(campaign.id, "/")) {
        if (b.track == track->id && b.state == WorkState::entry) entries.push_back(b.id);
    }
    if (entries.empty() || voters * static_cast<long>(entries.size()) < votes) {
        std::cerr << "need VOTERS x " << entries.size() << " works >= VOTES\n";
        return 2;
    }
    PublicVote v;
    v.campaign = campaign.id;
    v.name = "压力测试投票";
    v.tracks = {"influencers"};
    v.starts_at = now_utc() - std::chrono::minutes(5);
    v.ends_at = now_utc() + std::chrono::hours(24 * 3);
    v.rules.per_account_per_work_per_day = 1;
    v.rules.per_account_per_day = 10'000;
    v.rules.per_address_per_day = 10'000;
    v.rules.totals = TotalsShown::live;
    v.created_by = store->find_user_by_username("sysadmin")->id;
    const auto vote = public_votes.create(v, entries, {std::nullopt, "bench"});

    // Voters and their sessions in one transaction, with one password hash for all.
    const std::string hash = hash_password("bench-voter-password");
    std::vector<std::pair<std::string, std::string>> sessions;  // token, csrf
    store->database().write([&](soci::session& s) {
        const std::string now = store::stored(now_utc());
        std::string name, token_hash, csrf, address = "192.0.2.1";
        long long id = 0;
        soci::statement add_voter =
            (s.prepare << "INSERT INTO voters (username, password_hash, registered_at, "
                          "registered_address, disabled) VALUES (:u, :h, :t, :a, 0) RETURNING id",
             soci::use(name), soci::use(hash), soci::use(now), soci::use(address), soci::into(id));
        soci::statement add_session =
            (s.prepare << "INSERT INTO voter_sessions (token_hash, voter_id, csrf_token, "
                          "created_at, last_seen_at) VALUES (:th, :v, :c, :t, :t2)",
             soci::use(token_hash), soci::use(id), soci::use(csrf), soci::use(now), soci::use(now));
        for (long i = 0; i < voters; ++i) {
            name = "bench_voter" + std::to_string(i);
            add_voter.execute(true);
            const std::string token = random_token();
            token_hash = sha256_hex(token);
            csrf = random_token(16);
            add_session.execute(true);
            sessions.emplace_back(token, csrf);
        }
    });

    AltchaSettings altcha;
    altcha.key = altcha_key_of(app::load_or_create_secret_key(argv[2]));
    altcha.maxnumber = 50;
    altcha.lifetime = std::chrono::hours(1);
    std::ofstream out(argv[5]);
    // A voter casts their ballots close together, as one does who votes for several works in a
    // row: voters go in groups, and a group's voters cast one ballot each in turn until each has
    // voted for every work, before the next group starts.
    const long per_voter = static_cast<long>(entries.size());
    const long group = std::min(voters, 5'000L);
    for (long i = 0; i < votes; ++i) {
        const long first = i / (group * per_voter) * group;  // the group's first voter
        const long size = std::min(group, voters - first);
        const long within = i - first * per_voter;
        const auto& [token, csrf] = sessions[static_cast<std::size_t>(first + within % size)];
        const WorkId work = entries[static_cast<std::size_t>(within / size)];
        // 4,096 addresses over 256 networks.
        const std::string address =
            "10." + std::to_string(i % 256) + ".0." + std::to_string(i / 256 % 16 + 1);
        const auto payload = solve_altcha(make_altcha_challenge(altcha, altcha_now()));
        out << vote.id.value << '\t' << token << '\t' << csrf << '\t' << address << '\t'
            << work.value << '\t' << *payload << '\n';
    }
    std::cout << "prepared vote " << vote.id.value << ": " << voters << " voters, " << votes
              << " requests\n";
    return 0;
}
