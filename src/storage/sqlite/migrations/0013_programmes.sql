-- Collective programmes (issue 7): Fabriques prospectives, projets partagés, ateliers des
-- territoires. A programme with its cohort of territories, its registered organisations,
-- the people of its territories, its dated phases (one active), its seminars with their
-- registrations, and the themes proposed for it with their supports. Historic programmes
-- come from data/programmes (seeds 000 and 003), with their sources.
CREATE TABLE programmes (
  id              INTEGER PRIMARY KEY,
  slug            TEXT NOT NULL UNIQUE,
  type            TEXT NOT NULL CHECK (type IN ('fabrique', 'projet_partage', 'atelier_local', 'atelier_flash')),
  title           TEXT NOT NULL,
  year            INTEGER NOT NULL,
  organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
  description     TEXT NOT NULL DEFAULT '',
  starts_on       TEXT NOT NULL DEFAULT '',
  ends_on         TEXT NOT NULL DEFAULT '',
  historic        INTEGER NOT NULL DEFAULT 0 CHECK (historic IN (0, 1)),
  partners        TEXT NOT NULL DEFAULT '[]',  -- JSON [{verbatim, normalised, note}]
  sources         TEXT NOT NULL DEFAULT '[]',  -- JSON [{seed, quote}]
  created_at      TEXT NOT NULL
) STRICT;

-- Figures the sources publish about the history (shown next to the counts of the data).
CREATE TABLE programme_figures (
  position  INTEGER PRIMARY KEY,
  label     TEXT NOT NULL,
  year      INTEGER NOT NULL,
  published TEXT NOT NULL,
  seed      TEXT NOT NULL,
  quote     TEXT NOT NULL
) STRICT;

CREATE TABLE programme_territories (
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('proposed', 'selected')),
  origin       TEXT NOT NULL,
  verbatim     TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  PRIMARY KEY (programme_id, territory_id)
) STRICT;

CREATE TABLE programme_participants (
  programme_id    INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('stakeholder', 'waitlist', 'observer')),
  created_at      TEXT NOT NULL,
  PRIMARY KEY (programme_id, organisation_id)
) STRICT;

CREATE TABLE programme_people (
  id           INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  grp          TEXT NOT NULL CHECK (grp IN ('elu', 'agent', 'groupe_local', 'groupe_enquete')),
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX programme_people_programme ON programme_people(programme_id, territory_id);

CREATE TABLE programme_phases (
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  key          TEXT NOT NULL,
  starts_on    TEXT NOT NULL DEFAULT '',
  ends_on      TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  PRIMARY KEY (programme_id, position)
) STRICT;
-- One active phase per programme.
CREATE UNIQUE INDEX programme_phases_active ON programme_phases(programme_id) WHERE active = 1;

CREATE TABLE seminars (
  id           INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('local', 'intersite', 'suivi')),
  territory_id TEXT NOT NULL DEFAULT '',
  number       INTEGER NOT NULL,
  title        TEXT NOT NULL,
  starts_at    TEXT NOT NULL DEFAULT '',
  minutes      INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  place        TEXT NOT NULL DEFAULT '',
  online_link  TEXT NOT NULL DEFAULT '',
  agenda       TEXT NOT NULL DEFAULT '',
  capacity     INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  minutes_text TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX seminars_programme ON seminars(programme_id);

CREATE TABLE seminar_registrations (
  seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  attended   INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  created_at TEXT NOT NULL,
  PRIMARY KEY (seminar_id, user_id)
) STRICT;

CREATE TABLE programme_themes (
  id              INTEGER PRIMARY KEY,
  programme_id    INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  title           TEXT NOT NULL,
  inspiration     TEXT NOT NULL DEFAULT '',
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  selected        INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),
  created_at      TEXT NOT NULL
) STRICT;

-- Each organisation supports a theme once.
CREATE TABLE theme_supports (
  theme_id        INTEGER NOT NULL REFERENCES programme_themes(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (theme_id, organisation_id)
) STRICT;

-- A territory's deliverables, version by version; the bytes are in the file store (files).
CREATE TABLE deliverables (
  id           INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  title        TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  file_id      INTEGER NOT NULL REFERENCES files(id),
  status       TEXT NOT NULL CHECK (status IN ('submitted', 'validated', 'published')),
  uploaded_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL,
  validated_at TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL DEFAULT '',
  UNIQUE (programme_id, territory_id, title, version)
) STRICT;

-- Reminders sent before seminars (one per seminar; the row is the claim across servers).
CREATE TABLE seminar_reminders (
  seminar_id INTEGER PRIMARY KEY REFERENCES seminars(id) ON DELETE CASCADE,
  sent_at    TEXT NOT NULL
) STRICT;

-- The learning community: posts and comments per programme, reports that hide them.
CREATE TABLE programme_posts (
  id           INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  parent_id    INTEGER REFERENCES programme_posts(id) ON DELETE CASCADE,
  user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  body         TEXT NOT NULL,
  hidden       INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX programme_posts_programme ON programme_posts(programme_id, created_at);

CREATE TABLE post_reports (
  post_id    INTEGER NOT NULL REFERENCES programme_posts(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (post_id, user_id)
) STRICT;

