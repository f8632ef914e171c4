-- Stored files and resumable uploads. A blob is a file named by the SHA-256 of its content
-- (<data>/blobs/ab/cdef...); an upload is a tus session whose bytes live in <data>/uploads/<id>
-- until complete (its offset is the size of that file), then become a blob.

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    mime_type TEXT NOT NULL,          -- by content
    created_at TEXT NOT NULL
);

CREATE TABLE uploads (
    id TEXT PRIMARY KEY,              -- random, appears in the upload's URL
    owner_id BIGINT NOT NULL REFERENCES users(id),
    filename TEXT NOT NULL,
    metadata TEXT NOT NULL,           -- JSON object of the Upload-Metadata pairs
    length_bytes BIGINT NOT NULL,
    state TEXT NOT NULL,              -- open | finished | refused
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,         -- an open upload is removed after this
    finished_at TEXT,
    sha256 TEXT REFERENCES blobs(sha256),
    facts TEXT,                       -- JSON MediaFacts, once probed
    refusal TEXT,                     -- why the content was refused (state refused)
    attached_to TEXT                  -- what uses the file, e.g. "work:12"
);
CREATE INDEX uploads_by_owner ON uploads (owner_id, state);
CREATE INDEX uploads_by_expiry ON uploads (state, expires_at);

-- Pictures made from a blob: a video's poster frame, a photo's thumbnail.
CREATE TABLE blob_previews (
    source_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    kind TEXT NOT NULL,               -- poster | thumbnail
    preview_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    PRIMARY KEY (source_sha256, kind)
);
