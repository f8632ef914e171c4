-- Limits on attempts per client address (failed logins, letters, objections, sign-ups), kept in
-- the database so that every server of a site counts the same attempts. One row per attempt;
-- rows older than the longest window are removed as new ones come.
CREATE TABLE throttle_events (
    id BIGSERIAL PRIMARY KEY,
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX throttle_events_by_subject ON throttle_events (scope, subject, at_ms);
CREATE INDEX throttle_events_by_time ON throttle_events (at_ms);
