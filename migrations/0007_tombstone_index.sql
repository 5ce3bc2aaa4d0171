-- 0007: a partial index of tombstones, so that the number of entries the
-- search index must hold (all but the deleted) is two cheap counts. Open
-- compares it with the index's document count and rebuilds an index that
-- disagrees.
CREATE INDEX entries_deleted ON entries(seq) WHERE status = 'deleted';
