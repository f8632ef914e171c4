-- The public vote: votes over the finalists of tracks, with rules and fraud thresholds as JSON
-- text; self-registered voters and their sessions; the votes themselves (cast_at as UTC text,
-- day as the vote day in Asia/Shanghai, days since 1970-01-01); the counters that hold the rules
-- across several server processes; spent proof-of-work challenges; refused attempts per rule and
-- day; and every voiding and restoring.

CREATE TABLE public_votes (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    name TEXT NOT NULL,
    tracks TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    rules TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);

CREATE INDEX public_votes_campaign ON public_votes (campaign_id);

CREATE TABLE public_vote_works (
    public_vote_id INTEGER NOT NULL REFERENCES public_votes (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    PRIMARY KEY (public_vote_id, work_id)
);

CREATE TABLE voters (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    registered_address TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE voter_sessions (
    token_hash TEXT PRIMARY KEY,
    voter_id INTEGER NOT NULL REFERENCES voters (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);

CREATE INDEX voter_sessions_voter ON voter_sessions (voter_id);

CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    public_vote_id INTEGER NOT NULL REFERENCES public_votes (id),
    work_id INTEGER NOT NULL REFERENCES works (id),
    voter_id INTEGER NOT NULL REFERENCES voters (id),
    client_address TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    day INTEGER NOT NULL,
    solve_ms INTEGER NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX votes_tally ON votes (public_vote_id, voided, work_id);
CREATE INDEX votes_day ON votes (day);

CREATE TABLE vote_counters (
    public_vote_id INTEGER NOT NULL REFERENCES public_votes (id),
    counter TEXT NOT NULL,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (public_vote_id, counter, day)
);

CREATE TABLE altcha_spent (
    challenge TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
);

CREATE TABLE vote_refusals (
    public_vote_id INTEGER NOT NULL REFERENCES public_votes (id),
    rule TEXT NOT NULL,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (public_vote_id, rule, day)
);

CREATE TABLE vote_voidings (
    id INTEGER PRIMARY KEY,
    public_vote_id INTEGER NOT NULL REFERENCES public_votes (id),
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    flag_id TEXT,
    vote_ids TEXT NOT NULL,
    acted_by INTEGER NOT NULL REFERENCES users (id),
    acted_at TEXT NOT NULL
);
