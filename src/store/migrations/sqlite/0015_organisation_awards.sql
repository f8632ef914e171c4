-- Organisation awards (优秀组织奖): per campaign, an awarding unit scores the units of one level of
-- its subtree by a formula kept as data (JSON), proposes the best `award_count`, records the
-- admin's moves with their reasons, and confirms the list; each unit confirmed gets a certificate
-- with a verification code.

CREATE TABLE organisation_award_lists (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    level INTEGER NOT NULL,
    formula TEXT NOT NULL,
    award_count INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'confirmed')),
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    confirmed_at TEXT,
    confirmed_by INTEGER REFERENCES users (id),
    UNIQUE (campaign_id, unit_id, level)
);

CREATE TABLE organisation_award_moves (
    id INTEGER PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES organisation_award_lists (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    awarded INTEGER NOT NULL,
    reason TEXT NOT NULL,
    moved_by INTEGER REFERENCES users (id),
    moved_at TEXT NOT NULL
);
CREATE INDEX organisation_award_moves_list ON organisation_award_moves (list_id, id);

CREATE TABLE organisation_awards (
    list_id INTEGER NOT NULL REFERENCES organisation_award_lists (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    position INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    code TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (list_id, unit_id)
);
