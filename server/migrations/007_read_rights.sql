-- Reading became a right of its own (`read`, `see-archived`), and so did keeping one's layout
-- choices (`preferences`). Every role that existed before could do all three, and keeps them;
-- an administrator takes them away where a role should not have them.
UPDATE roles
   SET rights = rights || ARRAY(SELECT r FROM unnest(ARRAY['read', 'see-archived', 'preferences']) AS r WHERE r <> ALL (rights));
