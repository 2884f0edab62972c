-- The projetothèque (issue 5, item 5): a public project may become a case sheet that
-- everyone can read. published_at stays NULL until the owners publish it.
ALTER TABLE projects ADD COLUMN sheet_context TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN sheet_actions TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN sheet_results TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN sheet_testimony TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN sheet_partners TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN published_at TEXT;
CREATE INDEX projects_published ON projects(published_at);
