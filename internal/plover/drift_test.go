package plover_test

import (
	"os"
	"slices"
	"testing"

	"annals/internal/plover"
	"annals/internal/plover/internal/derive"
	"annals/internal/shared"
)

// TestDriftFromCAMEO2PLOVER re-derives the type, mode and context of every
// CAMEO code from the PLOVER project's 2021 table and compares them with the
// committed data/cameo.tsv (rerun go generate after a change to either).
func TestDriftFromCAMEO2PLOVER(t *testing.T) {
	path := shared.Require(t, "data/plover/CAMEO2PLOVER-2021.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := derive.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	o := plover.Default()
	mapped := map[string]bool{}
	for _, r := range rows {
		mapped[r.Code] = true
		c, ok := o.CAMEO(r.Code)
		if !ok {
			t.Errorf("%s line %d: code %s is not in data/cameo.tsv", path, r.Line, r.Code)
			continue
		}
		if c.Type != r.Type || c.Mode != r.Mode || !slices.Equal(c.Context, r.Context) {
			t.Errorf("code %s: data/cameo.tsv has %v %q %v, the 2021 table (line %d) gives %v %q %v",
				r.Code, c.Type, c.Mode, c.Context, r.Line, r.Type, r.Mode, r.Context)
		}
	}
	for _, c := range o.Codes() {
		if c.Type != plover.NoType && !mapped[c.CAMEO] {
			t.Errorf("code %s: data/cameo.tsv maps it to %v, the 2021 table does not list it", c.CAMEO, c.Type)
		}
	}
	t.Logf("%d codes in the 2021 table, %d in data/cameo.tsv", len(rows), len(o.Codes()))
}
