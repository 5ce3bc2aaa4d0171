// Package fleet audits many vaults at once: vault directories matched by a
// glob, or the newest snapshot of every vault backed up under an s3://
// prefix (restored to temporary space), scanned in parallel with one
// operator identity that is a key slot in each. Findings carry their vault;
// the same planted instruction in several vaults is one campaign.
package fleet

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"filippo.io/age"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/backup"
	"github.com/memaudit/memaudit/store"
)

// Source is one vault to scan: a directory, or a backup target whose
// newest snapshot is scanned.
type Source struct {
	// Name is the vault's name in the report: the directory's path, or
	// the target's sub-prefix.
	Name   string
	Dir    string
	Target backup.Target
}

// Dirs returns the vault directories matching glob (those holding a key
// file), sorted.
func Dirs(glob string) ([]Source, error) {
	paths, err := filepath.Glob(glob)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, p := range paths {
		if fi, err := os.Stat(filepath.Join(p, "key.json")); err == nil && fi.Mode().IsRegular() {
			out = append(out, Source{Name: p, Dir: p})
		}
	}
	return out, nil
}

// Targets returns a source for every vault backed up right under the
// s3:// prefix (one sub-prefix each), sorted.
func Targets(ctx context.Context, prefix string) ([]Source, error) {
	t, err := backup.Open(ctx, prefix)
	if err != nil {
		return nil, err
	}
	s3t, ok := t.(*backup.S3)
	if !ok {
		return nil, fmt.Errorf("%w: %q: a fleet of backups is an s3:// prefix", backup.ErrBadTarget, prefix)
	}
	names, err := s3t.Prefixes(ctx)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, n := range names {
		out = append(out, Source{Name: strings.TrimSuffix(prefix, "/") + "/" + n, Target: s3t.Sub(n)})
	}
	return out, nil
}

// Shard keeps the sources of shard i (from 1) of n: each vault is in
// exactly one shard, by a hash of its name, so that n machines given the
// same fleet split it without talking to each other.
func Shard(srcs []Source, i, n int) []Source {
	if n <= 1 {
		return srcs
	}
	var out []Source
	for _, s := range srcs {
		h := fnv.New32a()
		h.Write([]byte(s.Name))
		if int(h.Sum32()%uint32(n)) == i-1 {
			out = append(out, s)
		}
	}
	return out
}

// Options configure Scan.
type Options struct {
	Identities []age.Identity
	// Parallel is how many vaults are open at once (default 2).
	Parallel int
	// Scan selects entries in each vault.
	Scan store.ScanOptions
	// TempDir holds restored snapshots while they are scanned (default
	// the system's).
	TempDir string
}

// VaultReport is one vault's part of a fleet scan.
type VaultReport struct {
	Vault    string `json:"vault"`
	Entries  int    `json:"entries_scanned"`
	Findings int    `json:"findings"`
	// Snapshot is the snapshot scanned, for a backed-up vault.
	Snapshot string `json:"snapshot,omitempty"`
	// Error says why the vault could not be scanned ("" when it was).
	Error string `json:"error,omitempty"`
}

// Finding is a finding in one vault.
type Finding struct {
	Vault string `json:"vault"`
	store.ScanFinding
	// Campaign names the campaign the finding belongs to ("" when its
	// instruction is in no other vault).
	Campaign string `json:"campaign,omitempty"`
}

// Campaign is one injected instruction found in several vaults.
type Campaign struct {
	ID          string    `json:"id"`
	Instruction string    `json:"instruction"`
	Rules       []string  `json:"rules"`
	Vaults      []string  `json:"vaults"`
	Entries     int       `json:"entries"`
	Segments    []string  `json:"segments"`
	FirstSeen   time.Time `json:"first_seen"`
	LastSeen    time.Time `json:"last_seen"`
}

// Report is a whole fleet scan.
type Report struct {
	RuleSet   string        `json:"rule_set"`
	Vaults    []VaultReport `json:"vaults"`
	Entries   int           `json:"entries_scanned"`
	Findings  []Finding     `json:"findings"`
	Campaigns []Campaign    `json:"campaigns"`
}

