package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/memaudit/memaudit/internal/ahocorasick"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Options configure a Scanner. The zero value enables every rule and masks
// secrets.
type Options struct {
	// Disable lists rule ids to skip.
	Disable []string
	// ShowSecrets puts matched secrets in Finding.Secret and unmasked
	// excerpts. Off by default: reports get copied into tickets and chats.
	ShowSecrets bool
	// Owners are the sender ids of the vault's owner (their messages in
	// channels count as the owner's own).
	Owners []string
	// Extra are phrase rules of the caller's own (Category and Match set).
	Extra []Rule
}

// Scanner scans entries with a fixed rule set. It is safe for concurrent
// use.
type Scanner struct {
	opts      Options
	rules     map[string]Rule
	version   string
	owners    map[string]bool
	obfuscate map[string]bool // enabled obfuscation rules
	// ac matches every credential and phrase trigger. Pattern i belongs
	// to the credential detectors cred[i] and the phrase rules phrase[i].
	ac     *ahocorasick.Matcher
	cred   [][]detector
	phrase [][]*phraseDetector
	// trickCue[i] marks pattern i as a word that names a text trick
	// (rot13, backwards): the same scan finds the cues textTricks needs.
	trickCue []uint8
	// model is the learned layer (nil when its rule is disabled).
	model *model
}

// New builds a scanner from the embedded rule set.
func New(opts Options) (*Scanner, error) {
	rs, err := Rules()
	if err != nil {
		return nil, err
	}
	// The version names the rules and the model: a retrained model
	// rescans what the last one passed.
	s := &Scanner{opts: opts, rules: map[string]Rule{}, version: rs.Version + "+m" + vaultcrypto.ShortHash(string(modelBin))[:8]}
	for _, r := range rs.Rules {
		s.rules[r.ID] = r
	}
	disabled := map[string]bool{}
	for _, id := range opts.Disable {
		if _, ok := s.rules[id]; !ok {
			return nil, fmt.Errorf("disable: unknown rule %q", id)
		}
		disabled[id] = true
	}
	for _, r := range opts.Extra {
		if r.ID == "" || r.Match == nil || len(r.Match.Triggers) == 0 || r.Severity == 0 {
			return nil, fmt.Errorf("extra rule %q: needs an id, a severity and match triggers", r.ID)
		}
		if _, dup := s.rules[r.ID]; dup {
			return nil, fmt.Errorf("extra rule %q: id taken", r.ID)
		}
		if r.Category == "" {
			r.Category = Injection
		}
		s.rules[r.ID] = r
	}
	index := map[string]int{}
	var patterns []string
	slot := func(trigger string) int {
		key := normalize(trigger).text // lower case; NFKC is the identity on ASCII
		i, ok := index[key]
		if !ok {
			i = len(patterns)
			index[key] = i
			patterns = append(patterns, key)
			s.cred = append(s.cred, nil)
			s.phrase = append(s.phrase, nil)
			s.trickCue = append(s.trickCue, 0)
		}
		return i
	}
	for _, d := range credentialDetectors() {
		if _, ok := s.rules[d.ruleID()]; !ok {
			return nil, fmt.Errorf("detector %s has no rule metadata", d.ruleID())
		}
		if disabled[d.ruleID()] {
			continue
		}
		for _, t := range d.triggers() {
			i := slot(t)
			s.cred[i] = append(s.cred[i], d)
		}
	}
	s.obfuscate = map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(s.rules)) { // sorted: findings come out in a stable order
		r := s.rules[id]
		if disabled[id] {
			continue
		}
		if r.Category == Obfuscation {
			s.obfuscate[id] = true
		}
		if r.Match == nil {
			continue
		}
		d := &phraseDetector{id: id, m: *r.Match}
		for _, t := range r.Match.Triggers {
			i := slot(t)
			s.phrase[i] = append(s.phrase[i], d)
		}
	}
	for bit, cues := range trickCues {
		for _, c := range cues {
			i := slot(c)
			s.trickCue[i] |= 1 << bit
		}
	}
	s.ac = ahocorasick.New(patterns)
	if !disabled[learnedRule] {
		if s.model, err = loadModel(modelBin); err != nil {
			return nil, err
		}
	}
	s.owners = map[string]bool{}
	for _, o := range opts.Owners {
		s.owners[o] = true
	}
	// The version names what this scanner applies, so cached results of
	// another configuration are not reused.
	if len(opts.Disable) > 0 || len(opts.Extra) > 0 || len(opts.Owners) > 0 {
		parts := slices.Sorted(maps.Keys(disabled))
		for _, r := range opts.Extra {
			b, _ := json.Marshal(r)
			parts = append(parts, string(b))
		}
		parts = append(parts, slices.Sorted(slices.Values(opts.Owners))...)
		s.version += "+" + vaultcrypto.ShortHash(parts...)[:8]
	}
	return s, nil
}

