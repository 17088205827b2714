-- The feed is pruned by age (rows older than the days it keeps): an index on the time finds
-- them without reading the whole table, which holds a week of every change.
CREATE INDEX changes_by_time ON changes (created_at);
