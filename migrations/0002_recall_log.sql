-- 0002: the recall log (which session was given which entry, when), so that
-- after an incident an operator can tell who was exposed to a poisoned entry,
-- and an index on content hashes for recurrence look-ups.
CREATE TABLE recalls (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    session  TEXT NOT NULL,
    segment  TEXT NOT NULL,
    entry_id TEXT NOT NULL
);

CREATE INDEX recalls_entry ON recalls(entry_id, at);
CREATE INDEX recalls_session ON recalls(session, at);
CREATE INDEX entries_hash ON entries(hash);
