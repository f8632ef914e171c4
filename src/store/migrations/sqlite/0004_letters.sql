-- Letters to the chairman's mailbox (主席信箱) and their attachments. Phone and address are
-- sealed with the configured key (libsodium secretbox, base64); the writer's secret is stored only
-- as its SHA-256 digest.

CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    writer_name TEXT NOT NULL,
    phone_sealed TEXT NOT NULL,
    address_sealed TEXT NOT NULL,
    workplace TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    may_publish INTEGER NOT NULL,
    state TEXT NOT NULL,
    complexity TEXT NOT NULL,
    due_on TEXT NOT NULL,
    handler_id INTEGER REFERENCES users (id),
    reply TEXT NOT NULL,
    replied_at TEXT,
    reject_reason TEXT NOT NULL,
    rating INTEGER,
    rating_comment TEXT NOT NULL,
    published_at TEXT,
    public_body TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX letters_by_unit ON letters (unit_id, state);
CREATE INDEX letters_published ON letters (published_at);

CREATE TABLE letter_attachments (
    id INTEGER PRIMARY KEY,
    letter_id INTEGER NOT NULL REFERENCES letters (id),
    position INTEGER NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    stored_name TEXT NOT NULL,
    UNIQUE (letter_id, position)
);
