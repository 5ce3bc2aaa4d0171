package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/store"
)

// A baseline lists findings the operator accepted, by fingerprint, with the
// content hash of the entry at the time: a changed entry is reported again.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	EntryID     string `json:"entry_id"`
	EntryHash   string `json:"entry_hash"`
	Rule        string `json:"rule"`
	Reason      string `json:"reason"`
}

func readBaseline(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f baselineFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("baseline %s: not a memaudit baseline (%s)", path, jsonErr(err))
	}
	if f.Version != 1 {
		return nil, errors.New("baseline " + path + ": unknown version")
	}
	out := map[string]string{}
	for _, x := range f.Findings {
		out[x.Fingerprint] = x.EntryHash
	}
	return out, nil
}

func saveBaseline(path string, fs []store.ScanFinding, reason string) error {
	f := baselineFile{Version: 1, Findings: []baselineEntry{}}
	for _, x := range fs {
		f.Findings = append(f.Findings, baselineEntry{Fingerprint: x.Fingerprint, EntryID: x.EntryID, EntryHash: x.EntryHash, Rule: x.Rule, Reason: reason})
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(path, append(b, '\n'))
}
