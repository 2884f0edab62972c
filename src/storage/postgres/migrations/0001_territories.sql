-- The territories of the Code officiel géographique and their hierarchy graph.
CREATE TABLE territories (
  id          TEXT PRIMARY KEY,          -- typed id, e.g. 'commune:75056'
  kind        TEXT NOT NULL,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  name_folded TEXT NOT NULL,             -- FoldForSearch(name), for accent-free search
  population  BIGINT,
  siren       TEXT,
  nature      TEXT,
  zone        TEXT,
  chef_lieu   TEXT
);
CREATE INDEX territories_code ON territories(code);
CREATE INDEX territories_siren ON territories(siren);

CREATE TABLE territory_links (
  child_id  TEXT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
  parent_id TEXT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
  PRIMARY KEY (child_id, parent_id)
);
CREATE INDEX territory_links_parent ON territory_links(parent_id, child_id);

CREATE TABLE territory_postal_codes (
  territory_id TEXT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
  postal_code  TEXT NOT NULL,
  PRIMARY KEY (territory_id, postal_code)
);
CREATE INDEX territory_postal_codes_code ON territory_postal_codes(postal_code);

-- What each importer last loaded, so that an unchanged data set is not imported again.
CREATE TABLE data_imports (
  name        TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
