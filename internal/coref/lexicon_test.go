package coref

import (
	"strings"
	"testing"
)

func TestDefaultLexicon(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatalf("embedded tables: %v", err)
	}
	for _, c := range []struct {
		table map[string]Class
		word  string
		want  Class
	}{
		{lx.Nouns, "woman", ClassFemale},
		{lx.Nouns, "president", ClassOffice},
		{lx.Nouns, "doctor", ClassPerson},
		{lx.Nouns, "government", ClassGroup},
		{lx.Names, "mary", ClassFemale},
		{lx.Names, "john", ClassMale},
		{lx.Names, "mr.", ClassMale},
	} {
		if got := c.table[c.word]; got != c.want {
			t.Errorf("%q: class %v, want %v", c.word, got, c.want)
		}
	}
	if !lx.Reporting["say"] || !lx.Reporting["warn"] || lx.Reporting["avoid"] {
		t.Errorf("reporting verbs: say %v, warn %v, avoid %v", lx.Reporting["say"], lx.Reporting["warn"], lx.Reporting["avoid"])
	}
	if len(lx.Nouns) < 300 || len(lx.Names) < 300 {
		t.Errorf("tables too small: %d nouns, %d names", len(lx.Nouns), len(lx.Names))
	}
}

func TestReadNounsReportsBadLines(t *testing.T) {
	lx := &Lexicon{Nouns: map[string]Class{}, Names: map[string]Class{}}
	err := lx.ReadNouns(strings.NewReader("# comment\nsurgeon\tp\nnurse\nmidwife\tx\nDuchess\tf\n"), "user.tsv")
	if err == nil || !strings.Contains(err.Error(), "user.tsv:3") || !strings.Contains(err.Error(), "user.tsv:4") {
		t.Errorf("error = %v, want lines 3 and 4 reported", err)
	}
	if lx.Nouns["surgeon"] != ClassPerson || lx.Nouns["duchess"] != ClassFemale || len(lx.Nouns) != 2 {
		t.Errorf("nouns = %v", lx.Nouns)
	}
}

func TestClassRoundTrip(t *testing.T) {
	for c := ClassMale; c < numClass; c++ {
		if got, err := ParseClass(c.String()); err != nil || got != c {
			t.Errorf("ParseClass(%q) = %v, %v", c, got, err)
		}
	}
	if _, err := ParseClass("x"); err == nil {
		t.Error("ParseClass(x): no error")
	}
}
