package gum

import (
	"os"
	"strings"
	"testing"
)

// FuzzRead feeds the GUM reader arbitrary input: it returns a document
// whose layers check, or an error, and never panics.
func FuzzRead(f *testing.F) {
	if b, err := os.ReadFile("testdata/small.conllu"); err == nil {
		f.Add(string(b))
	}
	f.Add("# text = a b\n1\ta\t_\t_\t_\t_\t0\troot\t_\tEntity=(1-person\n2\tb\t_\t_\t_\t_\t1\tdep\t_\tEntity=1)\n\n")
	f.Add("# text = ab\n1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\tx\t_\t_\t_\t_\t0\troot\t_\t_\n2\ty\t_\t_\t_\t_\t1\tdep\t_\tEntity=((\n\n")
	// A form of one byte of a two-byte character (the cent sign is C2 A2).
	f.Add("# text = \u00a2\n1\t\xa2\t_\t_\t_\t_\t0\troot\t_\t_\n\n")
	f.Add("# text = x\u00a2\n1-2\tx\u00a2\t_\t_\t_\t_\t_\t_\t_\t_\n1\tx\xc2\t_\t_\t_\t_\t0\troot\t_\t_\n2\t\xa2\t_\t_\t_\t_\t1\tdep\t_\t_\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		g, err := Read(strings.NewReader(in), "fuzz", "fuzz")
		if err != nil {
			return
		}
		if err := g.Doc.Check(); err != nil {
			t.Fatalf("document does not check: %v", err)
		}
		for _, m := range g.Gold {
			if m.First < 0 || m.End <= m.First || int(m.End) > len(g.Doc.Tokens) {
				t.Fatalf("gold mention out of range: %+v", m)
			}
		}
	})
}
