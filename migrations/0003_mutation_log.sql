-- 0003: the append-only, hash-chained log of every change to the vault
-- (remember, import, forget, quarantine, release, redact, ...), and the
-- findings the write guard attached to entries.
CREATE TABLE log (
    seq      INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    detail   TEXT NOT NULL,
    prev     BLOB NOT NULL,
    hash     BLOB NOT NULL
);

-- The log is append-only for this schema's code: rows are never updated
-- or deleted. (Someone with the key can still rewrite the file; the chain
-- and its head hash, recorded outside the machine, show that.)
CREATE TRIGGER log_no_update BEFORE UPDATE ON log BEGIN
    SELECT RAISE(ABORT, 'the mutation log is append-only');
END;
CREATE TRIGGER log_no_delete BEFORE DELETE ON log BEGIN
    SELECT RAISE(ABORT, 'the mutation log is append-only');
END;

CREATE TABLE entry_findings (
    entry_id    TEXT NOT NULL,
    rule        TEXT NOT NULL,
    category    TEXT NOT NULL,
    severity    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    at          INTEGER NOT NULL
);

CREATE INDEX entry_findings_entry ON entry_findings(entry_id);
