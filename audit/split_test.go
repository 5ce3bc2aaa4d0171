package audit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The split of testdata/split.json, as code: every labelled row of the
// public datasets and the generators, with its role (train, tune, test)
// and whether it is reported as seen. Training (train_test.go) reads the
// train and tune rows, the evaluation (eval_test.go) the test rows and,
// marked seen, a few training sets.

// row is one labelled entry.
type row struct {
	set      string
	role     string // train, tune or test
	seen     bool
	category string
	label    string // injection, credential or benign
	group    string // training group (weights are balanced by group)
	e        Entry
}

const datasets = "../../shared/datasets"

func readJSON(t testing.TB, name string, v any) bool {
	b, err := os.ReadFile(filepath.Join(datasets, name))
	if err != nil {
		t.Logf("skipping %s: %v", name, err)
		return false
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return true
}

func readLines(t testing.TB, name string, each func([]byte)) bool {
	f, err := os.Open(filepath.Join(datasets, name))
	if err != nil {
		t.Logf("skipping %s: %v", name, err)
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		each(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return true
}

func neutral(id, text string) Entry {
	return Entry{ID: id, Text: text, SourceKind: "import", Segment: "agent"}
}

// insertInto places an attack at the start, middle or end of a context,
// BIPIA's method.
func insertInto(ctx, attack string, where int) string {
	if len(ctx) > 1500 {
		ctx = ctx[:1500]
	}
	switch where % 3 {
	case 0:
		return attack + "\n" + ctx
	case 1:
		mid := strings.LastIndex(ctx[:len(ctx)/2], "\n")
		if mid < 0 {
			mid = len(ctx) / 2
		}
		return ctx[:mid] + "\n" + attack + "\n" + ctx[mid:]
	default:
		return ctx + "\n" + attack
	}
}

func fnv32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// loadSplit returns every row of the split. Rows of train and tune whose
// normalised text equals a test row's are dropped (test wins).
func loadSplit(t testing.TB) []row {
	var rows []row
	add := func(r row) { rows = append(rows, r) }

	// BIPIA: e-mails split by index parity; the test split's attacks
	// train (inserted into even e-mails, and bare), the train split's
	// attacks test (inserted into odd e-mails).
	var emails []string
	readLines(t, "bipia/email_test.jsonl", func(b []byte) {
		var x struct{ Context string }
		if json.Unmarshal(b, &x) == nil {
			emails = append(emails, x.Context)
		}
	})
	for i, ctx := range emails {
		if i%2 == 0 {
			add(row{set: "BIPIA e-mails, even half", role: "train", seen: true, category: "e-mail", label: "benign", group: "email",
				e: Entry{ID: fmt.Sprint("mail", i), Text: ctx, SourceKind: "email", Segment: "skill/email"}})
		} else {
			add(row{set: "BIPIA benign e-mails, odd half", role: "test", category: "e-mail", label: "benign",
				e: Entry{ID: fmt.Sprint("mail", i), Text: ctx, SourceKind: "email", Segment: "skill/email"}})
		}
	}
	r := rand.New(rand.NewPCG(7, 7))
	for _, name := range []string{"text_attack_test.json", "code_attack_test.json", "text_attack_train.json", "code_attack_train.json"} {
		var attacks map[string][]string
		if !readJSON(t, "bipia/"+name, &attacks) || len(emails) < 2 {
			continue
		}
		trainSplit := strings.Contains(name, "train")
		cats := sortedKeys(attacks)
		for _, c := range cats {
			for i, a := range attacks[c] {
				parity := 0
				if trainSplit {
					parity = 1
				}
				ctx := emails[2*r.IntN(len(emails)/2)+parity]
				e := Entry{ID: fmt.Sprint("bipia-", c, i), Text: insertInto(ctx, a, i), SourceKind: "email", Segment: "skill/email"}
				if trainSplit {
					add(row{set: "BIPIA train split in e-mail", role: "test", category: c, label: "injection", e: e})
				} else {
					add(row{set: "BIPIA test split in e-mail", role: "train", seen: true, category: c, label: "injection", group: "bipia", e: e})
					add(row{set: "BIPIA test split, bare", role: "train", seen: true, category: c, label: "injection", group: "bipia",
						e: neutral(fmt.Sprint("bipia-bare-", c, i), a)})
				}
			}
		}
	}

	var jb []string
	if readJSON(t, "jailbreaks-inthewild/inthewild_jailbreak_llms.json", &jb) {
		for i, p := range jb {
			rr := row{set: "jailbreaks in the wild", category: "jailbreak", label: "injection", group: "jailbreak", e: neutral(fmt.Sprint("jb", i), p)}
			switch i % 5 {
			case 0, 1, 2:
				rr.role, rr.seen, rr.set = "train", true, rr.set+", train"
			case 3:
				rr.role, rr.seen, rr.set = "tune", true, rr.set+", tune"
			default:
				rr.role, rr.set = "test", rr.set+", test fifth"
			}
			add(rr)
		}
	}

	readLines(t, "taskmaster/utterances.jsonl", func(b []byte) {
		var raw struct {
			Conv    string `json:"conversation_id"`
			Speaker string `json:"speaker"`
			Text    string `json:"text"`
		}
		if json.Unmarshal(b, &raw) != nil || strings.TrimSpace(raw.Text) == "" {
			return
		}
		rr := row{set: "Taskmaster", category: raw.Speaker, label: "benign", group: "taskmaster", e: neutral(raw.Conv, raw.Text)}
		switch k := fnv32(raw.Conv) % 10; {
		case k <= 5:
			rr.role, rr.seen, rr.set = "train", true, rr.set+", train"
		case k <= 7:
			rr.role, rr.seen, rr.set = "tune", true, rr.set+", tune"
		default:
			rr.role, rr.set = "test", rr.set+", test conversations"
		}
		add(rr)
	})

	var wild []struct{ Prompt string }
	if readJSON(t, "piguard/wildguard.json", &wild) {
		for i, w := range wild {
			rr := row{set: "WildGuard benign", category: "prompt", label: "benign", group: "wildguard", e: neutral(fmt.Sprint("wg", i), w.Prompt)}
			switch {
			case i%4 == 0:
				rr.role, rr.seen, rr.set = "train", true, rr.set+", even half"
			case i%4 == 2:
				rr.role, rr.seen, rr.set = "tune", true, rr.set+", even half (tune)"
			default:
				rr.role, rr.set = "test", rr.set+", odd half"
			}
			add(rr)
		}
	}
	for _, name := range []string{"NotInject_one.json", "NotInject_two.json", "NotInject_three.json"} {
		var x []struct{ Prompt, Category string }
		if readJSON(t, "piguard/"+name, &x) {
			for i, p := range x {
				add(row{set: "NotInject", role: "test", category: p.Category, label: "benign", e: neutral(fmt.Sprint(name, i), p.Prompt)})
			}
		}
	}
	var valid []struct {
		Prompt, Source string
		Label          int
	}
	if readJSON(t, "piguard/valid.json", &valid) {
		for i, v := range valid {
			l := "benign"
			if v.Label == 1 {
				l = "injection"
			}
			set := "PIGuard valid, other sources"
			if strings.HasPrefix(v.Source, "BIPIA") {
				set = "PIGuard valid, BIPIA rows"
			}
			add(row{set: set, role: "test", category: v.Source, label: l, e: neutral(fmt.Sprint("valid", i), v.Prompt)})
		}
	}
	var aws []struct{ Category, WriteContent, ExpectedDecision string }
	if readJSON(t, "aws-memory-poisoning/test-cases.json", &aws) {
		for i, x := range aws {
			l := "injection"
			if x.ExpectedDecision == "ALLOW" {
				l = "benign"
			}
			add(row{set: "AWS memory poisoning", role: "test", seen: true, category: x.Category, label: l,
				e: Entry{ID: fmt.Sprint("aws", i), Text: x.WriteContent, SourceKind: "agent", Segment: "agent"}})
		}
	}

	// Generated memory entries: train templates and tune templates.
	for _, tune := range []bool{false, true} {
		seed, per, role, set := uint64(1), 12, "train", "generated, train templates"
		if tune {
			seed, per, role, set = 2, 10, "tune", "generated, tune templates"
		}
		for i, m := range generateMemories(seed, per, tune) {
			add(row{set: set, role: role, seen: true, category: m.lang + "/" + m.cat, label: m.label, group: "gen-" + m.label,
				e: Entry{ID: fmt.Sprint("gen", role, i), Text: m.text, SourceKind: m.source, Segment: m.segment, Sender: m.sender}})
		}
	}

	// The held-out sets whose misses were read (1 to 6) train the learned
	// layer since the third round: hand-written, not templated, in
	// registers the generator lacks (split.json). The evaluation still
	// reports them, as seen.
	for _, h := range trainedHeldRows() {
		h.role, h.seen, h.group = "train", true, "held-"+h.label
		add(h)
	}

	// The look-alikes of the development sets (27 to 30), written by other
	// authors, tune the thresholds: the generated look-alikes are the
	// project's own, and at their budget the layer flagged a quarter of
	// other authors' look-alikes (sixth round). They are never trained on
	// (that was tried: it pulled the weights from the public sets).
	for _, d := range devSets {
		for _, h := range d.rows() {
			if h.label == "benign" {
				h.role, h.seen, h.group = "tune", true, "held-other"
				add(h)
			}
		}
	}

	// Test wins: drop train and tune rows that repeat a test text.
	test := map[string]bool{}
	for _, r := range rows {
		if r.role == "test" {
			test[normalize(r.e.Text).text] = true
		}
	}
	for _, r := range loadCorpusRows(t) {
		test[normalize(r.e.Text).text] = true
	}
	kept := rows[:0]
	for _, r := range rows {
		if r.role != "test" && test[normalize(r.e.Text).text] {
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// loadCorpusRows reads the project's own corpus (seen: the rules were
// written against it).
func loadCorpusRows(t testing.TB) []row {
	f, err := os.Open("../testdata/audit-corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []row
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		var x struct{ Label, Category, Source, Segment, Sender, Text string }
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			t.Fatal(err)
		}
		text, err := expand(x.Text)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, row{set: "own corpus", role: "test", seen: true, category: x.Category, label: x.Label,
			e: Entry{ID: fmt.Sprint("own-", i), Text: text, SourceKind: x.Source, Segment: x.Segment, Sender: x.Sender}})
	}
	return out
}
