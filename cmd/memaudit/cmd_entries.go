package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/memaudit/memaudit/internal/hermes"
	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("add", command{
		summary: "remember one entry",
		usage:   "memaudit add --segment S [--kind K] [--source-kind K] [--source URI] [--sender ID] [--session ID] TEXT|-",
		run:     cmdAdd,
	})
	register("import", command{
		summary: "import entries from JSONL (all or nothing) or a Hermes Agent home",
		usage:   "memaudit import [--format jsonl] FILE|- | import --format hermes [--with-sessions] [--owner ID]... DIR",
		run:     cmdImport,
	})
	register("export", command{
		summary: "export entries as JSONL",
		usage:   "memaudit export [--format jsonl] [--segment GLOB]",
		run:     cmdExport,
	})
	register("list", command{
		summary: "list entries",
		usage:   "memaudit list [--segment GLOB] [--status S] [--format table|json|jsonl]",
		run:     cmdList,
	})
	register("get", command{
		summary: "print one entry as JSON",
		usage:   "memaudit get ID",
		run:     cmdGet,
	})
	register("search", command{
		summary: "full-text search (bleve query string syntax)",
		usage:   "memaudit search [--segment GLOB] [--limit N] [--format table|json] QUERY",
		run:     cmdSearch,
	})
	register("forget", command{
		summary: "delete entries (text erased, tombstone kept)",
		usage:   "memaudit forget ID...",
		run:     cmdForget,
	})
}

func cmdAdd(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("add", e)
	var ent store.Entry
	var sk string
	fl.StringVar(&ent.Segment, "segment", "", "segment name, e.g. channel/telegram/dm/123 (required)")
	fl.StringVar(&ent.Kind, "kind", store.KindFact, "fact, preference, instruction, episode, note, ...")
	fl.StringVar(&sk, "source-kind", string(store.SourceUser), "user, agent, tool, web, email, import or system")
	fl.StringVar(&ent.Source.URI, "source", "", "source URI or tool name")
	fl.StringVar(&ent.Source.Sender, "sender", "", "sender id")
	fl.StringVar(&ent.Source.Channel, "channel", "", "messaging channel")
	fl.StringVar(&ent.Session, "session", "", "session id")
	fl.StringSliceVar(&ent.Tags, "tag", nil, "tag (repeatable)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if ent.Segment == "" || fl.NArg() != 1 {
		return usageError{"need --segment and exactly one TEXT argument (or - for stdin)"}
	}
	ent.Source.Kind = store.SourceKind(sk)
	if !ent.Source.Kind.Valid() {
		return usageError{fmt.Sprintf("unknown --source-kind %q", sk)}
	}
	ent.Text = fl.Arg(0)
	if ent.Text == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, store.DefaultMaxTextBytes+1))
		if err != nil {
			return err
		}
		ent.Text = strings.TrimSuffix(string(b), "\n")
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	got, err := s.Remember(ctx, ent)
	if got != nil {
		fmt.Fprintln(e.stdout, got.ID)
	}
	if err == nil {
		err = s.Close()
	}
	return committedWarning(e, err, "the entry is stored")
}

// jsonlEntry is one line of the JSONL import and export format.
type jsonlEntry struct {
	ID      string        `json:"id,omitempty"`
	Segment string        `json:"segment"`
	Text    string        `json:"text"`
	Kind    string        `json:"kind,omitempty"`
	Source  store.Source  `json:"source"`
	Session string        `json:"session,omitempty"`
	Created *time.Time    `json:"created,omitempty"`
	Tags    []string      `json:"tags,omitempty"`
	Trust   segment.Trust `json:"trust,omitempty"`
	Status  store.Status  `json:"status,omitempty"`
}

// maxLine bounds one JSONL line: the largest entry, JSON-escaped.
const maxLine = 4*store.DefaultMaxTextBytes + 4096

// jsonlReader reads the JSONL import format one entry at a time, so that
// an input of any size takes the memory of one line.
type jsonlReader struct {
	sc   *bufio.Scanner
	line int   // the line of the entry read last
	read int   // entries read
	err  error // what ended the stream early
}

func newJSONLReader(r io.Reader) *jsonlReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	return &jsonlReader{sc: sc}
}

// entries yields the entries in order; an error names its line and ends
// the stream.
func (jr *jsonlReader) entries() iter.Seq2[store.Entry, error] {
	return func(yield func(store.Entry, error) bool) {
		for jr.sc.Scan() {
			jr.line++
			line := strings.TrimSpace(jr.sc.Text())
			if line == "" {
				continue
			}
			ent, err := parseJSONLine(line)
			if err != nil {
				jr.err = fmt.Errorf("line %d: %w", jr.line, err)
				yield(store.Entry{}, jr.err)
				return
			}
			jr.read++
			if !yield(ent, nil) {
				return
			}
		}
		if err := jr.sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				err = fmt.Errorf("line %d: longer than %d bytes", jr.line+1, maxLine)
			}
			jr.err = err
			yield(store.Entry{}, err)
		}
	}
}

