#!/usr/bin/env python3
"""The deadline rush and the vote flood at once, against one Wangju site (one server, or nginx in
front of several): for SECONDS, at the same time,
  - page views: wrk (bench/peak_pages.lua) over the portal's public pages, 16 connections;
  - votes: wrk (bench/votes.lua) posting prepared votes (bench/votes_prep.cpp), paced at RATE;
  - the rush, in client threads written for the crash suite (tests/crash): tus uploads of text
    files by workers, activity reports filed by a zone and approved by its district, and works
    submitted and recommended at the zone's quota, which the system admin raises when it is full.
Then every write the rush got a 2xx for is read back, and the votes stored are counted. Prints,
for each kind: requests, requests a second, p50, p99, 5xx and other refusals; each server's
memory (VmRSS) at the start and at the end; what was lost (must be 0). Exits 1 on a 5xx or a loss.

Usage: peak_load.py URL SECONDS --pids PID[,PID...] --accounts-from LOG --binary WANGJU
                    --data DIR [--database URL] --votes-file FILE --rate N --count-votes CMD
"""
import argparse
import os
import random
import re
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # nothing written into the source tree
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "tests", "crash"))

from crash_campaign import Recommendations, Reports  # noqa: E402
from crash_client import Session  # noqa: E402
from crash_server import demo_accounts  # noqa: E402
from crash_uploads import Uploads  # noqa: E402

UPLOADERS = 4
REPORTERS = 2
RECOMMENDERS = 2


class Timings:
    """Latency and status of every request the rush sent, by kind."""

    def __init__(self):
        self.lock = threading.Lock()
        self.kinds = {}  # kind → {"latencies": [...], "statuses": {status: n}, "cut": n}

    def timed(self, kind, send):
        def timed_send(request):
            started = time.monotonic()
            answer = send(request)
            elapsed = (time.monotonic() - started) * 1000
            with self.lock:
                entry = self.kinds.setdefault(kind, {"latencies": [], "statuses": {}, "cut": 0})
                if answer is None:
                    entry["cut"] += 1
                else:
                    entry["latencies"].append(elapsed)
                    entry["statuses"][answer.status] = entry["statuses"].get(answer.status, 0) + 1
            return answer
        return timed_send


class World:
    """The logged-in accounts of the rush, and new workers for the uploads (`wangju user add`)."""

    def __init__(self, port, passwords, totp_secret, add_user):
        self.port = port
        self.add_user = add_user
        self.uploaders = 0
        self.lock = threading.Lock()
        self.teda = Session(port).log_in("teda_admin", passwords["teda_admin"])
        self.binhai = Session(port).log_in("binhai_admin", passwords["binhai_admin"])
        self.worker = Session(port).log_in("worker_zhang", passwords["worker_zhang"])
        self.sysadmin = Session(port).log_in("sysadmin", passwords["sysadmin"], totp_secret)

    def new_uploader(self):
        with self.lock:
            self.uploaders += 1
            n = self.uploaders
        username = f"peak_uploader_{os.getpid()}_{n}"
        first, final = f"Peak-First-{n}-2023", f"Peak-Upload-{n}-2023"
        self.add_user(username, first)
        session = Session(self.port).log_in(username, first)
        changed = session.call("POST", "/api/v1/me/password",
                               {"current_password": first, "new_password": final})
        if changed.status != 204:
            raise RuntimeError(f"changing {username}'s first password: {changed!r}")
        return session


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def wrk(url, seconds, connections, script, env):
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
         "-s", script, url], stdout=subprocess.PIPE, text=True, env=dict(os.environ, **env))


def wrk_figures(output):
    """STATUSES, P50 and P99 as bench/wrk_statuses.lua prints them."""
    statuses = {int(s): int(n) for s, n in re.findall(r"(\d+)=(\d+)", re.search(
        r"^STATUSES(.*)$", output, re.M).group(1))}
    p50, p99 = re.search(r"^P50 (\S+) P99 (\S+)$", output, re.M).groups()
    errors = re.search(r"Socket errors: (.*)$", output, re.M)
    return statuses, float(p50), float(p99), errors.group(1) if errors else "none"


