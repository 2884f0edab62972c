-- "Mon espace" (issue 8, item 2) lists the offers new since the person's previous visit.
ALTER TABLE users ADD COLUMN my_space_seen_at TEXT;
