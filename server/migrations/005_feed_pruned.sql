-- How far the change feed has been pruned: the newest change id forgotten so far. A client that
-- resumes from an id below it has missed changes the feed no longer holds, and one above the
-- newest id ever handed out (a database restored from an older backup) has seen changes this
-- database never had; both are told to read everything again (`event: reset`). One row.
CREATE TABLE feed_marks (
  one            boolean PRIMARY KEY DEFAULT true CHECK (one),
  pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO feed_marks (one) VALUES (true);
