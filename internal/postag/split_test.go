package postag

import (
	"slices"
	"strings"
	"testing"
)

// TestSplitFeaturesAreTheFeatures checks on sentences of our own, at
// every word and for several choices of the tags before it, that the
// word's own features and its tag features are the features training
// sees, neither more nor fewer.
func TestSplitFeaturesAreTheFeatures(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"Customs officers at the northern crossing seized 3,400 litres of diesel on Wednesday .",
		"Why would anyone vote for that ?",
		"E-mail: press@example.org / tel. 555-0199",
		"Ok",
	} {
		words := strings.Fields(s)
		info := make([]wordInfo, len(words))
		analyze(words, info, tg.lex, tg.wc)
		for i := range words {
			for _, pp := range [][2]int{{-1, -2}, {0, -1}, {5, 7}, {40, 3}} {
				want := features(nil, info, i, pp[0], pp[1])
				got := tagFeatures(wordFeatures(nil, info, i), info, i, pp[0], pp[1])
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("%q word %d, tags %v: %d split features, %d from features, or different", s, i, pp, len(got), len(want))
				}
			}
		}
	}
}
