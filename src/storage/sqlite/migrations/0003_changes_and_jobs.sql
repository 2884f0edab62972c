-- The change feed: every write that other servers must notice appends a row here, in the
-- same transaction. Servers follow MAX(id) to refresh their caches.
CREATE TABLE change_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  topic      TEXT NOT NULL,   -- 'offers'
  subject    TEXT NOT NULL,   -- e.g. the offer's slug
  changed_at TEXT NOT NULL
) STRICT;

-- Scheduled jobs live in the database so that several servers share them.
CREATE TABLE jobs (
  name             TEXT PRIMARY KEY,
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds > 0),
  next_run_at      TEXT NOT NULL
) STRICT;

-- One row per due occurrence: the UNIQUE key makes "exactly once" a database guarantee.
CREATE TABLE job_runs (
  job         TEXT NOT NULL REFERENCES jobs(name) ON DELETE CASCADE,
  due_at      TEXT NOT NULL,
  server      TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  result      TEXT,
  PRIMARY KEY (job, due_at)
) STRICT;

-- Deadline as a column for the closing job; closed_at set by it.
ALTER TABLE offers ADD COLUMN submission_deadline TEXT;
ALTER TABLE offers ADD COLUMN closed_at TEXT;
UPDATE offers SET submission_deadline = NULLIF(json_extract(document, '$.submission_deadline'), '');
CREATE INDEX offers_open_deadline ON offers(submission_deadline) WHERE closed_at IS NULL;
