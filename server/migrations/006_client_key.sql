-- The key the server signs client ids with: GET /session hands each adapter instance an id bound
-- to its user, and a write's Lift-Client counts only when it is one of the caller's. Kept in the
-- database so every server process on it accepts the ids any of them gave out. One row;
-- gen_random_uuid draws from a cryptographic source.
CREATE TABLE client_key (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  key text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
);
INSERT INTO client_key (one) VALUES (true);
