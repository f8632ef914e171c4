// The demo federation: the national federation, Tianjin, the Binhai New Area district union with
// its development zones, towns and sector unions, a few grassroots unions under each, and one
// account per role. Loaded only into an empty database.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/work.h"
#include "store/store.h"

namespace wangju::app {

struct DemoAccount {
    std::string username;
    std::string password;
    std::string role_label;
    std::string unit_name;
    std::string totp_secret;  // for the sysadmin, who must use two-factor login
};

// Creates the units and accounts; returns the accounts with their generated passwords.
// With `data_dir`, files that demo articles attach are stored under it; without, the articles
// are published without their files. With `letter_key` (the mailbox's key), also a few letters
// in different states.
std::vector<DemoAccount> load_demo(store::Store& store, const std::filesystem::path& data_dir = {},
                                   const std::string& letter_key = "");

// The campaign plan, quotas and reports of the demo (demo_campaign.cpp); returns the accounts it
// adds.
std::vector<DemoAccount> load_campaign_demo(store::Store& store, const Campaign& campaign_2023);
// The ten tracks with their quotas and deadlines per level, and a few works (demo_works.cpp).
void load_demo_works(store::Store& store, const Campaign& campaign);
// More cities, judges and works, and judging at the national level and in Tianjin
// (demo_judging.cpp); returns the accounts it adds. Needs the tracks of load_demo_works.
// With `data_dir`, the works awarded for the exhibition carry a video and a photo set.
std::vector<DemoAccount> load_demo_judging(store::Store& store, const Campaign& campaign,
                                           const std::filesystem::path& data_dir = {});
// The media of the demo exhibition (demo_exhibition.cpp): empty without a data folder.
struct DemoMedia {
    std::vector<WorkFile> video;
    std::vector<WorkFile> photos;
};
DemoMedia make_demo_media(store::Database& database, const std::filesystem::path& data_dir);
// Two public votes over the finalists of two tracks, with votes and a flagged burst
// (demo_votes.cpp). Needs the entries of load_demo_judging.
void load_demo_votes(store::Store& store, const Campaign& campaign);
// The mailbox's part of the demo (demo_mailbox.cpp).
void load_demo_letters(store::Store& store, const std::string& letter_key);
// Public notices (demo_announcements.cpp): the Tianjin platforms' winners under notice with two
// objections (one answered; only with the key that seals their phones), and the national
// accounts' notice closed into its final list. Needs the judgings of load_demo_judging.
void load_demo_announcements(store::Store& store, const Campaign& campaign,
                             const std::string& letter_key);

// Prints the accounts for the operator, once.
// Organisation awards (demo_organisation_awards.cpp): Binhai's units scored and three proposed,
// one of them moved in with a reason; not confirmed.
void load_demo_organisation_awards(store::Store& store, const Campaign& campaign);
void print_demo_accounts(std::ostream& out, const std::vector<DemoAccount>& accounts);

}  // namespace wangju::app
