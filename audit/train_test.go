package audit

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The training command. `go generate ./audit` runs
//
//	go test -count=1 -run '^TestModelReproducible$' -update-model .
//
// which fits the learned layer on the train rows of the split
// (split_test.go, testdata/split.json), chooses its thresholds on the
// tune rows, and writes model.bin. Without -update-model the same test
// trains again and fails unless the result equals the committed model.bin
// byte for byte: the model is what the data and this code make, nothing
// else. Training is sequential, seeded, and keeps the compiler from fusing
// multiply-adds (explicit conversions), so it is deterministic on one
// architecture. Under -race it is skipped (it would take minutes); .ci/run
// runs it without -race.

//go:generate go test -count=1 -run ^TestModelReproducible$ -update-model .

var updateModel = flag.Bool("update-model", false, "retrain model.bin from ../shared/datasets and the generators")

// Training hyper-parameters (fixed before training; not tuned on test
// sets).
const (
	trainEpochs = 20
	trainRate   = 0.2
	trainL2     = 1e-5
	trainSeed   = 42
)

// groupWeight balances the training groups: each group's examples share
// this much weight, whatever their number.
var groupWeight = map[string]float64{
	"bipia": 1, "jailbreak": 1.5, "gen-injection": 2.5,
	"taskmaster": 2, "wildguard": 1, "email": 0.5, "gen-benign": 2.5,
	"held-injection": 1.5, "held-benign": 1.5,
}

// featurize returns the feature windows of a text, as the scanner scores
// them: every sentence and every pair of adjacent sentences.
func featurize(text string) [][]uint32 {
	n := normalize(text)
	type sent struct {
		idx  []uint32
		cues uint32
	}
	var ss []sent
	extract(n.text, n.lines, nil, false, func(s *sentFeats) { ss = append(ss, sent{slices.Clone(s.idx), s.cues}) })
	var wins [][]uint32
	for i, s := range ss {
		wins = append(wins, cueFeatures(s.cues, 0, slices.Clone(s.idx), nil))
		if i > 0 {
			w := append(slices.Clone(ss[i-1].idx), s.idx...)
			wins = append(wins, cueFeatures(ss[i-1].cues, s.cues, w, nil))
		}
	}
	return wins
}

type trainEx struct {
	wins [][]uint32
	y    float64
	wt   float64
}

type trainer struct {
	w, g2 []float64
	b, gb float64
}

func (tr *trainer) logit(x []uint32) float64 {
	var s float64
	for _, i := range x {
		s += tr.w[i]
	}
	return tr.b + float64(s*(1/math.Sqrt(float64(len(x)))))
}

// step is one AdaGrad step of L2-regularised logistic loss. Every product
// that meets an addition is converted explicitly, so no fused
// multiply-add changes the bits.
func (tr *trainer) step(x []uint32, y, wt float64) {
	k := 1 / math.Sqrt(float64(len(x)))
	p := 1 / (1 + math.Exp(-tr.logit(x)))
	g := float64((p - y) * wt)
	gk := float64(g * k)
	for _, i := range x {
		gi := gk + float64(trainL2*tr.w[i])
		tr.g2[i] += float64(gi * gi)
		tr.w[i] -= float64(trainRate*gi) / (math.Sqrt(tr.g2[i]) + 1e-6)
	}
	tr.gb += float64(g * g)
	tr.b -= float64(trainRate*g) / (math.Sqrt(tr.gb) + 1e-6)
}