// parseJSONLine reads one line of the import format.
func parseJSONLine(line string) (store.Entry, error) {
	// encoding/json turns both into U+FFFD without a word: the entry
	// would not be stored as written.
	if !utf8.ValidString(line) {
		return store.Entry{}, errors.New("not valid UTF-8")
	}
	if err := checkSurrogates(line); err != nil {
		return store.Entry{}, err
	}
	var j jsonlEntry
	if err := json.Unmarshal([]byte(line), &j); err != nil {
		return store.Entry{}, fmt.Errorf("not a JSON object: %v", jsonErr(err))
	}
	ent := store.Entry{ID: j.ID, Segment: j.Segment, Text: j.Text, Kind: j.Kind, Source: j.Source,
		Session: j.Session, Tags: j.Tags, Trust: j.Trust, Status: j.Status}
	if ent.Source.Kind == "" {
		ent.Source.Kind = store.SourceImport
	}
	if j.Created != nil {
		ent.Created = *j.Created
	}
	return ent, nil
}

// checkSurrogates refuses a \uD800-\uDFFF escape in a JSON text that is
// not a high surrogate followed by a low one.
func checkSurrogates(js string) error {
	bad := errors.New("unpaired UTF-16 surrogate in a \\u escape")
	hex := func(i int) (rune, bool) {
		if i+6 > len(js) || js[i] != '\\' || js[i+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(js[i+2:i+6], 16, 16)
		return rune(v), err == nil
	}
	for i := 0; i < len(js); i++ {
		if js[i] != '\\' {
			continue
		}
		r, ok := hex(i)
		switch {
		case !ok:
			i++ // another escape: skip its character
		case r >= 0xdc00 && r <= 0xdfff:
			return bad
		case r >= 0xd800 && r <= 0xdbff:
			lo, ok := hex(i + 6)
			if !ok || lo < 0xdc00 || lo > 0xdfff {
				return bad
			}
			i += 11
		default:
			i += 5
		}
	}
	return nil
}

// jsonErr strips the parts of a JSON error that could quote entry text.
func jsonErr(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	return "invalid value"
}

func cmdImport(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("import", e)
	format := fl.String("format", "jsonl", "input format: jsonl, or hermes (a Hermes Agent home: ~/.hermes or a profile)")
	withSessions := fl.Bool("with-sessions", false, "hermes: also import the messages of state.db, one segment per chat")
	owners := fl.StringArray("owner", nil, "hermes: your own sender id (ID or PLATFORM:ID, repeatable); in group chats others' messages get trust low (default: the users of the DM sessions)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *format == "hermes" {
		if fl.NArg() != 1 {
			return usageError{"need exactly one DIR, a Hermes home"}
		}
		return importHermes(ctx, e, v, fl.Arg(0), hermes.Options{Sessions: *withSessions, Owners: *owners})
	}
	if len(*owners) > 0 {
		return usageError{"--owner is for --format hermes"}
	}
	if *format != "jsonl" {
		return usageError{fmt.Sprintf("unknown --format %q (jsonl or hermes)", *format)}
	}
	if fl.NArg() != 1 {
		return usageError{"need exactly one FILE (or - for stdin)"}
	}
	var r io.Reader = e.stdin
	if name := fl.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	interrupted := errors.New("interrupted before the import was committed: nothing was imported")
	if ctx.Err() != nil {
		return interrupted
	}
	s, err := v.open(ctx, e, store.Options{})
	if errors.Is(err, context.Canceled) {
		return interrupted
	}
	if err != nil {
		return err
	}
	defer s.Close()
	jr := newJSONLReader(r)
	m := newMeter(e, "importing", "entries")
	n, err := s.Import(ctx, jr.entries(), store.ImportOptions{Progress: func(d int) { m.update(d, 0) }})
	m.done()
	var ee *store.EntryError
	switch {
	case errors.As(err, &ee):
		return fmt.Errorf("line %d: %w (nothing imported)", jr.line, ee.Err)
	case errors.Is(err, store.ErrIndexBehind): // committed
	case errors.Is(err, context.Canceled):
		return interrupted
	case err != nil && jr.err != nil:
		return fmt.Errorf("%w (nothing imported)", jr.err)
	case err != nil && jr.read == 0:
		return errors.New("no entries in input")
	case err != nil:
		return fmt.Errorf("%w (nothing imported)", err)
	}
	fmt.Fprintf(e.stderr, "memaudit: imported %d entries\n", n)
	if err == nil {
		err = s.Close()
	}
	return committedWarning(e, err, fmt.Sprintf("the %d entries are committed", n))
}

// committedWarning turns an error that came after a change was committed
// (the index could not follow, or was interrupted) into a warning that
// says so: the change must not be repeated. Other errors pass through.
func committedWarning(e *env, err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrIndexBehind) && errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "memaudit: warning: interrupted while indexing: %s, and the index finishes at the next open; do not repeat it\n", what)
		return nil
	case errors.Is(err, store.ErrIndexBehind):
		fmt.Fprintf(e.stderr, "memaudit: warning: %s; but %v; do not repeat it\n", what, err)
		return nil
	}
	return err
}

