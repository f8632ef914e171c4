#!/usr/bin/env python3
"""The crash suite: client threads write to `wangju serve --demo` (tus uploads, activity reports
and their approval, recommendations at the zone's quota, letters to the chairman's mailbox, voter
sign-ups and votes) while the server is killed with SIGKILL at random moments and started again on
the same data folder. After each restart, every write that got a 2xx must be there with its
content, the rolled-up figures must match the records, no quota may be exceeded, and every few
kills `wangju check` must find the audit chain whole. Prints the figures and exits 1 on any loss,
half-written record, exceeded quota or unclean check.

Usage: crash_test.py BINARY STATIC_DIR [--kills N] [--seconds S] [--seed N] [--check-every K]
                     [--keep DIR] [--postgres ADMIN_URL | --postgres-from-environment]
"""
import argparse
import os
import random
import shutil
import sys
import subprocess
import tempfile
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_campaign import Recommendations, Reports  # noqa: E402
from crash_client import Cut, Session  # noqa: E402
from crash_server import Server, demo_accounts, stop_quietly  # noqa: E402
from crash_uploads import Uploads  # noqa: E402
from crash_visitors import Letters, Votes  # noqa: E402


class Traffic:
    """Lets the client threads write while the server is up, and holds them while it is down
    and while the checks read: close() returns once no write is in flight."""

    def __init__(self):
        self.condition = threading.Condition()
        self.open = False
        self.stopping = False
        self.busy = 0

    def enter(self):
        with self.condition:
            while not self.open and not self.stopping:
                self.condition.wait()
            if self.stopping:
                return False
            self.busy += 1
            return True

    def leave(self):
        with self.condition:
            self.busy -= 1
            self.condition.notify_all()

    def set_open(self, value):
        with self.condition:
            self.open = value
            self.condition.notify_all()
            while not value and self.busy:
                self.condition.wait()

    def stop(self):
        with self.condition:
            self.stopping = True
            self.condition.notify_all()


class World:
    """The logged-in accounts the writers and the checks use."""

    def __init__(self, server, passwords, totp_secret):
        self.server = server
        self.port = port = server.port
        self.uploaders = 0
        self.teda = Session(port).log_in("teda_admin", passwords["teda_admin"])
        self.binhai = Session(port).log_in("binhai_admin", passwords["binhai_admin"])
        self.worker = Session(port).log_in("worker_zhang", passwords["worker_zhang"])
        self.sysadmin = Session(port).log_in("sysadmin", passwords["sysadmin"], totp_secret)

    def new_uploader(self):
        """A new worker of Teda's car-parts union, logged in; None when a kill cut its making."""
        self.uploaders += 1
        username = f"crash_uploader_{self.uploaders}"
        first, final = f"Crash-First-{self.uploaders}-2023", f"Crash-Upload-{self.uploaders}-2023"
        self.server.add_user(username, "teda_qiche", "worker", first)
        try:
            session = Session(self.port).log_in(username, first)
            changed = session.call("POST", "/api/v1/me/password",
                                   {"current_password": first, "new_password": final})
        except (Cut, RuntimeError):
            return None
        return session if changed.status == 204 else None


def client(traffic, step, seed, errors):
    rng = random.Random(seed)
    while traffic.enter():
        pause = 0
        try:
            pause = step(rng) or 0
        except Exception as error:  # a broken writer must not pass as a quiet one
            errors.append(f"{step.__qualname__}: {error!r}")
            pause = 0.5
        finally:
            traffic.leave()
        if pause:
            time.sleep(pause)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("static_dir")
    parser.add_argument("--kills", type=int, default=50, help="kills to make (default 50)")
    parser.add_argument("--seconds", type=float, default=0,
                        help="run at least this long, killing on (default: until --kills)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--check-every", type=int, default=5,
                        help="run `wangju check` after every K-th kill (and after the last)")
    parser.add_argument("--keep", help="keep the data folder and logs here")
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="run on a new database of this PostgreSQL server (dropped after "
                             "a clean run), instead of SQLite")
    parser.add_argument("--postgres-from-environment", action="store_true",
                        help="--postgres with the server of WANGJU_TEST_POSTGRES, as the other "
                             "tests (skipped, exit 77, when it is unset unless "
                             "WANGJU_REQUIRE_POSTGRES=1)")
    args = parser.parse_args()
    if args.postgres_from_environment:
        args.postgres = os.environ.get("WANGJU_TEST_POSTGRES")
        if not args.postgres:
            if os.environ.get("WANGJU_REQUIRE_POSTGRES") == "1":
                print("WANGJU_TEST_POSTGRES is not set, and WANGJU_REQUIRE_POSTGRES=1")
                return 1
            print("skipped: WANGJU_TEST_POSTGRES is not set")
            return 77
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    work_dir = args.keep or tempfile.mkdtemp(prefix="wangju-crash.")
    os.makedirs(work_dir, exist_ok=True)
    database = new_database(args.postgres, seed) if args.postgres else None
    server = Server(os.path.abspath(args.binary), os.path.abspath(args.static_dir),
                    os.path.join(work_dir, "data"), os.path.join(work_dir, "serve"), database)
    print(f"crash suite: seed {seed}, data in {work_dir}"
          f"{f', database {database}' if database else ''}", flush=True)
    try:
        ok = run(server, args, rng)
    finally:
        stop_quietly(server)
    if ok and not args.keep:
        shutil.rmtree(work_dir, ignore_errors=True)
        if database:
            psql(args.postgres, f"DROP DATABASE IF EXISTS {database_name(seed)} WITH (FORCE)")
    return 0 if ok else 1


