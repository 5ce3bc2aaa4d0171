-- 0008: meta.indexable, the number of entries the search index must hold
-- (all but the deleted), kept by every write in its own transaction, so
-- that Open compares it with the index's document count without counting
-- every row (170 ms at a million entries). verify counts the rows and
-- checks it.
INSERT INTO meta(key, value) SELECT 'indexable', CAST(count(*) AS TEXT) FROM entries WHERE status != 'deleted';
