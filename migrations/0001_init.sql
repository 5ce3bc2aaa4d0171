-- 0001: the vault's first schema: entries with provenance, segments with
-- policies, and the counters the index uses to catch up after a crash.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO meta(key, value) VALUES ('seq', '0');

CREATE TABLE segments (
    name    TEXT PRIMARY KEY,
    policy  TEXT NOT NULL DEFAULT '{}',
    created INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE entries (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    segment     TEXT NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_uri  TEXT NOT NULL,
    sender      TEXT NOT NULL,
    channel     TEXT NOT NULL,
    session     TEXT NOT NULL,
    trust       INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    tags        TEXT NOT NULL,
    status      TEXT NOT NULL,
    hash        BLOB NOT NULL
);

CREATE INDEX entries_seq ON entries(seq);
CREATE INDEX entries_segment ON entries(segment, id);
