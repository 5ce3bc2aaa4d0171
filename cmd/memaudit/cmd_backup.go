package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/memaudit/memaudit/backup"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("backup", command{
		summary: "copy the vault, encrypted, to s3://bucket/prefix or a directory (incremental)",
		usage:   "memaudit backup [--full] [--allow-rollback] [--json] TARGET   (TARGET: s3://bucket/prefix or DIR; AWS_* environment and ~/.aws configure S3)",
		run:     cmdBackup,
	})
	register("backups", command{
		summary: "list, verify or prune the snapshots in a backup target",
		usage:   "memaudit backups list|verify TARGET [--json] | memaudit backups prune TARGET --keep-last N [--keep-daily N] [--dry-run]",
		run:     cmdBackups,
	})
	register("restore", command{
		summary: "restore a vault from a backup target into a new directory",
		usage:   "memaudit restore --from TARGET [--snapshot ID] DIR",
		run:     cmdRestore,
	})
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("backup", e)
	full := fl.Bool("full", false, "upload every pack again, even those the target holds (replaces damaged objects)")
	allowRollback := fl.Bool("allow-rollback", false, "back up even though the target holds a newer snapshot of this vault, or one it forked from")
	asJSON := fl.Bool("json", false, "print the result as JSON")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usageError{"give one TARGET"}
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := runBackup(ctx, s, fl.Arg(0), backup.Options{Full: *full, AllowRollback: *allowRollback})
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, res)
	}
	printBackup(e.stdout, res)
	return s.Close()
}

func runBackup(ctx context.Context, s *store.Store, addr string, o backup.Options) (*backup.Result, error) {
	t, err := backup.Open(ctx, addr)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return backup.Backup(ctx, s, t, o)
}

func printBackup(w io.Writer, r *backup.Result) {
	kind := "full listing"
	if r.Base != "" {
		kind = "changes against " + r.Base
	}
	fmt.Fprintf(w, "snapshot %s: %d entries, change %d, log head %s (%d records)\n", r.Snapshot, r.Entries, r.Seq, r.LogHead, r.LogRecords)
	fmt.Fprintf(w, "uploaded %s: %d of %d pages new (%s)\n", bytesHuman(r.Uploaded), r.NewPages, r.Pages, kind)
}

func bytesHuman(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func cmdBackups(ctx context.Context, e *env, args []string) error {
	verb, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") { // else --help, or a flag before the verb
		verb, rest = args[0], args[1:]
	}
	v, fl := vaultCommand("backups", e)
	asJSON := fl.Bool("json", false, "print JSON")
	keepLast := fl.Int("keep-last", 0, "prune: keep the N newest snapshots of each vault")
	keepDaily := fl.Int("keep-daily", 0, "prune: keep the newest snapshot of each of the N most recent days")
	dryRun := fl.Bool("dry-run", false, "prune: say what would be removed")
	if err := parse(fl, rest); err != nil {
		return err
	}
	if verb != "list" && verb != "verify" && verb != "prune" {
		return usageError{"want backups list, verify or prune"}
	}
	if fl.NArg() != 1 {
		return usageError{"give one TARGET"}
	}
	ids, err := v.identities()
	if err != nil {
		return err
	}
	t, err := backup.Open(ctx, fl.Arg(0))
	if err != nil {
		return usageError{err.Error()}
	}
	switch verb {
	case "list":
		snaps, err := backup.List(ctx, t, ids)
		if err != nil {
			return err
		}
		if *asJSON {
			if snaps == nil {
				snaps = []backup.Snapshot{}
			}
			return printJSON(e.stdout, snaps)
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SNAPSHOT\tTIME\tVAULT\tENTRIES\tCHANGE\tLOG\tUPLOADED\tBASE")
		for _, s := range snaps {
			if s.Problem != "" {
				fmt.Fprintf(tw, "%s\t\t\t\t\t\t\tDAMAGED: %s\n", s.ID, s.Problem)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d:%.16s\t%s\t%s\n", s.ID, s.Time.Format(time.RFC3339), s.VaultID, s.Entries, s.Seq, s.LogRecords, s.LogHead, bytesHuman(s.Uploaded), orDash(s.Base))
		}
		return tw.Flush()
	case "verify":
		c, err := backup.Verify(ctx, t, ids)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := printJSON(e.stdout, c); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(e.stdout, "%d snapshots, %d packs (%s) fetched and checked\n", c.Snapshots, c.Packs, bytesHuman(c.Bytes))
			for _, p := range c.Problems {
				fmt.Fprintf(e.stdout, "DAMAGED: %s\n", p)
			}
			for _, n := range c.Notes {
				fmt.Fprintf(e.stdout, "note: %s\n", n)
			}
		}
		if !c.OK() {
			fmt.Fprintln(e.stderr, "memaudit: hint: 'memaudit backup --full TARGET' uploads every pack of the vault again")
			return errFound
		}
		return nil
	default:
		res, err := backup.Prune(ctx, t, ids, backup.Retention{KeepLast: *keepLast, KeepDaily: *keepDaily, DryRun: *dryRun})
		if errors.Is(err, backup.ErrNoRetention) {
			return usageError{"give --keep-last N and/or --keep-daily N"}
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, res)
		}
		what := "removed"
		if *dryRun {
			what = "would remove"
		}
		fmt.Fprintf(e.stdout, "kept %d snapshots; %s %d snapshots and %d packs (%s)\n", len(res.Kept), what, len(res.RemovedSnapshots), res.RemovedPacks, bytesHuman(res.FreedBytes))
		for _, n := range res.Notes {
			fmt.Fprintf(e.stdout, "note: %s\n", n)
		}
		return nil
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func cmdRestore(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("restore", e)
	from := fl.String("from", "", "backup target: s3://bucket/prefix or DIR")
	snap := fl.String("snapshot", "", "snapshot id (default: the newest)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 || *from == "" {
		return usageError{"give --from TARGET and one DIR"}
	}
	ids, err := v.identities()
	if err != nil {
		return err
	}
	t, err := backup.Open(ctx, *from)
	if err != nil {
		return usageError{err.Error()}
	}
	got, err := backup.Restore(ctx, t, ids, fl.Arg(0), backup.RestoreOptions{Snapshot: *snap})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored snapshot %s of %s to %s: %d entries, log head %s (%d records)\n", got.ID, got.Time.Format(time.RFC3339), fl.Arg(0), got.Entries, got.LogHead, got.LogRecords)
	fmt.Fprintln(e.stderr, "memaudit: note: the search index is rebuilt at the vault's first open")
	return nil
}

// backupLoop runs a backup every interval until ctx ends, reporting each on
// stderr; a failed backup is reported and retried at the next tick.
func backupLoop(ctx context.Context, e *env, s *store.Store, addr string, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		res, err := runBackup(ctx, s, addr, backup.Options{})
		if err != nil {
			if ctx.Err() == nil {
				fmt.Fprintf(e.stderr, "memaudit: error: scheduled backup: %v\n", err)
			}
			continue
		}
		fmt.Fprintf(e.stderr, "memaudit: backed up snapshot %s (%s uploaded)\n", res.Snapshot, bytesHuman(res.Uploaded))
	}
}