def client(step, seed, stop, errors):
    rng = random.Random(seed)
    while not stop.is_set():
        try:
            pause = step(rng) or 0
        except Exception as error:  # a broken writer must not pass as a quiet one
            errors.append(f"{step.__qualname__}: {error!r}")
            pause = 0.5
        if pause:
            stop.wait(pause)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("seconds", type=int)
    parser.add_argument("--pids", required=True)
    parser.add_argument("--accounts-from", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--database")
    parser.add_argument("--votes-file", required=True)
    parser.add_argument("--rate", type=int, required=True)
    parser.add_argument("--count-votes", required=True,
                        help="a shell command that prints the number of votes stored")
    args = parser.parse_args()
    port = int(args.url.rsplit(":", 1)[1])
    pids = [int(p) for p in args.pids.split(",")]
    with open(args.accounts_from, encoding="utf-8", errors="replace") as log:
        passwords, secret = demo_accounts(log.read())

    def add_user(username, password):
        database = ["--database", args.database] if args.database else []
        subprocess.run([args.binary, "user", "add", "--data", args.data, *database,
                        "--unit", "teda_qiche", "--role", "worker", "--username", username,
                        "--password-stdin"], input=password, capture_output=True, text=True,
                       check=True, timeout=120)

    world = World(port, passwords, secret, add_user)
    timings = Timings()
    reports, recommendations = Reports(world), Recommendations(world)
    uploads = [Uploads(world) for _ in range(UPLOADERS)]  # each with a worker of its own
    for kind, ledger in [("upload (tus)", u.ledger) for u in uploads] + [
            ("activity report", reports.ledger), ("recommendation", recommendations.ledger),
            ("quota raise", recommendations.quota_ledger)]:
        ledger.send = timings.timed(kind, ledger.send)
    steps = ([u.step for u in uploads] + [reports.step] * REPORTERS +
             [recommendations.step] * RECOMMENDERS + [recommendations.raise_quota])

    memory_start = [rss_mb(pid) for pid in pids]
    stop, errors = threading.Event(), []
    with open(args.votes_file) as votes_file:
        vote = votes_file.readline().split("\t", 1)[0]
    pages = wrk(args.url, args.seconds, 16, "bench/peak_pages.lua", {"PAGES": " ".join(
        ["/", "/articles/1", "/notices", "/news", "/campaigns/1/exhibition",
         f"/public-votes/{vote}"])})
    votes = wrk(args.url, args.seconds, 64, "bench/votes.lua",
                {"VOTES_FILE": args.votes_file, "VOTES_THREADS": "1",
                 "VOTES_RATE": str(args.rate)})
    threads = [threading.Thread(target=client, args=(step, i, stop, errors), daemon=True)
               for i, step in enumerate(steps)]
    started = time.monotonic()
    for t in threads:
        t.start()
    pages_out, _ = pages.communicate()
    votes_out, _ = votes.communicate()
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    memory_end = [rss_mb(pid) for pid in pids]

    rows = []
    for name, output in (("page views", pages_out), ("votes", votes_out)):
        statuses, p50, p99, socket_errors = wrk_figures(output)
        rows.append((name, statuses, p50, p99, 0, socket_errors))
    for kind, entry in timings.kinds.items():
        rows.append((kind, entry["statuses"], percentile(entry["latencies"], 50),
                     percentile(entry["latencies"], 99), entry["cut"], "none"))

    # Every write the rush got a 2xx for, read back.
    for kind in [reports, recommendations, *uploads]:
        kind.verify(everything=True)
    ledgers = [reports.ledger, recommendations.ledger, recommendations.quota_ledger,
               *[u.ledger for u in uploads]]
    lost = sum(l.problems() - len(l.failed) for l in ledgers)
    acked_votes = sum(n for s, n in wrk_figures(votes_out)[0].items() if s == 201)
    stored_votes = int(subprocess.run(args.count_votes, shell=True, capture_output=True,
                                      text=True, check=True).stdout.strip())

    print(f"{'kind':<18}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'5xx':>6}"
          f"  other answers")
    fivexx = 0
    for name, statuses, p50, p99, cut, socket_errors in rows:
        total = sum(statuses.values())
        server_errors = sum(n for s, n in statuses.items() if s >= 500)
        fivexx += server_errors
        others = ", ".join(f"{n}×{s}" for s, n in sorted(statuses.items())
                           if not 200 <= s < 400 and s < 500) or "none"
        extra = f"; unanswered {cut}" if cut else ""
        extra += f"; socket errors {socket_errors}" if socket_errors != "none" else ""
        print(f"{name:<18}{total:>9}{total / elapsed:>9.1f}{p50:>9.1f}{p99:>9.1f}"
              f"{server_errors:>6}  {others}{extra}")
    for pid, start, end in zip(pids, memory_start, memory_end):
        print(f"server {pid}: memory (VmRSS) {start:.1f} MB at the start, {end:.1f} MB at the end")
    print(f"votes: {acked_votes} acknowledged, {stored_votes} stored")
    for ledger in ledgers:
        for bucket in ("lost", "partial", "exceeded", "failed"):
            for line in getattr(ledger, bucket)[:10]:
                print(f"  {bucket}: {ledger.kind}: {line}")
    for line in errors[:10]:
        print(f"  writer error: {line}")
    if stored_votes < acked_votes:
        lost += acked_votes - stored_votes
    print(f"5xx {fivexx}; lost {lost}; writer errors {len(errors)}")
    return 0 if fivexx == 0 and lost == 0 and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
