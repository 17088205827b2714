-- Who made each change: a change's client and request ids (how an adapter tells its own changes)
-- are sent only to that user's streams. Rows from before have none and count as nobody's.
ALTER TABLE changes ADD COLUMN user_id text COLLATE "C";
