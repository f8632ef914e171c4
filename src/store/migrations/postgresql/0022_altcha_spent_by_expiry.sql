-- Spent challenges in the order they were made: by expiry, then by the key of the solution
-- (domain/altcha.h, AltchaSolution::spent_key), which begins with the challenge's issue time.
-- Both come from the challenge's signed salt, so the pair is as unique as the challenge. Keyed so,
-- the challenges spent in one moment share the last pages of the index instead of each landing on
-- a page of its own, and the sweep of expired ones reads the index from the front instead of the
-- whole table.
ALTER TABLE altcha_spent RENAME COLUMN challenge TO spent_key;
ALTER TABLE altcha_spent DROP CONSTRAINT altcha_spent_pkey;
ALTER TABLE altcha_spent ADD PRIMARY KEY (expires_at, spent_key);
