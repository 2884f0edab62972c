-- Project activity reaches the people concerned at the pace each chooses (issue 5, item 6),
-- and alerts follow projetothèque searches as well as offer searches.

-- "immediate": a mail at the next run of the job; "daily"/"weekly": one digest per UTC day
-- or ISO week; "none": listed on the account page, never mailed.
ALTER TABLE users ADD COLUMN notification_frequency TEXT NOT NULL DEFAULT 'daily'
  CHECK (notification_frequency IN ('immediate', 'daily', 'weekly', 'none'));

-- A mail to one person for one period ('2026-12-05', '2026-W49', or 'immediate-<first id>'),
-- claimed before it is sent: the unique key makes a second server or a restart skip it.
CREATE TABLE notification_deliveries (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  period      TEXT NOT NULL,
  claimed_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent', 'failed')),
  detail      TEXT NOT NULL DEFAULT '',
  UNIQUE (user_id, period)
) STRICT;

-- One row per person to tell, written in the transaction of the event itself (a project's
-- history event fans out to its organisation's members but its author).
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  topic       TEXT NOT NULL,
  subject     TEXT NOT NULL,
  link        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  -- The delivery that took it; NULL while it waits.
  delivery_id INTEGER REFERENCES notification_deliveries(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX notifications_waiting ON notifications(user_id) WHERE delivery_id IS NULL;

-- What an alert searches: the catalogue ("offers") or the projetothèque ("projects").
ALTER TABLE alerts ADD COLUMN target TEXT NOT NULL DEFAULT 'offers' CHECK (target IN ('offers', 'projects'));
CREATE INDEX alerts_email ON alerts(email);
