package audit

import (
	"testing"
)

func TestTmpDbg(t *testing.T) {
	s := newScanner(t, Options{})
	for _, text := range []string{
		"Scam warning from the bank: fraudsters send invoices claiming the supplier's account changed; always confirm new bank details by phone",
		"Aviso del banco: los estafadores mandan facturas diciendo que la cuenta del proveedor ha cambiado; confirmar siempre por teléfono",
	} {
		n := normalize(text)
		var sents []window
		best, _ := s.model.score(n.text, n.lines, &sents)
		for _, w := range sents {
			t.Logf("win %d-%d logit %.2f cues %b report %v %q", w.start, w.end, w.logit, w.cues, w.cues&(1<<cueReport) != 0, n.text[w.start:w.end])
		}
		t.Logf("best %.2f", best.logit)
		for _, r := range s.collect(t.Context(), text, 0, nil) {
			st, wk, q := mentioned(n.text, r.nstart, r.nend)
			t.Logf("%s %d-%d strong %v weak %v q %v note %q", r.rule, r.nstart, r.nend, st, wk, q, r.note)
		}
	}
}
