#!/usr/bin/env python3
"""Sends files as tus PATCHes, all at once, each on its own connection and thread.

Each body goes from the page cache to the socket with sendfile(2), so the client costs the
machine little beside the server it measures: curl reads the file into its own buffers and
writes them to the socket, which on a machine of two cores takes CPU time from the server.
The connections are opened first; prints the wall-clock time when the first byte of a request
was sent and when the last answer came, then each answer's status code on a line.

Usage: tus_patch.py COOKIE_JAR CSRF_TOKEN OFFSET URL FILE [URL FILE ...]
  COOKIE_JAR  the cookie file curl wrote at login (its cookies are sent)
  URL         http://host:port/path of an upload; FILE is sent to it from OFFSET
"""
import os
import socket
import sys
import threading
import time
import urllib.parse


def cookies(jar_path):
    """The name=value pairs of a cookie file as curl writes it (Netscape format)."""
    pairs = []
    with open(jar_path, encoding="utf-8") as jar:
        for line in jar:
            line = line.rstrip("\n")
            if line.startswith("#HttpOnly_"):
                line = line[len("#HttpOnly_"):]
            elif not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) == 7:
                pairs.append(f"{fields[5]}={fields[6]}")
    return "; ".join(pairs)


def request_head(target, size, offset, cookie, csrf):
    return (
        f"PATCH {target.path} HTTP/1.1\r\n"
        f"Host: {target.netloc}\r\n"
        "Tus-Resumable: 1.0.0\r\n"
        f"X-CSRF-Token: {csrf}\r\n"
        f"Cookie: {cookie}\r\n"
        "Content-Type: application/offset+octet-stream\r\n"
        f"Upload-Offset: {offset}\r\n"
        f"Content-Length: {size}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")


def send(connection, head, path, statuses, index):
    """Sends one PATCH on an open connection and keeps its answer's status code."""
    with connection, open(path, "rb") as body:
        connection.sendall(head)
        connection.sendfile(body)
        answer = b""
        while b"\r\n" not in answer:
            got = connection.recv(4096)
            if not got:
                break
            answer += got
    status = answer.split(b"\r\n", 1)[0].split(b" ")
    statuses[index] = status[1].decode("ascii") if len(status) > 1 else "no answer"


def main():
    jar, csrf, offset = sys.argv[1:4]
    pairs = sys.argv[4:]
    if not pairs or len(pairs) % 2:
        sys.exit("usage: tus_patch.py COOKIE_JAR CSRF_TOKEN OFFSET URL FILE [URL FILE ...]")
    cookie = cookies(jar)
    uploads = []
    for url, path in zip(pairs[0::2], pairs[1::2]):
        target = urllib.parse.urlsplit(url)
        head = request_head(target, os.path.getsize(path), offset, cookie, csrf)
        uploads.append((socket.create_connection((target.hostname, target.port)), head, path))
    statuses = ["no answer"] * len(uploads)
    threads = [
        threading.Thread(target=send, args=(connection, head, path, statuses, index))
        for index, (connection, head, path) in enumerate(uploads)
    ]
    start = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    end = time.time()
    print(f"{start:.6f} {end:.6f}")
    print("\n".join(statuses))


if __name__ == "__main__":
    main()
