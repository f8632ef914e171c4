-- Judging: a unit judges the works of one track that reached it, in rounds with a panel of judges,
-- assignments of works to judges with their scores, conflicts declared or recorded, and the award
-- list proposed from the ranking, moved by hand, confirmed and published. Rubrics, tiers and
-- score values are JSON text.

CREATE TABLE judgings (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    vote_weight INTEGER NOT NULL,
    tiers TEXT NOT NULL,
    -- 'draft' while the ranking proposes, 'confirmed' once the admin fixed the list (the rows of
    -- judging_awards), 'published' from publish_at on; notified_at once the winners were told.
    awards_state TEXT NOT NULL,
    publish_at TEXT,
    notified_at TEXT,
    created_at TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    UNIQUE (unit_id, track_id)
);

CREATE INDEX judgings_campaign ON judgings (campaign_id);

CREATE TABLE judging_rounds (
    id INTEGER PRIMARY KEY,
    judging_id INTEGER NOT NULL REFERENCES judgings (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    name TEXT NOT NULL,
    blind INTEGER NOT NULL,
    judges_per_work INTEGER NOT NULL,
    rubric TEXT NOT NULL,
    advance_rule TEXT NOT NULL,
    advance_value REAL NOT NULL,
    rank_by TEXT NOT NULL,
    disagreement_share REAL NOT NULL,
    opened_at TEXT,
    closed_at TEXT,
    UNIQUE (judging_id, seq)
);

CREATE TABLE round_judges (
    round_id INTEGER NOT NULL REFERENCES judging_rounds (id),
    judge_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (round_id, judge_id)
);

-- The works of a round, fixed when it opens.
CREATE TABLE round_works (
    round_id INTEGER NOT NULL REFERENCES judging_rounds (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    PRIMARY KEY (round_id, work_id)
);

-- One judge on one work in one round; scored once scored_at is set (scores: {key: value}, total;
-- or, in a qualifying round, verdict 'pass' or 'fail'; comment is the reason of a verdict).
CREATE TABLE judge_assignments (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES judging_rounds (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    judge_id INTEGER NOT NULL REFERENCES users (id),
    assigned_at TEXT NOT NULL,
    scores TEXT NOT NULL,
    total REAL,
    verdict TEXT,
    comment TEXT NOT NULL,
    scored_at TEXT,
    UNIQUE (round_id, work_id, judge_id)
);

CREATE INDEX judge_assignments_judge ON judge_assignments (judge_id, round_id);

-- A conflict (回避) with one work or with a unit's subtree, declared by the judge or recorded by an
-- admin of the judging.
CREATE TABLE judge_conflicts (
    id INTEGER PRIMARY KEY,
    judging_id INTEGER NOT NULL REFERENCES judgings (id),
    judge_id INTEGER NOT NULL REFERENCES users (id),
    work_id INTEGER REFERENCES works (id),
    unit_id INTEGER REFERENCES units (id),
    reason TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL
);

CREATE INDEX judge_conflicts_judging ON judge_conflicts (judging_id, judge_id);

-- A work moved by hand to another tier (tier NULL: not awarded), with the reason.
CREATE TABLE judging_award_moves (
    judging_id INTEGER NOT NULL REFERENCES judgings (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    tier TEXT,
    reason TEXT NOT NULL,
    moved_by INTEGER NOT NULL REFERENCES users (id),
    moved_at TEXT NOT NULL,
    PRIMARY KEY (judging_id, work_id)
);

-- The confirmed award list: one row per awarded work.
CREATE TABLE judging_awards (
    judging_id INTEGER NOT NULL REFERENCES judgings (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    tier TEXT NOT NULL,
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (judging_id, work_id)
);

CREATE INDEX judging_awards_work ON judging_awards (work_id);

-- A notice addressed to one account of its unit (a judge's reminder); NULL: to the whole unit.
ALTER TABLE inbox_notices ADD COLUMN user_id INTEGER REFERENCES users (id);

-- E-mail to send when SMTP is set up (judges' reminders, award notices): written by the change
-- that causes it, sent by the server's outbox task outside any transaction. state: 'pending'
-- until the server accepted it ('sent') or it failed five times ('failed'); recipients is a JSON
-- list of checked addresses.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    sent_at TEXT
);

CREATE INDEX mail_outbox_pending ON mail_outbox (state, id);
