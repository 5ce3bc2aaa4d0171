-- 0006: the recall log moves out of the per-entry table recalls.
-- Recalls are first written to a spool (recalls.db, see store/recall_log.go)
-- and drained here in batches into two tables that cost little to write:
-- recall_events, one row per recall (the ids of the entries given, a JSON
-- array in rank order), appended in id order with no secondary index; and
-- exposures, one row per entry, session and segment with how often and
-- when first and last, which is what an incident responder asks for.
-- Measured: writing recalls' two random-order indexes was most of the cost
-- of a recall under load.
CREATE TABLE recall_events (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    session TEXT NOT NULL,
    segment TEXT NOT NULL,
    entries TEXT NOT NULL
);

CREATE TABLE exposures (
    entry_id TEXT NOT NULL,
    session  TEXT NOT NULL,
    segment  TEXT NOT NULL,
    count    INTEGER NOT NULL,
    first    INTEGER NOT NULL,
    last     INTEGER NOT NULL,
    PRIMARY KEY (entry_id, session, segment)
) WITHOUT ROWID;

INSERT INTO exposures(entry_id, session, segment, count, first, last)
    SELECT entry_id, session, segment, count(*), min(at), max(at) FROM recalls GROUP BY entry_id, session, segment;

-- The old rows become events of one entry each, so the history stays whole.
INSERT INTO recall_events(at, session, segment, entries)
    SELECT at, session, segment, '["' || replace(replace(entry_id, '\', '\\'), '"', '\"') || '"]' FROM recalls ORDER BY id;

DROP TABLE recalls;
