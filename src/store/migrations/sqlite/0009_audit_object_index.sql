-- The history of one object (an article's versions and decisions) is read by its name; without
-- this index that read scans the whole append-only log.
CREATE INDEX audit_events_object ON audit_events (object, seq);
