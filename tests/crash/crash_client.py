"""What the crash suite's writers share: an HTTP session against `wangju serve` (a new connection
for every request, so that a killed server fails only the requests in flight), the sysadmin's TOTP
code and the ALTCHA proof of work that voters solve."""
import base64
import hashlib
import hmac
import http.client
import json
import socket
import struct
import time


class Cut(Exception):
    """The request got no answer: the server died before or while answering it. Whether it was
    applied is unknown until the server is back."""


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body) if self.body else {}

    def ok(self):
        return 200 <= self.status < 300

    def __repr__(self):
        return f"{self.status} {self.body[:300].decode('utf-8', 'replace')}"


class Session:
    """A client with its own cookie and CSRF token. `forwarded_for` sends X-Forwarded-For (the
    server runs with --trust-forwarded), so that per-address limits see many visitors."""

    def __init__(self, port, forwarded_for=None, timeout=30):
        self.port = port
        self.forwarded_for = forwarded_for
        self.timeout = timeout
        self.cookie = None
        self.csrf = None

    def call(self, method, path, body=None, headers=None):
        sent = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
            sent["Content-Type"] = "application/json"
        if self.cookie:
            sent["Cookie"] = self.cookie
        if self.csrf and method not in ("GET", "HEAD"):
            sent["X-CSRF-Token"] = self.csrf
        if self.forwarded_for:
            sent["X-Forwarded-For"] = self.forwarded_for
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException, socket.timeout) as error:
            raise Cut(f"{method} {path}: {error!r}") from None
        finally:
            connection.close()
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        if cookie := answer.header("set-cookie"):
            self.cookie = cookie.split(";", 1)[0]
        return answer

    def get_json(self, path, headers=None):
        answer = self.call("GET", path, headers=headers)
        if answer.status != 200:
            raise RuntimeError(f"GET {path}: {answer!r}")
        return answer.json()

    def log_in(self, username, password, totp_secret=None):
        body = {"username": username, "password": password}
        if totp_secret:
            body["totp"] = totp_code(totp_secret)
        answer = self.call("POST", "/api/v1/session", body)
        if answer.status != 200:
            raise RuntimeError(f"login {username}: {answer!r}")
        self.csrf = answer.json()["csrf_token"]
        return self


def totp_code(secret_base32, at=None):
    """RFC 6238 with the server's parameters: SHA-1, 30-second steps, six digits."""
    key = base64.b32decode(secret_base32)
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 15
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def solve_altcha(challenge):
    """The payload the ALTCHA widget posts: the number found by trying each from 0."""
    prefix = hashlib.sha256(challenge["salt"].encode())
    for number in range(challenge["maxnumber"] + 1):
        attempt = prefix.copy()
        attempt.update(str(number).encode())
        if attempt.hexdigest() == challenge["challenge"]:
            payload = {"algorithm": "SHA-256", "challenge": challenge["challenge"],
                       "number": number, "salt": challenge["salt"],
                       "signature": challenge["signature"], "took": 0}
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise RuntimeError("ALTCHA challenge without a solution")
