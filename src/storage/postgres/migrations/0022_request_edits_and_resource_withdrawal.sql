-- Issue 6: a draft request edited by its collectivité is recorded in the trail (kind
-- 'edited'); a structure of the directory can be edited and withdrawn (kept, so that the
-- requests oriented to it still name it, but no longer searched nor suggested).
ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check
  CHECK (kind IN ('created', 'transition', 'comment', 'file', 'edited'));

ALTER TABLE engineering_resources ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE engineering_resources ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
