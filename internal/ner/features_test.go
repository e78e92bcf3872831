package ner

import (
	"strings"
	"testing"
	"unicode"
)

// shapeOf is the plain definition that shapeHash hashes: a word's short
// shape, each character mapped to X (upper), x (lower), d (digit), l
// (other letter) or itself, runs of the same class collapsed, at most 8.
func shapeOf(w string) string {
	var b strings.Builder
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsLetter(r):
			c = 'l'
		default:
			c = r
		}
		if c != last {
			b.WriteRune(c)
			last = c
			n++
			if n >= 8 {
				break
			}
		}
	}
	return b.String()
}

var oddWords = []string{
	"", "a", "Paris", "PARIS", "paris", "McDonald", "U.S.", "co-op", "don't", "3.14", "1990s",
	"São", "İstanbul", "ǅemal", "Ωmega-Ψ", "ÉCOLE", "straße", "ﬁle", "\xff\xfe", "a\xffB",
	"KELVIN\u212a", "ΣΊΣΥΦΟΣ", "日本", "x1Y2z3W4v5U6", "ABCDEFGHIJ-abc-123-XYZ", "Hello,World!",
}

func TestShapeHash(t *testing.T) {
	for _, w := range oddWords {
		if got, want := shapeHash(w), fnv1a(shapeOf(w)); got != want {
			t.Errorf("shapeHash(%q) = %#x, want fnv1a(%q) = %#x", w, got, shapeOf(w), want)
		}
	}
}

func TestLowerWords(t *testing.T) {
	s := &scratch{}
	for range 2 { // the second time with s's memory in use
		got := s.lowerWords(oddWords)
		for i, w := range oddWords {
			if want := strings.ToLower(w); got[i] != want {
				t.Errorf("lowerWords: %q → %q, want %q", w, got[i], want)
			}
		}
	}
}

func FuzzShapeAndLower(f *testing.F) {
	for _, w := range oddWords {
		f.Add(w, "New")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, w := range []string{a, b} {
			if got, want := shapeHash(w), fnv1a(shapeOf(w)); got != want {
				t.Errorf("shapeHash(%q) = %#x, want %#x", w, got, want)
			}
		}
		got := (&scratch{}).lowerWords([]string{a, b, a})
		for i, w := range []string{a, b, a} {
			if got[i] != strings.ToLower(w) {
				t.Errorf("lowerWords: %q → %q, want %q", w, got[i], strings.ToLower(w))
			}
		}
	})
}
