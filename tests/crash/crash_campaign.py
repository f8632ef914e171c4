"""The campaign's writes under the crash suite: activity reports filed by the Teda zone and approved
by Binhai, and influencer works recommended by the Teda zone at its quota, which the system admin
raises one place at a time so that recommendations keep arriving at a full quota."""
import datetime
import threading

from crash_ledger import Ledger, Pending

REPORT_UNIT = "bh_teda"
RECOMMENDING_UNIT = "bh_teda"
TRACK = "influencers"
LEVEL = "zone"


def row_of(dashboard, code):
    for row in [dashboard["self"], *dashboard["children"]]:
        if row["code"] == code:
            return {cell["metric"]: cell["approved"] for cell in row["cells"]}
    raise RuntimeError(f"{code} is not on the dashboard")


class Reports:
    """Create, submit, approve; a report whose approval got no answer is looked up after the
    restart, so that the figures of the approved reports are known exactly."""

    def __init__(self, world):
        self.world = world
        self.ledger = Ledger("activity report")
        self.sent = Pending()  # id → the body and the last acknowledged step
        self.unsettled = set()  # ids whose approval got no answer
        self.approved = {}  # id → participants, of the reports known to be approved
        self.lock = threading.Lock()
        self.serial = 0
        campaigns = world.binhai.get_json("/api/v1/campaigns")["campaigns"]
        self.base = f"/api/v1/campaigns/{max(campaigns, key=lambda c: c['year'])['id']}"
        self.baseline = self.figures()

    def figures(self):
        dashboard = self.world.binhai.get_json(f"{self.base}/dashboard?unit=binhai")
        return row_of(dashboard, REPORT_UNIT)

    def body(self, rng):
        with self.lock:
            self.serial += 1
            serial = self.serial
        held = datetime.date.today() - datetime.timedelta(days=rng.randint(1, 20))
        return {"unit": REPORT_UNIT, "activity_name": f"崩溃测试活动 {serial}",
                "held_on": held.isoformat(), "place": f"职工之家 {rng.randint(1, 99)} 号厅",
                "form": "知识竞赛", "themes": ["网络安全知识"],
                "participants": rng.randint(1, 500), "promoters": rng.randint(0, 20),
                "online": [{"url": "https://v.example.cn/crash", "views": rng.randint(0, 9999)}]}

    def step(self, rng):
        w, send = self.world, self.ledger.send
        body = self.body(rng)
        answer = send(lambda: w.teda.call("POST", f"{self.base}/reports", body))
        if not answer or answer.status != 201:
            return
        report = answer.json()["id"]
        self.sent.put(report, {"body": body, "acked": "draft"})
        answer = send(lambda: w.teda.call("POST", f"{self.base}/reports/{report}/submit", {}))
        if not answer or not answer.ok():
            return
        self.sent.put(report, {"body": body, "acked": "submitted"})
        with self.lock:
            self.unsettled.add(report)
        answer = send(lambda: w.binhai.call("POST", f"{self.base}/reports/{report}/approve", {}))
        if answer is None:
            return
        with self.lock:
            self.unsettled.discard(report)
            if answer.ok():
                self.approved[report] = body["participants"]
                self.sent.put(report, {"body": body, "acked": "approved"})

    def verify(self, everything):
        read = lambda report: self.world.teda.call("GET", f"{self.base}/reports/{report}")
        for report, sent, got in self.ledger.still_there(self.sent, everything, read, "report"):
            body = sent["body"]
            for field in ("activity_name", "held_on", "place", "participants", "promoters"):
                if got.get(field) != body[field]:
                    self.ledger.problem("partial", f"report {report}: {field} {got.get(field)!r}")
            if [o["views"] for o in got.get("online", [])] != [body["online"][0]["views"]]:
                self.ledger.problem("partial", f"report {report}: online {got.get('online')!r}")
            acked, state = sent["acked"], got["state"]
            if (acked == "submitted" and state not in ("submitted", "approved")) or \
                    (acked == "approved" and state != "approved"):
                self.ledger.problem("lost", f"report {report}: {acked} acknowledged, {state} now")
        self.settle()
        self.verify_figures()

    def settle(self):
        """Looks up the reports whose approval got no answer."""
        with self.lock:
            unsettled, self.unsettled = self.unsettled, set()
        for report in unsettled:
            got = self.world.teda.get_json(f"{self.base}/reports/{report}")
            if got["state"] == "approved":
                with self.lock:
                    self.approved[report] = got["participants"]

    def verify_figures(self):
        """The dashboard's rolled-up figures of the unit are those of its approved reports: an
        approval is stored whole with its figures or not at all."""
        figures = self.figures()
        with self.lock:
            count, people = len(self.approved), sum(self.approved.values())
        listed = self.world.binhai.get_json(
            f"{self.base}/reports?unit={REPORT_UNIT}&state=approved")["total"]
        expected = {"offline_activities": self.baseline["offline_activities"] + count,
                    "workers_reached": self.baseline["workers_reached"] + people}
        for metric, value in expected.items():
            if figures[metric] != value:
                self.ledger.problem("partial", f"dashboard {REPORT_UNIT} {metric} "
                                               f"{figures[metric]}, approved reports give {value}")
        if listed != figures["offline_activities"]:
            self.ledger.problem("partial", f"{listed} approved reports listed, dashboard counts "
                                           f"{figures['offline_activities']}")


