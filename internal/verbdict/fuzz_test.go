package verbdict

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error names the
// file and a line inside the input, and that what loads is well formed.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("testdata/sample.verbs"); err == nil {
		f.Add(string(b))
	}
	f.Add("--- X [010] ---\nSAY\n- * (TO +) [:010]\n")
	f.Add("&S\n+A_B_\n--- Y ---\n- $ * {&S (C)} [0212]\n<!--\n")
	f.Fuzz(func(t *testing.T, in string) {
		d, errs := Parse(strings.NewReader(in), "f")
		lines := strings.Count(in, "\n") + 2
		for _, e := range errs {
			pe, ok := e.(*Error)
			if !ok || pe.File != "f" || pe.Line < 0 || pe.Line > lines || !strings.HasPrefix(e.Error(), "f") {
				t.Fatalf("bad error %v", e)
			}
		}
		for _, v := range d.Verbs {
			if len(v.Words) == 0 || v.Head < 0 || v.Head >= len(v.Words) || v.Block < 0 || v.Block >= len(d.Blocks) {
				t.Fatalf("bad verb %+v", v)
			}
		}
		for _, b := range d.Blocks {
			for _, p := range b.Patterns {
				_ = p.String()
				p.Source()
				p.Target()
			}
		}
	})
}