// ShowsSecrets reports whether findings carry secrets in full.
func (s *Scanner) ShowsSecrets() bool { return s.opts.ShowSecrets }

// RuleSetVersion identifies the rules this scanner applies.
func (s *Scanner) RuleSetVersion() string { return s.version }

// Rule returns a rule's metadata.
func (s *Scanner) Rule(id string) (Rule, bool) {
	r, ok := s.rules[id]
	return r, ok
}

// raw is a validated match before masking and weighting.
type raw struct {
	rule string
	span
	// hidden says where a match in a decoded payload was hidden.
	hidden string
	// instr is the normalised instruction text, for recurrence.
	instr string
	// nstart and nend locate a phrase match in the normalised text.
	nstart, nend int
	// mention: the match is an instruction reported or quoted, not given;
	// where the entry came from does not weigh it.
	mention bool
}

// Scan returns the findings in one entry, ordered by position. It returns
// early (with what it found) when ctx is done.
func (s *Scanner) Scan(ctx context.Context, e Entry) []Finding {
	nb := normPool.Get().(*normBuf)
	defer normPool.Put(nb)
	found := s.collect(ctx, e.Text, 0, nb)
	found = slices.DeleteFunc(found, func(r raw) bool {
		m := s.rules[r.rule].Match
		return m != nil && len(m.Sources) > 0 && !slices.Contains(m.Sources, e.SourceKind)
	})
	found = dedupe(found, func(id string) Category { return s.rules[id].Category })
	if len(found) == 0 {
		return nil
	}
	out := make([]Finding, 0, len(found))
	factor, why := provenance(e, s.owners)
	creds := s.credentialSpans(found)
	for _, r := range found {
		out = append(out, s.finding(e, r, creds, factor, why))
	}
	return out
}

// credSpans are an entry's credential matches in order of start, with the
// longest one's length: an excerpt masks those it overlaps, found by
// binary search (an entry of many findings must not cost the square of
// their number).
type credSpans struct {
	spans  []span
	maxLen int
}

func (s *Scanner) credentialSpans(found []raw) credSpans {
	var c credSpans
	for _, r := range found { // found is in order of start (dedupe)
		if s.rules[r.rule].Category == Credential {
			c.spans = append(c.spans, r.span)
			c.maxLen = max(c.maxLen, r.end-r.start)
		}
	}
	return c
}

// overlapping returns the spans that overlap [from, to).
func (c credSpans) overlapping(from, to int) []span {
	lo, _ := slices.BinarySearchFunc(c.spans, from-c.maxLen, func(x span, k int) int { return x.start - k })
	hi, _ := slices.BinarySearchFunc(c.spans, to, func(x span, k int) int { return x.start - k })
	return c.spans[lo:hi]
}

// collect finds credentials, injections and obfuscation in text, and
// recurses into payloads hidden in it (up to maxDecodeDepth).
func (s *Scanner) collect(ctx context.Context, text string, depth int, nb *normBuf) []raw {
	var n *normalized
	if nb != nil {
		nb.n = normalized{lines: nb.n.lines[:0]}
		n = normalizeInto(text, &nb.n, &nb.b)
	} else {
		n = normalize(text)
	}
	var found []raw
	var cues uint8
	if n.off == nil {
		found, cues = s.pass(ctx, n.text, text, n, true, true)
	} else {
		found, _ = s.pass(ctx, text, text, n, true, false)
		var more []raw
		more, cues = s.pass(ctx, n.text, text, n, false, true)
		found = append(found, more...)
	}
	if s.model != nil {
		var sents []window
		keep := (*[]window)(nil)
		for _, r := range found {
			if r.nend > 0 {
				keep = &sents // phrase matches to weigh: keep each sentence's score
				break
			}
		}
		if best, ok := s.model.score(n.text, n.lines, keep); ok {
			s.weighRules(n.text, found, sents, best.logit)
			if r, ok := s.learned(n, text, best); ok {
				s.weighLearned(n, &r, best, sents, keep != nil)
				found = append(found, r)
			}
		}
	}
	if depth == 0 {
		found = append(found, s.obfuscations(text, n)...)
	}
	var hidden []payload
	if n.tags != "" {
		hidden = append(hidden, payload{text: n.tags, start: n.tagSpan.start, end: n.tagSpan.end, how: "Unicode tag characters"})
	}
	if depth < maxDecodeDepth && !n.plain && ctx.Err() == nil {
		hidden = append(hidden, hiddenPayloads(text)...)
	}
	if depth < maxDecodeDepth && ctx.Err() == nil {
		hidden = append(hidden, textTricks(text, n, cues)...)
	}
	visible := len(found) // what the text says as it stands
	for _, p := range hidden {
		for _, r := range s.collect(ctx, p.text, depth+1, nil) {
			if s.rules[r.rule].Category == Obfuscation {
				continue
			}
			// A trick that leaves most of the text as it was (leetspeak
			// with a few ordinary words, text that only named the trick)
			// reads back what the text already said: nothing new, and
			// nothing hidden to raise.
			if p.trick && slices.ContainsFunc(found[:visible], func(v raw) bool { return v.rule == r.rule }) {
				continue
			}
			r.start, r.end = p.start, p.end
			if r.hidden == "" {
				r.hidden = p.how
			} else {
				r.hidden = p.how + " inside " + r.hidden
			}
			found = append(found, r)
		}
	}
	return found
}

