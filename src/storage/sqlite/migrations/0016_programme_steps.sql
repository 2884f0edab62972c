-- Issue 7: moved out of 0013, which had already been applied by some databases when
-- this table was added.
-- Named steps of seed 001 recorded per territory: the action plan's adoption by the
-- executive (date, deliberation reference), the feedback to inhabitants.
CREATE TABLE programme_step_records (
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  step         TEXT NOT NULL CHECK (step IN ('adoption', 'retour_habitants')),
  done_on      TEXT NOT NULL,
  reference    TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  PRIMARY KEY (programme_id, territory_id, step)
) STRICT;
