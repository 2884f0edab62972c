-- The catalogue. The offer itself is a JSON document in the file format of data/offers;
-- the columns beside it are what queries filter and sort on.
CREATE TABLE offers (
  slug              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  perimeter_id      TEXT,
  status            TEXT NOT NULL CHECK (status IN ('draft', 'review', 'published')),
  document          TEXT NOT NULL,
  -- The document as last written by `boussole import offers`; NULL for offers created in
  -- the application. When `edited_in_app` is 1 the importer leaves the offer alone.
  imported_document TEXT,
  edited_in_app     SMALLINT NOT NULL DEFAULT 0 CHECK (edited_in_app IN (0, 1)),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX offers_perimeter ON offers(perimeter_id);
CREATE INDEX offers_name ON offers(name COLLATE "C", slug COLLATE "C");
