package depparse

import (
	"slices"
	"strings"
	"testing"

	"annals/internal/perceptron"
	"annals/internal/text"
)

// rowSentences are tagged sentences of our own, unlike each other: a
// clause with a relative clause, a question, a coordination with numbers,
// a one-word reply, a long list.
var rowSentences = []string{
	"The_DT farmers_NNS who_WP blocked_VBD the_DT bridge_NN said_VBD on_IN Monday_NNP that_IN they_PRP would_MD stay_VB ._.",
	"Did_VBD the_DT ministry_NN ever_RB answer_VB their_PRP$ letter_NN ?_.",
	"Police_NNS detained_VBD 14_CD students_NNS and_CC released_VBD 9_CD of_IN them_PRP before_IN dawn_NN ._.",
	"Thanks_NNS !_.",
	"Ports_NNS ,_, roads_NNS ,_, schools_NNS ,_, clinics_NNS and_CC two_CD old_JJ airports_NNS in_IN the_DT north_NN were_VBD closed_VBN for_IN repairs_NNS ,_, officials_NNS told_VBD reporters_NNS in_IN Lagos_NNP late_RB on_IN Friday_NNP ._.",
}

var rowUPOS = map[string]text.POS{
	"DT": text.DET, "NNS": text.NOUN, "NN": text.NOUN, "NNP": text.PROPN, "WP": text.PRON,
	"VBD": text.VERB, "VB": text.VERB, "VBN": text.VERB, "IN": text.ADP, "PRP": text.PRON,
	"PRP$": text.PRON, "MD": text.AUX, ".": text.PUNCT, ",": text.PUNCT, "RB": text.ADV,
	"CD": text.NUM, "CC": text.CCONJ, "JJ": text.ADJ,
}

func rowSentence(t *testing.T, s string) (words, tags []string) {
	for _, wt := range strings.Fields(s) {
		i := strings.LastIndexByte(wt, '_')
		u, ok := rowUPOS[wt[i+1:]]
		if !ok {
			t.Fatalf("no UPOS for %q", wt)
		}
		words = append(words, wt[:i])
		tags = append(tags, joint(u, wt[i+1:]))
	}
	return words, tags
}

// TestGroupsAreTheFeatures follows the parser through sentences of our
// own and checks, at each transition, that the joint features and the
// groups' features are the features training sees, neither more nor
// fewer, and that the cached rows give the scores of looking every
// feature up.
func TestGroupsAreTheFeatures(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	nc := p.model.NumClasses()
	w := p.get()
	steps := 0
	for _, sent := range rowSentences {
		words, tags := rowSentence(t, sent)
		w.x.set(words, tags)
		s := &w.st
		s.reset(len(words))
		w.rows.reset(len(words), nc)
		for !s.done() {
			if len(s.stack) == 1 {
				s.apply(shift)
				continue
			}
			want := features(nil, s, &w.x)
			got := jointFeatures(nil, s, &w.x)
			for g := range nGroups {
				i, _ := groupPlace(g, s)
				got = groupFeatures(got, g, s, &w.x, i)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%q step %d: %d features in groups, %d from features, or different", sent, steps, len(got), len(want))
			}
			var full perceptron.Sums
			p.model.ScoreInt(want, &full)
			sc := p.score(w)
			if !slices.Equal(sc, full[:nc]) {
				t.Fatalf("%q step %d: cached scores differ from looking every feature up", sent, steps)
			}
			best := 0
			for c, x := range sc {
				if x > sc[best] && s.valid(c, p.root) || !s.valid(best, p.root) && s.valid(c, p.root) {
					best = c
				}
			}
			s.apply(best)
			steps++
		}
	}
	if steps < 50 {
		t.Errorf("only %d transitions checked", steps)
	}
}
