-- Campaign plan and reporting: phases, per-level deadlines and extensions, metrics, quotas,
-- offline activity reports with the approved totals rolled up the tree, activity news and the
-- on-site inbox.

CREATE TABLE campaign_phases (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    UNIQUE (campaign_id, position)
);

-- The units below set_by_unit_id must do `duty` by the end of due_on (Asia/Shanghai).
CREATE TABLE campaign_deadlines (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    duty TEXT NOT NULL,
    set_by_unit_id INTEGER NOT NULL REFERENCES units (id),
    due_on TEXT NOT NULL,
    UNIQUE (campaign_id, duty, set_by_unit_id)
);

CREATE TABLE campaign_extensions (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    duty TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    until_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    granted_by INTEGER NOT NULL REFERENCES users (id),
    granted_at TEXT NOT NULL,
    UNIQUE (campaign_id, duty, unit_id)
);

CREATE TABLE campaign_metrics (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    measure TEXT NOT NULL,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (campaign_id, code)
);

CREATE TABLE campaign_quotas (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    metric_id INTEGER NOT NULL REFERENCES campaign_metrics (id),
    target INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, unit_id, metric_id)
);

-- draft_json holds the fields of the form; approved_json what the report added to each metric
-- when it was approved (subtracted again when it is unlocked).
CREATE TABLE campaign_reports (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    state TEXT NOT NULL,
    activity_name TEXT NOT NULL,
    held_on TEXT,
    draft_json TEXT NOT NULL,
    approved_json TEXT NOT NULL,
    note TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    late INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX campaign_reports_unit ON campaign_reports (campaign_id, unit_id, id);

-- Approved totals of each unit's whole subtree, kept in the transaction of each approval.
CREATE TABLE campaign_totals (
    campaign_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    metric_id INTEGER NOT NULL,
    approved INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, unit_id, metric_id)
);

-- Approved reports of each unit's whole subtree, filed on time and late.
CREATE TABLE campaign_report_counts (
    campaign_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    on_time INTEGER NOT NULL,
    late INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, unit_id)
);

-- 信息报送: state 'sent' until the district accepts it ('accepted'); the portal may publish it.
CREATE TABLE campaign_news (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    report_id INTEGER REFERENCES campaign_reports (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    accepted_by INTEGER REFERENCES users (id),
    accepted_at TEXT
);

CREATE INDEX campaign_news_unit ON campaign_news (campaign_id, unit_id);

-- The on-site inbox: notices to a unit's admins. dedupe_key keeps a reminder from repeating.
CREATE TABLE inbox_notices (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    read_at TEXT
);

CREATE INDEX inbox_notices_unit ON inbox_notices (unit_id, id);
