// WorkStore: the tracks of a campaign and their per-level quotas and deadlines.
#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"
#include "store/work_store.h"

namespace wangju::store {
namespace {

#define WANGJU_TRACK_COLUMNS \
    "SELECT id, campaign_id, number, code, name, kinds, description, contacts, rules FROM tracks "
constexpr const char* kFind = WANGJU_TRACK_COLUMNS "WHERE id = :id";
constexpr const char* kFindByCode = WANGJU_TRACK_COLUMNS "WHERE campaign_id = :c AND code = :code";
constexpr const char* kOfCampaign = WANGJU_TRACK_COLUMNS "WHERE campaign_id = :c ORDER BY number, id";
#undef WANGJU_TRACK_COLUMNS
constexpr const char* kInsert =
    "INSERT INTO tracks (campaign_id, number, code, name, kinds, description, contacts, rules) "
    "VALUES (:c, :number, :code, :name, :kinds, :description, :contacts, :rules) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE tracks SET name = :name, kinds = :kinds, description = :description, "
    "contacts = :contacts, rules = :rules WHERE id = :id";
constexpr const char* kLevels =
    "SELECT track_id, level, quota, deadline FROM track_levels WHERE track_id = :t";
constexpr const char* kDeleteLevel = "DELETE FROM track_levels WHERE track_id = :t AND level = :l";
constexpr const char* kInsertLevel =
    "INSERT INTO track_levels (track_id, level, quota, deadline) VALUES (:t, :l, :q, :d)";

struct TrackRow {
    long long id = 0, campaign_id = 0;
    int number = 0;
    std::string code, name, kinds, description, contacts, rules;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign_id), soci::into(number), soci::into(code),
            soci::into(name), soci::into(kinds), soci::into(description), soci::into(contacts),
            soci::into(rules);
    }
    Track track() const {
        Track t;
        t.id = TrackId{id};
        t.campaign = CampaignId{campaign_id};
        t.number = number;
        t.code = code;
        t.name = name;
        t.kinds = kinds;
        t.description = description;
        t.contacts = contacts_from_json(nlohmann::json::parse(contacts));
        t.rules = track_rules_from_json(nlohmann::json::parse(rules));
        return t;
    }
};

struct LevelRow {
    long long track_id = 0;
    std::string level;
    int quota = 0;
    std::string deadline;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(track_id), soci::into(level), soci::into(quota), soci::into(deadline);
    }
};

std::optional<Track> find_in(soci::session& s, TrackId id) {
    auto row = fetch_one<TrackRow>(s, kFind, soci::use(id.value));
    if (!row) return std::nullopt;
    return row->track();
}

nlohmann::json level_json(const LevelSetting& l) {
    return {{"track_id", l.track.value},
            {"level", to_string(l.level)},
            {"quota", l.quota},
            {"deadline", format_utc(l.deadline)}};
}

}  // namespace

Track WorkStore::create_track(CampaignId campaign, const Track& track, const AuditContext& ctx) {
    check_track(track);
    return database_.write([&](soci::session& s) {
        if (fetch_one<TrackRow>(s, kFindByCode, soci::use(campaign.value), soci::use(track.code))) {
            throw_conflict("本活动已有编码为“" + track.code + "”的子项目");
        }
        long long id = 0;
        const std::string contacts = contacts_json(track.contacts).dump();
        const std::string rules = to_json(track.rules).dump();
        s << kInsert, soci::use(campaign.value), soci::use(track.number), soci::use(track.code),
            soci::use(track.name), soci::use(track.kinds), soci::use(track.description),
            soci::use(contacts), soci::use(rules), soci::into(id);
        Track created = *find_in(s, TrackId{id});
        append_event(s, ctx, "track.create", fmt::format("track:{}", id), nullptr, to_json(created));
        return created;
    });
}

Track WorkStore::update_track(const Track& track, const AuditContext& ctx) {
    check_track(track);
    return database_.write([&](soci::session& s) {
        auto before = find_in(s, track.id);
        if (!before) throw_not_found("子项目不存在");
        const std::string contacts = contacts_json(track.contacts).dump();
        const std::string rules = to_json(track.rules).dump();
        s << kUpdate, soci::use(track.name), soci::use(track.kinds), soci::use(track.description),
            soci::use(contacts), soci::use(rules), soci::use(track.id.value);
        Track after = *find_in(s, track.id);
        append_event(s, ctx, "track.update", fmt::format("track:{}", track.id.value),
                     to_json(*before), to_json(after));
        return after;
    });
}

std::vector<Track> WorkStore::tracks(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<Track> out;
        for (const auto& row : fetch_all<TrackRow>(s, kOfCampaign, soci::use(campaign.value)))
            out.push_back(row.track());
        return out;
    });
}

std::optional<Track> WorkStore::find_track(TrackId id) {
    return database_.read([&](soci::session& s) { return find_in(s, id); });
}

std::optional<Track> WorkStore::find_track_by_code(CampaignId campaign, const std::string& code) {
    return database_.read([&](soci::session& s) -> std::optional<Track> {
        auto row = fetch_one<TrackRow>(s, kFindByCode, soci::use(campaign.value), soci::use(code));
        if (!row) return std::nullopt;
        return row->track();
    });
}

void WorkStore::set_level(const LevelSetting& setting, const AuditContext& ctx) {
    if (setting.quota < 0 || setting.quota > 100000) {
        throw_invalid("推荐名额应为 0 至 100000 之间的整数", {{"quota", "推荐名额应为 0 至 100000 之间的整数"}});
    }
    database_.write([&](soci::session& s) {
        if (!find_in(s, setting.track)) throw_not_found("子项目不存在");
        const std::string level(to_string(setting.level));
        const std::string deadline = stored(setting.deadline);
        s << kDeleteLevel, soci::use(setting.track.value), soci::use(level);
        s << kInsertLevel, soci::use(setting.track.value), soci::use(level),
            soci::use(setting.quota), soci::use(deadline);
        append_event(s, ctx, "track.level", fmt::format("track:{}", setting.track.value), nullptr,
                     level_json(setting));
    });
}

std::vector<LevelSetting> WorkStore::levels(TrackId track) {
    return database_.read([&](soci::session& s) {
        std::vector<LevelSetting> out;
        for (const auto& row : fetch_all<LevelRow>(s, kLevels, soci::use(track.value))) {
            auto level = parse_chain_level(row.level);
            if (!level) continue;
            out.push_back({TrackId{row.track_id}, *level, row.quota, timestamp_from(row.deadline)});
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.level < b.level; });
        return out;
    });
}

}  // namespace wangju::store
