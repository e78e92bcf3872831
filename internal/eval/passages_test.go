package eval

import (
	"os"
	"strings"
	"testing"

	"annals/internal/record"
	"annals/internal/shared"
)

const passageSample = `{"id":"p1","text":"Ruritanian police arrested two reporters and Freedonia protested.","events":[{"type":"COERCE","source":["RURCOP"],"target":["RURMED"],"trigger":"arrested","polarity":"asserted"},{"type":"PROTEST","source":["FRE"],"target":[],"trigger":"protested","polarity":"asserted"}]}
{"id":"p2","text":"A storm closed the port.","events":[]}
{"id":"p3","text":"Bad.","events":[{"type":"DANCE","source":[],"target":[]}]}
{"id":"p4","text":"The UN envoy met the rebels.","events":[{"type":"CONSULT","source":["IGOUNO"],"target":["RURREB"],"trigger":"met","polarity":"asserted"}]}
`

func TestPassageFormatDetected(t *testing.T) {
	lines := strings.Split(passageSample, "\n")
	if !IsPassageFormat([]byte(lines[0])) {
		t.Error("passage line not detected")
	}
	if IsPassageFormat([]byte(strings.Split(goldSample, "\n")[0])) {
		t.Error("PLOVER record taken for a passage")
	}
}

func TestScorePassages(t *testing.T) {
	gold, errs := ReadPassages(strings.NewReader(passageSample), "p.jsonl")
	if len(gold) != 3 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "p.jsonl:3") {
		t.Fatalf("read %d passages, errors %v", len(gold), errs)
	}
	isCountry := func(c string) bool { return c == "RUR" || c == "FRE" }
	pred := [][]record.Event{
		// p1: COERCE with the right country-level dyad (sectors differ),
		// PROTEST found with an empty gold target, and a spurious ACCUSE.
		{{EventType: "COERCE", Source: []record.Argument{arg("RURGOV", "RUR")}, Target: []record.Argument{arg("RUR", "RUR")}},
			{EventType: "PROTEST", Source: []record.Argument{arg("FRE", "FRE")}},
			{EventType: "ACCUSE"}},
		// p2: an event where none is annotated.
		{{EventType: "ASSAULT"}},
		// p4: right type, the UN matched by code prefix, the target wrong.
		{{EventType: "CONSULT", Source: []record.Argument{arg("IGOUNOWFP", "")}, Target: []record.Argument{arg("FRE", "FRE")}}},
	}
	r := ScorePassages(gold, pred, isCountry)
	// Type: TP 3 (COERCE, PROTEST, CONSULT), FP 2 (ACCUSE, ASSAULT), FN 0.
	if r.Type != (Counts{TP: 3, FP: 2, FN: 0}) {
		t.Errorf("type counts %+v", r.Type)
	}
	// Dyad: COERCE and PROTEST match; CONSULT's target does not.
	if r.Dyad != (Counts{TP: 2, FP: 3, FN: 1}) {
		t.Errorf("dyad counts %+v", r.Dyad)
	}
	if r.TypeFound != 2 || r.WithEvents != 2 || r.EmptyWithFalse != 1 || r.Empty != 1 {
		t.Errorf("passage counts %+v", r)
	}
}

func TestCountryLevel(t *testing.T) {
	isCountry := func(c string) bool { return c == "KHM" }
	for _, c := range []struct{ in, want string }{
		{"KHMNGOHRI", "KHM"}, {"KHM", "KHM"}, {"IGOUNO", "IGOUNO"}, {"NATO", "NATO"}, {"NG", "NG"},
	} {
		if got := CountryLevel(c.in, isCountry); got != c.want {
			t.Errorf("CountryLevel(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestReadSharedPassages(t *testing.T) {
	p := shared.Require(t, "data/annotated/ngec_events_dev.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, errs := ReadPassages(f, p)
	if len(errs) != 0 || len(gold) < 100 {
		t.Errorf("read %d passages, errors %v", len(gold), errs)
	}
}
