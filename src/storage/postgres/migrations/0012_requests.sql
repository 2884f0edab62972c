-- Uploaded files (issue 6, item 5): the metadata; the bytes are in BOUSSOLE_FILES_DIR under
-- their SHA-256. Features point at a file from their own tables.
CREATE TABLE files (
  id            BIGSERIAL PRIMARY KEY,
  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes    BIGINT NOT NULL CHECK (size_bytes > 0),
  content_type  TEXT NOT NULL,
  original_name TEXT NOT NULL,
  uploaded_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at   TEXT NOT NULL
);
