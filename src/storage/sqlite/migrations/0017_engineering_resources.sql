-- Issue 6: moved out of 0012, which had already been applied by some databases when
-- this table was added.
-- The directory of engineering resources (issue 6, item 2): structures added by préfectures
-- for their département (scope 'departement:XX') and by the ANCT (scope ''). The national
-- partners the seeds name ship with the code, not here.
CREATE TABLE engineering_resources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  themes      TEXT NOT NULL DEFAULT '[]',
  engineering TEXT NOT NULL DEFAULT '',
  territories TEXT NOT NULL DEFAULT '[]',
  national    INTEGER NOT NULL DEFAULT 0 CHECK (national IN (0, 1)),
  contact     TEXT NOT NULL DEFAULT '',
  scope       TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
) STRICT;
