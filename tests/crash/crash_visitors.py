"""The public's writes under the crash suite: letters to the chairman's mailbox, and votes of
self-registered voters in a public vote that the system admin opens for the run. Each visitor
comes from its own address (X-Forwarded-For), as behind the proxy."""
import datetime
import random
import threading

from crash_client import Cut, Session, solve_altcha
from crash_ledger import Ledger, Pending

VOTES_PER_VOTER = 50


def address(rng):
    return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


class Letters:
    def __init__(self, world):
        self.world = world
        self.ledger = Ledger("letter")
        self.sent = Pending()  # tracking code → (secret, title, body)
        self.serial = 0

    def step(self, rng):
        self.serial += 1
        letter = {"unit": "binhai", "writer_name": "李明", "phone": "13820001234",
                  "address": "第三大街 18 号", "workplace": "泰达汽车零部件有限公司",
                  "category": "rights", "title": f"崩溃测试来信 {self.serial}",
                  "body": f"今年七月和八月的周末加班,公司只按平时工资发放加班费。编号 {rng.random()}",
                  "may_publish": True}
        visitor = Session(self.world.port, forwarded_for=address(rng))
        answer = self.ledger.send(lambda: visitor.call("POST", "/api/v1/letters", letter))
        if answer and answer.status == 201:
            got = answer.json()
            self.sent.put(got["code"], (got["secret"], letter["title"], letter["body"]))

    def verify(self, everything):
        read = lambda code: Session(self.world.port).call(
            "GET", f"/api/v1/letters/{code}", headers={"X-Letter-Secret": self.sent.all[code][0]})
        for code, (_, title, body), got in self.ledger.still_there(self.sent, everything, read,
                                                                   "letter"):
            if got.get("title") != title or got.get("body") != body:
                self.ledger.problem("partial", f"letter {code}: {got.get('title')!r}")


class Votes:
    """Voters sign up and vote; a work's stored total lies between its acknowledged votes and
    those plus the votes that got no answer."""

    def __init__(self, world):
        self.world = world
        self.ledger = Ledger("vote")
        self.signups = Ledger("voter sign-up")
        self.lock = threading.Lock()
        self.voter = None
        self.votes_left = 0
        self.serial = 0
        self.vote = self.open_vote(world.sysadmin)
        self.works = [w["work_id"] for w in self.results()]
        self.baseline = {w["work_id"]: w["total"] for w in self.results()}
        self.acked = {w: 0 for w in self.works}
        self.unanswered = {w: 0 for w in self.works}
        # The first voter signs up before the kills: a sign-up hashes a password, which takes
        # longer than the server lives between kills when the machine is busy.
        rng = random.Random(0)
        while self.voter is None:
            self.sign_up(rng)

    def open_vote(self, sysadmin):
        campaigns = sysadmin.get_json("/api/v1/campaigns")["campaigns"]
        campaign = min(campaigns, key=lambda c: c["year"])["id"]
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
        answer = sysadmin.call("POST", f"/api/v1/campaigns/{campaign}/public-votes", {
            "name": "崩溃测试投票", "tracks": ["influencers"],
            "starts_at": stamp(now - datetime.timedelta(minutes=1)),
            "ends_at": stamp(now + datetime.timedelta(days=2)),
            "rules": {"per_account_per_work_per_day": 1000, "per_account_per_day": 10000,
                      "per_address_per_day": 10000}})
        if answer.status != 201:
            raise RuntimeError(f"POST public-votes: {answer!r}")
        return answer.json()["id"]

    def results(self):
        return self.world.sysadmin.get_json(f"/api/v1/public-votes/{self.vote}/results")["works"]

    def solved(self, session):
        """A solved challenge, or None when the server gave none (the write then goes unsent)."""
        try:
            answer = session.call("GET", "/api/v1/altcha/challenge")
        except Cut:
            return None
        return solve_altcha(answer.json()) if answer.status == 200 else None

    def step(self, rng):
        if self.voter is None or self.votes_left == 0:
            self.sign_up(rng)
            return
        work = rng.choice(self.works)
        voter = self.voter
        altcha = self.solved(voter)
        if altcha is None:
            return
        answer = self.ledger.send(lambda: voter.call(
            "POST", f"/api/v1/public-votes/{self.vote}/votes", {"work_id": work, "altcha": altcha}))
        with self.lock:
            if answer is None:
                self.unanswered[work] += 1
            elif answer.status == 201:
                self.acked[work] += 1
                self.votes_left -= 1
            elif answer.status == 401:
                self.voter = None  # signed up unacknowledged; a new voter votes on

    def sign_up(self, rng):
        self.serial += 1
        voter = Session(self.world.port, forwarded_for=address(rng))
        altcha = self.solved(voter)
        if altcha is None:
            return
        username = f"crash_voter_{rng.randrange(1 << 30)}_{self.serial}"
        answer = self.signups.send(lambda: voter.call(
            "POST", "/api/v1/voters",
            {"username": username, "password": "Vote-for-good-2023", "altcha": altcha}))
        if answer and answer.status == 201:
            voter.csrf = answer.json()["csrf_token"]
            self.voter, self.votes_left = voter, VOTES_PER_VOTER

    def verify(self, everything):
        totals = {w["work_id"]: w["total"] for w in self.results()}
        with self.lock:
            for work in self.works:
                low = self.baseline[work] + self.acked[work]
                high = low + self.unanswered[work]
                if totals[work] < low:
                    self.ledger.problem("lost", f"work {work}: {totals[work]} votes stored, "
                                                f"{low} acknowledged")
                elif totals[work] > high:
                    self.ledger.problem("partial", f"work {work}: {totals[work]} votes stored, "
                                                   f"at most {high} sent")