// Failed counts the vaults that could not be scanned.
func (r *Report) Failed() int {
	n := 0
	for _, v := range r.Vaults {
		if v.Error != "" {
			n++
		}
	}
	return n
}

// Scan scans every source with sc, Parallel vaults at a time. A vault that
// cannot be opened or restored is reported (VaultReport.Error), not fatal.
// Vaults are opened read-only and nothing is written to them.
func Scan(ctx context.Context, srcs []Source, sc *audit.Scanner, o Options) (*Report, error) {
	if o.Parallel <= 0 {
		o.Parallel = 2
	}
	rep := &Report{RuleSet: sc.RuleSetVersion(), Vaults: make([]VaultReport, len(srcs))}
	results := make([]*store.ScanResult, len(srcs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < o.Parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				vr, res := scanOne(ctx, srcs[i], sc, &o)
				rep.Vaults[i], results[i] = vr, res
			}
		}()
	}
	for i := range srcs {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Recurrence across vaults: the auditor's grouping over every vault's
	// injection findings, each entry keyed by vault and id.
	var all []audit.Finding
	entries := map[string]audit.Entry{}
	vaultOf := map[string]string{}
	for i, res := range results {
		if res == nil {
			continue
		}
		rep.Entries += res.Entries
		for _, f := range res.Findings {
			rep.Findings = append(rep.Findings, Finding{Vault: srcs[i].Name, ScanFinding: f})
			key := fmt.Sprintf("%d\x00%s", i, f.EntryID)
			af := f.Finding
			af.EntryID = key
			all = append(all, af)
			entries[key] = audit.Entry{ID: key, Segment: f.Segment, Session: f.Session, Created: f.Created}
			vaultOf[key] = srcs[i].Name
		}
	}
	type group struct {
		c    Campaign
		keys []string
	}
	var groups []group
	for _, g := range audit.Recurrence(all, entries) {
		var vaults []string
		for _, k := range g.Entries {
			if v := vaultOf[k]; !slices.Contains(vaults, v) {
				vaults = append(vaults, v)
			}
		}
		if len(vaults) < 2 {
			continue // recurrence inside one vault: its own scan reports it
		}
		sort.Strings(vaults)
		groups = append(groups, group{Campaign{Instruction: g.Instruction, Rules: g.Rules, Vaults: vaults,
			Entries: len(g.Entries), Segments: g.Segments, FirstSeen: g.FirstSeen, LastSeen: g.LastSeen}, g.Entries})
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].c.Vaults) > len(groups[j].c.Vaults) })
	campaignOf := map[string]string{}
	for i, g := range groups {
		g.c.ID = fmt.Sprintf("c%d", i+1)
		rep.Campaigns = append(rep.Campaigns, g.c)
		for _, k := range g.keys {
			campaignOf[k] = g.c.ID
		}
	}
	index := map[string]int{}
	for i, s := range srcs {
		index[s.Name] = i
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		f.Campaign = campaignOf[fmt.Sprintf("%d\x00%s", index[f.Vault], f.EntryID)]
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool { return rep.Findings[i].Severity > rep.Findings[j].Severity })
	return rep, nil
}

func scanOne(ctx context.Context, src Source, sc *audit.Scanner, o *Options) (VaultReport, *store.ScanResult) {
	vr := VaultReport{Vault: src.Name}
	dir := src.Dir
	if src.Target != nil {
		tmp, err := os.MkdirTemp(o.TempDir, "memaudit-fleet-")
		if err != nil {
			vr.Error = err.Error()
			return vr, nil
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "vault")
		snap, err := backup.Restore(ctx, src.Target, o.Identities, dir, backup.RestoreOptions{})
		if err != nil {
			vr.Error = "restore: " + err.Error()
			return vr, nil
		}
		vr.Snapshot = snap.ID
	}
	s, err := store.Open(ctx, dir, store.Options{Identities: o.Identities, ReadOnly: true})
	if err != nil {
		vr.Error = err.Error()
		return vr, nil
	}
	defer s.Close()
	so := o.Scan
	so.Record = false
	res, err := s.Scan(ctx, sc, so, nil)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return vr, nil
		}
		vr.Error = err.Error()
		return vr, nil
	}
	vr.Entries, vr.Findings = res.Entries, len(res.Findings)
	return vr, res
}
