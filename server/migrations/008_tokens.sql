-- Tokens with a lifecycle: a user may hold several (one per device or integration), each with an
-- optional expiry, revoked by setting `revoked_at` (kept, so a list shows what was revoked and
-- when). Only a hash of the token is stored; `id` is the short public name used to list and
-- revoke it. The users' single token moves here, without expiry, and its column goes.
CREATE TABLE tokens (
  id         text COLLATE "C" PRIMARY KEY,
  user_id    text COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  label      text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX tokens_by_user ON tokens (user_id);
INSERT INTO tokens (id, user_id, token_hash, label)
  SELECT 'k' || substr(md5(token_hash), 1, 11), id, token_hash, 'from before tokens expired' FROM users WHERE token_hash IS NOT NULL;
ALTER TABLE users DROP COLUMN token_hash;
