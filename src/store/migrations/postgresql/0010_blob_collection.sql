-- Stored files are removed once nothing uses them (media/blob_store.h, collect_unused). A blob
-- stored or found stored again is "touched"; one touched within the grace period is kept, which
-- covers the moment between storing a file and recording what uses it.
ALTER TABLE blobs ADD COLUMN touched_at TEXT NOT NULL DEFAULT '';
UPDATE blobs SET touched_at = created_at;
-- What the collection asks of each blob: is it an upload's, a work's, or a preview?
CREATE INDEX uploads_by_sha256 ON uploads (sha256);
CREATE INDEX blob_previews_by_preview ON blob_previews (preview_sha256);
