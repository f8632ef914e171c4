-- Campaigns. Their phases, metrics, quotas, reports, tracks and works refer to campaigns (id).

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    name TEXT NOT NULL,
    theme TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (year, name)
);
