"""Builds a Hermes Agent state.db the way Hermes does: Python's sqlite3
(with FTS5) running Hermes' own DDL, read in place from the reference
snapshot. Input on stdin, JSON:

  {"ddl": PATH, "db": PATH, "version": N, "optional": [column],
   "sessions": [{column: value}], "messages": [{column: value}]}

Columns a row names that the schema lacks are an error, except those listed
in "optional" (e.g. _compressed_summary, absent from the v24 schema).
Prints the id of each message, in order, as a JSON list."""

import json
import sqlite3
import sys

spec = json.load(sys.stdin)
con = sqlite3.connect(spec["db"])
con.execute("PRAGMA journal_mode=WAL")
with open(spec["ddl"], encoding="utf-8") as f:
    con.executescript(f.read())
optional = set(spec.get("optional", []))


def columns(table):
    return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}


def insert(table, row):
    have = columns(table)
    row = {k: v for k, v in row.items() if k in have or k not in optional}
    missing = set(row) - have
    if missing:
        raise SystemExit(f"{table} has no column(s) {sorted(missing)}")
    keys = sorted(row)
    cur = con.execute(f"INSERT INTO {table} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})", [row[k] for k in keys])
    return cur.lastrowid


for s in spec.get("sessions", []):
    insert("sessions", s)
ids = [insert("messages", m) for m in spec.get("messages", [])]
if spec.get("version"):
    con.execute("INSERT INTO schema_version (version) VALUES (?)", (spec["version"],))
con.commit()
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
con.close()
print(json.dumps(ids))
