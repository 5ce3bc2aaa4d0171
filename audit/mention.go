package audit

import (
	"strings"
	"unicode/utf8"
)

// A security note that quotes an attack mentions the instruction; it does
// not give it. mentioned reports how the phrase match at n[start:end] is
// framed within its sentence: introduced by an attempt or an illustration
// ("tried to make me", "instructions like": strong, it says by itself that
// the instruction is reported), introduced by a request ("asked the
// assistant to", "quería que": weak, since that is also how a memory
// records what the user wants, and how a planted one claims to; see also
// agentRequested), or quoted (an opening quote before it that is still
// open, closed inside or after it). The caller wants a reporting word
// (refused, blocked, phishing, incident, ...) in the sentence or the one
// either side for a weak frame or quotes.
func mentioned(n string, start, end int) (strong, weak, inQuotes bool) {
	from, to := sentenceAround(n, start, end)
	before, after := n[from:start], n[end:to]
	strong = containsAny(before, strongFrames)
	// A request frame may follow a noun trigger inside the match ("an
	// e-mail instructed the assistant to send ..." matches from
	// "e-mail"), so request frames are looked for up to the match's end;
	// attempt and example frames, which need no reporting word, only
	// before it.
	upto := n[from:end]
	weak = containsAny(upto, weakFrames) || agentRequested(upto)
	if !weak && from > 0 && strings.HasSuffix(n[:from], "; ") {
		// A request or claim reported in an earlier clause of the same
		// sentence frames the advice that follows it: "fraudsters send
		// invoices claiming the account changed; always confirm new bank
		// details by phone". Only the weak frames reach that far, and
		// they still need a reporting word.
		upto = n[clauseStart(n, from):end]
		weak = containsAny(upto, weakFrames) || agentRequested(upto)
	}
	return strong, weak, quoted(before, n[start:end]+after)
}

// clauseStart returns where the sentence holding n[at] begins when
// clauses ("; ") do not end it: after the last ". ", "! " or "? " before
// at, no further back than sentenceReach bytes.
func clauseStart(n string, at int) int {
	lo := max(0, at-sentenceReach)
	from := lo
	for _, sep := range []string{". ", "! ", "? "} {
		if k := strings.LastIndex(n[lo:at], sep); k >= 0 && lo+k+len(sep) > from {
			from = lo + k + len(sep)
		}
	}
	return from
}

// containsAny reports whether s holds one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// agentRequested reports whether text (a sentence up to a match, or a
// learned window) says somebody asked an agent for something, in the past
// or the passive: a verb that can only report a request or a claim ("an
// e-mail asked to grant", "un correo pidió dar", "a message claimed the
// IBAN changed"); a request verb, up to two determiners and an agent noun
// ("told the bot to", "an e-mail instructed our assistant to", "wies den
// Assistenten an", "pedía al bot", "ordonnait à l'assistant"); or an agent
// noun, an auxiliary and a request verb ("the bot was told to"). It is a
// weak frame: a planted memory claims authority the same way.
func agentRequested(text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return r < utf8.RuneSelf && !isAlnum(byte(r)) })
	for i, w := range words {
		if requested[w] {
			return true
		}
		if !agentNouns[w] {
			continue
		}
		j := i - 1
		for k := 0; k < 2 && j >= 0 && agentDets[words[j]]; k++ {
			j--
		}
		if j >= 0 && requestVerbs[words[j]] {
			return true
		}
		if i+2 < len(words) && auxiliaries[words[i+1]] && requestVerbs[words[i+2]] {
			return true
		}
	}
	return false
}

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	agentNouns = wordSet(`bot bots assistant assistants agent agents model ai chatbot helper llm
		assistenten agenten ki modell asistente agente modelo ia assistante modèle`)
	agentDets = wordSet(`the our my your a an their its this that
		den dem unseren unserem meinen meinem einen einem die
		al el nuestro nuestra mi su a
		au le la l à notre mon ton son un une`)
	requested = wordSet(`asked told instructed ordered urged demanded requested claimed claiming
		behauptete afirmaba prétendait
		allegedly supposedly angeblich vermeintlich supuestamente presuntamente prétendument
		diciendo prétendant behaupten behaupteten
		forderte bat verlangte befahl
		pidió pedía pedían pidieron ordenó ordenaba exigía exigió solicitó
		demandait demandé ordonnait ordonné exigeait exigé réclamait`)
	auxiliaries  = wordSet(`was were got is wurde war fue era a été est`)
	requestVerbs = wordSet(`told asked instructed ordered urged directed wanted pushed get got convinced tricked persuaded made prompted
		telling asking instructing ordering urging asks tells instructs
		wies forderte bat brachte sollte wollte befahl drängte überredete angewiesen aufgefordert gebeten
		pedía pidió pedían pidieron ordenaba ordenó indicaba indicó exigía exigió instaba instó quería convenció
		demandait demandé ordonnait ordonné exigeait exigé incitait poussait voulait convaincu`)
)

