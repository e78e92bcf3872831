package verbdict

import (
	"bytes"
	"os"
	"testing"

	"annals/internal/shared"
)

// TestLoadCAMEOVerbs loads the field's CAMEO verb dictionary from ../shared
// and checks that nearly all of it is read.
func TestLoadCAMEOVerbs(t *testing.T) {
	path := shared.Require(t, "data/phoenix/CAMEO.2.0.verbs.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, errs := Parse(f, "CAMEO.2.0.verbs.txt")
	for _, e := range errs {
		t.Log(e)
	}
	t.Logf("blocks %d, verbs %d, patterns %d, synonym sets %d, transformations %d, lines rejected %d",
		len(d.Blocks), len(d.Verbs), d.Patterns(), len(d.Sets), len(d.Transforms), len(errs))
	if len(d.Blocks) < 300 || len(d.Verbs) < 1000 || d.Patterns() < 4000 || len(d.Sets) < 30 {
		t.Errorf("too little loaded: blocks %d, verbs %d, patterns %d, sets %d", len(d.Blocks), len(d.Verbs), d.Patterns(), len(d.Sets))
	}
	if len(errs) > 15 {
		t.Errorf("%d lines rejected, want at most 20", len(errs))
	}
}

// BenchmarkParseCAMEO reads the CAMEO verb dictionary from memory.
func BenchmarkParseCAMEO(b *testing.B) {
	path := shared.Require(b, "data/phoenix/CAMEO.2.0.verbs.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(bytes.NewReader(data), "CAMEO.2.0.verbs.txt")
	}
}
