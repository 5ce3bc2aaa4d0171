package audit

import "strings"

// The learned layer's semantic features: word classes in English, German,
// Spanish and French. A class fires when one of its words (or two-word
// phrases) appears in a window; the model learns a weight for each class
// and for each pair of classes that fire together ("persist" with
// "exfil": a standing order to send data out), so that an instruction
// worded in a way no phrase list names still lights up what it asks for.
// Words are matched after normalisation (lower case, NFKC) as whole
// tokens; tokens split at anything that is not a letter or digit, so
// "don't" is "don" "t" and "~/.ssh/id_rsa" is "ssh" "id" "rsa".

// cue is a class or shape bit.
type cue uint8

const (
	cueAddressee cue = iota // the assistant, you
	cueCommand              // imperative verbs aimed at an agent
	cuePersist              // always, from now on, every time
	cueTrigger              // when, if, as soon as
	cueOverride             // ignore previous instructions
	cueSecret               // keys, passwords, credential files
	cueExfil                // send, forward, upload
	cueExec                 // run, curl, bash
	cuePerm                 // admin, access, permissions
	cueDeceive              // pretend, secretly, without telling
	cueMoney                // IBAN, payment, wallet
	cueDownload             // index, mirror, download
	cueOutput               // reply, answer, response
	cueRoleplay             // act as, persona, mode
	cueAuthority            // admin says, policy, notice
	cueReport               // reported speech: tried, blocked, article, example, incident, caught
	// shapes, from punctuation
	cueURL
	cueEmail
	cuePath
	cueCode
	cueComment
	cueQuote
	cueImage
	cueBrace
	cuePipe
	cueDelimiter
	cueBracket
	numCues
)

var cueNames = [numCues]string{
	"addressee", "command", "persist", "trigger", "override", "secret", "exfil", "exec", "perm", "deceive", "money",
	"download", "output", "roleplay", "authority", "report",
	"url", "email-address", "file-path", "code", "html-comment", "quote", "markdown-image", "braces", "pipe",
	"delimiter", "brackets",
}

// dangers name what an instruction asks, for explanations and severity.
var dangers = []struct {
	c    cue
	what string
}{
	{cueSecret, "disclose secrets"}, {cueExfil, "send data out"}, {cueExec, "run code"}, {cuePerm, "change permissions"},
	{cueDeceive, "deceive the user"}, {cueMoney, "redirect money"}, {cueDownload, "redirect downloads"},
}

