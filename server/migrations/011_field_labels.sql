-- The English labels of two fields changed ("Function" is now "Job title", "Infix" is now
-- "Name prefix"). A change entry's search text holds its field's labels, so the entries of those
-- fields get theirs again from the new labels: emptied here, rewritten when the server starts
-- (see backfillSearch).
UPDATE timeline SET search = NULL WHERE data->'change'->>'field' IN ('jobTitle', 'infix');
