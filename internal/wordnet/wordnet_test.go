package wordnet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t *testing.T) *DB {
	t.Helper()
	db, err := Open("testdata")
	if err != nil {
		t.Fatalf("Open(testdata): %v", err)
	}
	return db
}

func TestSynsetsAndWords(t *testing.T) {
	db := fixture(t)
	tests := []struct {
		lemma string
		pos   POS
		want  []string // first word of each synset, in sense order
	}{
		{"raid", Noun, []string{"raid"}},
		{"surprise attack", Noun, []string{"raid"}},
		{"raid", Verb, []string{"raid"}},
		{"assail", Verb, []string{"attack"}},
		{"assailed", Verb, []string{"attack"}}, // through verb.exc
		{"siege", Noun, nil},
	}
	for _, tc := range tests {
		var got []string
		for _, s := range db.Synsets(tc.lemma, tc.pos) {
			got = append(got, s.Words[0])
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("Synsets(%q, %s) = %v, want %v", tc.lemma, tc.pos, got, tc.want)
		}
	}
	s := db.Synsets("raid", Noun)[0]
	if s.LexFile != 4 || s.Gloss != "a sudden short attack" || len(s.Words) != 2 || s.Words[1] != "surprise attack" {
		t.Errorf("raid.n.01 = %+v", s)
	}
}

func TestDerivedAndHypernyms(t *testing.T) {
	db := fixture(t)
	v := db.Synsets("raid", Verb)[0]
	d := db.Derived(v, "raid", Noun)
	if len(d) != 1 || d[0].Word != "raid" || d[0].Synset.Offset != 100 {
		t.Fatalf("Derived(raid.v) = %+v", d)
	}
	if d := db.Derived(v, "attack", Noun); d != nil {
		t.Errorf("Derived for a word not in the synset = %+v, want nil", d)
	}
	h := db.Hypernyms(v, 3)
	if len(h) != 1 || h[0].Words[0] != "attack" {
		t.Errorf("Hypernyms(raid.v) = %+v", h)
	}
	if len(v.Frames) != 1 || v.Frames[0] != 8 || v.Intransitive() {
		t.Errorf("raid.v frames = %v, intransitive %v; want [8], false", v.Frames, v.Intransitive())
	}
	if s := (&Synset{Frames: []int{1, 2}}); !s.Intransitive() {
		t.Errorf("frames [1 2] (Something/Somebody ----s) should be intransitive")
	}
	if got := db.Rank("assail", Ref{Verb, 400}); got != 1 {
		t.Errorf("Rank = %d, want 1", got)
	}
	if got := Name("surprise attack", Noun, 1); got != "surprise_attack.n.01" {
		t.Errorf("Name = %q", got)
	}
}

func TestLemmas(t *testing.T) {
	db := fixture(t)
	tests := []struct {
		form string
		pos  POS
		want string
	}{
		{"raids", Noun, "raid"},
		{"raiding", Verb, "raid"},
		{"raided", Verb, "raid"},
		{"attacks", Verb, "attack"},
		{"assaults", Noun, "assault"},
		{"sieges", Noun, ""},
	}
	for _, tc := range tests {
		got := strings.Join(db.Lemmas(tc.form, tc.pos), ",")
		if got != tc.want {
			t.Errorf("Lemmas(%q, %s) = %q, want %q", tc.form, tc.pos, got, tc.want)
		}
	}
}

func TestBadLines(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"index.noun", "index.verb", "data.verb"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := "00000100 04 n 02 raid 0 surprise_attack 0 002 @ 00000200 n 0000 + 00000300 v 0101 | a sudden short attack\n" +
		"00000200 04 n zz assault | broken word count\n"
	if err := os.WriteFile(filepath.Join(dir, "data.noun"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), "data.noun:2:") {
		t.Fatalf("Open with a bad line: err = %v, want one naming data.noun:2", err)
	}
	if len(db.Synsets("raid", Noun)) != 1 {
		t.Errorf("the good line was not kept")
	}
}

// TestSystemWordNet reads the installed database when there is one.
func TestSystemWordNet(t *testing.T) {
	dir := "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dir, "data.noun")); err != nil {
		t.Skip("WordNet is not installed (scripts/wordnet.sh installs it)")
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var nouns []string
	for _, s := range db.Synsets("bomb", Verb) {
		for _, r := range db.Derived(s, "bomb", Noun) {
			nouns = append(nouns, r.Word)
		}
	}
	if !strings.Contains(strings.Join(nouns, ","), "bombing") {
		t.Errorf("noun forms of bomb.v = %v, want bombing among them", nouns)
	}
}

func TestSenses(t *testing.T) {
	db := fixture(t)
	got, err := db.Senses(Noun, []Sense{{Word: "raid", Rank: 1}, {Word: "surprise attack", Rank: 1}})
	if err != nil {
		t.Fatal(err)
	}
	raid := db.Synsets("raid", Noun)[0].Ref
	if len(got) != 1 || got[raid] != "surprise_attack.n.01" {
		t.Errorf("Senses = %v: want the one synset, named by the later word", got)
	}
	for _, bad := range []Sense{{Word: "raid", Rank: 2}, {Word: "siege", Rank: 1}, {Word: "raid", Rank: 0}} {
		if _, err := db.Senses(Noun, []Sense{bad}); err == nil {
			t.Errorf("Senses(%v): no error", bad)
		}
	}
}
