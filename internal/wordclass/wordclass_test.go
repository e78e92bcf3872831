package wordclass

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// corpus makes sentences from a tiny grammar: determiners, nouns, verbs
// and adverbs in fixed slots, so that words of one kind share contexts.
func corpus(n int) [][]string {
	dets := []string{"the", "a", "this", "that", "every", "some", "no", "one", "my", "our", "your", "their", "his", "her", "its", "each", "another", "any"}
	nouns := []string{"dog", "cat", "minister", "army", "river", "treaty", "city", "farmer", "court", "ship", "envoy", "bank", "rebel", "town", "union", "judge", "garden", "school"}
	verbs := []string{"saw", "met", "signed", "crossed", "left", "joined", "visited", "blocked", "built", "sold", "praised", "fined", "owned", "closed", "opened", "found", "named", "hired"}
	advs := []string{"today", "again", "quickly", "twice", "later", "yesterday", "slowly", "alone", "openly", "early", "secretly", "gladly", "soon", "first", "finally", "often", "once", "anyway"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(a []string) string { return a[rng.IntN(len(a))] }
	var out [][]string
	for range n {
		out = append(out, []string{pick(dets), pick(nouns), pick(verbs), pick(dets), pick(nouns), pick(advs), "."})
	}
	return out
}

func TestInduceGroupsWordsOfOneKind(t *testing.T) {
	tab := Induce(corpus(3000), Options{Branch: 5, Depth: 2, Contexts: 100})
	if tab.Depth() != 2 {
		t.Fatalf("depth %d, want 2", tab.Depth())
	}
	// Five kinds of words (with "."), five groups: the top split must keep each kind together: nouns share their
	// first digit with nouns and not with verbs.
	first := func(w string) byte {
		p := tab.Path(w)
		if len(p) != 2 {
			t.Fatalf("path of %q is %q, want 2 digits", w, p)
		}
		return p[0]
	}
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"dog", "treaty", true},
		{"signed", "visited", true},
		{"the", "every", true},
		{"quickly", "yesterday", true},
		{"dog", "signed", false},
		{"the", "dog", false},
		{"signed", "quickly", false},
	} {
		if got := first(tc.a) == first(tc.b); got != tc.same {
			t.Errorf("%s (%s) and %s (%s): same top class %v, want %v", tc.a, tab.Path(tc.a), tc.b, tab.Path(tc.b), got, tc.same)
		}
	}
}

func TestInduceDeterministicAndRoundTrip(t *testing.T) {
	var out [2]bytes.Buffer
	for k := range out {
		if err := Induce(corpus(500), Options{Seed: 5}).Write(&out[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two inductions with the same data and seed differ")
	}
	tab, err := Read(bytes.NewReader(out[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := tab.Write(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), out[0].Bytes()) {
		t.Error("read then written table differs")
	}
	if tab.Path("Dog") != tab.Path("dog") || tab.Path("dog") == "" {
		t.Errorf("Path(Dog) %q, Path(dog) %q: want the same, non-empty", tab.Path("Dog"), tab.Path("dog"))
	}
	if p := tab.Path("zebra"); p != "" {
		t.Errorf("unknown word has path %q", p)
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"the", "the"},
		{"The", "the"},
		{"1990s", "0000s"},
		{"Ümit", "ümit"},
		{"U.S.", "u.s."},
		{"", ""},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "empty table"},
		{"no header", "dog\t12\n", "line 1"},
		{"bad depth", "# wordclass depth 9\n", "line 1"},
		{"short path", "# wordclass depth 3\ndog\t12\n", "line 2"},
		{"letters", "# wordclass depth 2\ndog\tab\n", "line 2"},
		{"no tab", "# wordclass depth 2\ndog 12\n", "line 2"},
	} {
		_, err := Read(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.want)
		}
	}
}

func TestNilAndEmptyTables(t *testing.T) {
	var tab *Table
	if p := tab.Path("dog"); p != "" {
		t.Errorf("nil table: path %q", p)
	}
	e := Empty(4)
	var b bytes.Buffer
	if err := e.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := Read(&b)
	if err != nil || r.Len() != 0 || r.Depth() != 4 {
		t.Errorf("empty table read back: %v, %d words, depth %d", err, r.Len(), r.Depth())
	}
}

// TestReadLineEndings: a table with Windows line endings, or without a
// final newline, reads as the same table.
func TestReadLineEndings(t *testing.T) {
	const unix = "# wordclass depth 2\nheron\t01\negret\t01\nbarge\t30\n"
	for _, in := range []string{unix, strings.ReplaceAll(unix, "\n", "\r\n"), strings.TrimSuffix(unix, "\n")} {
		tab, err := Read(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if tab.Len() != 3 || tab.Path("heron") != "01" || tab.Path("barge") != "30" {
			t.Errorf("%q: %d words, heron %q, barge %q", in, tab.Len(), tab.Path("heron"), tab.Path("barge"))
		}
	}
}
