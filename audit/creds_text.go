package audit

import (
	"encoding/base64"
	"strings"
)

// weakValues are "passwords" that are really placeholders or words.
var weakValues = map[string]bool{"password": true, "passwort": true, "contraseña": true, "secret": true,
	"pass": true, "pwd": true, "changeme": true, "admin": true, "root": true, "user": true, "null": true,
	"none": true, "empty": true, "required": true, "optional": true, "hidden": true, "same": true,
	"mot": true, "de": true, "the": true, "not": true, "is": true, "set": true, "unknown": true}

func weakSecret(v string) bool {
	l := strings.ToLower(v)
	return len(v) < 6 || weakValues[l] || placeholder(v) || strings.HasPrefix(v, "%") || strings.HasPrefix(v, "$")
}

// urlPassword detects credentials embedded in URLs: scheme://user:pass@host.
type urlPassword struct{}

func (urlPassword) ruleID() string     { return "url-password" }
func (urlPassword) triggers() []string { return []string{"://"} }
func (urlPassword) check(text string, ts, te int) (span, bool) {
	schemeStart := runBack(text, ts, func(c byte) bool { return isAlnum(c) || c == '+' || c == '.' || c == '-' })
	if schemeStart == ts {
		return span{}, false
	}
	// userinfo runs to '@' without crossing '/', whitespace or quotes.
	end := te
	for end < len(text) && end-te < 256 {
		c := text[end]
		if c == '@' || c == '/' || c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '\'' || c == '<' || c == '>' {
			break
		}
		end++
	}
	if end >= len(text) || text[end] != '@' {
		return span{}, false
	}
	user, pass, ok := strings.Cut(text[te:end], ":")
	if !ok || user == "" || pass == "" {
		return span{}, false
	}
	if weakSecret(pass) || strings.EqualFold(pass, user) {
		return span{}, false
	}
	passStart := te + len(user) + 1
	return span{start: passStart, end: end}, true
}

// authHeader detects HTTP Authorization values: Basic with a decodable
// user:password, Bearer with a random-looking token.
type authHeader struct{}

func (authHeader) ruleID() string     { return "http-authorization" }
func (authHeader) triggers() []string { return []string{"basic ", "bearer "} }
func (authHeader) check(text string, ts, te int) (span, bool) {
	if ts > 0 && isAlnum(text[ts-1]) {
		return span{}, false
	}
	// Only in an Authorization context: a header, a curl -H, or the word.
	if !nearKeyword(text, ts, 40, []string{"authorization", "auth", "-h", "header", "token"}) {
		return span{}, false
	}
	word := strings.ToLower(text[ts:te])
	switch word {
	case "basic ":
		end := run(text, te, func(c byte) bool { return isB64(c) || c == '=' })
		tok := text[te:end]
		dec, err := base64.StdEncoding.DecodeString(tok)
		if err != nil || len(tok) < 8 {
			return span{}, false
		}
		_, pass, ok := strings.Cut(string(dec), ":")
		if !ok || weakSecret(pass) {
			return span{}, false
		}
		return span{start: te, end: end}, true
	default:
		end := run(text, te, func(c byte) bool { return isB64URL(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '=' })
		tok := text[te:end]
		if len(tok) < 20 || entropy(tok) < 3.5 || !mixed(tok) || placeholder(tok) {
			return span{}, false
		}
		return span{start: te, end: end}, true
	}
}

// passwordPhrase detects passwords stated in prose, in English, German,
// Spanish and French: "my wifi password is X", "Passwort: X".
type passwordPhrase struct{}

// passwordWords name a password; a value follows after "is", ":" or "="
// (in the four languages) within a few words.
var passwordWords = []string{"password", "passwort", "kennwort", "contraseña", "clave", "mot de passe", "mdp",
	"passphrase", "passcode", "passwd", "pwd", "pin"}

// passwordLinks introduce the value.
var passwordLinks = []string{" is ", " ist ", " es ", " est ", " lautet ", ": ", " : ", "=", " = "}

func (passwordPhrase) ruleID() string     { return "password-in-text" }
func (passwordPhrase) triggers() []string { return passwordWords }
func (passwordPhrase) check(text string, ts, te int) (span, bool) {
	if ts > 0 && isAlnum(text[ts-1]) || te < len(text) && isLetter(text[te]) {
		return span{}, false // part of a longer word
	}
	// The link ("is", ":") must come within 32 bytes: "the router
	// password is", "la contraseña del router es".
	win := asciiLower(text[te:min(len(text), te+32)]) // keeps offsets
	link, linkLen := -1, 0
	for _, l := range passwordLinks {
		if k := strings.Index(win, l); k >= 0 && (link < 0 || k < link) {
			link, linkLen = k, len(l)
		}
	}
	if link < 0 {
		return span{}, false
	}
	i := te + link + linkLen
	for i < len(text) && (text[i] == '"' || text[i] == '\'' || text[i] == '`' || text[i] == ' ') {
		i++
	}
	end := i
	for end < len(text) && text[end] > ' ' && text[end] != '"' && text[end] != '\'' && text[end] != '`' {
		end++
	}
	v := strings.TrimRight(text[i:end], ".,;:!?)")
	end = i + len(v)
	if weakSecret(v) || strings.HasPrefix(v, "http") {
		return span{}, false
	}
	// A password has some variety: not a plain lower-case word.
	if !mixed(v) && !strings.ContainsAny(v, "!@#%^&*-_+=~?") {
		return span{}, false
	}
	return span{start: i, end: end}, true
}

// azureStorage detects storage account keys in connection strings
// (AccountKey=<88 base64>) and SAS signatures (sig=... next to sv=).
type azureStorage struct{}

func (azureStorage) ruleID() string     { return "azure-storage-key" }
func (azureStorage) triggers() []string { return []string{"accountkey=", "sig="} }
func (azureStorage) check(text string, ts, te int) (span, bool) {
	if strings.EqualFold(text[ts:te], "sig=") {
		if !nearKeyword(text, ts, 300, []string{"sv="}) {
			return span{}, false
		}
		end := run(text, te, func(c byte) bool { return isB64(c) || c == '%' || c == '=' })
		if end-te < 40 {
			return span{}, false
		}
		return span{start: te, end: end}, true
	}
	end := run(text, te, func(c byte) bool { return isB64(c) || c == '=' })
	tok := text[te:end]
	if len(tok) != 88 || !strings.HasSuffix(tok, "==") || placeholder(tok) {
		return span{}, false
	}
	return span{start: te, end: end}, true
}

// gcpServiceAccount detects service-account key files pasted as JSON.
type gcpServiceAccount struct{}

func (gcpServiceAccount) ruleID() string     { return "gcp-service-account" }
func (gcpServiceAccount) triggers() []string { return []string{"service_account"} }
func (gcpServiceAccount) check(text string, ts, te int) (span, bool) {
	from := max(0, ts-3000)
	to := min(len(text), te+6000)
	win := text[from:to]
	k := strings.Index(win, `"private_key"`)
	if k < 0 || !strings.Contains(win, "PRIVATE KEY") {
		return span{}, false
	}
	start := from + k
	end := strings.Index(text[start:to], "END PRIVATE KEY")
	if end < 0 {
		return span{}, false
	}
	return span{start: start, end: start + end + len("END PRIVATE KEY")}, true
}
