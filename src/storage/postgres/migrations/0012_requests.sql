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

-- Requests ("saisines", issue 6): one row per request with its current state, the version
-- that makes concurrent transitions conflict, the latest value of every field given (JSON
-- object) and the organisation handed the request; the trail is request_events.
CREATE TABLE requests (
  id              BIGSERIAL PRIMARY KEY,
  workflow        TEXT NOT NULL CHECK (workflow IN ('anct', 'atelier', 'cerema')),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  territory_id    TEXT NOT NULL,
  departement_id  TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL,
  theme           TEXT NOT NULL DEFAULT '',
  project_id      BIGINT REFERENCES projects(id) ON DELETE SET NULL,
  state           TEXT NOT NULL,
  version         BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
  assignee_id     BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
  fields          TEXT NOT NULL DEFAULT '{}',
  created_by      BIGINT REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  state_since     TEXT NOT NULL
);
CREATE INDEX requests_organisation ON requests(organisation_id);
CREATE INDEX requests_departement ON requests(departement_id);

-- The trail: every transition, comment and file with actor and time. Append-only: only the
-- actor may become NULL (the account deleted); nothing else is ever rewritten.
CREATE TABLE request_events (
  id          BIGSERIAL PRIMARY KEY,
  request_id  BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  user_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('created', 'transition', 'comment', 'file')),
  transition  TEXT NOT NULL DEFAULT '',
  from_state  TEXT NOT NULL DEFAULT '',
  to_state    TEXT NOT NULL DEFAULT '',
  fields      TEXT NOT NULL DEFAULT '{}',
  text        TEXT NOT NULL DEFAULT '',
  file_id     BIGINT REFERENCES files(id)
);
CREATE INDEX request_events_request ON request_events(request_id, id);
CREATE FUNCTION request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'request_events is append-only';
END;
$$;
CREATE TRIGGER request_events_append_only
  BEFORE UPDATE OF request_id, at, kind, transition, from_state, to_state, fields, text, file_id ON request_events
  FOR EACH ROW EXECUTE FUNCTION request_events_append_only();

