"""Writes the benchmark's federation into a migrated SQLite database: a national root, 30 cities,
10 districts per city, zones/towns under each district and grassroots unions below them, up to
UNITS units; REPORTS approved reports, 100,000 of them in the first district's subtree (the
export case), the rest spread over the tree; quotas for every unit; and the approved totals and
report counts rolled up the tree, as approvals would have left them."""
import json
import random
import sqlite3
import sys
import time

db, n_units, n_reports = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
started = time.time()
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=OFF")
now = "2026-11-24T00:00:00Z"
rng = random.Random(5)

units = []  # (id, code, name, kind, parent, path, level)
def add(kind, parent, name):
    uid = len(units) + 1
    path = (units[parent - 1][5] if parent else "/") + f"{uid}/"
    level = units[parent - 1][6] + 1 if parent else 0
    units.append((uid, f"u{uid}", name, kind, parent, path, level))
    return uid

root = add("national", None, "中华全国总工会")
cities = [add("city", root, f"第{i+1}市总工会") for i in range(30)]
districts = [add("district", c, f"区总工会{c}-{j+1}") for c in cities for j in range(10)]
# Each district gets towns, each town grassroots unions, until the unit budget is used.
per_district = max(2, (n_units - len(units)) // len(districts))
towns_per_district = max(1, int(per_district ** 0.5))
grassroots = []
for d in districts:
    budget = per_district
    for t in range(towns_per_district):
        if budget <= 0 or len(units) >= n_units:
            break
        town = add("town", d, f"街镇总工会{d}-{t+1}")
        budget -= 1
        for g in range(per_district // towns_per_district - 1):
            if budget <= 0 or len(units) >= n_units:
                break
            grassroots.append(add("grassroots", town, f"基层工会{town}-{g+1}"))
            budget -= 1
# Rounding leaves a few units short of the budget: top up the last town.
while len(units) < n_units:
    grassroots.append(add("grassroots", units[-1][4] if units[-1][3] == "grassroots" else units[-1][0],
                          f"基层工会补{len(units) + 1}"))
con.executemany(
    "INSERT INTO units (id, code, name, kind, parent_id, path, level, created_at) VALUES (?,?,?,?,?,?,?,?)",
    [(u[0], u[1], u[2], u[3], u[4], u[5], u[6], now) for u in units])
con.execute("INSERT INTO campaigns (id, year, name, theme, created_at) VALUES (1, 2026, '网聚职工正能量 争做中国好网民', '', ?)", (now,))
metrics = [("offline_activities", "开展线下活动", "场", "activity_count"),
           ("promoters", "发展好网民宣传员", "人", "promoters"),
           ("enterprises_visited", "走访企业", "家", "entered"),
           ("workers_reached", "覆盖职工", "人次", "participants"),
           ("online_reach", "网上传播", "次", "online_views")]
con.executemany("INSERT INTO campaign_metrics (id, campaign_id, code, name, measure, source, position) VALUES (?,1,?,?,?,?,?)",
                [(i + 1, m[0], m[1], m[2], m[3], i + 1) for i, m in enumerate(metrics)])
con.execute("INSERT INTO campaign_deadlines (campaign_id, duty, set_by_unit_id, due_on) VALUES (1, 'activity_report', 1, '2026-12-31')")
con.executemany("INSERT INTO campaign_quotas (campaign_id, unit_id, metric_id, target, updated_at) VALUES (1,?,1,?,?)",
                [(u[0], 3, now) for u in units if u[0] != root])

first = districts[0]
first_path = units[first - 1][5]
in_first = [g for g in grassroots if units[g - 1][5].startswith(first_path)] or [first]
elsewhere = [g for g in grassroots if not units[g - 1][5].startswith(first_path)] or [root]
totals, counts = {}, {}
draft_template = {"held_on": "2026-11-01", "place": "职工之家", "form": "知识竞赛", "form_other": "",
                  "themes": ["网络安全知识"], "photos": [], "summary": "", "entered": {"enterprises_visited": 1}}

def rows():
    for i in range(n_reports):
        unit = rng.choice(in_first) if i < 100000 else rng.choice(elsewhere)
        people, promoters, views = rng.randint(10, 300), rng.randint(0, 10), rng.randint(0, 5000)
        d = dict(draft_template, activity_name=f"线下活动{i+1}", participants=people, promoters=promoters,
                 online=[{"url": "https://v.example.cn/x", "views": views}])
        added = {"1": 1, "2": promoters, "3": 1, "4": people, "5": views}
        for uid in units[unit - 1][5].strip("/").split("/"):
            key = int(uid)
            t = totals.setdefault(key, [0, 0, 0, 0, 0])
            t[0] += 1; t[1] += promoters; t[2] += 1; t[3] += people; t[4] += views
            counts[key] = counts.get(key, 0) + 1
        yield (unit, d["activity_name"], json.dumps(d, ensure_ascii=False), json.dumps(added), now)

con.executemany(
    "INSERT INTO campaign_reports (campaign_id, unit_id, state, activity_name, held_on, draft_json, approved_json, note, "
    "created_by, created_at, updated_at, submitted_at, decided_at, late) "
    "VALUES (1, ?, 'approved', ?, '2026-11-01', ?, ?, '', 1, ?5, ?5, ?5, ?5, 0)", rows())
con.executemany("INSERT INTO campaign_totals (campaign_id, unit_id, metric_id, approved) VALUES (1,?,?,?)",
                [(u, m + 1, v[m]) for u, v in totals.items() for m in range(5)])
con.executemany("INSERT INTO campaign_report_counts (campaign_id, unit_id, on_time, late) VALUES (1,?,?,0)",
                list(counts.items()))
# The benchmark's account: an admin of the root, password "bench-password-2026".
con.commit()
con.close()
print(f"data: {len(units)} units, {n_reports} reports ({min(100000, n_reports)} in district u{first}'s subtree); "
      f"city u{cities[0]}, district u{first}; built in {time.time() - started:.0f} s")
with open(db + ".codes", "w") as f:
    json.dump({"root": f"u{root}", "city": f"u{cities[0]}", "district": f"u{first}"}, f)