// pass runs the detectors off one scan of the automaton. Credential
// detectors check text (the original); phrase rules check the normalised
// text. When the normalised text keeps the original's offsets (n.off ==
// nil: ASCII without runs of white space, most memory) one pass over it
// serves both; otherwise the caller makes two, one for each. The phrase
// pass also returns the text-trick cues it met (trickCues, a bit each).
func (s *Scanner) pass(ctx context.Context, scan, text string, n *normalized, creds, phrases bool) ([]raw, uint8) {
	var found []raw
	var cues uint8
	// until[d] is the end of d's last match: triggers inside it are not
	// checked again, so a long key full of trigger-like bytes costs one
	// check, not one per trigger.
	var until map[any]int
	mark := func(d any, end int) {
		if until == nil {
			until = map[any]int{}
		}
		until[d] = end
	}
	k := 0
	s.ac.Scan(scan, func(m ahocorasick.Match) bool {
		if k++; k&1023 == 0 && ctx.Err() != nil {
			return false
		}
		if creds {
			for _, d := range s.cred[m.Pattern] {
				if m.Start < until[d] {
					continue
				}
				if sp, ok := d.check(text, m.Start, m.End); ok {
					found = append(found, raw{rule: d.ruleID(), span: sp})
					mark(d, max(sp.end, m.End))
				}
			}
		}
		if phrases {
			cues |= s.trickCue[m.Pattern]
			for _, d := range s.phrase[m.Pattern] {
				if m.Start < until[d] {
					continue
				}
				if sp, ok := d.check(n, m.Start, m.End); ok {
					mark(d, sp.end)
					st, en := n.orig(sp.start, sp.end, len(text))
					found = append(found, raw{rule: d.id, span: span{start: st, end: en}, instr: sentence(n.text, sp.start, sp.end), nstart: sp.start, nend: sp.end})
				}
			}
		}
		return true
	})
	return found, cues
}

// sentence widens a normalised span to its sentence, for recurrence. A
// sentence ends at . ! or ? followed by a space or the end (not the dots
// of a URL or a number).
func sentence(t string, start, end int) string {
	stop := func(i int) bool {
		return (t[i] == '.' || t[i] == '!' || t[i] == '?') && (i+1 == len(t) || t[i+1] == ' ')
	}
	// At most sentenceReach bytes either side: a run-on "sentence" of a
	// megabyte is cut, the same way wherever the same words recur.
	lo, hi := max(0, start-sentenceReach), min(len(t), end+sentenceReach)
	for start > lo && !stop(start-1) {
		start--
	}
	for end < hi && !stop(end) {
		end++
	}
	for start > 0 && start < len(t) && !utf8.RuneStart(t[start]) {
		start++
	}
	for end < len(t) && end > start && !utf8.RuneStart(t[end]) {
		end--
	}
	return strings.TrimSpace(t[start:end])
}

// sentenceReach bounds how far a match widens to its sentence (here and
// in mentioned).
const sentenceReach = 240

// obfuscations reports the hiding itself.
func (s *Scanner) obfuscations(text string, n *normalized) []raw {
	var found []raw
	add := func(id string, sp span) {
		if s.obfuscate[id] {
			found = append(found, raw{rule: id, span: sp})
		}
	}
	if n.tags != "" {
		add("hidden-unicode-tags", n.tagSpan)
	}
	if n.bidi > 0 {
		i := strings.IndexFunc(text, isBidi)
		add("bidi-override", span{start: i, end: i + 3})
	}
	if n.zeroWidth >= 2 {
		if zw := zeroWidthInWords(text); zw.end > 0 {
			add("zero-width-characters", zw)
		}
	}
	for _, m := range n.mixedScript {
		add("mixed-script-word", m)
	}
	if k := strings.Index(n.text, "xn--"); k >= 0 && (k == 0 || n.text[k-1] == '/' || n.text[k-1] == '.' || n.text[k-1] == '@') {
		i, _ := n.orig(k, k, len(text))
		end := run(text, i, func(c byte) bool { return isAlnum(c) || c == '-' || c == '.' })
		add("punycode-host", span{start: i, end: end})
	}
	return found
}

