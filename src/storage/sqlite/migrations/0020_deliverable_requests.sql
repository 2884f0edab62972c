-- Issue 7, item 7: the actions a deliverable version lists (one a line), and the
-- ingénierie sur mesure requests (issue 6) a territory opened from a deliverable.
ALTER TABLE deliverables ADD COLUMN actions TEXT NOT NULL DEFAULT '';

CREATE TABLE deliverable_requests (
  request_id     INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
  deliverable_id INTEGER NOT NULL REFERENCES deliverables(id) ON DELETE CASCADE,
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX deliverable_requests_deliverable ON deliverable_requests(deliverable_id);
