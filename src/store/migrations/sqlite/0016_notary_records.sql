-- Records for the notary (公证记录): each issued record of a judging round, with what it states as
-- canonical JSON (every judge's score of every work, the normalised and final scores, the vote
-- totals, the final list), the SHA-256 of the results table issued with it, and the head of the
-- audit log at the time, so that `wangju check` can rebuild the record and compare.

CREATE TABLE notary_records (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL REFERENCES judging_rounds (id),
    issued_at TEXT NOT NULL,
    issued_by INTEGER REFERENCES users (id),
    results_sha256 TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    audit_hash TEXT NOT NULL,
    snapshot TEXT NOT NULL
);

CREATE INDEX notary_records_round ON notary_records (round_id);
