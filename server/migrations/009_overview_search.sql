-- The overview and contact search answered in SQL, from indexes. `search` holds the folded text
-- the rule engine matches (subject, body, author and a change's field labels for an entry; name,
-- e-mail and relation name for a contact); the server writes it with every row. Folding (accents
-- removed, lower case) is the engine's, not PostgreSQL's, so both search the same text: rows
-- written before this migration get theirs when the server starts (see backfillSearch).
-- `kind` lets counts per kind and the kinds filter read no JSON.
-- pg_trgm answers `LIKE '%word%'` from a GIN index; btree_gin puts the contact into that index,
-- so a word is looked up within one contact's entries. Both are trusted extensions that ship
-- with PostgreSQL; the database's owner creates them in `public` (scripts/postgres.mjs), and
-- here they are only asked for, which needs no right when they exist.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

ALTER TABLE timeline ADD COLUMN kind text COLLATE "C";
ALTER TABLE timeline ADD COLUMN search text;
UPDATE timeline SET kind = data->>'kind';
CREATE INDEX timeline_search ON timeline USING gin (contact_id, search public.gin_trgm_ops);
-- Counts per kind without words or dates read this index alone, not the contact's rows.
CREATE INDEX timeline_by_contact_kind ON timeline (contact_id, kind);

ALTER TABLE contacts ADD COLUMN search text;
UPDATE contacts SET search = data->>'_search';
CREATE INDEX contacts_search ON contacts USING gin (search public.gin_trgm_ops);


-- The lists' filters as columns, so "leave archived out" and "of this kind" are conditions in
-- SQL beside the index instead of tests on every row's JSON in the server.
ALTER TABLE contacts ADD COLUMN archived boolean;
UPDATE contacts SET archived = (data->>'archived')::boolean;
ALTER TABLE relations ADD COLUMN archived boolean;
ALTER TABLE relations ADD COLUMN kind text COLLATE "C";
UPDATE relations SET archived = (data->>'archived')::boolean, kind = data->>'kind';
ALTER TABLE work ADD COLUMN archived boolean;
UPDATE work SET archived = (data->>'archived')::boolean;
