-- Programme membership lists (issue 8, item 3), loaded by `boussole import membership`
-- from CSV files: a list becomes the ad-hoc perimeter of the offers that name it.
CREATE TABLE membership_lists (
  slug        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL
);

CREATE TABLE membership_entries (
  list_slug    TEXT NOT NULL REFERENCES membership_lists(slug) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  PRIMARY KEY (list_slug, territory_id)
);
CREATE INDEX membership_entries_territory ON membership_entries(territory_id);