// trainModel fits the weights on train rows and chooses thresholds on
// tune rows; report says how it did on the tune rows.
func trainModel(rows []row) (*model, string) {
	count := map[string]int{}
	for _, r := range rows {
		if r.role == "train" {
			count[r.group]++
		}
	}
	var exs []trainEx
	total := 0.0
	for _, g := range sortedKeys(groupWeight) {
		total += groupWeight[g]
	}
	n := 0
	for _, r := range rows {
		if r.role == "train" {
			n++
		}
	}
	for _, r := range rows {
		if r.role != "train" || r.label == "credential" {
			continue
		}
		gw, ok := groupWeight[r.group]
		if !ok {
			panic("no weight for training group " + r.group)
		}
		y := 0.0
		if r.label == "injection" {
			y = 1
		}
		wins := featurize(r.e.Text)
		if len(wins) == 0 {
			continue
		}
		exs = append(exs, trainEx{wins: wins, y: y, wt: gw * float64(n) / (float64(count[r.group]) * total)})
	}
	tr := &trainer{w: make([]float64, 1<<modelBits), g2: make([]float64, 1<<modelBits)}
	for ep := 0; ep < trainEpochs; ep++ {
		order := rand.New(rand.NewPCG(trainSeed, uint64(ep))).Perm(len(exs))
		for _, k := range order {
			ex := exs[k]
			if ep == 0 {
				// First pass: every window, sharing the example's weight.
				for _, x := range ex.wins {
					tr.step(x, ex.y, ex.wt/float64(len(ex.wins)))
				}
				continue
			}
			// Then the window the scanner would report (the highest
			// score): for an attack, the part that is the attack; for
			// benign text, its most attack-like part.
			best, bl := 0, math.Inf(-1)
			for i, x := range ex.wins {
				if l := tr.logit(x); l > bl {
					best, bl = i, l
				}
			}
			tr.step(ex.wins[best], ex.y, ex.wt)
		}
	}
	// Quantise to int16.
	maxAbs := 0.0
	for _, w := range tr.w {
		maxAbs = max(maxAbs, math.Abs(w))
	}
	m := &model{w: make([]int16, len(tr.w)), scale: float32(maxAbs / 32767), bias: float32(tr.b)}
	for i, w := range tr.w {
		m.w[i] = int16(math.Round(w / maxAbs * 32767))
	}
	m.prepare()
	// Thresholds from the tune rows: fixed false-positive budgets on the
	// tune benign groups (conversation turns, generated hard look-alikes).
	scores := map[string][]float32{}
	for _, r := range rows {
		if r.role != "tune" {
			continue
		}
		nz := normalize(r.e.Text)
		l := float32(math.Inf(-1))
		if w, ok := m.score(nz.text, nz.lines, nil); ok {
			l = w.logit
		}
		scores[r.group+"|"+r.label] = append(scores[r.group+"|"+r.label], l)
	}
	tm, gen, wg, other := scores["taskmaster|benign"], scores["gen-benign|benign"], scores["wildguard|benign"], scores["held-other|benign"]
	// Budgets on the tune rows. The hard-benign target is 3% at medium for
	// the whole engine, and the phrase rules alone already flag about 4% of
	// the generated look-alikes, so the learned layer gets 1% of them at
	// medium (3% at low, which only untrusted sources lift to medium);
	// conversation turns get a tenth of the benign-chat target (0.5%);
	// benign prompts to an assistant (WildGuard's tune quarter) 1%; other
	// authors' look-alikes (development sets 27 to 30, tune only) 8% at
	// medium and 1% at high. The generated budget alone let the layer flag
	// a quarter of those; 8% was chosen among 3%, 5% and 8% on the
	// development and read sets: 3% and 5% cost 12 to 14 of their 208
	// attacks and 6 to 8% of the tune jailbreaks at medium (0.955 without
	// this budget), 8% costs 3 attacks and 1 of 132 jailbreaks, and cuts
	// the look-alikes the whole engine flags there by a third (36 to 24).
	m.tLow = max(budget(tm, 0.01), budget(gen, 0.04))
	m.tMed = max(budget(tm, 0.0005), budget(gen, 0.015), budget(wg, 0.01), budget(other, 0.08), next32(m.tLow))
	m.tHigh = max(budget(tm, 0.0002), budget(gen, 0.005), budget(wg, 0.003), budget(other, 0.01), next32(m.tMed))

	var b strings.Builder
	fmt.Fprintf(&b, "trained on %d examples; thresholds (logit) low %.3f medium %.3f high %.3f\n", len(exs), m.tLow, m.tMed, m.tHigh)
	fmt.Fprintf(&b, "| tune group | n | >= low | >= medium | >= high |\n|---|---|---|---|---|\n")
	for _, k := range sortedKeys(scores) {
		v := scores[k]
		at := func(t float32) string {
			c := 0
			for _, x := range v {
				if x >= t {
					c++
				}
			}
			return fmt.Sprintf("%.3f", float64(c)/float64(len(v)))
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s |\n", k, len(v), at(m.tLow), at(m.tMed), at(m.tHigh))
	}
	return m, b.String()
}

// budget returns the lowest threshold that at most frac of vals reach.
func budget(vals []float32, frac float64) float32 {
	if len(vals) == 0 {
		return float32(math.Inf(-1))
	}
	v := slices.Clone(vals)
	sort.Slice(v, func(i, j int) bool { return v[i] > v[j] })
	k := int(frac * float64(len(v)))
	return next32(v[min(k, len(v)-1)])
}

func next32(x float32) float32 { return math.Nextafter32(x, float32(math.Inf(1))) }

func TestModelReproducible(t *testing.T) {
	if raceEnabled && !*updateModel {
		t.Skip("training under -race takes minutes; .ci/run runs this test without -race")
	}
	if _, err := os.Stat(datasets); err != nil {
		t.Skipf("%s absent: cannot rebuild the model", datasets)
	}
	rows := loadSplit(t)
	m, report := trainModel(rows)
	t.Log("\n" + report)
	b := m.encode()
	if *updateModel {
		if err := os.WriteFile("model.bin", b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote model.bin (%d bytes, sha256 %x)", len(b), sha256.Sum256(b))
		return
	}
	if !bytes.Equal(b, modelBin) {
		t.Fatalf("model.bin (sha256 %x) is not what the training command builds (sha256 %x): run go generate ./audit", sha256.Sum256(modelBin), sha256.Sum256(b))
	}
}
