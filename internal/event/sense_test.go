package event

import "testing"

// TestSenseTable checks the embedded WordNet-derived sense words: each kind
// is read, holds words of its kind, and leaves out what it must not hold
// (names of people, nouns with a concrete sense, words that are no game).
func TestSenseTable(t *testing.T) {
	w, err := senseSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		set  map[string]bool
		kind string
		in   []string
		out  []string
	}{
		{w.sport, "sport", []string{"match", "tournament", "corner kick", "soccer"}, []string{"attack", "kick", "team", "hillary", "stadium"}},
		{w.player, "player", []string{"goalkeeper", "footballer"}, []string{"soldier", "minister"}},
		{w.abstract, "abstract", []string{"poverty", "opportunity"}, []string{"gas", "power", "control", "village", "fire"}},
		{w.state, "state", []string{"injury"}, []string{"attack", "raid"}},
		{w.phrasal, "phrasal", []string{"wound up", "found out"}, []string{"shoot down", "beat up"}},
	} {
		for _, x := range c.in {
			if !c.set[x] {
				t.Errorf("%s words lack %q", c.kind, x)
			}
		}
		for _, x := range c.out {
			if c.set[x] {
				t.Errorf("%s words hold %q", c.kind, x)
			}
		}
	}
}
