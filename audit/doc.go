// Package audit finds what should not be in an agent's memory: leaked
// credentials and persistent injected instructions, weighed by where each
// entry came from.
//
// It is pure Go with no I/O: build a Scanner once from the embedded rule set
// (New), then call Scan for each entry; a Scanner is safe for concurrent use.
// Candidates are found in one pass over the text by an Aho–Corasick
// automaton over every rule's prefixes and keywords, and only candidates are
// validated (length, alphabet, checksum, entropy, nearby keywords), so that
// the hot path never runs dozens of regular expressions over every byte.
//
// Next to the phrase rules, a learned layer (learned.go, the rule
// learned-injection) scores every sentence for an instruction aimed at the
// assistant from how it is phrased; its weights are embedded (model.bin)
// and rebuilt bit for bit by `go generate` from the split in
// testdata/split.json. Its score is provenance-blind; provenance is added
// afterwards, the same way for rules and model. The layer also weighs the
// phrase rules' matches (weighRules): a quoted or reported attack in a
// security note, or an owner's harmless standing instruction, is lowered
// with a note saying why (mention.go); its own finding is lowered the same
// way when its window reports somebody's request (weighLearned).
//
// Findings never hold a secret in full unless Options.ShowSecrets is set:
// the excerpt keeps a short prefix and a hash of the rest.
package audit
