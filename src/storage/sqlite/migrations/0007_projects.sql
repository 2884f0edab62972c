-- Projects of collectivités (issue 5, item 4): the project, the offers it uses with where
-- each application stands, and its history (every change, who and when).
CREATE TABLE projects (
  id                  INTEGER PRIMARY KEY,
  organisation_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name                TEXT NOT NULL,
  public_description  TEXT NOT NULL DEFAULT '',
  private_description TEXT NOT NULL DEFAULT '',
  territory_id        TEXT NOT NULL,
  stage               TEXT NOT NULL CHECK (stage IN ('preop', 'op', 'postop')),
  themes              TEXT NOT NULL DEFAULT '[]',   -- JSON array of theme slugs
  budget_euros        INTEGER CHECK (budget_euros >= 0),
  due_date            TEXT,
  contract            TEXT CHECK (contract IN ('acv', 'pvd', 'crte', 'pcaet', 'ami')),
  is_public           INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
  created_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX projects_organisation ON projects(organisation_id, created_at);

CREATE TABLE project_offers (
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  offer_slug  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('a_etudier', 'demandee', 'obtenue', 'refusee', 'versee')),
  status_date TEXT,
  comment     TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, offer_slug)
) STRICT;

CREATE TABLE project_events (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL,
  detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX project_events_project ON project_events(project_id, id);
