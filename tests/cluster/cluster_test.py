#!/usr/bin/env python3
"""The cluster as its operator would try it: scripts/cluster starts PostgreSQL with
pg_auto_failover (a monitor, a primary and a synchronous secondary), two Wangju servers sharing one
data folder, and nginx in front.

It checks that a session made on one server works on the other, that an upload begun on one server
is finished on the other, and that when the PostgreSQL primary is killed under a load of writes
the secondary is promoted, both servers reconnect by themselves, every write that was acknowledged
(2xx) is in the database, and meanwhile the servers answered only 2xx or 503 with Retry-After.

Usage: cluster_test.py WANGJU_BINARY STATIC_DIR
"""

import base64
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLUSTER = os.path.join(SOURCE, "scripts", "cluster")
PASSWORD = "Cluster-Test-2026!"       # given by `wangju user add`, to be changed at first login
NEW_PASSWORD = "Cluster-Failover-2026#"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAILED: " + message, flush=True)
    return condition


class Client:
    """One keep-alive connection to one server, with a session cookie and CSRF token."""

    def __init__(self, base):
        self.base = base
        self.cookie = ""
        self.csrf = ""
        self.connection = None

    def request(self, method, path, body=b"", headers=None):
        parsed = urllib.parse.urlparse(self.base)
        all_headers = {"Origin": self.base}
        if self.cookie:
            all_headers["Cookie"] = self.cookie
        if self.csrf:
            all_headers["X-CSRF-Token"] = self.csrf
        all_headers.update(headers or {})
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                data = response.read()
                if (response.getheader("Connection") or "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection that the server had closed: only a request that was
                # never answered is sent again, on a new connection.
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def json(self, method, path, value=None):
        body = json.dumps(value).encode() if value is not None else b""
        status, headers, data = self.request(method, path, body,
                                             {"Content-Type": "application/json"} if value is not None else {})
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return status, headers, parsed

    def log_in(self, username, password):
        status, headers, answer = self.json("POST", "/api/v1/session",
                                            {"username": username, "password": password})
        if not check(status == 200, f"login of {username} at {self.base}: {status} {answer}"):
            raise SystemExit(1)
        self.cookie = headers["set-cookie"].split(";")[0]
        self.csrf = answer["csrf_token"]
        return answer

    def with_session_of(self, other):
        self.cookie, self.csrf = other.cookie, other.csrf
        return self


def run(*args, **kwargs):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kwargs)


def add_editor(binary, database, data, username):
    subprocess.run([binary, "user", "add", "--data", data, "--database", database, "--unit", "binhai",
                    "--role", "editor", "--username", username, "--name", "集群测试编辑",
                    "--password-stdin"], input=PASSWORD + "\n", text=True, check=True,
                   capture_output=True)


def test_session_is_shared(server1, server2):
    one = Client(server1)
    if one.log_in("cluster_editor", PASSWORD).get("pending") == "password":
        status, _, answer = one.json("POST", "/api/v1/me/password",
                                     {"current_password": PASSWORD, "new_password": NEW_PASSWORD})
        check(status in (200, 204), f"the first password was not changed: {status} {answer}")
        one.log_in("cluster_editor", NEW_PASSWORD)
    two = Client(server2).with_session_of(one)
    status, _, answer = two.json("GET", "/api/v1/me")
    check(status == 200 and answer["user"]["username"] == "cluster_editor",
          f"the session made on server 1 is not known to server 2: {status} {answer}")
    status, _, answer = two.json("POST", "/api/v1/articles",
                                 {"column": "notices", "title": "两台服务器共用会话", "body": "正文"})
    check(status == 201, f"a write on server 2 with the session of server 1: {status} {answer}")
    print("session: logged in on server 1, used on server 2", flush=True)
    return one


def test_upload_is_shared(one, server2):
    content = ("网聚职工正能量,争做中国好网民。" * 400).encode()
    status, headers, _ = one.request("POST", "/api/v1/uploads", b"", {
        "Tus-Resumable": "1.0.0", "Upload-Length": str(len(content)),
        "Upload-Metadata": "filename " + base64.b64encode("评论.txt".encode()).decode()})
    if not check(status == 201, f"upload not created on server 1: {status}"):
        return
    location = headers["location"]
    half = len(content) // 2
    status, _, _ = one.request("PATCH", location, content[:half], {
        "Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": "0"})
    check(status == 204, f"first half not taken by server 1: {status}")
    two = Client(server2).with_session_of(one)
    status, headers, _ = two.request("HEAD", location, b"", {"Tus-Resumable": "1.0.0"})
    check(status == 200 and headers.get("upload-offset") == str(half),
          f"server 2 does not see the first half: {status} {headers.get('upload-offset')}")
    status, _, _ = two.request("PATCH", location, content[half:], {
        "Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": str(half)})
    check(status == 204, f"second half not taken by server 2: {status}")
    status, _, answer = one.json("GET", location)
    check(status == 200 and answer and answer.get("state") == "finished"
          and answer.get("size", answer.get("length")) == len(content),
          f"the upload is not finished as one file: {status} {answer}")
    print(f"upload: {half} bytes through server 1, {len(content) - half} through server 2, "
          "finished", flush=True)


