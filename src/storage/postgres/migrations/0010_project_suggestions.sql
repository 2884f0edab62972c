-- Offers suggested for a public project by anyone signed in, with a message (issue 5,
-- item 4); the project's owners accept (the offer is attached) or refuse.
CREATE TABLE project_suggestions (
  id          BIGSERIAL PRIMARY KEY,
  project_id  BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  offer_slug  TEXT NOT NULL,
  user_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
  message     TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
  created_at  TEXT NOT NULL,
  decided_at  TEXT,
  decided_by  BIGINT REFERENCES users(id) ON DELETE SET NULL
);
-- One pending suggestion of an offer per project.
CREATE UNIQUE INDEX project_suggestions_pending ON project_suggestions(project_id, offer_slug) WHERE status = 'pending';
