package event

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestDefaultLexiconIsTheMerge: the embedded lexicon, read straight into
// the hand-written one, is the lexicon that reading the table on its own
// and merging it gives: the same entries for every first word, in the
// same order, the same inflected forms, name, version and size.
func TestDefaultLexiconIsTheMerge(t *testing.T) {
	got, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	want, err := LoadLexicon(bytes.NewReader(handLexicon), "hand.tsv")
	if err != nil {
		t.Fatal(err)
	}
	table, err := LoadLexicon(bytes.NewReader(defaultLexicon), "lexicon.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want.Merge(table)
	if got.Name != want.Name || got.Version != want.Version || got.Len() != want.Len() {
		t.Errorf("got %s v%s with %d entries, want %s v%s with %d", got.Name, got.Version, got.Len(), want.Name, want.Version, want.Len())
	}
	if !slices.Equal(slices.Sorted(maps.Keys(got.byFirst)), slices.Sorted(maps.Keys(want.byFirst))) {
		t.Fatal("the first words differ")
	}
	describe := func(es []*Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, strings.Join([]string{e.Phrase(), e.Source, string(e.Type), e.Mode, e.CAMEO,
				strings.Join(slices.Sorted(maps.Keys(e.Objects)), ","), map[bool]string{true: "N", false: "V"}[e.Noun]}, "|"))
		}
		return out
	}
	for k, list := range want.byFirst {
		if g, w := describe(got.byFirst[k]), describe(list); !slices.Equal(g, w) {
			t.Errorf("%q: entries\n%v\nwant\n%v", k, g, w)
		}
	}
	// forms holds exactly the inflections of every entry's first word,
	// as a noun or a verb as the entry is
	inflected := map[string][]string{}
	for k, list := range got.byFirst {
		for _, e := range list {
			for _, f := range inflect(k, e.Noun) {
				if !contains(inflected[f], k) {
					inflected[f] = append(inflected[f], k)
				}
			}
		}
	}
	for f, ks := range inflected {
		if g := slices.Sorted(slices.Values(got.forms[f])); !slices.Equal(g, slices.Sorted(slices.Values(ks))) {
			t.Errorf("form %q: lemmas %v, the entries inflect to %v", f, g, ks)
		}
	}
	if len(got.forms) != len(inflected) {
		t.Errorf("%d inflected forms, the entries give %d", len(got.forms), len(inflected))
	}
	if len(got.forms) != len(want.forms) {
		t.Errorf("%d inflected forms, want %d", len(got.forms), len(want.forms))
	}
	for f, ks := range want.forms {
		// Merge adds forms in map order; the sets are what counts
		if g := slices.Sorted(slices.Values(got.forms[f])); !slices.Equal(g, slices.Sorted(slices.Values(ks))) {
			t.Errorf("form %q: lemmas %v, want %v", f, g, ks)
		}
	}
}

// TestSamePhrase: two triggers are the same phrase when their words join
// into the same text, whether or not a word holds a space.
func TestSamePhrase(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want bool
	}{
		{[]string{"call", "off"}, []string{"call", "off"}, true},
		{[]string{"call", "off"}, []string{"call"}, false},
		{[]string{"call off"}, []string{"call", "off"}, true},
		{[]string{"set", "up"}, []string{"set up", "camp"}, false},
		{nil, []string{}, true},
	} {
		if got := samePhrase(tc.a, tc.b); got != tc.want || samePhrase(tc.b, tc.a) != tc.want {
			t.Errorf("samePhrase(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