class Writers:
    """Threads that create draft articles through nginx as fast as they are answered."""

    def __init__(self, url, session, threads=4):
        self.url, self.session, self.threads = url, session, threads
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged = []       # (id, title)
        self.unavailable = 0         # 503 with Retry-After
        self.unavailable_without_retry_after = 0
        self.other = []              # any other answer
        self.first_503 = None
        self.last_503 = None
        self.workers = [threading.Thread(target=self.write, args=(n,)) for n in range(threads)]

    def start(self):
        for w in self.workers:
            w.start()

    def write(self, n):
        client = Client(self.url).with_session_of(self.session)
        i = 0
        while not self.stop.is_set():
            i += 1
            title = f"故障切换写入 {n}-{i}"
            try:
                status, headers, answer = client.json("POST", "/api/v1/articles",
                                                      {"column": "notices", "title": title, "body": "正文"})
            except OSError as e:
                with self.lock:
                    self.other.append(f"{type(e).__name__}: {e}")
                time.sleep(0.2)
                continue
            with self.lock:
                if 200 <= status < 300:
                    self.acknowledged.append((answer["id"], title))
                elif status == 503:
                    self.unavailable += 1
                    now = time.monotonic()
                    self.first_503 = self.first_503 or now
                    self.last_503 = now
                    if "retry-after" not in headers:
                        self.unavailable_without_retry_after += 1
                else:
                    self.other.append(f"{status} {answer}")
            if status == 503:
                time.sleep(0.2)

    def count(self):
        with self.lock:
            return len(self.acknowledged)

    def finish(self):
        self.stop.set()
        for w in self.workers:
            w.join()


def wait_for(what, predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return check(False, f"gave up waiting for {what} after {seconds} s")


def test_failover(cluster_dir, url, server1, server2, session):
    before = run(CLUSTER, "primary", cluster_dir).stdout.strip()
    writers = Writers(url, session)
    writers.start()
    wait_for("writes before the failover", lambda: writers.count() >= 40, 60)
    acknowledged_before = writers.count()
    killed = run(CLUSTER, "kill-primary", cluster_dir).stdout.strip()
    killed_at = time.monotonic()
    check(killed == before, f"killed {killed}, but the primary was {before}")
    print(f"failover: killed the primary {killed} after {acknowledged_before} acknowledged writes",
          flush=True)
    promoted = wait_for("a new primary", lambda: run(CLUSTER, "primary", cluster_dir).stdout.strip()
                        not in ("", killed), 90)
    promoted_at = time.monotonic()
    # Writes go on through the new primary.
    wait_for("writes after the failover", lambda: writers.count() >= acknowledged_before + 200, 120)
    writers.finish()
    after = run(CLUSTER, "primary", cluster_dir).stdout.strip()
    check(promoted and after not in ("", killed), f"the primary after the failover is {after!r}")

    # Every acknowledged write is there, read through each server.
    readers = [Client(server1).with_session_of(session), Client(server2).with_session_of(session)]
    missing = []
    for n, (article_id, title) in enumerate(writers.acknowledged):
        status, _, answer = readers[n % 2].json("GET", f"/api/v1/articles/{article_id}")
        if status != 200 or answer.get("title") != title:
            missing.append((article_id, title, status))
    check(not missing, f"{len(missing)} acknowledged writes are missing, e.g. {missing[:5]}")
    check(not writers.other, f"answers other than 2xx and 503: {writers.other[:5]}")
    check(writers.unavailable_without_retry_after == 0,
          f"{writers.unavailable_without_retry_after} answers 503 without Retry-After")
    # Both servers write again by themselves.
    for n, reader in enumerate(readers, start=1):
        status, _, answer = reader.json("POST", "/api/v1/articles",
                                        {"column": "notices", "title": f"切换后服务器{n}", "body": "正文"})
        check(status == 201, f"server {n} does not write after the failover: {status} {answer}")
    unavailable_for = (writers.last_503 - writers.first_503) if writers.first_503 else 0.0
    print(f"failover: {after} promoted {promoted_at - killed_at:.1f} s after the kill; "
          f"acknowledged writes {len(writers.acknowledged)}, lost {len(missing)}, "
          f"answered 503 {writers.unavailable} times over {unavailable_for:.1f} s, "
          f"other answers {len(writers.other)}", flush=True)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, static = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    cluster_dir = tempfile.mkdtemp(prefix="wangju-cluster.")
    os.chmod(cluster_dir, 0o755)
    env = dict(os.environ, WANGJU_BINARY=binary, WANGJU_STATIC=static)
    started = time.monotonic()
    try:
        out = run(CLUSTER, "start", cluster_dir, env=env).stdout
        values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        print(f"cluster started in {time.monotonic() - started:.0f} s: {values['url']}", flush=True)
        add_editor(binary, values["database"], os.path.join(cluster_dir, "data"), "cluster_editor")
        session = test_session_is_shared(values["server1"], values["server2"])
        test_upload_is_shared(session, values["server2"])
        test_failover(cluster_dir, values["url"], values["server1"], values["server2"], session)
    except subprocess.CalledProcessError as e:
        check(False, f"{' '.join(e.cmd)} failed ({e.returncode}):\n{e.stdout}\n{e.stderr}")
    finally:
        if failures:
            for name in ("server1.log", "server2.log"):
                path = os.path.join(cluster_dir, name)
                if os.path.exists(path):
                    with open(path, errors="replace") as log:
                        print(f"--- {name} (last lines)\n" + "".join(log.readlines()[-40:]))
        subprocess.run([CLUSTER, "stop", cluster_dir], capture_output=True)
    print(f"{len(failures)} failures", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
