-- When each offer was published: the "published after" filter, the "newest" sort and the
-- alerts on new offers read it. Offers published before this column existed were published
-- when they were created.
ALTER TABLE offers ADD COLUMN published_at TEXT;
UPDATE offers SET published_at = created_at WHERE status = 'published';
CREATE INDEX offers_published ON offers(published_at) WHERE published_at IS NOT NULL;
