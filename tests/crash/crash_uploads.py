"""tus uploads under the crash suite: a worker uploads text files in several PATCHes and resumes
after a kill from the offset the server reports, which may never be below an acknowledged one; a
finished upload's blob must hold exactly the bytes sent. An upload whose creation got no answer
may still be open on the server, unknown to the client; when a worker has as many as it may, a
new worker takes over."""
import base64
import hashlib

from crash_ledger import Ledger, Pending

TUS = {"Tus-Resumable": "1.0.0"}
# Words that libmagic reads as plain text (English ones such as "union" make it C source).
WORDS = ["网聚", "职工", "正能量", "好网民", "争做", "中国", "劳模", "工匠", "。\n"]


class Upload:
    def __init__(self, owner, upload_id, data):
        self.owner = owner  # the Session of the worker who uploads it
        self.id = upload_id
        self.data = data
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.acked = 0  # the highest offset a PATCH answer acknowledged
        self.finished = False


class Uploads:
    def __init__(self, world):
        self.world = world
        self.ledger = Ledger("upload PATCH")
        self.sent = Pending()  # upload id → Upload
        self.current = None  # the upload being sent, resumed after a kill
        # The first worker is made before the kills: `wangju user add` and the first login can
        # take longer than the server lives between kills on a busy machine.
        self.uploader = None
        while self.uploader is None:
            self.uploader = world.new_uploader()

    def text(self, rng):
        size = rng.randint(64 * 1024, 1536 * 1024)
        words = []
        length = 0
        while length < size:
            word = rng.choice(WORDS) + " "
            words.append(word)
            length += len(word.encode())
        return "".join(words).encode()[:size].decode("utf-8", "ignore").encode()

    def step(self, rng):
        if self.uploader is None:
            self.uploader = self.world.new_uploader()
        elif self.current is None:
            self.create(rng)
        elif self.resume():
            self.send_chunks(rng)

    def create(self, rng):
        data = self.text(rng)
        name = base64.b64encode(b"crash.txt").decode()
        uploader = self.uploader
        answer = self.ledger.send(lambda: uploader.call(
            "POST", "/api/v1/uploads", b"",
            dict(TUS, **{"Upload-Length": str(len(data)), "Upload-Metadata": f"filename {name}"})))
        if answer and answer.status in (409, 429):
            self.uploader = None  # as many open uploads as a worker may have
        if answer and answer.status == 201:
            self.current = Upload(uploader, answer.header("location").rsplit("/", 1)[1], data)
            self.sent.put(self.current.id, self.current)
            self.send_chunks(rng)

    def resume(self):
        """Asks the server where the upload stands; False when the server did not answer."""
        upload = self.current
        answer = self.ledger.send(
            lambda: upload.owner.call("HEAD", f"/api/v1/uploads/{upload.id}", headers=TUS))
        if answer is None:
            return False
        if answer.status != 200:
            self.ledger.problem("lost", f"upload {upload.id}: HEAD {answer.status}")
            self.current = None
            return False
        offset = int(answer.header("upload-offset"))
        if offset < upload.acked:
            self.ledger.problem("lost", f"upload {upload.id}: offset {offset}, "
                                        f"{upload.acked} acknowledged")
        upload.acked = max(upload.acked, offset)
        return True

    def send_chunks(self, rng):
        upload = self.current
        while upload.acked < len(upload.data):
            start = upload.acked
            chunk = upload.data[start:start + rng.randint(64 * 1024, 512 * 1024)]
            answer = self.ledger.send(lambda: upload.owner.call(
                "PATCH", f"/api/v1/uploads/{upload.id}", chunk,
                dict(TUS, **{"Upload-Offset": str(start),
                             "Content-Type": "application/offset+octet-stream"})))
            if answer is None or answer.status != 204:
                return  # resumed from the server's offset at the next step
            upload.acked = int(answer.header("upload-offset"))
            self.sent.touch(upload.id)
        upload.finished = True
        self.current = None

    def verify(self, everything):
        read = lambda upload_id: self.sent.all[upload_id].owner.call(
            "GET", f"/api/v1/uploads/{upload_id}")
        for upload_id, upload, got in self.ledger.still_there(self.sent, everything, read,
                                                               "upload"):
            if got["offset"] < upload.acked:
                self.ledger.problem("lost", f"upload {upload_id}: offset {got['offset']}, "
                                            f"{upload.acked} acknowledged")
            if upload.finished:
                self.verify_blob(upload, got)

    def verify_blob(self, upload, got):
        if got["state"] != "finished" or got.get("sha256") != upload.sha256:
            self.ledger.problem("partial", f"upload {upload.id}: {got['state']} "
                                           f"{got.get('sha256')}, sent {upload.sha256}")
            return
        blob = upload.owner.call("GET", f"/api/v1/blobs/{upload.sha256}")
        if blob.status != 200 or hashlib.sha256(blob.body).hexdigest() != upload.sha256:
            self.ledger.problem("partial", f"blob {upload.sha256}: {blob.status}, "
                                           f"{len(blob.body)} of {len(upload.data)} bytes")
