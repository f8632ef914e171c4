-- The search index's version: one more with each change to the index, made in the change's own
-- transaction, so that what a search counts in the index can be kept until the next change
-- (store/article_search.cpp). The token tells one database from another.
CREATE TABLE search_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO search_version (id, token, version) VALUES (1, gen_random_uuid()::text, 0);
