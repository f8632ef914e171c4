-- Units, users, sessions and the audit log. Timestamps are "YYYY-MM-DDTHH:MM:SSZ" (UTC), dates
-- "YYYY-MM-DD", flags 0 or 1: the same representation as on PostgreSQL.

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id INTEGER REFERENCES units (id),
    path TEXT NOT NULL,
    level INTEGER NOT NULL,
    opens_on TEXT,
    closes_on TEXT,
    created_at TEXT NOT NULL
);

-- A subtree is the range [path, path with its last '/' replaced by '0').
CREATE INDEX units_path ON units (path);

CREATE INDEX units_parent ON units (parent_id, code);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    roles INTEGER NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL,
    totp_secret TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX users_unit ON users (unit_id, username);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    client_address TEXT NOT NULL,
    user_agent TEXT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only; each row carries the hash of the row before it.
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    client_address TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