// zeroWidthInWords finds zero-width characters between letters (the joiner
// inside emoji sequences does not count).
func zeroWidthInWords(text string) span {
	var first span
	count := 0
	prevLetter := false
	for i, r := range text {
		if isZeroWidth(r) && r != '\u200d' {
			if prevLetter {
				if count == 0 {
					first = span{start: i, end: i + len(string(r))}
				}
				count++
			}
			continue
		}
		prevLetter = unicode.IsLetter(r)
	}
	if count < 2 {
		return span{}
	}
	return first
}

// dedupe drops matches contained in a longer (or equal, earlier-listed)
// match of the same category (for injections, of the same rule): "sk-"
// inside "sk-proj-...", the same span found by two triggers. A credential
// inside an injected instruction is kept: both are findings.
func dedupe(rs []raw, cat func(string) Category) []raw {
	slices.SortStableFunc(rs, func(a, b raw) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	// In order of start, a match is contained in one kept before it of
	// the same kind (any credential; the same rule otherwise) exactly when
	// the furthest end kept for that kind reaches its end: one pass.
	reach := map[string]int{}
	var out []raw
	for _, r := range rs {
		kind := r.rule
		if cat(r.rule) == Credential {
			kind = string(Credential)
		}
		if e, ok := reach[kind]; ok && r.end <= e {
			continue
		}
		reach[kind] = max(reach[kind], r.end)
		out = append(out, r)
	}
	return out
}

func (s *Scanner) finding(e Entry, r raw, creds credSpans, factor int, why string) Finding {
	rule := s.rules[r.rule]
	matched := e.Text[r.start:r.end]
	f := Finding{
		EntryID:     e.ID,
		Rule:        r.rule,
		Category:    rule.Category,
		Start:       r.start,
		End:         r.end,
		Fingerprint: vaultcrypto.ShortHash(r.rule, e.ID, matched),
		Explanation: rule.Description,
		Instruction: strings.Clone(r.instr), // r.instr points into the scan's reused buffer
	}
	adjust := r.adjust
	if r.hidden != "" {
		// Hiding raises an instruction, not a report of one: a security
		// note in an HTML comment is not a hidden attack.
		if !r.mention {
			adjust++
		}
		f.Explanation += "; hidden in " + r.hidden
	}
	if rule.Category == Injection && !r.mention {
		f.Factor = factor
		adjust += factor
		f.Explanation += "; " + why
	}
	f.Severity = (rule.Severity + Severity(adjust)).clamp()
	if r.note != "" {
		f.Explanation += "; " + r.note
	}
	if s.opts.ShowSecrets && rule.Category == Credential {
		f.Secret = matched
	}
	f.Excerpt = s.excerpt(e.Text, r, creds)
	return f
}

// excerptContext is how much text an excerpt shows around a match.
const excerptContext = 40

// excerpt shows the match in context with every credential in the window
// masked (unless ShowSecrets).
func (s *Scanner) excerpt(text string, r raw, creds credSpans) string {
	from := max(0, r.start-excerptContext)
	to := min(len(text), r.end+excerptContext)
	for from > 0 && from < len(text) && text[from]&0xC0 == 0x80 {
		from--
	}
	for to < len(text) && text[to]&0xC0 == 0x80 {
		to++
	}
	// Cut at word boundaries: the context starts after a space and ends
	// before one (when the context has any).
	if from > 0 {
		if k := strings.IndexAny(text[from:r.start], " \n\t"); k >= 0 {
			from += k + 1
		}
	}
	if to < len(text) {
		if k := strings.LastIndexAny(text[r.end:to], " \n\t"); k >= 0 {
			to = r.end + k
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, o := range creds.overlapping(from, to) {
		if s.opts.ShowSecrets || o.end <= from || o.start >= to {
			continue
		}
		st, en := max(o.start, from), min(o.end, to)
		if st < pos {
			continue
		}
		b.WriteString(oneLine(text[pos:st]))
		b.WriteString(Mask(text[o.start:o.end]))
		pos = en
	}
	b.WriteString(oneLine(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

var oneLiner = strings.NewReplacer("\n", "⏎", "\r", "", "\t", " ")

func oneLine(s string) string { return oneLiner.Replace(s) }

// Mask shows a secret's first characters (at most 8, at most a quarter of
// it) and a short hash of the whole, enough to recognise it, not to use it.
func Mask(secret string) string {
	n := min(8, len(secret)/4)
	return secret[:n] + "…[" + vaultcrypto.ShortHash(secret)[:8] + "]"
}
