-- The exhibition: each published award gets a public id and a certificate with a verification
-- code (核验码); a re-issued certificate keeps its old code as replaced. The certificate layout is
-- set per campaign (the seal as base64 PNG text).

CREATE TABLE award_certificates (
    id INTEGER PRIMARY KEY,
    judging_id INTEGER NOT NULL REFERENCES judgings (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    code TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    UNIQUE (judging_id, work_id)
);

CREATE TABLE replaced_certificates (
    code TEXT PRIMARY KEY,
    award_id INTEGER NOT NULL REFERENCES award_certificates (id),
    issued_at TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    reason TEXT NOT NULL
);

CREATE TABLE certificate_layouts (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns (id),
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issued_on TEXT,
    seal_png_base64 TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id)
);
