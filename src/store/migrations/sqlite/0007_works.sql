-- Tracks with their rules, per-level recommendation quotas and deadlines, works with every version
-- kept, their files (references to content-addressed blobs) and the decisions of each level.
-- Rules, contacts, form values, file facts and version snapshots are JSON text.

CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    number INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    kinds TEXT NOT NULL,
    description TEXT NOT NULL,
    contacts TEXT NOT NULL,
    rules TEXT NOT NULL,
    UNIQUE (campaign_id, code)
);

CREATE TABLE track_levels (
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    level TEXT NOT NULL,
    quota INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    PRIMARY KEY (track_id, level)
);

CREATE TABLE works (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    owner_id INTEGER NOT NULL REFERENCES users (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    form_values TEXT NOT NULL,
    state TEXT NOT NULL,
    position_unit_id INTEGER REFERENCES units (id),
    return_reason TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT
);

CREATE INDEX works_owner ON works (owner_id, campaign_id);

CREATE INDEX works_position ON works (position_unit_id, track_id);

CREATE INDEX works_track_unit ON works (track_id, unit_id, state);

CREATE TABLE work_files (
    work_id INTEGER NOT NULL REFERENCES works (id),
    seq INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    filename TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    facts TEXT NOT NULL,
    PRIMARY KEY (work_id, seq)
);

CREATE INDEX work_files_sha256 ON work_files (sha256);

CREATE TABLE work_versions (
    work_id INTEGER NOT NULL REFERENCES works (id),
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    content TEXT NOT NULL,
    saved_by INTEGER REFERENCES users (id),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (work_id, version)
);

CREATE TABLE work_decisions (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES works (id),
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    decision TEXT NOT NULL,
    reason TEXT NOT NULL,
    decided_by INTEGER NOT NULL REFERENCES users (id),
    decided_at TEXT NOT NULL,
    active INTEGER NOT NULL
);

CREATE INDEX work_decisions_quota ON work_decisions (unit_id, track_id, decision, active);

CREATE INDEX work_decisions_work ON work_decisions (work_id, id);
