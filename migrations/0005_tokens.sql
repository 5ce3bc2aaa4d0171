-- 0005: bearer tokens for the memory service (memaudit serve). The vault
-- keeps only the SHA-256 of each token's secret, never the token itself.
CREATE TABLE tokens (
    id       TEXT PRIMARY KEY,
    hash     BLOB NOT NULL,
    label    TEXT NOT NULL DEFAULT '',
    segments TEXT NOT NULL,  -- JSON array of segment globs
    rights   TEXT NOT NULL,  -- JSON array of rights
    created  INTEGER NOT NULL,
    expires  INTEGER NOT NULL DEFAULT 0,  -- unix nanoseconds; 0 = never
    revoked  INTEGER NOT NULL DEFAULT 0   -- unix nanoseconds; 0 = not revoked
) WITHOUT ROWID;
