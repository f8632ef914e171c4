"""The crash suite's bookkeeping: for each kind of write, what the server acknowledged, refused or
left unanswered, and what the checks after a restart found missing, half-written or over a quota.
"""
import threading

from crash_client import Cut


class Ledger:
    def __init__(self, kind):
        self.kind = kind
        self.lock = threading.Lock()
        self.acked = 0
        self.refused = {}  # status → count
        self.cut = 0
        self.lost = []
        self.partial = []
        self.exceeded = []
        self.failed = []  # 5xx answers: the server could not do what it should have

    def send(self, send):
        """Runs `send` (one request); returns its Answer, or None when the server gave none.
        A 2xx is counted as acknowledged, anything else as refused with its status; a 5xx is
        also a failure of the run."""
        try:
            answer = send()
        except Cut:
            with self.lock:
                self.cut += 1
            return None
        with self.lock:
            if answer.ok():
                self.acked += 1
            else:
                self.refused[answer.status] = self.refused.get(answer.status, 0) + 1
            if answer.status >= 500:
                self.failed.append(repr(answer))
        return answer

    def problem(self, bucket, text):
        with self.lock:
            getattr(self, bucket).append(text)

    def still_there(self, pending, everything, read, what):
        """The acknowledged records (all, or those new since the last check), each with what the
        server answers for it now (`read(key)`); one answered with anything but 200 is lost."""
        for key, sent in pending.take(everything):
            answer = read(key)
            if answer.status != 200:
                self.problem("lost", f"{what} {key}: {answer.status}")
                continue
            yield key, sent, answer.json()

    def problems(self):
        return len(self.lost) + len(self.partial) + len(self.exceeded) + len(self.failed)

    def figures(self):
        refused = ", ".join(f"{n}×{status}" for status, n in sorted(self.refused.items())) or "0"
        return (f"{self.kind:<16} acknowledged {self.acked:>5}  lost {len(self.lost)}  "
                f"partial {len(self.partial)}  over quota {len(self.exceeded)}  "
                f"5xx {len(self.failed)}  "
                f"refused {refused}  unanswered {self.cut}")


class Pending:
    """What was acknowledged since the last check, and everything acknowledged: a check after a
    restart looks at the new entries, the final check at all of them."""

    def __init__(self):
        self.lock = threading.Lock()
        self.all = {}
        self.new = set()

    def put(self, key, value):
        with self.lock:
            self.all[key] = value
            self.new.add(key)

    def touch(self, key):
        with self.lock:
            self.new.add(key)

    def take(self, everything):
        with self.lock:
            keys = set(self.all) if everything else self.new
            self.new = set()
            return [(k, self.all[k]) for k in sorted(keys)]

    def values(self):
        with self.lock:
            return list(self.all.values())
