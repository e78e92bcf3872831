package perceptron

import (
	"bytes"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestDenseAndSparseRows builds a model whose features have from one
// weight to one for every class, so that some keep them in the slot, some
// as entries and some as dense rows, and checks ScoreInt against the sum
// of the weights put in, before and after a write and read, and that the
// written bytes survive a second round trip unchanged.
func TestDenseAndSparseRows(t *testing.T) {
	classes := make([]string, 10)
	for i := range classes {
		classes[i] = string(rune('a' + i))
	}
	m := &Model{Classes: classes, scale: 0.5}
	const n = 300
	m.newTable(n)
	rng := rand.New(rand.NewPCG(9, 9))
	want := map[uint64][10]int32{}
	for f := uint64(1); f <= n; f++ {
		var ps []pair
		var w [10]int32
		for c := range 10 {
			if rng.IntN(10) < int(f%11) {
				q := int16(rng.IntN(2000) - 1000)
				if q == 0 {
					q = 7
				}
				ps = append(ps, pair{q: q, class: uint8(c)})
				w[c] = int32(q)
			}
		}
		if len(ps) == 0 {
			continue
		}
		m.put(key(F1(4, f)), ps)
		want[f] = w
	}
	if len(m.dense) == 0 || len(m.entries) == 0 {
		t.Fatalf("%d dense weights, %d entries: want both kinds of row", len(m.dense), len(m.entries))
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var buf2 bytes.Buffer
	if err := m2.Write(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("a model read back writes different bytes")
	}
	for _, mm := range []*Model{m, m2} {
		var all Sums
		var feats []uint64
		var sum [10]int32
		for f, w := range want {
			var acc Sums
			mm.ScoreInt([]uint64{F1(4, f)}, &acc)
			if [10]int32(acc[:10]) != w {
				t.Fatalf("feature %d: sums %v, want %v", f, acc[:10], w)
			}
			feats = append(feats, F1(4, f))
			for c := range sum {
				sum[c] += w[c]
			}
		}
		mm.ScoreInt(feats, &all)
		if [10]int32(all[:10]) != sum {
			t.Errorf("all features: sums %v, want %v", all[:10], sum)
		}
		scores := make([]float32, 10)
		mm.Score(feats, scores)
		for c := range scores {
			if scores[c] != float32(sum[c])*0.5 {
				t.Errorf("class %d: score %v, want %v", c, scores[c], float32(sum[c])*0.5)
			}
		}
	}
}

// TestScoreEach spreads the features of the toy model over three sums,
// more than one chunk of them, and checks each sum against ScoreInt over
// its own features.
func TestScoreEach(t *testing.T) {
	m := toy(2).Model(0)
	var feats []uint64
	var to []uint8
	var own [3][]uint64
	for i := range 150 {
		v := uint64(i / 3 % 3)
		f := []uint64{F1(1, v), F1(2, v), F2(3, v, 7)}[i%3]
		if i%7 == 0 {
			f = F1(99, uint64(i)) // no weights
		}
		feats = append(feats, f)
		to = append(to, uint8(i%3))
		own[i%3] = append(own[i%3], f)
	}
	var got [3]Sums
	m.ScoreEach(feats, to, []*Sums{&got[0], &got[1], &got[2]})
	for k := range own {
		var want Sums
		m.ScoreInt(own[k], &want)
		if got[k] != want {
			t.Errorf("sum %d: %v, want %v", k, got[k][:3], want[:3])
		}
		if want == (Sums{}) {
			t.Errorf("sum %d has no weights: the test checks nothing", k)
		}
	}
}

// TestShippedModelsRoundTrip reads the models the binary embeds (which
// hold dense rows, entries and in-slot weights), checking their tables
// (the binary trusts them), and writes them back: the bytes must not
// change.
func TestShippedModelsRoundTrip(t *testing.T) {
	for _, f := range []string{"../depparse/model/parser.bin", "../postag/model/tagger.bin", "../postag/model/tagger-back.bin", "../event/model/classifier.bin", "../event/model/ranker.bin"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		m, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var buf bytes.Buffer
		if err := m.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), b) {
			t.Errorf("%s: written back, %d bytes differ from the %d read", f, buf.Len(), len(b))
		}
		if len(m.dense) == 0 && !strings.Contains(f, "ranker") {
			t.Errorf("%s: no dense rows", f)
		}
	}
}