var lexiconWords = [cueReport + 1]string{
	cueAddressee: `assistant assistants ai agent bot model llm chatbot chatgpt gpt claude gemini copilot you your yours yourself
		du dich dir dein deine deinen deiner assistent assistenten ki modell
		tú tu tus te ti usted asistente agente ia modelo contigo
		vous votre vos toi ton ta tes assistante agent modèle
		u ur urself`,
	cueCommand: `ignore disregard forget send forward include append add reply respond answer say print output write run execute
		reveal show tell give grant disable enable install download upload paste copy delete remove set change use act pretend
		repeat translate summarize insert embed post share email bcc mention recommend report mark treat obey follow start begin end
		ignoriere vergiss sende schicke leite füge hänge antworte gib zeige führe starte lösche entferne setze ändere erlaube trage
		wiederhole schreibe beginne beende empfiehl melde sag schalte installiere lade
		ignora olvida envía envia manda reenvía añade incluye responde di muestra ejecuta corre instala descarga sube borra elimina
		cambia concede da pon repite escribe empieza termina recomienda informa obedece actúa finge
		oublie envoie transfère transmets ajoute inclus réponds dis affiche exécute lance installe télécharge supprime change
		accorde donne mets répète écris commence termine recommande signale obéis agis fais révèle colle`,
	cuePersist: `always whenever every each future henceforth permanently forever constantly afterwards
		immer jedes jeder jede jedem künftig fortan stets zukünftig dauerhaft
		siempre cada cualquier adelante permanente futuras
		toujours chaque désormais dorénavant systématiquement permanence
		now_on going_forward from_now ab_jetzt von_nun nun_an ahora_en en_adelante partir_de de_maintenant à_partir chaque_fois`,
	cueTrigger: `when whenever if once trigger keyword codeword phrase word
		wenn sobald falls wort
		cuando si palabra
		quand lorsque si dès mot
		as_soon soon_as`,
	cueOverride: `ignore disregard forget override bypass previous prior above earlier instructions instruction rules guidelines
		restrictions constraints policy policies filters safety jailbreak unrestricted unfiltered uncensored limitations
		ignoriere vergiss vorherigen bisherigen anweisungen anweisung regeln richtlinien einschränkungen
		ignora olvida anteriores previas instrucciones instrucción reglas restricciones
		oublie précédentes antérieures instructions consignes règles restrictions`,
	cueSecret: `password passwords passphrase key keys token tokens secret secrets credential credentials env ssh rsa apikey
		api private privkey seed mnemonic pin otp 2fa cookie cookies session shadow netrc kube
		passwort passwörter kennwort schlüssel zugangsdaten geheim
		contraseña contraseñas clave claves credenciales secreto
		identifiants clé clés secrète secret mot_de de_passe prompt systemprompt system_prompt instructions_above`,
	cueExfil: `send forward upload post email mail exfiltrate leak share transmit bcc cc webhook copy sync beacon
		sende senden schicke schicken leite weiter weiterleiten hochladen übermittle
		envía enviar envia manda mandar reenvía reenviar sube subir comparte copia
		envoie envoyer transfère transférer transmets partage téléverse copie`,
	cueExec: `run execute curl wget bash sh shell command commands script scripts powershell cmd cat eval sudo chmod exec
		subprocess terminal
		ausführen führe aus befehl befehle skript starte
		ejecuta ejecutar comando comandos corre
		exécute exécuter commande commandes lance`,
	cuePerm: `admin administrator root permission permissions access privileges privilege role grant authorized allowlist
		allowed rights owner sudo superuser authorized_keys
		administrator administratorrechte rechte berechtigung berechtigungen zugriff besitzer erlaube
		administrador permisos acceso derechos dueño concede
		administrateur droits accès permissions propriétaire accorde
		disable turn_off switch_off guard scanner confirmation approval approve auto_approve allowed_senders
		deaktiviere abschalten schalte bestätigung freigabe desactiva desactivar confirmación aprobación
		désactive désactiver confirmation validation`,
	cueDeceive: `pretend lie claim fake conceal hide secretly silently quietly unnoticed covertly without_telling don_t not_tell
		never_mention without_mentioning even_if
		heimlich verschweige verberge lüge behaupte ohne_es nichts_davon
		finge miente oculta secretamente sin_decir sin_mencionarlo no_se aunque
		prétends mens cache secrètement discrètement sans_le ne_le même_si`,
	cueMoney: `iban swift bic account bank payment payments pay transfer wire invoice invoices bitcoin btc wallet crypto paypal
		refund refunds order orders deliver delivered address shipping
		überweisung konto bankverbindung zahlung zahle miete bestellung bestellungen
		cuenta pago paga transferencia factura facturas pedido pedidos
		compte paiement virement payer règle factures commande commandes livrées`,
	cueDownload: `download downloads mirror index registry repository pypi npm package packages pip firmware update updates
		installer setup exe apk release releases extension plugin vendor official published
		offizielle hersteller oficial proveedor descargas enlace officiel éditeur
		herunterladen paket pakete
		descarga descargas paquete paquetes
		télécharge téléchargent paquet paquets`,
	cueOutput: `reply replies response responses answer answers output message messages say print respond summary words
		antwort antworten ausgabe antworte
		respuesta respuestas responde mensaje
		réponse réponses réponds message`,
	cueRoleplay: `pretend act roleplay role persona character mode dan developer jailbroken simulate simulation unfiltered
		grandma grandmother hypothetical fictional story
		rolle modus spiele entwicklermodus
		personaje modo actúa desarrollador
		rôle personnage mode incarne joue développeur`,
	cueAuthority: `admin administrator system server developer developers operator official notice important urgent update
		security team management support mandatory required
		administrator hinweis wichtig neue regel
		administrador aviso importante nueva regla
		administrateur avis important nouvelle règle`,
	cueReport: `tried attempted refused blocked flagged detected reported warned warning phishing spam article explains example
		examples describes quoted suite training slide attackers attacker scam suspicious joke
		versuchte abgelehnt blockiert erkannt gemeldet warnung beispiel
		intentó rechacé bloqueado detectado ejemplo artículo explica
		tenté refusé bloqué détecté signalé exemple article explique hameçonnage
		incident incidents postmortem mortem caught quarantined intercepted lesson drill red_team tester testers pentest pentester
		payload payloads flags
		fraudster fraudsters scammer scammers betrüger betrügern estafador estafadores escroc escrocs ignored ignoriert ignoró ignoré
		injection injections injektion inyección inyecciones
		nachbesprechung vorfall abgefangen incidente detuvo interceptado simulacro intercepté`,
}

// pairStartBit marks a word that begins a two-word entry (only then is
// the pair looked up); cueMask keeps the cue bits.
const (
	pairStartBit = 1 << 31
	cueMask      = pairStartBit - 1
)

// lexicon maps token hashes (and two-token hashes) to their cue bits.
type lexicon struct {
	keys []uint64
	bits []uint32
	mask uint64
}

func (l *lexicon) get(h uint64) uint32 {
	for i := h & l.mask; ; i = (i + 1) & l.mask {
		switch l.keys[i] {
		case h:
			return l.bits[i]
		case 0:
			return 0
		}
	}
}

func (l *lexicon) add(h uint64, b uint32) {
	for i := h & l.mask; ; i = (i + 1) & l.mask {
		if l.keys[i] == h || l.keys[i] == 0 {
			l.keys[i] = h
			l.bits[i] |= b
			return
		}
	}
}

var lex = func() *lexicon {
	l := &lexicon{keys: make([]uint64, 4096), bits: make([]uint32, 4096), mask: 4095}
	for c, words := range lexiconWords {
		for _, w := range strings.Fields(words) {
			// Two-token entries are written with "_" (a token never
			// holds one): "now_on" is "now" followed by "on".
			if a, b, ok := strings.Cut(w, "_"); ok {
				l.add(pairHash(tokenHash(a), tokenHash(b)), 1<<c)
				l.add(tokenHash(a), pairStartBit)
				continue
			}
			l.add(tokenHash(w), 1<<c)
		}
	}
	return l
}()