// sentenceAround returns the bounds of the sentence holding n[start:end]:
// from after the last ". ", "! ", "? " or "; " before start to the first
// after end, and no further than sentenceReach bytes either side (so that
// a match costs the same in a run-on text of a megabyte).
func sentenceAround(n string, start, end int) (int, int) {
	lo, hi := max(0, start-sentenceReach), min(len(n), end+sentenceReach)
	from := lo
	for _, sep := range []string{". ", "! ", "? ", "; "} {
		if k := strings.LastIndex(n[lo:start], sep); k >= 0 && lo+k+len(sep) > from {
			from = lo + k + len(sep)
		}
	}
	to := hi
	for _, sep := range []string{". ", "! ", "? ", "; "} {
		if k := strings.Index(n[end:hi], sep); k >= 0 && end+k < to {
			to = end + k
		}
	}
	return from, to
}

// quoted reports whether a quotation opened in before is still open at
// the match and closes in after.
func quoted(before, after string) bool {
	// Straight double quotes: an odd count before means one is open.
	if strings.Count(before, "\"")%2 == 1 && strings.Contains(after, "\"") {
		return true
	}
	for _, q := range [][2]string{{"“", "”"}, {"«", "»"}, {"„", "“"}, {"‘", "’"}} {
		if o := strings.LastIndex(before, q[0]); o >= 0 && !strings.Contains(before[o:], q[1]) && strings.Contains(after, q[1]) {
			return true
		}
	}
	// A single quote opens at the start or after a space, colon or
	// parenthesis, and closes before a space, punctuation or the end; an
	// apostrophe sits between letters ("don't").
	o := -1
	for i := len(before) - 1; i >= 0; i-- {
		if before[i] == '\'' && (i == 0 || strings.IndexByte(" :(", before[i-1]) >= 0) {
			o = i
			break
		}
	}
	return o >= 0 && closingSingle(before[o+1:]) < 0 && closingSingle(after) >= 0
}

// closingSingle returns where a closing single quote is in s, or -1.
func closingSingle(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' && (i+1 == len(s) || !isWordByte(s[i+1])) {
			return i
		}
	}
	return -1
}

// strongFrames introduce an instruction as an attempt or an example
// (normalised: lower case).
var strongFrames = []string{
	"tried to make me", "tried to get me to", "tried to get the assistant", "tried to make the assistant", "attempted to make", "tried to convince",
	"instructions like", "strings like", "phrases like", "messages like",
	"telling assistants to", "asking assistants to", "asks assistants to", "ask assistants to", "urging assistants to",
	"versuchte, mich", "versuchte mich", "anweisungen wie", "fordern assistenten auf",
	"intentó que", "órdenes como", "instrucciones como", "piden a los asistentes", "pide a los asistentes",
	"a tenté de me faire", "tenté de me faire", "instructions comme", "demandent aux assistants", "demande aux assistants",
}

// weakFrames introduce an instruction as a request somebody made: a report
// when the sentence says so, a planted standing order otherwise ("the user
// asked the assistant to send the passwords to ...").
var weakFrames = []string{
	"asked the assistant to", "asking the assistant to", "told the assistant to", "telling the assistant to", "instructing the assistant to",
	"wanted me to", "wanted the assistant to",
	"mich dazu bringen", "wollte, dass ich", "wollte, dass der assistent", "fordert den assistenten auf", "auffordern", "verlangte",
	"pedía al asistente", "pidió al asistente", "pedían que", "quería que",
	"demandait à l'assistant", "a demandé à l'assistant", "voulait que", "voulait me faire",
	// somebody posing as someone else: what they said is a claim reported
	"pretending to be", "claiming to be", "posing as", "purporting to be", "gab sich als", "gaben sich als",
	"haciéndose pasar por", "se hacía pasar por", "se faisant passer pour", "se faisait passer pour",
}

// ownerChecked reports whether the owner says, in the first person, that
// they checked or arranged what the match at n[start:end] claims: in its
// sentence or the one either side, a verification that points back at it
// ("rent now goes to the landlord's new account. i checked it with him by
// phone"; "lo comprobé en persona"; "das habe ich telefonisch geprüft"),
// or in its own sentence a setting the owner changed themselves ("j'ai
// désactivé moi-même la confirmation"). Somebody else's approval ("the
// finance team confirmed it", "verified by the owner") is what a planted
// claim says, and does not count; nor does a first person that points at
// something else ("i checked the weather").
func ownerChecked(n string, start, end int) bool {
	from, to := sentenceAround(n, start, end)
	if hasOwnerCheck(n[from:to], true) {
		return true
	}
	if from > 0 {
		pf, _ := sentenceAround(n, max(0, from-2), max(0, from-2))
		if hasOwnerCheck(n[pf:from], false) {
			return true
		}
	}
	if to < len(n) {
		nt := min(len(n), to+2)
		_, nto := sentenceAround(n, nt, nt)
		if hasOwnerCheck(n[to:nto], false) {
			return true
		}
	}
	return false
}

