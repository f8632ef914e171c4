#!/usr/bin/env python3
"""Slow clients for bench/crowd: COUNT connections that each send a request line and then one
header line every 3 seconds, never finishing the header, spread over the given source addresses;
meanwhile ordinary visitors (from another address, a new connection each) ask for PATH one after
another. After SECONDS, prints what became of the slow connections and the visitors' latency.

Usage: crowd_slow.py PORT COUNT SECONDS PATH VISITOR_ADDRESS SOURCE_ADDRESS...
"""
import resource
import socket
import sys
import threading
import time


def main():
    port, count, seconds, path, visitor = (int(sys.argv[1]), int(sys.argv[2]),
                                           float(sys.argv[3]), sys.argv[4], sys.argv[5])
    sources = sys.argv[6:]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    latencies, failures = [], [0]
    stop = threading.Event()

    def visit():
        request = f"GET {path} HTTP/1.1\r\nHost: crowd\r\nConnection: close\r\n\r\n".encode()
        while not stop.is_set():
            started = time.monotonic()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=10,
                                              source_address=(visitor, 0)) as s:
                    s.sendall(request)
                    answer = b""
                    while chunk := s.recv(65536):
                        answer += chunk
                if answer.startswith(b"HTTP/1.1 200"):
                    latencies.append((time.monotonic() - started) * 1000)
                else:
                    failures[0] += 1
            except OSError:
                failures[0] += 1
            time.sleep(0.01)

    slow = []
    opened_at = time.monotonic()
    for i in range(count):
        s = socket.socket()
        s.bind((sources[i % len(sources)], 0))
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: crowd\r\n")
        except OSError:
            s.close()
            continue
        s.setblocking(False)
        slow.append(s)
    visitor_thread = threading.Thread(target=visit)
    visitor_thread.start()

    refused, timed_out, closed_other = 0, 0, 0
    closed_after = []
    alive = {s: b"" for s in slow}
    next_trickle = time.monotonic() + 3
    while time.monotonic() - opened_at < seconds:
        for s in list(alive):
            try:
                chunk = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                chunk = b""
            alive[s] += chunk
            if chunk:
                continue
            answer = alive.pop(s)
            s.close()
            if answer.startswith(b"HTTP/1.1 503"):
                refused += 1
            elif answer.startswith(b"HTTP/1.1 408"):
                timed_out += 1
                closed_after.append(time.monotonic() - opened_at)
            else:
                closed_other += 1
        if time.monotonic() >= next_trickle:
            for s in list(alive):
                try:
                    s.send(b"X-Trickle: 1\r\n")
                except OSError:
                    pass
            next_trickle += 3
        time.sleep(0.05)
    stop.set()
    visitor_thread.join()
    for s in alive:
        s.close()

    latencies.sort()

    def pick(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0

    print(f"  slow connections: {len(slow)} opened from {len(sources)} address(es); "
          f"{refused} answered 503 at once; {timed_out} answered 408 and closed "
          f"(after {min(closed_after, default=0):.1f}-{max(closed_after, default=0):.1f} s); "
          f"{closed_other} closed otherwise; {len(alive)} still open at the end")
    print(f"  visitors meanwhile ({path}, a new connection each): {len(latencies)} answered, "
          f"{failures[0]} failed; p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, "
          f"max {latencies[-1] if latencies else 0:.1f} ms")


if __name__ == "__main__":
    main()
