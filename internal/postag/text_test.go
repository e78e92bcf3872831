package postag

import (
	"bytes"
	"io"
	"maps"
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
		if !maps.Equal(got.words, l.words) || !maps.Equal(got.rules, l.rules) || !maps.Equal(got.known, l.known) {
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
