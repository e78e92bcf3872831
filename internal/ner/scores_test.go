package ner

import (
	"bufio"
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestScoresMatchEmissions checks that the tagging path (scores: features
// hashed into reused memory and looked up as they are summed) gives, to the
// bit, the emission scores of the training path (featureIDs, then
// emissions), and that tagging a sentence twice with one scratch, after a
// longer or a shorter one, gives the same tags.
func TestScoresMatchEmissions(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sents := []string{
		"Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget .",
		"i met jorge in denver yesterday and we talked about the game",
		"THE UNITED NATIONS SECURITY COUNCIL MET IN NEW YORK",
		"Officials of the Bank of America said the Red Cross sent aid to São Paulo .",
		"x",
		"Ortega 's plan to march on Managua was dismissed by the Vatican , Reuters reported .",
		"İstanbul \xff\xfe ǅemal Ωmega-Ψ 3.14 U.S. co-op don't",
	}
	s := &scratch{}
	for _, sent := range append(sents, sents...) {
		ws := strings.Fields(sent)
		want := make([]float32, len(ws)*numTags)
		r.m.emissions(r.m.featureIDs(ws, nil), want)
		got := r.m.scores(s, ws, nil)
		if len(got) != len(want) {
			t.Fatalf("%q: %d scores, want %d", sent, len(got), len(want))
		}
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%q: score %d = %v, want %v", sent, i, got[i], want[i])
			}
		}
		tags := slices.Clone(r.m.tagInto(s, ws, nil))
		if again := r.m.tag(ws, nil); !slices.Equal(tags, again) {
			t.Errorf("%q: tags with a reused scratch %v, with a fresh one %v", sent, tags, again)
		}
	}
}

// TestWeightsOutside16Bits decodes a feature table with a weight that does
// not fit 16 bits (writeModels never writes one, but a file may hold
// anything): the model then scores from float weights, with the same
// values as for weights that fit.
func TestWeightsOutside16Bits(t *testing.T) {
	table := func(big int64) []byte {
		var buf bytes.Buffer
		e := &encoder{w: bufio.NewWriter(&buf)}
		for range (numTags + 1) * numTags {
			e.f32(0)
		}
		e.f32(0.5) // scale
		e.uvar(3)  // features
		for i, q := range []int64{3, big, -7} {
			e.uvar(uint64(1000 + i)) // hash deltas
			e.w.WriteByte(1<<1 | 1<<4)
			e.svar(q)
			e.svar(-q)
		}
		e.w.Flush()
		return buf.Bytes()
	}
	for _, big := range []int64{12345, 40000} {
		m := &model{}
		d := &decoder{b: table(big)}
		if err := d.weights(m); err != nil {
			t.Fatal(err)
		}
		if wantQ := big <= math.MaxInt16; (m.q != nil) != wantQ {
			t.Fatalf("weight %d: 16-bit table %v, want %v", big, m.q != nil, wantQ)
		}
		hashes := []uint64{1000, 2001, 5, 3003}
		var got [numTags]float32
		if m.q != nil {
			got = m.q.sum(hashes)
		} else {
			for _, h := range hashes {
				if f, ok := m.index.Get(h); ok {
					for k := range numTags {
						got[k] += m.w[int(f)*numTags+k]
					}
				}
			}
		}
		want := [numTags]float32{1: float32(3+big-7) * 0.5, 4: -float32(3+big-7) * 0.5}
		if got != want {
			t.Errorf("weight %d: scores %v, want %v", big, got, want)
		}
		m.dense()
		if m.index.Len() != 3 || len(m.w) != 3*numTags {
			t.Errorf("weight %d: dense gives %d features, %d weights; want 3, %d", big, m.index.Len(), len(m.w), 3*numTags)
		}
	}
}

// TestModelRewrite writes the embedded model back and wants the same
// bytes: the run-time tables keep every weight as the file has it. The
// same weights as floats, as training leaves them, are quantized into
// the same table: what "annals train ner" writes is what the upgrade
// tool writes from an older file.
func TestModelRewrite(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteModel(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedModel) {
		t.Errorf("the model written back differs from the embedded one (%d and %d bytes)", buf.Len(), len(embeddedModel))
	}
	r.m.dense()
	floats := &model{Name: r.m.Name, Info: r.m.Info, words: r.m.words, gaz: r.m.gaz, trans: r.m.trans, index: r.m.index, w: r.m.w}
	var fbuf bytes.Buffer
	if err := writeModels(&fbuf, floats, nil); err != nil {
		t.Fatal(err)
	}
	if r.d != nil {
		t.Skip("the embedded model has a document model; the float check covers the sentence model only")
	}
	if !bytes.Equal(fbuf.Bytes(), embeddedModel) {
		t.Errorf("the float weights quantized again give another file (%d and %d bytes)", fbuf.Len(), len(embeddedModel))
	}
}

// TestEmbeddedModelChecks: the embedded model, which Load trusts, passes
// the checks ReadModel makes of a file.
func TestEmbeddedModelChecks(t *testing.T) {
	if _, err := ReadModel(bytes.NewReader(embeddedModel)); err != nil {
		t.Fatal(err)
	}
}
