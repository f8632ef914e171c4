"""Logs in to the benchmark server, times the dashboard API (200 requests each for the root, a
city and a district, after 10 warm-up requests) and one export of 附件3 for the district (about
100,000 rows), and prints p50 and p95 and the export's time, size and the server's peak memory."""
import http.client
import json
import statistics
import sys
import time

port, pid, codes = int(sys.argv[1]), int(sys.argv[2]), json.load(open(sys.argv[3]))


def connect():
    for _ in range(200):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            c.request("GET", "/healthz")
            c.getresponse().read()
            return c
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def peak_rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


conn = connect()
conn.request("POST", "/api/v1/session", json.dumps({"username": "bench_admin", "password": "bench-password-2026-x"}),
             {"content-type": "application/json"})
answer = conn.getresponse()
body = answer.read()
if answer.status != 200:
    raise SystemExit(f"login failed: {answer.status} {body[:200]!r}")
cookie = answer.getheader("set-cookie").split(";")[0]
headers = {"cookie": cookie}


def get(path):
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit(f"GET {path}: {r.status} {data[:300]!r}")
    return data


for name in ("root", "city", "district"):
    path = f"/api/v1/campaigns/1/dashboard?unit={codes[name]}"
    for _ in range(10):
        get(path)
    times = []
    for _ in range(200):
        t = time.perf_counter()
        get(path)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    d = json.loads(get(path))
    print(f"dashboard {name:8} ({codes[name]}, {len(d['children'])} children): "
          f"p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")

before = peak_rss_mb()
for ext in ("xlsx", "csv"):
    t = time.perf_counter()
    data = get(f"/api/v1/campaigns/1/tables/activities.{ext}?unit={codes['district']}")
    elapsed = time.perf_counter() - t
    print(f"export 附件3 {ext}: {len(data) / 1e6:.1f} MB in {elapsed:.2f} s; server peak RSS "
          f"{before:.0f} MB before exports, {peak_rss_mb():.0f} MB after")