def database_name(seed):
    return f"crash_{seed}_{os.getpid()}"


def psql(url, sql):
    subprocess.run(["psql", "-qX", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                   capture_output=True, timeout=60)


def new_database(admin_url, seed):
    """A new, empty database on the server of `admin_url`; its URL."""
    name = database_name(seed)
    psql(admin_url, f"CREATE DATABASE {name}")
    return urllib.parse.urlsplit(admin_url)._replace(path=f"/{name}").geturl()


def run(server, args, rng):
    started = time.monotonic()
    world = World(server, *demo_accounts(server.start()))
    reports, recommendations = Reports(world), Recommendations(world)
    uploads, letters, votes = Uploads(world), Letters(world), Votes(world)
    kinds = [uploads, reports, recommendations, letters, votes]
    ledgers = [uploads.ledger, reports.ledger, recommendations.ledger,
               recommendations.quota_ledger, letters.ledger, votes.signups, votes.ledger]
    steps = [uploads.step, reports.step, recommendations.step, recommendations.step,
             recommendations.raise_quota, letters.step, votes.step]
    traffic, errors, unclean = Traffic(), [], []
    threads = [threading.Thread(target=client, args=(traffic, step, rng.random(), errors),
                                daemon=True) for step in steps]
    for t in threads:
        t.start()
    kills, restarts = 0, 0.0
    print(f"server ready after {time.monotonic() - started:.1f} s; killing", flush=True)
    while kills < args.kills or time.monotonic() - started < args.seconds:
        traffic.set_open(True)
        time.sleep(rng.uniform(0.2, 2.0))
        server.kill()
        kills += 1
        traffic.set_open(False)
        server.wait_dead()
        if kills % args.check_every == 0:
            check(server, kills, unclean)
        restarting = time.monotonic()
        server.start()
        restarts += time.monotonic() - restarting
        for kind in kinds:
            kind.verify(everything=False)
        if kills % 10 == 0:
            print(f"{kills} kills, {time.monotonic() - started:.0f} s", flush=True)
    # The last kill comes with no write in flight: it only ends the run.
    traffic.set_open(False)
    traffic.stop()
    server.kill()
    server.wait_dead()
    check(server, kills, unclean)
    server.start()
    for kind in kinds:
        kind.verify(everything=True)
    server.kill()
    server.wait_dead()
    print(f"\nrestarts took {restarts / max(kills, 1):.1f} s on average")
    return report(kills, time.monotonic() - started, ledgers, errors, unclean)


def check(server, kills, unclean):
    code, output = server.check()
    if code != 0:
        unclean.append(f"after kill {kills}: exit {code}\n{output}")


def report(kills, seconds, ledgers, errors, unclean):
    acknowledged = sum(l.acked for l in ledgers)
    lost = sum(len(l.lost) for l in ledgers)
    print(f"kills {kills} in {seconds:.0f} s; acknowledged writes {acknowledged}; lost {lost}")
    for ledger in ledgers:
        print("  " + ledger.figures())
    for ledger in ledgers:
        for bucket in ("lost", "partial", "exceeded", "failed"):
            for line in getattr(ledger, bucket)[:20]:
                print(f"  {bucket}: {ledger.kind}: {line}")
    for line in unclean:
        print(f"  wangju check: {line}")
    for line in errors[:20]:
        print(f"  writer error: {line}")
    # A kind of write of which nothing was acknowledged was not tested at all.
    idle = [l.kind for l in ledgers if l.acked == 0]
    for kind in idle:
        print(f"  no {kind} was acknowledged: the run proves nothing for it")
    print(f"wangju check: {'clean' if not unclean else f'{len(unclean)} unclean'}")
    return (not unclean and not errors and not idle and
            all(l.problems() == 0 for l in ledgers))


if __name__ == "__main__":
    sys.exit(main())
