-- When each visitor (a hash of address and browser) was last counted for each article, so that a
-- visitor counts once per article per ten minutes on every server of a site, not once per server.
-- Rows older than the window are removed as views are written.
CREATE TABLE article_visits (
    article_id BIGINT NOT NULL,
    visitor TEXT NOT NULL,
    counted_at_ms BIGINT NOT NULL,
    PRIMARY KEY (article_id, visitor)
);
CREATE INDEX article_visits_by_time ON article_visits (counted_at_ms);
