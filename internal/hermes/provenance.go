package hermes

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/memaudit/memaudit/segment"
)

// Who wrote what in a Hermes home. state.db has no sender column: a
// message's author is the session's user (sessions.user_id), except in a
// group session several people share, where Hermes' gateway prefixes each
// message with "[<user name>] "; origin_json names the user behind a name.

// localPlatforms are the local user at a terminal, not a chat with others.
var localPlatforms = map[string]bool{"": true, "cli": true, "local": true, "tui": true, "desktop": true}

// classify tells what kind of conversation a session is, and whether
// several people write in it. A group, channel or thread session is shared
// unless its gateway session key ends with the session's user, which
// Hermes adds for per-user group sessions (the default outside threads).
func classify(s *session, modelConfig string) (kind string, shared bool) {
	switch {
	case s.platform == "cron":
		return "cron", false
	case s.platform == "subagent" || strings.Contains(modelConfig, `"_delegate_from"`):
		return "subagent", false
	case s.chatType == "dm":
		return "dm", false
	case localPlatforms[s.platform] && s.chat == "":
		return "local", false
	case s.chatType == "":
		return "dm", false // a chat without a type: one person, as in older schemas
	}
	perUser := s.key != "" && s.userID != "" && strings.HasSuffix(s.key, ":"+s.userID)
	return "group", s.key != "" && !perUser
}

// names maps a platform and a display name to the user ids seen with it.
type names map[string]map[string]bool

func (n names) add(platform, originJSON string) {
	if originJSON == "" {
		return
	}
	var o struct {
		UserID   any    `json:"user_id"`
		UserName string `json:"user_name"`
	}
	if json.Unmarshal([]byte(originJSON), &o) != nil || o.UserName == "" || o.UserID == nil {
		return
	}
	id := strings.TrimSpace(strings.Trim(jsonString(o.UserID), `"`))
	if id == "" {
		return
	}
	k := platform + "\x00" + o.UserName
	if n[k] == nil {
		n[k] = map[string]bool{}
	}
	n[k][id] = true
}

// id is the one user id behind a display name, or "".
func (n names) id(platform, name string) string {
	ids := n[platform+"\x00"+name]
	if len(ids) != 1 {
		return ""
	}
	for id := range ids {
		return id
	}
	return ""
}

func jsonString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// owners is the set of the owner's sender ids: "platform:id" or, given
// without a platform, "id" for any platform.
type owners map[string]bool

// newOwners uses the ids given, or else the users of the DM sessions: a
// personal agent's DMs are with its owner (the gateway answers only the
// users it allows).
func newOwners(given []string, sessions map[string]*session) owners {
	o := owners{}
	for _, g := range given {
		if g = strings.TrimSpace(g); g != "" {
			o[g] = true
		}
	}
	if len(o) > 0 {
		return o
	}
	for _, s := range sessions {
		if s.kind == "dm" && s.userID != "" {
			o[s.platform+":"+s.userID] = true
		}
	}
	return o
}

func (o owners) has(platform, id string) bool {
	return id != "" && (o[id] || o[platform+":"+id])
}

func (o owners) list() []string {
	out := make([]string, 0, len(o))
	for k := range o {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Bare returns the ids without their platform (the auditor's Owners).
func Bare(ids []string) []string {
	var out []string
	for _, id := range ids {
		if i := strings.Index(id, ":"); i >= 0 {
			id = id[i+1:]
		}
		out = append(out, id)
	}
	return out
}

// speakerPrefix is the "[<user name>] " Hermes' gateway puts before each
// message in a shared group session.
var speakerPrefix = regexp.MustCompile(`^\[([^\[\]\n]{1,200})\] `)

// author is a user message's sender and, when it is not the owner's, the
// trust it gets. In a DM and at the terminal the user is the owner (each
// DM is its partner's own); in a group only the owner's ids are.
func (o owners) author(s *session, text string, nm names) (string, segment.Trust) {
	switch s.kind {
	case "dm", "local":
		return s.userID, segment.TrustUnset
	case "cron", "subagent":
		return "", segment.TrustUnset
	}
	sender := s.userID
	if s.shared {
		sender = ""
		if m := speakerPrefix.FindStringSubmatch(text); m != nil {
			sender = m[1]
			if id := nm.id(s.platform, m[1]); id != "" {
				sender = id
			}
		}
	}
	if o.has(s.platform, sender) {
		return sender, segment.TrustUnset
	}
	return sender, segment.TrustLow
}

// summaryPrefixes start the summaries Hermes' context compressor writes
// (agent/context_compressor.py: SUMMARY_PREFIX, LEGACY_SUMMARY_PREFIX and
// the merged prior-context header), for schemas without
// messages._compressed_summary.
var summaryPrefixes = []string{"[CONTEXT COMPACTION", "[CONTEXT SUMMARY]:", "[PRIOR CONTEXT"}

func isSummaryText(text string) bool {
	for _, p := range summaryPrefixes {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

// memoryWrite is the first call of Hermes' memory tool that wrote an entry.
type memoryWrite struct {
	at      time.Time
	session string
}

func memoryKey(target, text string) string {
	return target + "\x00" + strings.Join(strings.Fields(text), " ")
}

// memoryWrites records the memory tool's add and replace calls in an
// assistant message's tool_calls ([{function: {name: "memory", arguments:
// "{...}"}}], single calls or batched operations).
func memoryWrites(toolCalls string, at time.Time, session string, out map[string]memoryWrite) {
	var calls []struct {
		Function struct {
			Name      string `json:"name"`
			Arguments string `json:"arguments"`
		} `json:"function"`
	}
	if json.Unmarshal([]byte(toolCalls), &calls) != nil {
		return
	}
	type op struct {
		Action  string `json:"action"`
		Target  string `json:"target"`
		Content string `json:"content"`
	}
	for _, c := range calls {
		if c.Function.Name != "memory" {
			continue
		}
		var args struct {
			op
			Operations []op `json:"operations"`
		}
		if json.Unmarshal([]byte(c.Function.Arguments), &args) != nil {
			continue
		}
		ops := args.Operations
		if len(ops) == 0 {
			ops = []op{args.op}
		}
		for _, o := range ops {
			target := o.Target
			if target == "" {
				target = args.Target
			}
			if target == "" {
				target = "memory"
			}
			if (o.Action != "add" && o.Action != "replace") || strings.TrimSpace(o.Content) == "" {
				continue
			}
			k := memoryKey(target, strings.TrimSpace(o.Content))
			if w, ok := out[k]; !ok || at.Before(w.at) {
				out[k] = memoryWrite{at: at, session: session}
			}
		}
	}
}

func isSpaceOrControl(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }
