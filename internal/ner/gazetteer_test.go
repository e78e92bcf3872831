package ner

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// matchStrings is the plain definition of match: for each word, the
// longest entry from it found by building each candidate's text.
func (g *gazetteer) matchStrings(words []string, lower []string) [][]uint64 {
	if g == nil || len(g.cats) == 0 {
		return nil
	}
	out := make([][]uint64, len(words))
	var b strings.Builder
	for i := range words {
		for _, cased := range []bool{false, true} {
			dict := g.folded
			src := lower
			if cased {
				dict, src = g.cased, words
			}
			if len(dict) == 0 {
				continue
			}
			for n := min(g.maxLen, len(words)-i); n >= 1; n-- {
				b.Reset()
				for j := i; j < i+n; j++ {
					if j > i {
						b.WriteByte(' ')
					}
					b.WriteString(src[j])
				}
				cats, ok := dict[b.String()]
				if !ok {
					continue
				}
				for c := range len(g.cats) {
					if cats&(1<<c) == 0 {
						continue
					}
					for j := i; j < i+n; j++ {
						pos := gazInside
						switch {
						case n == 1:
							pos = gazSingle
						case j == i:
							pos = gazBegin
						case j == i+n-1:
							pos = gazEnd
						}
						out[j] = append(out[j], mix(uint64(c+1), uint64(pos)))
					}
				}
				break // longest match from i only
			}
		}
	}
	return out
}

// TestGazetteerMatch checks match against matchStrings on sentences made
// of the default gazetteer's own names (as written, lowercased, cut short,
// run together) and filler words, and on a small gazetteer of its own.
func TestGazetteerMatch(t *testing.T) {
	g, err := parseGazetteer(strings.NewReader(DefaultGazetteer), "default")
	if err != nil {
		t.Fatal(err)
	}
	own, err := parseGazetteer(strings.NewReader("city\tNew York\ncity\tNew York City\norg\tNew York Times\nfirst\tYork\nabbr\tNY\nabbr\tNY Times\norg\tBank of the North\ncity\tSaint-Malo\norg\tSmith's Tools\n"), "own")
	if err != nil {
		t.Fatal(err)
	}
	var names [][]string
	for _, e := range g.entries() {
		names = append(names, strings.Fields(e[2]))
	}
	filler := strings.Fields("the of and in said , . New new York bank Bank 's s - / NY ny")
	rng := rand.New(rand.NewPCG(3, 4))
	var sents [][]string
	for range 3000 {
		var ws []string
		for range 1 + rng.IntN(6) {
			switch rng.IntN(4) {
			case 0:
				ws = append(ws, filler[rng.IntN(len(filler))])
			case 1: // a name cut short
				n := names[rng.IntN(len(names))]
				ws = append(ws, n[:1+rng.IntN(len(n))]...)
			default:
				n := names[rng.IntN(len(names))]
				for _, w := range n {
					switch rng.IntN(3) {
					case 0:
						w = strings.ToUpper(w)
					case 1:
						w = strings.ToUpper(w[:1]) + w[1:]
					}
					ws = append(ws, w)
				}
			}
		}
		sents = append(sents, ws)
	}
	sents = append(sents, nil, []string{""}, []string{"new", "", "york"},
		strings.Fields("I flew from New York City to Saint - Malo with the NY Times and Bank of the North"),
		strings.Fields("Smith 's Tools and Smith s Tools and Smith's Tools in NEW YORK"))
	s := &scratch{}
	for _, gz := range []*gazetteer{g, own} {
		found := 0
		for _, ws := range sents {
			lower := make([]string, len(ws))
			for i, w := range ws {
				lower[i] = strings.ToLower(w)
			}
			want := gz.matchStrings(ws, lower)
			got := gz.match(s, ws, lower)
			if len(got) != len(want) {
				t.Fatalf("%q: %d words matched, want %d", ws, len(got), len(want))
			}
			for i := range want {
				if !slices.Equal(got[i], want[i]) {
					t.Fatalf("%q word %d: %x, want %x", ws, i, got[i], want[i])
				}
				found += len(want[i])
			}
		}
		if found == 0 {
			t.Error("no gazetteer matches at all: the test checks nothing")
		}
	}
}

// TestGazetteerOddEntries checks match against matchStrings with entries a
// model file may hold though parseGazetteer never makes them: empty, with a
// leading space, with two spaces in a row.
func TestGazetteerOddEntries(t *testing.T) {
	g := &gazetteer{folded: map[string]uint32{}, cased: map[string]uint32{}}
	for _, k := range []string{"", " x", "a  b", "a", "a b"} {
		g.addStored("odd", "f", k)
		g.addStored("odd", "c", k)
	}
	s := &scratch{}
	for _, ws := range [][]string{{""}, {"", "x"}, {"a", "", "b"}, {"a", "b"}, {"a"}, {"x", ""}, {"", "", ""}} {
		want := g.matchStrings(ws, ws)
		got := g.match(s, ws, ws)
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("%q word %d: %x, want %x", ws, i, got[i], want[i])
			}
		}
	}
}
