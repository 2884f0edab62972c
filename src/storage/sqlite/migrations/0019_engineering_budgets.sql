-- Issue 6, item 4: the ANCT's annual engineering envelope per year, set by the ANCT in the
-- application. A year without a row falls back to the default (seed 003 and the
-- BOUSSOLE_ENGINEERING_BUDGETS setting).
CREATE TABLE engineering_budgets (
  year         INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  amount_euros INTEGER NOT NULL CHECK (amount_euros >= 0),
  updated_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at   TEXT NOT NULL
) STRICT;
