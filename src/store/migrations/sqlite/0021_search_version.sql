-- The search index's version: one more with each change to the index, made in the change's own
-- transaction, so that what a search counts in the index can be kept until the next change
-- (store/article_search.cpp). The token tells one database from another.
CREATE TABLE search_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,
    version INTEGER NOT NULL
);
INSERT INTO search_version (id, token, version) VALUES (1, lower(hex(randomblob(16))), 0);
-- Two segments of one level of the index are enough for store/search_upkeep.h to merge them (the
-- default is four), which keeps the index close to a single segment.
INSERT INTO article_search (article_search, rank) VALUES ('usermerge', 2);
