-- Records for the notary of a public vote as well as of a judging round: a record names exactly
-- one of them. SQLite cannot drop a NOT NULL constraint, so the table is made anew and its rows
-- copied (nothing refers to it).

CREATE TABLE notary_records_new (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    round_id INTEGER REFERENCES judging_rounds (id),
    public_vote_id INTEGER REFERENCES public_votes (id),
    issued_at TEXT NOT NULL,
    issued_by INTEGER REFERENCES users (id),
    results_sha256 TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    audit_hash TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    CHECK ((round_id IS NULL) <> (public_vote_id IS NULL))
);

INSERT INTO notary_records_new (id, code, round_id, issued_at, issued_by, results_sha256,
                                audit_seq, audit_hash, snapshot)
SELECT id, code, round_id, issued_at, issued_by, results_sha256, audit_seq, audit_hash, snapshot
FROM notary_records;

DROP TABLE notary_records;

ALTER TABLE notary_records_new RENAME TO notary_records;

CREATE INDEX notary_records_round ON notary_records (round_id);
CREATE INDEX notary_records_vote ON notary_records (public_vote_id);
