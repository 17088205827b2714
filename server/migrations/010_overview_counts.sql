-- The overview's counts per kind without reading the contact's history. Opening a contact asks
-- for the counts over all its entries; counting them, even from an index alone, reads one index
-- entry per entry (100 000 for a long history, 15–30 ms). `timeline_counts` holds them, kept by
-- the database in the same transaction as every write to `timeline`, whoever writes: one
-- statement-level trigger per kind of write, adding up what the statement added and removed.
-- Rows are updated in (contact, kind) order, so two writers take their locks in the same order.
CREATE TABLE timeline_counts (
  contact_id text COLLATE "C" NOT NULL,
  kind       text COLLATE "C" NOT NULL,
  n          bigint NOT NULL,
  PRIMARY KEY (contact_id, kind)
);
INSERT INTO timeline_counts (contact_id, kind, n)
  SELECT contact_id, kind, count(*) FROM timeline WHERE contact_id IS NOT NULL AND kind IS NOT NULL GROUP BY 1, 2;

-- `SET search_path FROM CURRENT`: the function finds this schema's tables, whichever search path
-- the writer has.
CREATE FUNCTION timeline_counts_follow() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO timeline_counts AS c (contact_id, kind, n)
      SELECT contact_id, kind, count(*) FROM added WHERE contact_id IS NOT NULL AND kind IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (contact_id, kind) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE timeline_counts c SET n = c.n - gone.n
      FROM (SELECT contact_id, kind, count(*) AS n FROM removed GROUP BY 1, 2) gone
      WHERE c.contact_id = gone.contact_id AND c.kind = gone.kind;
  ELSE
    -- An update that moves an entry to another contact or kind (an import replacing a record).
    INSERT INTO timeline_counts AS c (contact_id, kind, n)
      SELECT contact_id, kind, sum(d) FROM (
        SELECT contact_id, kind, 1 AS d FROM added
        UNION ALL SELECT contact_id, kind, -1 FROM removed
      ) moved WHERE contact_id IS NOT NULL AND kind IS NOT NULL GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
      ON CONFLICT (contact_id, kind) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER timeline_counts_insert AFTER INSERT ON timeline REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION timeline_counts_follow();
CREATE TRIGGER timeline_counts_delete AFTER DELETE ON timeline REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION timeline_counts_follow();
CREATE TRIGGER timeline_counts_update AFTER UPDATE ON timeline REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION timeline_counts_follow();

-- The contact's entries in date order carry their kind: counts over a date range and the
-- activity report (entries per month and kind) are read from this index alone, not from the
-- rows (100 000 rows of a long history were 6 000 pages read for one report).
DROP INDEX timeline_by_contact;
CREATE INDEX timeline_by_contact ON timeline (contact_id, occurred_at, id) INCLUDE (kind);
