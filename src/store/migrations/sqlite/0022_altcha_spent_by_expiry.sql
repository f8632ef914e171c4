-- Spent challenges in the order they were made: by expiry, then by the key of the solution
-- (domain/altcha.h, AltchaSolution::spent_key), which begins with the challenge's issue time.
-- Both come from the challenge's signed salt, so the pair is as unique as the challenge. Ordered
-- so, the challenges spent in one moment share the last pages of the table instead of each
-- landing on a page of its own (a flood of votes writes a few pages a commit, not one a vote),
-- and the sweep of expired ones deletes from the front instead of reading the whole table.
CREATE TABLE altcha_spent_by_expiry (
    expires_at TEXT NOT NULL,
    spent_key TEXT NOT NULL,
    PRIMARY KEY (expires_at, spent_key)
) WITHOUT ROWID;
INSERT INTO altcha_spent_by_expiry (expires_at, spent_key)
    SELECT expires_at, challenge FROM altcha_spent;
DROP TABLE altcha_spent;
ALTER TABLE altcha_spent_by_expiry RENAME TO altcha_spent;
