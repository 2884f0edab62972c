-- Issue 6: a draft request edited by its collectivité is recorded in the trail (kind
-- 'edited'); a structure of the directory can be edited and withdrawn (kept, so that the
-- requests oriented to it still name it, but no longer searched nor suggested).
-- SQLite cannot change a CHECK constraint: the trail is rebuilt with the same columns and
-- rows, then its index and append-only trigger are made again. Nothing references it.
CREATE TABLE request_events_0022 (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('created', 'transition', 'comment', 'file', 'edited')),
  transition  TEXT NOT NULL DEFAULT '',
  from_state  TEXT NOT NULL DEFAULT '',
  to_state    TEXT NOT NULL DEFAULT '',
  fields      TEXT NOT NULL DEFAULT '{}',
  text        TEXT NOT NULL DEFAULT '',
  file_id     INTEGER REFERENCES files(id)
) STRICT;
INSERT INTO request_events_0022 (id, request_id, user_id, at, kind, transition, from_state, to_state, fields, text, file_id)
  SELECT id, request_id, user_id, at, kind, transition, from_state, to_state, fields, text, file_id FROM request_events;
DROP TABLE request_events;
ALTER TABLE request_events_0022 RENAME TO request_events;
CREATE INDEX request_events_request ON request_events(request_id, id);
CREATE TRIGGER request_events_append_only
  BEFORE UPDATE OF request_id, at, kind, transition, from_state, to_state, fields, text, file_id ON request_events
BEGIN
  SELECT RAISE(ABORT, 'request_events is append-only');
END;

ALTER TABLE engineering_resources ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE engineering_resources ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
