-- Organisations (issue 5, item 2): who people act for, the roles they hold there, and
-- invitations by e-mail. Only hashes of invitation tokens are kept. territory_id is a typed
-- territory id without a foreign key: a territory may vanish at a COG import (communes
-- merge) and the organisation must survive it.
CREATE TABLE organisations (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('collectivite', 'delegation_territoriale', 'anct', 'operateur', 'prestataire')),
  name         TEXT NOT NULL,
  territory_id TEXT,
  created_at   TEXT NOT NULL,
  CHECK ((kind IN ('collectivite', 'delegation_territoriale')) = (territory_id IS NOT NULL))
) STRICT;

CREATE TABLE memberships (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  created_at      TEXT NOT NULL,
  PRIMARY KEY (organisation_id, user_id)
) STRICT;
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
  token_hash      TEXT PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  email           TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  invited_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  accepted_at     TEXT
) STRICT;
CREATE INDEX invitations_organisation ON invitations(organisation_id);
CREATE INDEX invitations_email ON invitations(email);
