-- Alerts on new offers (issue 5, item 6). Numbered 0009: 0008 is taken on another branch.
-- An alert keeps the query string of a search and replays it; only hashes of its link
-- tokens are kept. last_digest_at is the high-water mark: offers published or changed
-- after it go in the next digest.
CREATE TABLE alerts (
  id                     BIGSERIAL PRIMARY KEY,
  email                  TEXT NOT NULL,
  user_id                BIGINT REFERENCES users(id) ON DELETE SET NULL,
  query                  TEXT NOT NULL,
  frequency              TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
  confirm_token_hash     TEXT UNIQUE,
  unsubscribe_token_hash TEXT NOT NULL UNIQUE,
  created_at             TEXT NOT NULL,
  confirmed_at           TEXT,
  unsubscribed_at        TEXT,
  last_digest_at         TEXT NOT NULL
);

-- One row per alert and period ('2026-11-25' or '2026-W48'), claimed before the mail is
-- sent: the primary key makes a second server or a restart skip a period already claimed.
CREATE TABLE alert_deliveries (
  alert_id    BIGINT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  period      TEXT NOT NULL,
  claimed_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent', 'empty', 'failed')),
  offer_slugs TEXT NOT NULL DEFAULT '',
  -- Each digest carries its own unsubscribe link, so that only hashes are kept and every
  -- link ever sent keeps working.
  unsubscribe_token_hash TEXT NOT NULL UNIQUE,
  detail      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (alert_id, period)
);
