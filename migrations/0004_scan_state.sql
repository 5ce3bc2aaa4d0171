-- 0004: what the auditor last found in each entry, with the change and the
-- rule set it looked at, so that a second scan reads only new or changed
-- entries. It is a cache: deleting it only makes the next scan full.
CREATE TABLE scan_state (
    entry_id TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL,
    rule_set TEXT NOT NULL,
    findings TEXT NOT NULL
) WITHOUT ROWID;

-- Everything a rescan needs to decide what changed, without reading the
-- table's pages (which hold the texts): a covering index.
CREATE INDEX entries_scan ON entries(id, seq, segment, source_kind, session, created, status);
