package ner

import (
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
		"Zelensky 's threats to march on Crimea were laughed off by the Kremlin , the BBC reported .",
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