class Recommendations:
    """The worker submits an influencer work, the zone's admin recommends it; a second lane, the
    system admin, raises the zone's quota by one after a recommendation found it full."""

    def __init__(self, world):
        self.world = world
        self.ledger = Ledger("recommendation")
        self.quota_ledger = Ledger("quota raise")
        self.sent = Pending()  # work id → title and whether its recommendation was acknowledged
        self.unsettled = set()
        self.recommended = set()
        self.full = False  # a recommendation found the quota full since the last raise
        self.lock = threading.Lock()
        self.serial = 0
        campaigns = world.binhai.get_json("/api/v1/campaigns")["campaigns"]
        self.campaign = min(campaigns, key=lambda c: c["year"])["id"]  # the one with the tracks
        self.base = f"/api/v1/campaigns/{self.campaign}"
        self.open_the_track()
        self.quota, self.deadline = self.level()
        self.acked_quota = self.quota
        self.baseline = self.counts()["recommended_here"]

    def open_the_track(self):
        """Lifts the per-person and per-unit limits, so that one worker can submit every work."""
        track = next(t for t in self.world.sysadmin.get_json(f"{self.base}/tracks")["tracks"]
                     if t["code"] == TRACK)
        rules = dict(track["rules"], per_person_limit=100_000, per_unit_limit=100_000)
        answer = self.world.sysadmin.call("PUT", f"{self.base}/tracks/{TRACK}", {"rules": rules})
        if answer.status != 200:
            raise RuntimeError(f"PUT track: {answer!r}")

    def level(self):
        track = next(t for t in self.world.sysadmin.get_json(f"{self.base}/tracks")["tracks"]
                     if t["code"] == TRACK)
        level = next(l for l in track["levels"] if l["level"] == LEVEL)
        return level["quota"], level["deadline"]

    def counts(self):
        counts = self.world.teda.get_json(f"{self.base}/works/counts?unit={RECOMMENDING_UNIT}")
        return next(t for t in counts["tracks"] if t["track"] == TRACK)

    def work_body(self):
        with self.lock:
            self.serial += 1
            serial = self.serial
        return {"track": TRACK, "title": f"崩溃测试达人 {serial}", "authors": "张伟",
                "form_values": {"profile": "简介", "accounts": "抖音 @crash", "followers": serial,
                                "sample_link": "https://example.cn/a", "contact": "13800000000"}}

    def step(self, rng):
        w, send = self.world, self.ledger.send
        body = self.work_body()
        answer = send(lambda: w.worker.call("POST", f"{self.base}/works", body))
        if not answer or answer.status != 201:
            return
        work = answer.json()["id"]
        answer = send(lambda: w.worker.call("POST", f"/api/v1/works/{work}/submit", {}))
        if not answer or not answer.ok():
            return
        self.sent.put(work, {"title": body["title"], "recommended": False})
        with self.lock:
            self.unsettled.add(work)
        answer = send(lambda: w.teda.call("POST", f"/api/v1/works/{work}/decision",
                                          {"decision": "recommend", "reason": ""}))
        if answer is None:
            return
        with self.lock:
            self.unsettled.discard(work)
            self.full |= answer.status == 409 and answer.json()["error"]["code"] == "quota_full"
            if answer.ok():
                self.recommended.add(work)
                self.sent.put(work, {"title": body["title"], "recommended": True})

    def raise_quota(self, rng):
        """One more place, once a recommendation found the quota full."""
        with self.lock:
            if not self.full:
                return 0.2
            self.full = False
            self.quota += 1
            quota = self.quota
        answer = self.quota_ledger.send(lambda: self.world.sysadmin.call(
            "PUT", f"{self.base}/tracks/{TRACK}/levels/{LEVEL}",
            {"quota": quota, "deadline": self.deadline}))
        if answer and answer.ok():
            with self.lock:
                self.acked_quota = max(self.acked_quota, quota)
        return rng.uniform(0.2, 1.0)

    def verify(self, everything):
        read = lambda work: self.world.worker.call("GET", f"/api/v1/works/{work}")
        for work, sent, got in self.ledger.still_there(self.sent, everything, read, "work"):
            if got["title"] != sent["title"] or got["state"] == "draft":
                self.ledger.problem("lost", f"work {work}: {got['title']} {got['state']}")
            recommended = any(d["decision"] == "recommend" and d["unit"] == RECOMMENDING_UNIT
                              for d in got["decisions"])
            if sent["recommended"] and not recommended:
                self.ledger.problem("lost", f"recommendation of work {work}")
        with self.lock:
            unsettled, self.unsettled = self.unsettled, set()
        for work in unsettled:
            got = self.world.worker.get_json(f"/api/v1/works/{work}")
            if any(d["decision"] == "recommend" for d in got["decisions"]):
                with self.lock:
                    self.recommended.add(work)
        self.verify_quota()

    def verify_quota(self):
        counts = self.counts()
        quota, here = counts["quota"], counts["recommended_here"]
        with self.lock:
            self.quota = max(self.quota, quota)
            acked_quota, expected = self.acked_quota, self.baseline + len(self.recommended)
        if quota < acked_quota:
            self.quota_ledger.problem("lost", f"quota {quota}, {acked_quota} acknowledged")
        if here > quota:
            self.ledger.problem("exceeded", f"{here} recommended at {RECOMMENDING_UNIT}, "
                                            f"quota {quota}")
        if here != expected:
            self.ledger.problem("partial", f"{here} recommended at {RECOMMENDING_UNIT}, "
                                           f"the works show {expected}")
