package audit

import (
	"bytes"
	"encoding/base64"
	"strings"
)

// weakValues are "passwords" that are really placeholders or words.
var weakValues = map[string]bool{"password": true, "passwort": true, "contraseña": true, "secret": true,
	"pass": true, "pwd": true, "changeme": true, "admin": true, "root": true, "user": true, "null": true,
	"none": true, "empty": true, "required": true, "optional": true, "hidden": true, "same": true,
	"mot": true, "de": true, "the": true, "not": true, "is": true, "set": true, "unknown": true,
	// Password managers name where a secret is kept, not the secret:
	// "the NAS login is in 1Password" has the shape of a password.
	"1password": true, "bitwarden": true, "keepass": true, "keepassxc": true, "lastpass": true, "dashlane": true, "keeper": true,
	"enpass": true, "nordpass": true, "protonpass": true, "roboform": true}

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
	// ... in the same clause: "reset my password; the ticket number is
	// HD-7-2231" names no password.
	if link < 0 || strings.ContainsAny(win[:link], ";\n") || strings.Contains(win[:link], ". ") {
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

// accessCode detects a password or code written after what it unlocks,
// with no "is" and no colon between: "Wi-Fi HomeNet5 Xk82!pq", "door code
// 4821", "NAS login admin Tr0ub4dor&3", "Türcode 4711#", "código del
// portal 2580", "digicode 12A34". What it unlocks triggers; within the same
// sentence, a few words on, a token must look like a secret: digits (4 to
// 8, with a # or *) after a word for a code, or a mix of lower case with
// digits or symbols, six characters or more, after a word for a network,
// a device or a login. The last such token wins ("network HomeNet5, key
// Xk82!pq").
type accessCode struct{}

// accessCodeTriggers name what a secret unlocks. Codes take digits; the
// others take passwords (and codes too).
var accessCodeTriggers = map[string]bool{
	// true: a numeric code is enough
	"door code": true, "gate code": true, "alarm code": true, "garage code": true, "keypad": true, "safe code": true,
	"lockbox": true, "key safe": true, "entry code": true, "access code": true, "building code": true, "pin code": true,
	"pin": true, "code": true, "passcode": true, "unlock code": true,
	"türcode": true, "torcode": true, "alarmcode": true, "zugangscode": true, "tresor": true, "schlüsseltresor": true, "haustür": true,
	"código": true, "codigo": true, "alarma": true, "portal": true, "caja fuerte": true,
	"digicode": true, "code porte": true, "code portail": true, "alarme": true, "coffre": true, "cadenas": true,
	// false: a password-like token is needed
	"wifi": false, "wi-fi": false, "wlan": false, "wireless": false, "network key": false, "router": false, "nas": false,
	"login": false, "password": false, "passwort": false, "kennwort": false, "contraseña": false, "clave": false,
	"mot de passe": false, "mdp": false, "routeur": false, "box": false, "netzwerkschlüssel": false, "red": false,
	"vpn": false, "admin": false, "network": false, "netzwerk": false, "réseau": false,
}

func (accessCode) ruleID() string { return "access-code-in-text" }
func (accessCode) triggers() []string {
	out := make([]string, 0, len(accessCodeTriggers))
	for t := range accessCodeTriggers {
		out = append(out, t)
	}
	return out
}

var notSecretCodes = []string{"zip", "postal", "post", "area", "country", "promo", "discount", "coupon", "status", "error", "exit",
	"source", "qr", "bar", "tracking", "dress", "color", "colour", "fehler", "postleitzahl", "rabatt", "postal de", "error de", "descuento",
	"de réduction", "promo de", "d'erreur", "fehlercode"}

// codeStop are words after which no secret follows in the same breath.
var codeStop = map[string]bool{"is": true, "ist": true, "es": true, "est": true, "lautet": true, "changed": true, "reset": true,
	"geändert": true, "cambió": true, "changé": true, "since": true, "seit": true, "desde": true, "depuis": true}

func (accessCode) check(text string, ts, te int) (span, bool) {
	if ts > 0 && isWordByte(text[ts-1]) || te < len(text) && isWordByte(text[te]) {
		return span{}, false // part of a longer word
	}
	// "zip code 10115", "error code 4012" and their like are not secrets.
	var buf [64]byte
	before := lowerInto(buf[:0], strings.TrimRight(text[max(0, ts-12):ts], " "))
	if len(before) > 0 {
		last := before[len(before)-1]
		for _, w := range notSecretCodes {
			if w[len(w)-1] == last && len(before) >= len(w) && string(before[len(before)-len(w):]) == w {
				return span{}, false
			}
		}
	}
	numeric := accessCodeTriggers[string(lowerInto(buf[:0], text[ts:te]))]
	if !numeric {
		// Spanish and French put "code" first: "código del portal",
		// "code de la porte".
		near := lowerInto(buf[:0], text[max(0, ts-16):ts])
		numeric = bytes.Contains(near, []byte("código")) || bytes.Contains(near, []byte("codigo")) ||
			bytes.Contains(near, []byte("code")) || bytes.Contains(near, []byte("pin"))
	}
	// The rest of the sentence, at most 64 bytes and seven tokens.
	end := te
	for end < len(text) && end-te < 64 && text[end] != '\n' && !(text[end] == '.' && (end+1 == len(text) || text[end+1] == ' ')) && text[end] != ';' {
		end++
	}
	best := span{}
	words := 0
	for i := te; i < end && words < 7; {
		for i < end && (text[i] == ' ' || text[i] == ':' || text[i] == ',' || text[i] == '(' || text[i] == ')' || text[i] == '"' || text[i] == '\'' || text[i] == '/' || text[i] == '=') {
			i++
		}
		j := i
		for j < end && text[j] != ' ' && text[j] != ',' && text[j] != '"' && text[j] != '\'' && text[j] != ')' {
			j++
		}
		if j == i {
			break
		}
		tok := text[i:j]
		for len(tok) > 0 && strings.IndexByte(".;:!?", tok[len(tok)-1]) >= 0 {
			tok = tok[:len(tok)-1]
		}
		words++
		if len(tok) <= 8 && codeStop[string(lowerInto(buf[:0], tok))] {
			if best.end == 0 {
				return span{}, false // "door code is ...", "code changed in 2024"
			}
			break
		}
		if numeric && codeLike(tok) || passwordLike(tok) {
			best = span{start: i, end: i + len(tok)}
		}
		i = j
	}
	if best.end == 0 {
		return span{}, false
	}
	return best, true
}

// lowerInto appends s lower-cased (ASCII letters only) to b: no
// allocation on the hot path (a map lookup with string(b) makes none).
func lowerInto(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// hashtag reports whether tok is a '#' and letters only ("#pinned"): a
// tag on a note, not a password.
func hashtag(tok string) bool {
	if len(tok) < 2 || tok[0] != '#' {
		return false
	}
	for i := 1; i < len(tok); i++ {
		if c := tok[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// codeLike: 4 to 8 digits, optionally with # or * (a keypad code), or a
// short code of digits and capitals ("12A34").
func codeLike(tok string) bool {
	core := strings.Trim(tok, "#*")
	if len(core) < 4 || len(core) > 8 {
		return false
	}
	digits := 0
	for i := 0; i < len(core); i++ {
		switch c := core[i]; {
		case '0' <= c && c <= '9':
			digits++
		case 'A' <= c && c <= 'Z':
		default:
			return false
		}
	}
	if digits < len(core)-1 || placeholder(core) {
		return false
	}
	// Years and round numbers read as dates and amounts, not codes.
	if len(core) == 4 && (strings.HasPrefix(core, "19") || strings.HasPrefix(core, "20")) && core == tok {
		return false
	}
	return true
}

// passwordLike: six characters or more with a lower-case letter and
// either a symbol (not - or _, which join the words of network and device
// names) or a digit followed by a letter ("Tr0ub4dor"): "HomeNet5" and
// "Fritzbox-7590" read as names, not passwords. Not a URL, address, path
// or placeholder.
func passwordLike(tok string) bool {
	if len(tok) < 6 || len(tok) > 64 || strings.Contains(tok, "://") || strings.Contains(tok, "@") || strings.HasPrefix(tok, "~") ||
		strings.HasPrefix(tok, "/") || hashtag(tok) {
		return false
	}
	lower, letter, symbol, digitThenLetter, digit := false, false, false, false, false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			lower = lower || c >= 'a'
			letter = true
			digitThenLetter = digitThenLetter || digit
		case '0' <= c && c <= '9':
			digit = true
		case c >= 0x80:
			return false // a word in another script, not a password
		case c == '-' || c == '_' || c == '.':
		default:
			symbol = true
		}
	}
	// Capitals alone pass at eight characters or more ("DS920+" is a
	// device, "NZULE-071!JHI9" a password). The word lists last: most
	// words fail the shape first.
	return letter && (lower || len(tok) >= 8) && (symbol || digitThenLetter) && !weakSecret(tok)
}
