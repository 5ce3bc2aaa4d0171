package audit

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math"
	"math/big"
	"strings"
)

// Fake credentials, generated at random for every test run in the shapes
// of token-formats.md. None is, or was copied from, a real secret.

const (
	alphaNum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b64urlSet = alphaNum + "-_"
	b64Set    = alphaNum + "+/"
	hexSet    = "0123456789abcdef"
	letters   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

// randAllClasses is a random alphanumeric string with at least one upper-case
// letter, lower-case letter and digit: the keyword-anchored rules (Mistral,
// Cohere) require all three to tell keys from words, so a real key without a
// digit (about 0.4% of 32-character ones) is a documented miss, and a fixture
// must not be one (it made CI fail once in a few hundred runs).
func randAllClasses(n int) string {
	for {
		if s := randFrom(alphaNum, n); allClasses(s) {
			return s
		}
	}
}

func randFrom(set string, n int) string {
	for {
		b := make([]byte, n)
		for i := range b {
			k, _ := rand.Int(rand.Reader, big.NewInt(int64(len(set))))
			b[i] = set[k.Int64()]
		}
		// Random strings that happen to spell a placeholder word, or
		// that repeat characters enough to fall under a rule's entropy
		// floor, would make the tests flaky (gitlab-token failed in 1.4% of
		// runs); real tokens can hit this too (documented in the
		// evaluation), but fixtures should not. The floor: 85% of the
		// most a string of this length over this set can have.
		floor := 0.85 * math.Log2(float64(min(n, len(set))))
		if !placeholder(string(b)) && (n < 8 || entropy(string(b)) >= floor) {
			return string(b)
		}
	}
}

func githubToken(prefix string) string {
	body := randFrom(alphaNum, 30)
	return prefix + body + base62(crc32.ChecksumIEEE([]byte(body)), base62Upper, 6)
}

// doorCode is a keypad code of 4 to 6 digits. Four digits that read as a
// year (19xx, 20xx) are drawn again: the rule takes them for dates, a
// documented miss that a fixture must not hit.
func doorCode() string {
	for {
		c := randFrom("123456789", 1) + randFrom("0123456789", 3+int(randByte()%3))
		if len(c) != 4 || !strings.HasPrefix(c, "19") && !strings.HasPrefix(c, "20") {
			return c
		}
	}
}

func randByte() byte {
	var b [1]byte
	rand.Read(b[:])
	return b[0]
}

func b64u(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func fakePassword() string {
	return randFrom(letters, 5) + "-" + randFrom("0123456789", 3) + "!" + randFrom(alphaNum, 4)
}

func pemKey(label string) string {
	var b strings.Builder
	b.WriteString("-----BEGIN " + label + "-----\n")
	for i := 0; i < 6; i++ {
		b.WriteString(randFrom(b64Set, 64) + "\n")
	}
	b.WriteString("-----END " + label + "-----")
	return b.String()
}

var generators = map[string]func() string{
	"openai":         func() string { return "sk-" + randFrom(alphaNum, 20) + "T3BlbkFJ" + randFrom(alphaNum, 20) },
	"openai-proj":    func() string { return "sk-proj-" + randFrom(b64urlSet, 74) + "T3BlbkFJ" + randFrom(b64urlSet, 74) },
	"anthropic":      func() string { return "sk-ant-api03-" + randFrom(b64urlSet, 93) + "AA" },
	"anthropic-oat":  func() string { return "sk-ant-oat01-" + randFrom(b64urlSet, 93) + "AA" },
	"openrouter":     func() string { return "sk-or-v1-" + randFrom(hexSet, 64) },
	"deepseek":       func() string { return "sk-" + randFrom(hexSet, 32) },
	"hex32":          func() string { return randFrom(hexSet, 32) },
	"google":         func() string { return "AIzaSy" + randFrom(b64urlSet, 33) },
	"groq":           func() string { return "gsk_" + randFrom(alphaNum, 52) },
	"memaudit":       func() string { return "mat_" + randFrom(hexSet, 16) + "_" + randFrom(b64urlSet, 43) },
	"xai":            func() string { return "xai-" + randFrom(alphaNum, 80) },
	"hf":             func() string { return "hf_" + randFrom(letters, 34) },
	"pplx":           func() string { return "pplx-" + randFrom(alphaNum, 48) },
	"alnum32":        func() string { return randAllClasses(32) },
	"alnum40":        func() string { return randAllClasses(40) },
	"alnum36-badsum": func() string { return randFrom(alphaNum, 30) + "000000" },
	"github":         func() string { return githubToken("ghp_") },
	"github-pat":     func() string { return "github_pat_" + randFrom(alphaNum, 22) + "_" + randFrom(alphaNum, 59) },
	"gitlab":         func() string { return "glpat-" + randFrom(b64urlSet, 20) },
	"slack": func() string {
		return "xoxb-" + randFrom("0123456789", 12) + "-" + randFrom("0123456789", 13) + "-" + randFrom(alphaNum, 24)
	},
	"slack-webhook": func() string {
		return "hooks.slack.com/services/T" + randFrom(alphaNum, 10) + "/B" + randFrom(alphaNum, 10) + "/" + randFrom(alphaNum, 24)
	},
	"discord-webhook": func() string {
		return "discord.com/api/webhooks/1" + randFrom("0123456789", 17) + "/" + randFrom(b64urlSet, 68)
	},
	"telegram": func() string { return "7" + randFrom("0123456789", 9) + ":AA" + randFrom(b64urlSet, 33) },
	"discord": func() string {
		return "M" + randFrom(b64urlSet, 25) + "." + randFrom(b64urlSet, 6) + "." + randFrom(b64urlSet, 38)
	},
	"twilio-sk":  func() string { return "SK" + randFrom(hexSet, 32) },
	"aws-id":     func() string { return "AKIA" + randFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) },
	"aws-secret": func() string { return randFrom(b64Set, 40) },
	"azure-key":  func() string { return randFrom(b64Set, 86) + "==" },
	"gocspx":     func() string { return "GOCSPX-" + randFrom(b64urlSet, 28) },
	"stripe":     func() string { return "sk_" + "live_" + randFrom(alphaNum, 99) },
	"whsec":      func() string { return "whsec_" + randFrom(alphaNum, 32) },
	"sendgrid":   func() string { return "SG." + randFrom(b64urlSet, 22) + "." + randFrom(b64urlSet, 43) },
	"npm":        func() string { return "npm_" + randFrom(alphaNum, 36) },
	"pypi":       func() string { return "pypi-AgEIcHlwaS5vcmc" + randFrom(b64urlSet, 120) },
	"jwt": func() string {
		return b64u(`{"alg":"HS256","typ":"JWT"}`) + "." + b64u(`{"sub":"`+randFrom(alphaNum, 10)+`","exp":1900000000}`) + "." + randFrom(b64urlSet, 43)
	},
	"pem":        func() string { return pemKey("RSA PRIVATE KEY") },
	"age-secret": func() string { return "AGE-SECRET-KEY-1" + randFrom("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) },
	"password":   fakePassword,
	"door-code":  doorCode,
	"bearer":     func() string { return randFrom(b64urlSet, 40) },
	"basic":      func() string { return base64.StdEncoding.EncodeToString([]byte("admin:" + fakePassword())) },
	"gcp-sa": func() string {
		pk, _ := json.Marshal(pemKey("PRIVATE KEY") + "\n")
		return fmt.Sprintf(`{"type": "service_account", "project_id": "demo-%s", "private_key_id": "%s", "private_key": %s, "client_email": "bot@demo.iam.gserviceaccount.com"}`,
			randFrom(hexSet, 6), randFrom(hexSet, 40), pk)
	},
}

// expand replaces every {{name}} with a generated token.
func expand(tmpl string) (string, error) {
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			return tmpl, nil
		}
		j := strings.Index(tmpl[i:], "}}")
		if j < 0 {
			return "", fmt.Errorf("unclosed {{ in %q", tmpl)
		}
		name := tmpl[i+2 : i+j]
		if rest, ok := strings.CutPrefix(name, "tags:"); ok {
			var b strings.Builder
			for _, c := range rest {
				b.WriteRune(0xE0000 + c)
			}
			tmpl = tmpl[:i] + "hello" + b.String() + tmpl[i+j+2:]
			continue
		}
		g, ok := generators[name]
		if !ok {
			return "", fmt.Errorf("no generator %q", name)
		}
		tmpl = tmpl[:i] + g() + tmpl[i+j+2:]
	}
}
