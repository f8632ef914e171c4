-- Records for the notary of a public vote as well as of a judging round: a record names exactly
-- one of them.

ALTER TABLE notary_records ALTER COLUMN round_id DROP NOT NULL;
ALTER TABLE notary_records ADD COLUMN public_vote_id BIGINT REFERENCES public_votes (id);
ALTER TABLE notary_records ADD CONSTRAINT notary_records_one_subject
    CHECK ((round_id IS NULL) <> (public_vote_id IS NULL));

CREATE INDEX notary_records_vote ON notary_records (public_vote_id);
