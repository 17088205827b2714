-- The first schema of the reference server. One table per store of the shared rule engine
-- (src/data/store.ts): the whole record as JSON (json, not jsonb: it keeps the record's field
-- order, so a record reads back exactly as written), plus the columns its keys and indexes are
-- made of. Text keys use the "C" collation so they sort by code point, as IndexedDB's keys do, and a
-- page cursor means the same thing on every backend.

CREATE TABLE relations (
  id        text COLLATE "C" PRIMARY KEY,
  sort_name text COLLATE "C",
  version   integer,
  data      json NOT NULL
);
CREATE INDEX relations_by_name ON relations (sort_name, id);

CREATE TABLE contacts (
  id          text COLLATE "C" PRIMARY KEY,
  relation_id text COLLATE "C",
  updated_at  text COLLATE "C",
  version     integer,
  data        json NOT NULL
);
CREATE INDEX contacts_by_updated ON contacts (updated_at, id);
CREATE INDEX contacts_by_relation ON contacts (relation_id, updated_at, id);

CREATE TABLE work (
  id         text COLLATE "C" PRIMARY KEY,
  contact_id text COLLATE "C",
  created_at text COLLATE "C",
  version    integer,
  data       json NOT NULL
);
CREATE INDEX work_by_contact ON work (contact_id, created_at, id);

-- The overview, including the `change` entries a save writes in the same transaction.
CREATE TABLE timeline (
  id          text COLLATE "C" PRIMARY KEY,
  contact_id  text COLLATE "C",
  occurred_at text COLLATE "C",
  version     integer,
  data        json NOT NULL
);
CREATE INDEX timeline_by_contact ON timeline (contact_id, occurred_at, id);

CREATE TABLE checklist_items (
  id         text COLLATE "C" PRIMARY KEY,
  card_type  text COLLATE "C",
  sort_order double precision,
  version    integer,
  data       json NOT NULL
);
CREATE INDEX checklist_items_by_card_type ON checklist_items (card_type, sort_order, id);

CREATE TABLE checklist_states (
  contact_id text COLLATE "C",
  item_id    text COLLATE "C",
  version    integer,
  data       json NOT NULL,
  PRIMARY KEY (contact_id, item_id)
);

CREATE TABLE templates (
  id      text COLLATE "C" PRIMARY KEY,
  version integer,
  data    json NOT NULL
);

CREATE TABLE preferences (
  user_id   text COLLATE "C",
  card_type text COLLATE "C",
  version   integer,
  data      json NOT NULL,
  PRIMARY KEY (user_id, card_type)
);

-- Users as the rule engine sees them (id, name, role); `token_hash` is the server's alone.
CREATE TABLE users (
  id         text COLLATE "C" PRIMARY KEY,
  version    integer,
  data       json NOT NULL,
  token_hash text UNIQUE
);

CREATE TABLE meta (
  key     text COLLATE "C" PRIMARY KEY,
  version integer,
  data    json NOT NULL
);

-- Role → rights, read for every request: the browser never says what it may do.
CREATE TABLE roles (
  id     text COLLATE "C" PRIMARY KEY,
  name   text NOT NULL,
  rights text[] NOT NULL
);

-- The change feed, written in the same transaction as the change. Ids are handed out in commit
-- order (writers take an advisory lock before inserting), so "everything after id N" is exact
-- and a client that reconnects with Last-Event-ID misses nothing. `client` and `request` are the
-- Lift-Client and Lift-Request headers of the write: a client tells its own changes apart, and
-- sees those of a write whose answer it never got.
CREATE TABLE changes (
  id         bigserial PRIMARY KEY,
  client     text,
  request    text,
  change     jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
