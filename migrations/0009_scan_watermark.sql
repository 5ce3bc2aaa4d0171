-- 0009: the scan watermark. meta.scan_watermark ("<rule set> <seq>") says
-- that every entry last changed at or before change seq was scanned with
-- that rule set and its findings are in scan_state; a rescan then reads only
-- later changes, and the findings through this partial index of the rows
-- that hold any, whatever the size of the vault.
CREATE INDEX scan_state_found ON scan_state(rule_set) WHERE findings != '[]';
