package postag

import (
	"bytes"
	"io"
	"maps"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLemmatizerTextReader: the lemmatizer read from its text gives the
// same tables whatever the reader (one that knows its length or not, one
// byte at a time) and the line endings, and a bad line is named.
func TestLemmatizerTextReader(t *testing.T) {
	l := TrainLemmatizer([]LemmaExample{
		{"boxes", "NNS", "box"}, {"foxes", "NNS", "fox"}, {"taxes", "NNS", "tax"},
		{"ran", "VBD", "run"}, {"swam", "VBD", "swim"}, {"hoped", "VBD", "hope"},
		{"moped", "VBD", "mope"}, {"geese", "NNS", "goose"},
	})
	var buf bytes.Buffer
	if err := l.Write(&buf); err != nil {
		t.Fatal(err)
	}
	src := buf.String()
	for name, r := range map[string]io.Reader{
		"bytes":     strings.NewReader(src),
		"no length": io.MultiReader(strings.NewReader(src)),
		"one byte":  iotest.OneByteReader(strings.NewReader(src)),
		"CRLF":      strings.NewReader(strings.ReplaceAll(src, "\n", "\r\n")),
	} {
		got, err := ReadLemmatizer(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		words, rules, known := got.tables()
		if !maps.Equal(words, l.words) || !maps.Equal(rules, l.rules) || !maps.Equal(known, l.known) {
			t.Errorf("%s: tables differ from the ones written", name)
		}
		if got.Lemma("geese", "NNS") != "goose" || got.Lemma("mixes", "NNS") != "mix" {
			t.Errorf("%s: geese → %q, mixes → %q", name, got.Lemma("geese", "NNS"), got.Lemma("mixes", "NNS"))
		}
	}
	for _, bad := range []string{"k", "w\tgeese\tNNS", "r\tNNS\tes\tx\t"} {
		_, err := ReadLemmatizer(strings.NewReader("# header\nk\tbox\n" + bad + "\n"))
		if err == nil || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("%q: error %v, want one naming line 3", bad, err)
		}
	}
}

// readLemmaMaps reads a lemmatizer's text into maps, as ReadLemmatizer did
// before it indexed the text: the definition the index must agree with.
func readLemmaMaps(t *testing.T, text string) *Lemmatizer {
	l := &Lemmatizer{words: map[string]string{}, rules: map[string]rule{}, known: map[string]bool{}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "r" && len(f) == 5:
			cut, err := strconv.Atoi(f[3])
			if err != nil {
				t.Fatal(err)
			}
			l.rules[f[1]+"\t"+f[2]] = rule{cut, f[4]}
		case f[0] == "w" && len(f) == 4:
			l.words[f[1]+"\t"+f[2]] = f[3]
		case f[0] == "k" && len(f) == 2:
			l.known[f[1]] = true
		default:
			t.Fatalf("bad line %q", line)
		}
	}
	return l
}

// TestIndexedLemmatizerIsTheMaps: the embedded lemmatizer, read into its
// line index, gives the lemma the same tables read into maps give, for
// every exception, for the inflections of every known lemma under the
// tags that inflect, and for made-up words; and a table with a repeated
// key keeps the later line, as a map does.
func TestIndexedLemmatizerIsTheMaps(t *testing.T) {
	idx, err := ReadLemmatizer(bytes.NewReader(lemmaModel))
	if err != nil {
		t.Fatal(err)
	}
	ref := readLemmaMaps(t, string(lemmaModel))
	check := func(form, xpos string) {
		if got, want := idx.Lemma(form, xpos), ref.Lemma(form, xpos); got != want {
			t.Errorf("Lemma(%q, %s) = %q, the maps give %q", form, xpos, got, want)
		}
	}
	n := 0
	for k := range ref.words {
		form, xpos, _ := strings.Cut(k, "\t")
		check(form, xpos)
		check(strings.ToUpper(form), xpos)
		n++
	}
	tags := []string{"NNS", "VBD", "VBG", "VBZ", "VBN", "JJR", "JJS", "NNP", "NN", "RB"}
	for lemma := range ref.known {
		if n%7 == 0 {
			for _, suffix := range []string{"", "s", "es", "ed", "d", "ing", "er", "est", "ies", "ied"} {
				for _, xpos := range tags {
					check(lemma+suffix, xpos)
				}
			}
		}
		n++
	}
	for _, w := range []string{"", "a", "zzyzx", "Qwertyings", "flobbered", "glimmies", "É", "naïvest"} {
		for _, xpos := range tags {
			check(w, xpos)
		}
	}
	dup, err := ReadLemmatizer(strings.NewReader("w\tgeese\tNNS\tgoose\nr\tNNS\ts\t1\t\nw\tgeese\tNNS\tgander\nr\tNNS\ts\t0\tx\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := dup.Lemma("geese", "NNS"); got != "gander" {
		t.Errorf("repeated exception: %q, want the later line's gander", got)
	}
	if got := dup.Lemma("cats", "NNS"); got != "catsx" {
		t.Errorf("repeated rule: %q, want the later line's catsx", got)
	}
}
