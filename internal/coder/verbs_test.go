package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/record"
	"annals/internal/shared"
)

// TestVerbFiles codes sentences written for this test with and without a
// small verb dictionary (testdata/test.verbs): the dictionary's verbs and
// patterns add events, its patterns choose the code and the actors'
// places, a null pattern makes none, and, as in PETRARCH, a dictionary
// event needs a coded actor on both sides.
func TestVerbFiles(t *testing.T) {
	var warnings []string
	with, err := New(Options{VerbFiles: []string{"testdata/test.verbs"}, Warn: func(s string) { warnings = append(warnings, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "test.verbs: 4 verbs") || !strings.Contains(warnings[0], "0 lines rejected") {
		t.Errorf("warnings = %q, want one note on what loaded", warnings)
	}
	without, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, trigger, typ, cameo, src, tgt string
		baseline                            bool // the embedded lexicon codes it as well
	}{
		{"Norway trucked tents and medicine to Sudan last week.", "trucked", "AID", "073", "NOR", "SDN", false},
		{"Chile ferried armored vehicles to Peru on Tuesday.", "ferried", "AID", "072", "CHL", "PER", false},
		{"Angry Kenyan farmers heckled the police convoy.", "heckled", "PROTEST", "141", "KEN", "", false},
		{"Ghana entertained a delegation from Togo for three days.", "entertained", "CONSULT", "042", "TGO", "GHA", false},
		{"The company ferried tourists to the island.", "ferried", "", "", "", "", false},
		{"Somebody trucked tents to the island.", "trucked", "", "", "", "", false}, // no actor on either side
	}
	for _, c := range cases {
		got, evs := codeAt(t, with, c.text, c.trigger)
		if c.typ == "" {
			if got != nil {
				t.Errorf("%q: coded %s; want no event at %q", c.text, summary(evs), c.trigger)
			}
			continue
		}
		if got == nil {
			t.Errorf("%q: no event at %q; coded %s", c.text, c.trigger, summary(evs))
			continue
		}
		if got.EventType != c.typ || got.CAMEO != c.cameo || !hasCountry(got.Source, c.src) || !hasCountry(got.Target, c.tgt) {
			t.Errorf("%q: coded %s (cameo %s); want %s %s %s → %s", c.text, summary([]record.Event{*got}), got.CAMEO, c.typ, c.cameo, c.src, c.tgt)
		}
		if base, _ := codeAt(t, without, c.text, c.trigger); (base != nil && base.EventType == c.typ) != c.baseline {
			t.Errorf("%q: without the dictionary coded %v; the test assumes baseline %v", c.text, base != nil, c.baseline)
		}
	}
}

// TestVerbFilesBad checks that a verb file with bad lines still loads the
// rest, reporting each line, and that one with nothing usable is an error.
func TestVerbFilesBad(t *testing.T) {
	var warnings []string
	dir := t.TempDir()
	good := writeFile(t, dir, "some.verbs", "--- PELT [145] ---\nPELT\n- * (WITH [145]\nSHOWER {\n")
	if _, err := New(Options{VerbFiles: []string{good}, Warn: func(s string) { warnings = append(warnings, s) }}); err != nil {
		t.Fatalf("a file with one good verb: %v", err)
	}
	joined := strings.Join(warnings, "\n")
	for _, want := range []string{"some.verbs:3: pattern:", "some.verbs:4: verb SHOWER:", "2 lines rejected"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	empty := writeFile(t, dir, "none.verbs", "# nothing here\nPELT\n")
	if _, err := New(Options{VerbFiles: []string{empty}, Warn: func(string) {}}); err == nil || !strings.Contains(err.Error(), "nothing loaded") {
		t.Errorf("a file with no usable verb: err = %v, want nothing loaded", err)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// BenchmarkCodeVerbs is BenchmarkCode with the CAMEO verb dictionary from
// ../shared added (--verbs), to compare the two.
func BenchmarkCodeVerbs(b *testing.B) {
	path := shared.Require(b, "data/phoenix/CAMEO.2.0.verbs.txt")
	p, err := New(Options{VerbFiles: []string{path}, Warn: func(string) {}})
	if err != nil {
		b.Fatal(err)
	}
	benchDemo(b, p)
}
