-- Portal articles: columns, articles with their states and versions, attachments (the files are
-- content-addressed by SHA-256 in the data folder), daily view counts, and the search index.

CREATE TABLE portal_columns (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES portal_columns (id),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    column_id INTEGER NOT NULL REFERENCES portal_columns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    author_id INTEGER REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    published_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    views BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX articles_column ON articles (column_id, state, published_at);
CREATE INDEX articles_state ON articles (state, published_at);

-- Every text an article has had, the current one included; version 1 is the first draft.
CREATE TABLE article_versions (
    article_id INTEGER NOT NULL REFERENCES articles (id),
    version INTEGER NOT NULL,
    column_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    edited_by INTEGER,
    edited_at TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE article_attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX article_attachments_article ON article_attachments (article_id, id);

CREATE TABLE article_daily_views (
    article_id INTEGER NOT NULL REFERENCES articles (id),
    day TEXT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (article_id, day)
);

CREATE INDEX article_daily_views_day ON article_daily_views (day);

-- The search index of published articles (rowid = article id) over the bigram shadow texts of
-- domain/search_text.h; the unicode61 tokenizer splits them at the spaces.
CREATE VIRTUAL TABLE article_search USING fts5 (title, body, attachments, tokenize = 'unicode61');

-- The columns every portal has; admins add more.
INSERT INTO portal_columns (slug, name, parent_id, position, created_at)
VALUES ('notices', '通知公告', NULL, 1, '2026-01-01T00:00:00Z');
INSERT INTO portal_columns (slug, name, parent_id, position, created_at)
VALUES ('news', '新闻中心', NULL, 2, '2026-01-01T00:00:00Z');
INSERT INTO portal_columns (slug, name, parent_id, position, created_at)
SELECT 'news_union', '工会动态', id, 3, '2026-01-01T00:00:00Z' FROM portal_columns WHERE slug = 'news';
INSERT INTO portal_columns (slug, name, parent_id, position, created_at)
SELECT 'news_grassroots', '基层动态', id, 4, '2026-01-01T00:00:00Z' FROM portal_columns WHERE slug = 'news';
INSERT INTO portal_columns (slug, name, parent_id, position, created_at)
VALUES ('campaign', '主题活动专题', NULL, 5, '2026-01-01T00:00:00Z');