func toJSONL(ent *store.Entry) jsonlEntry {
	c := ent.Created
	return jsonlEntry{ID: ent.ID, Segment: ent.Segment, Text: ent.Text, Kind: ent.Kind, Source: ent.Source,
		Session: ent.Session, Created: &c, Tags: ent.Tags, Trust: ent.Trust, Status: ent.Status}
}

func cmdExport(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("export", e)
	format := fl.String("format", "jsonl", "output format: jsonl")
	segs := fl.StringArray("segment", nil, "only segments matching this glob (repeatable)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *format != "jsonl" {
		return usageError{fmt.Sprintf("unknown --format %q", *format)}
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for ent, err := range s.Entries(ctx, store.Filter{Segments: *segs}) {
		if err != nil {
			return err
		}
		if err := enc.Encode(toJSONL(ent)); err != nil {
			return err
		}
	}
	return w.Flush()
}

func parseStatuses(ss []string) ([]store.Status, error) {
	var out []store.Status
	for _, s := range ss {
		st := store.Status(s)
		switch st {
		case store.StatusActive, store.StatusQuarantined, store.StatusRedacted, store.StatusDeleted:
			out = append(out, st)
		default:
			return nil, usageError{fmt.Sprintf("unknown status %q", s)}
		}
	}
	return out, nil
}

func cmdList(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("list", e)
	segs := fl.StringArray("segment", nil, "only segments matching this glob (repeatable)")
	statuses := fl.StringSlice("status", nil, "only these statuses (active, quarantined, redacted, deleted)")
	format := fl.String("format", "table", "table, json or jsonl")
	if err := parse(fl, args); err != nil {
		return err
	}
	sts, err := parseStatuses(*statuses)
	if err != nil {
		return err
	}
	if *format != "table" && *format != "json" && *format != "jsonl" {
		return usageError{fmt.Sprintf("unknown --format %q", *format)}
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	var all []*store.Entry
	for ent, err := range s.Entries(ctx, store.Filter{Segments: *segs, Statuses: sts}) {
		if err != nil {
			return err
		}
		all = append(all, ent)
	}
	return printEntries(e.stdout, *format, all, nil)
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func printEntries(w io.Writer, format string, ents []*store.Entry, scores []float64) error {
	switch format {
	case "json":
		if scores != nil {
			hits := make([]store.Hit, len(ents))
			for i := range ents {
				hits[i] = store.Hit{Entry: ents[i], Score: scores[i]}
			}
			return printJSON(w, hits)
		}
		if ents == nil {
			ents = []*store.Entry{}
		}
		return printJSON(w, ents)
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, ent := range ents {
			if err := enc.Encode(ent); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEGMENT\tKIND\tSOURCE\tSTATUS\tCREATED\tTEXT")
	for _, ent := range ents {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ent.ID, ent.Segment, ent.Kind, ent.Source.Kind, ent.Status,
			ent.Created.Format(time.RFC3339), excerpt(ent.Text, 60))
	}
	return tw.Flush()
}

func cmdGet(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("get", e)
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usageError{"need exactly one ID"}
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	ent, err := s.Get(ctx, fl.Arg(0))
	if err != nil {
		return err
	}
	return printJSON(e.stdout, ent)
}

func cmdSearch(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("search", e)
	segs := fl.StringArray("segment", nil, "only segments matching this glob (repeatable)")
	limit := fl.Int("limit", 20, "maximum number of results")
	format := fl.String("format", "table", "table or json")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		return usageError{"need a QUERY"}
	}
	if *format != "table" && *format != "json" {
		return usageError{fmt.Sprintf("unknown --format %q", *format)}
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	hits, err := s.Search(ctx, strings.Join(fl.Args(), " "), store.SearchOptions{Segments: *segs, Limit: *limit})
	if err != nil {
		return err
	}
	ents := make([]*store.Entry, len(hits))
	scores := make([]float64, len(hits))
	for i, h := range hits {
		ents[i], scores[i] = h.Entry, h.Score
	}
	return printEntries(e.stdout, *format, ents, scores)
}

func cmdForget(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("forget", e)
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		return usageError{"need at least one ID"}
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	for _, id := range fl.Args() {
		if err := s.Forget(ctx, id); err != nil {
			return fmt.Errorf("forget %s: %w", id, err)
		}
		fmt.Fprintf(e.stderr, "memaudit: forgot %s\n", id)
	}
	return s.Close()
}
