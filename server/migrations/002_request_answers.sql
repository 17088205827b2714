-- Answers to creates, per user and Lift-Request id: a client that lost a create's answer sends
-- the same request again and gets this answer instead of a second record. The row is made with
-- its answer in the create's own transaction (so both exist exactly when the create landed; an
-- older server filled the answer in just after, hence `status` may be null in its rows);
-- `body_hash` tells a true repeat from another request reusing the id.
CREATE TABLE request_answers (
  user_id    text COLLATE "C" NOT NULL,
  request    text COLLATE "C" NOT NULL,
  route      text NOT NULL,
  body_hash  text NOT NULL,
  status     integer,
  body       json,
  etag       text,
  changes    text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, request)
);
-- Pruning goes by age.
CREATE INDEX request_answers_by_time ON request_answers (created_at);