// hasOwnerCheck looks for an owner's check that points back (anaphoric)
// in s, and with own also for a change the owner made themselves.
func hasOwnerCheck(s string, own bool) bool {
	for _, w := range ownerChecks {
		if wordIn(s, 0, len(s), w) >= 0 {
			return true
		}
	}
	// German puts the participle last ("das habe ich telefonisch
	// geprüft"): a first person, a participle of checking or arranging,
	// and a word pointing back or saying how, anywhere in the sentence.
	if (strings.Contains(s, "ich habe") || strings.Contains(s, "habe ich")) && containsAny(s, ownerChecksDE) &&
		containsAny(" "+s, []string{" das ", " es ", "selbst", "telefonisch", "persönlich"}) {
		return true
	}
	return own && containsAny(s, ownerOwn)
}

var (
	ownerChecks = []string{
		"i checked it", "i checked that", "i checked this", "i checked the change", "i checked the new", "i've checked it",
		"i confirmed it", "i confirmed that", "i confirmed this", "i confirmed the change", "i confirmed the new",
		"i verified it", "i verified that", "i verified this", "i verified the change", "i verified the new",
		"lo comprobé", "la comprobé", "lo confirmé", "lo verifiqué", "lo acordamos", "lo acordé", "lo hablé con",
		"je l'ai vérifié", "je l'ai confirmé", "j'ai vérifié", "j'ai confirmé", "nous l'avons convenu", "on l'a convenu",
	}
	ownerChecksDE = []string{"geprüft", "bestätigt", "verifiziert", "abgeklärt", "eingerichtet", "abgeschaltet", "ausgeschaltet", "deaktiviert", "vereinbart"}
	ownerOwn      = []string{
		"i set this up", "i set it up", "i set that up", "i turned it off", "i turned off", "i switched it off", "i switched off", "i disabled",
		"moi-même", "yo mismo", "yo misma", "ich selbst",
	}
)

// ownerRules are the rules whose matches the owner arranges for
// themselves as often as an attacker claims them: a payee, a forwarding,
// a download source, a setting or a right. ownerChecked lowers only these.
var ownerRules = map[string]bool{
	"payment-details-changed": true, "payment-misdirection": true, "mail-forward-rule": true, "safety-setting-off": true,
	"download-redirect": true, "privilege-grant": true, "approval-bypass": true, "memory-access-grant": true,
}

// ownerGated reports whether s, the sentence of a match or the window the
// learned layer flagged, keeps the owner in the loop for what it asks:
// the owner is asked, shown or has to approve first ("ask the owner
// before revealing any password", "después de enseñarle el comando al
// dueño", "die neue IBAN gibt der Inhaber frei, bevor Zahlungen
// rausgehen"). An instruction that waits for the owner's yes is disarmed
// by its own terms, whoever wrote it. The gates name the owner (or ask
// without naming anyone): "ask me first" or "with my approval" gate on
// whoever wrote them, a stranger in a group too. Any
// word that waives a check ("without asking", "no need to", "ohne",
// "sin", "sans") anywhere in s voids it: "no need to ask the owner
// first" is the opposite.
func ownerGated(s string) bool {
	return containsAny(s, ownerGates) && !containsAny(" "+s, gateWaivers)
}

var (
	ownerGates = []string{
		"ask the owner before", "ask the owner first", "check with the owner before", "check with the owner first",
		"confirm with the owner before", "show the owner first", "after showing the owner", "only after the owner approve",
		"once the owner approves", "with the owner's approval", "the owner signs off", "the owner has to approve",
		"the owner must approve", "wait for the owner's ok", "get the owner's ok", "ask before", "asking before",
		"vorher fragen", "frag vorher", "vorher nachfragen", "beim inhaber nachfragen", "beim besitzer nachfragen",
		"nach rückfrage", "gibt der inhaber frei", "gibt der besitzer frei", "nach freigabe durch den inhaber",
		"nach freigabe durch den besitzer", "mit freigabe des inhabers", "mit freigabe des besitzers",
		"pregunta antes", "preguntar antes", "al dueño antes", "preguntar al dueño", "pregúntale al dueño",
		"después de enseñarle", "después de mostrarle", "con permiso del dueño", "con la aprobación del dueño",
		"tras la aprobación del dueño", "demander avant", "demande avant", "demander au propriétaire",
		"au propriétaire avant", "après accord du propriétaire", "avec l'accord du propriétaire",
		"après validation du propriétaire",
	}
	gateWaivers = []string{
		"without", " no need", "not need", "needn't", "don't ask", "do not ask", "never ask", "not ask", "skip",
		" ohne ", "nicht nötig", "keine rückfrage", "nicht fragen", " sin ", "no hace falta", "no es necesario",
		"no preguntes", "sans ", "pas besoin", "inutile de", "ne demande pas",
	}
)

// sentenceOf returns the sentence holding n[start:end] (sentenceAround).
func sentenceOf(n string, start, end int) string {
	from, to := sentenceAround(n, start, end)
	return n[from:to]
}
