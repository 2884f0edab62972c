-- Issue 9, items 5 and 6: the audit log of security events, and deleted accounts kept as
-- anonymised tombstones (deleted_at set) so that the records that must stay keep an author.
-- The log names people by account id only: never a password, a token or an address.
CREATE TABLE security_events (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  kind    TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  address TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX security_events_at ON security_events(at);
CREATE INDEX security_events_user ON security_events(user_id);

ALTER TABLE users ADD COLUMN deleted_at TEXT;
