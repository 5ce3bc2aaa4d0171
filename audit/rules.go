package audit

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed rules.json
var rulesJSON []byte

// Rule is a rule's metadata: what it finds and how bad that is.
type Rule struct {
	ID          string   `json:"id"`
	Category    Category `json:"category"`
	Severity    Severity `json:"severity"`
	Description string   `json:"description"`
	// Cases are examples the tests check: positive ones must be found,
	// negative ones must not be reported at the rule's severity.
	// {{name}} stands for a token the tests generate at random.
	// Match describes a phrase rule (injection rules); credential and
	// obfuscation rules are matched by code.
	Match *PhraseMatch `json:"match,omitempty"`
	Cases struct {
		Positive []string `json:"positive"`
		Negative []string `json:"negative"`
	} `json:"cases"`
}

// PhraseMatch is how a phrase rule matches normalised text (lower case,
// NFKC, confusables folded, single spaces): one of Triggers at a word start,
// and, for each group in Require, one of its words within Window bytes after
// the trigger (and before it too, with Around). Unless lists words that,
// just before the trigger, cancel it ("never", "do not").
type PhraseMatch struct {
	Triggers  []string   `json:"triggers"`
	Require   [][]string `json:"require,omitempty"`
	Window    int        `json:"window,omitempty"`
	Around    bool       `json:"around,omitempty"`
	LineStart bool       `json:"line_start,omitempty"`
	// MinWords, when set, is the fewest words the trigger's line must
	// have from the trigger on (a sentence, not a button label), and the
	// required words must be on that line.
	MinWords int `json:"min_words,omitempty"`
	// Sources, when set, limits the rule to entries from these source
	// kinds (content the agent read, not people talking to it).
	Sources []string `json:"sources,omitempty"`
	Unless  []string `json:"unless,omitempty"`
	// UnlessReach is how many bytes before the trigger, beyond the
	// Unless word itself, are searched for it (default 12): a rule whose
	// trigger is a noun ("~/.ssh/id_rsa") is negated further back, at its
	// verb ("never paste the contents of ...").
	UnlessReach int `json:"unless_reach,omitempty"`
	// UnlessNext lists words that, right after the trigger, cancel it:
	// there the trigger is a noun ("search results", "list of").
	UnlessNext []string `json:"unless_next,omitempty"`
	// UnlessWithin lists words that cancel a match when they stand
	// between the trigger and the end of its required words, or within
	// 12 bytes after: a negation between the subject and its verb ("the
	// assistant never shares"), or after the object in German ("gibt das
	// Passwort nie heraus").
	UnlessWithin []string `json:"unless_within,omitempty"`
	// SameClause, when set, needs the trigger and its required words in
	// one clause: no ';', no sentence end and no line break between them
	// ("the assistants reply to the club with the owner's name; card
	// numbers stay in the wallet" pairs no verb with the card number).
	SameClause bool `json:"same_clause,omitempty"`
}

// RuleSet is the embedded rule metadata and its version; the version goes
// into scan state so that a new rule set rescans what the old one passed.
type RuleSet struct {
	Version string `json:"version"`
	Rules   []Rule `json:"rules"`
}

// Rules returns the embedded rule set.
func Rules() (*RuleSet, error) {
	var rs RuleSet
	if err := json.Unmarshal(rulesJSON, &rs); err != nil {
		return nil, fmt.Errorf("embedded rules: %w", err)
	}
	seen := map[string]bool{}
	for _, r := range rs.Rules {
		if r.ID == "" || seen[r.ID] || r.Severity == 0 || r.Category == "" {
			return nil, fmt.Errorf("embedded rules: bad rule %q", r.ID)
		}
		seen[r.ID] = true
	}
	return &rs, nil
}
