"""The server under the crash suite: `wangju serve --demo` on one data folder (and a PostgreSQL
database when one is given), started, killed with SIGKILL and started again; `wangju check` run on
the folder while no server holds it."""
import os
import re
import signal
import socket
import subprocess
import time

from crash_client import Cut, Session


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, static_dir, data_dir, log_path, database=None):
        self.binary = binary
        # The options that name the data: the folder, and the database when it is not the
        # folder's SQLite file.
        self.data = ["--data", data_dir] + (["--database", database] if database else [])
        self.static_dir = static_dir
        self.log_path = log_path
        self.port = free_port()
        self.process = None
        self.starts = 0

    def start(self, timeout=180):
        """Starts the server and waits until /readyz answers; returns its standard output so
        far (the demo's accounts at the first start)."""
        self.starts += 1
        out_path = f"{self.log_path}.{self.starts}.out"
        with open(out_path, "wb") as out, open(f"{self.log_path}.err", "ab") as err:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--demo", *self.data,
                 "--listen", f"127.0.0.1:{self.port}", "--static", self.static_dir,
                 "--trust-forwarded"],
                stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        probe = Session(self.port, timeout=5)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; "
                                   f"see {self.log_path}.err")
            try:
                if probe.call("GET", "/readyz").status == 200:
                    with open(out_path, encoding="utf-8", errors="replace") as out:
                        return out.read()
            except Cut:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the server was not ready within {timeout} s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)

    def wait_dead(self):
        self.process.wait()
        self.process = None

    def add_user(self, username, unit, role, password):
        """`wangju user add`, beside the running server (the account must change its password
        at its first login)."""
        subprocess.run([self.binary, "user", "add", *self.data, "--unit", unit,
                        "--role", role, "--username", username, "--password-stdin"],
                       input=password, capture_output=True, text=True, check=True, timeout=120)

    def check(self):
        """`wangju check` on the data folder: (exit code, its output)."""
        done = subprocess.run([self.binary, "check", *self.data],
                              capture_output=True, text=True, timeout=300)
        return done.returncode, (done.stdout + done.stderr).strip()


def demo_accounts(output):
    """The accounts the demo prints once at its first start: username → password, and the
    system administrator's authenticator secret."""
    passwords = dict(re.findall(r"^  (\S+)\s+(\S+)\s+\S+\s+\S+$", output, re.M))
    secret = re.search(r"验证器密钥: (\S+)", output)
    if not passwords or not secret:
        raise RuntimeError("the demo did not print its accounts")
    return passwords, secret.group(1)


def stop_quietly(server):
    if server.process is not None and server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
