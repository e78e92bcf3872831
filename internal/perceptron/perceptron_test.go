package perceptron

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// toy learns to tell three classes apart from two noisy features each.
func toy(seed uint64) *Trainer {
	tr := NewTrainer([]string{"a", "b", "c"})
	rng := rand.New(rand.NewPCG(seed, 1))
	scores := make([]float32, 3)
	for range 3000 {
		gold := rng.IntN(3)
		feats := []uint64{F1(1, uint64(gold)), F1(2, uint64(rng.IntN(3))), F2(3, uint64(gold), 7)}
		if rng.IntN(10) == 0 {
			feats[0] = F1(1, uint64(rng.IntN(3)))
		}
		clear(scores)
		tr.Score(feats, scores)
		best := 0
		for i, s := range scores {
			if s > scores[best] {
				best = i
			}
		}
		tr.Tick()
		tr.Update(feats, gold, best)
	}
	return tr
}

func TestLearnsAndRoundTrips(t *testing.T) {
	m := toy(1).Model(0)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m2.NumFeatures() != m.NumFeatures() || strings.Join(m2.Classes, ",") != "a,b,c" {
		t.Fatalf("read back %d features, classes %v; want %d, a,b,c", m2.NumFeatures(), m2.Classes, m.NumFeatures())
	}
	for gold := range 3 {
		for _, mm := range []*Model{m, m2} {
			s := make([]float32, 3)
			mm.Score([]uint64{F1(1, uint64(gold)), F2(3, uint64(gold), 7)}, s)
			for c := range 3 {
				if c != gold && s[c] >= s[gold] {
					t.Errorf("class %d scores %v: gold not highest", gold, s)
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	toy(5).Model(1e-3).Write(&a)
	toy(5).Model(1e-3).Write(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same data and seed gave different model bytes")
	}
}

func TestReadBad(t *testing.T) {
	var buf bytes.Buffer
	toy(2).Model(0).Write(&buf)
	full := buf.Bytes()
	for _, in := range [][]byte{nil, []byte("not gzip"), full[:len(full)/2]} {
		if _, err := Read(bytes.NewReader(in)); err == nil {
			t.Errorf("Read(%d bytes) succeeded, want an error", len(in))
		}
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	toy(3).Model(0.01).Write(&buf)
	f.Add(buf.Bytes())
	f.Add(writeV2(toy(3).Model(0.01)))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := Read(bytes.NewReader(in))
		if err == nil {
			m.Score([]uint64{1, 2, 3}, make([]float32, m.NumClasses()))
		}
	})
}

func TestMeanScoresAreTheMeanOfScores(t *testing.T) {
	a, b := toy(1).Model(0), toy(2).Model(0)
	m, err := Mean([]*Model{a, b}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, feats := range [][]uint64{
		{F1(1, 0), F1(2, 1), F2(3, 0, 7)},
		{F1(1, 2), F1(2, 2)},
		{F2(3, 1, 7)},
		{F1(9, 9)},
	} {
		sa, sb, sm := make([]float32, 3), make([]float32, 3), make([]float32, 3)
		a.Score(feats, sa)
		b.Score(feats, sb)
		m.Score(feats, sm)
		for c := range 3 {
			want := (sa[c] + sb[c]) / 2
			if d := sm[c] - want; d > 1e-3*(1+abs32(want)) || -d > 1e-3*(1+abs32(want)) {
				t.Errorf("feats %v class %d: mean model scores %v, want %v", feats, c, sm[c], want)
			}
		}
	}
	other := NewTrainer([]string{"x", "y"}).Model(0)
	if _, err := Mean([]*Model{a, other}, 0); err == nil {
		t.Error("Mean of models with different classes: no error")
	}
	if _, err := Mean(nil, 0); err == nil {
		t.Error("Mean of no models: no error")
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// TestReadInPlace: a model read in place from its bytes scores as the one
// read through a copying reader, and leaves the bytes as they were.
func TestReadInPlace(t *testing.T) {
	var buf bytes.Buffer
	if err := toy(3).Model(0).Write(&buf); err != nil {
		t.Fatal(err)
	}
	orig := append([]byte(nil), buf.Bytes()...)
	copied, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	inPlace, err := Read(NewInPlace(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if inPlace.NumFeatures() != copied.NumFeatures() {
		t.Fatalf("in place: %d features, copied: %d", inPlace.NumFeatures(), copied.NumFeatures())
	}
	for gold := range 3 {
		a, b := make([]float32, 3), make([]float32, 3)
		fs := []uint64{F1(1, uint64(gold)), F2(3, uint64(gold), 7)}
		copied.Score(fs, a)
		inPlace.Score(fs, b)
		if !slices.Equal(a, b) {
			t.Errorf("gold %d: in place scores %v, copied %v", gold, b, a)
		}
	}
	if !bytes.Equal(buf.Bytes(), orig) {
		t.Error("reading in place changed the bytes")
	}
	if _, err := Read(NewInPlace(orig[:len(orig)/2])); err == nil {
		t.Error("a truncated model read in place gave no error")
	}
}
