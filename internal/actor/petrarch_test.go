package actor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/internal/shared"
	"annals/internal/text"
)

// A small dictionary in PETRARCH format, invented for this test.
const sampleActors = `# a comment line
FREEDONIA_  [FRD]
+FREEDONIAN_
+REPUBLIC_OF_FREEDONIA

RUFUS_FIREFLY_  # a trailing comment
+FIREFLY_
	[FRDELI 310101-330101]
	[FRDGOV 330101-451231]
	[FRDELI]
TRENTINO_
+AMBASSADOR_TRENTINO
TRENTINO_OF_SYLVANIA_
	[SYLGOV >19330601]
MARX_BROTHERS_ [FRDMED]
GROUCHO_ [---]
BAD_DATES_
	[FRDGOV 331301-340101]
ORPHAN_
`

const sampleAgents = `!PERSON! = MAN, MEN
TROOP [~MIL]
POLICE {} [~COP]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
MILITIA!PERSON! [~UAF]
FERRY [~BUS]
`

func TestImportPETRARCHSample(t *testing.T) {
	entries, errs := ImportPETRARCH(strings.NewReader(sampleActors), "sample.actors")
	msgs := strings.Join(errorStrings(errs), "\n")
	for _, want := range []string{"sample.actors:18: code [FRDGOV 331301-340101]: date \"331301\": no such day; code kept until 340101", "sample.actors:19: entry petrarch:ORPHAN has no code"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("errors %q lack %q", msgs, want)
		}
	}
	if len(errs) != 2 {
		t.Errorf("%d errors, want 2:\n%s", len(errs), msgs)
	}
	kb := NewKB()
	for _, e := range entries {
		kb.Add(e)
	}
	if len(entries) != 6 {
		t.Fatalf("%d entries, want 6", len(entries))
	}
	tests := []struct {
		words, date, code string
		kind              Kind
	}{
		{"Freedonia", "", "FRD", KindState},
		{"Freedonian", "", "FRD", KindState},
		{"Rufus Firefly", "1940-01-01", "FRDGOV", KindPerson},
		{"FIREFLY", "1931-01-01", "FRDELI", KindPerson},
		{"Firefly", "1950-01-01", "FRDELI", KindPerson},
		{"Firefly", "", "FRDELI", KindPerson}, // no date: the open default, not the ended office
		{"Ambassador Trentino", "1934-01-01", "SYLGOV", KindPerson},
		{"Trentino", "1934-01-01", "SYLGOV", KindPerson},
		{"Marx Brothers", "", "FRDMED", KindGroup},
		{"Groucho", "", "", KindGroup},                    // [---]: a known phrase that codes as nothing
		{"Bad Dates", "1933-06-01", "FRDGOV", KindPerson}, // the readable end of a bad range is kept
	}
	for _, tt := range tests {
		m, ok := kb.MatchAt(strings.Fields(tt.words), 0)
		if !ok || m.End != len(strings.Fields(tt.words)) {
			t.Errorf("%q: no full match (%+v)", tt.words, m)
			continue
		}
		if m.Kind != tt.kind {
			t.Errorf("%q: kind %s, want %s", tt.words, m.Kind, tt.kind)
		}
		if got := kb.Resolve(m.Entry, day(tt.date)).Code; got != tt.code {
			t.Errorf("%q at %q = %s, want %s", tt.words, tt.date, got, tt.code)
		}
	}
}

func TestImportPETRARCHAgents(t *testing.T) {
	entries, errs := ImportPETRARCH(strings.NewReader(sampleAgents), "sample.agents.txt")
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	got := map[string]string{}
	for _, e := range entries {
		if e.Kind != KindAgent {
			t.Errorf("%s: kind %s", e.ID, e.Kind)
		}
		got[e.ID] = e.Code + " " + strings.Join(e.Forms, "|")
	}
	want := map[string]string{
		"petrarch:TROOP":               "MIL troop|troops",
		"petrarch:POLICE":              "COP police",
		"petrarch:CHAMBER_OF_COMMERCE": "BUS chamber of commerce|chambers of commerce",
		"petrarch:MILITIA!PERSON!":     "UAF militiaman|militiamans|militiamen|militiamens",
		"petrarch:FERRY":               "BUS ferry|ferries",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q, want %q", id, got[id], w)
		}
	}
}

func TestPetrarchDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"990809-000507", "1999-08-09..2000-05-07"},
		{">080508", "2008-05-08.."},
		{"> 140608", "2014-06-08.."},
		{"<20030320", "..2003-03-19"},
		{"19170101-530120", "1917-01-01..1953-01-20"},
		{"300101-310101", "2030-01-01..1931-01-01"}, // the pivot: 30 is 2030, so this is an error
	}
	for _, tt := range tests {
		p, err := petrarchPeriod(tt.in)
		if tt.in == "300101-310101" {
			if err == nil {
				t.Errorf("petrarchPeriod(%q) accepted an inverted range", tt.in)
			}
			continue
		}
		if err != nil || p.String() != tt.want {
			t.Errorf("petrarchPeriod(%q) = %q, %v, want %q", tt.in, p.String(), err, tt.want)
		}
	}
}

// TestImportPhoenix imports the Phoenix dictionaries from ../shared (never
// copied here) and checks counts and a few dated resolutions.
func TestImportPhoenix(t *testing.T) {
	dir := shared.Require(t, "data/phoenix")
	kb := NewKB()
	total, dated := 0, 0
	for _, name := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		entries, errs := ImportPETRARCH(f, name)
		f.Close()
		d := 0
		for _, e := range entries {
			kb.Add(e)
			for _, r := range e.Roles {
				if !r.Period.Open() {
					d++
				}
			}
		}
		total += len(entries)
		dated += d
		t.Logf("%s: %d entries, %d dated roles, %d problems", name, len(entries), d, len(errs))
		for i, err := range errs {
			if i < 5 {
				t.Logf("  %v", err)
			}
		}
		// A few faults in a 54,000-line hand-made file are expected; many
		// would mean the reader is wrong.
		if len(errs) > len(entries)/100+5 {
			t.Errorf("%s: %d problems for %d entries", name, len(errs), len(entries))
		}
	}
	t.Logf("total: %d entries, %d dated roles; kinds: %d states, %d people, %d IGOs, %d groups, %d agents",
		total, dated, kb.Count(KindState), kb.Count(KindPerson), kb.Count(KindIGO), kb.Count(KindGroup), kb.Count(KindAgent))
	if total < 20000 || dated < 20000 {
		t.Errorf("only %d entries and %d dated roles", total, dated)
	}
	tests := []struct {
		words, date, code string
	}{
		{"Vladimir Putin", "1995-01-01", "RUSELI"},
		{"Vladimir Putin", "2005-01-01", "RUSGOV"},
		{"Putin", "2010-01-01", "RUSGOV"},
		{"Dmitry Medvedev", "2004-01-01", "RUSELI"},
		{"Dmitry Medvedev", "2010-01-01", "RUSGOV"},
		{"Afghanistan", "", "AFG"},
		{"Angela Merkel", "2010-01-01", "DEUGOV"},
		{"troops", "", "MIL"},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.words)
		m, ok := kb.MatchAt(words, 0)
		if !ok || m.End != len(words) {
			t.Errorf("%q: no full match", tt.words)
			continue
		}
		id := kb.Choose(m, day(tt.date))
		a := kb.Resolve(id, day(tt.date))
		got := a.Code
		if got == "" {
			got = strings.Join(a.Sector, "") // an agent alone: its sector, no code
		}
		if got != tt.code {
			t.Errorf("%q (%s) at %q = %s, want %s", tt.words, id, tt.date, got, tt.code)
		}
	}
	_ = time.Time{}
}

func errorStrings(errs []error) []string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return s
}

// Lines of the kinds found in the field's stock dictionaries that older
// readers rejected: comment blocks, an empty synonym, slash codes, a code
// closed with the wrong bracket, prefix agents and malformed dates.
const oddActors = `<!-- a comment block
QUUX_ [XXX]
-->
OSTRAVIA_  [OST]
+++
+OSTRAVIAN_
NORA_VELT_ <!-- inline --> [OSTGOV 20040101]
BORIS_KLAN_
	[OSTELR/OSTGAL]
	[OSTGOV 9901011-991231]
	[OSTMIL 20100505-20090101]
	[OSTREB >2001011]
`

const oddAgents = `MINISTRY_OF_WEATHER [~ENV}
OBSERVER_MISSION [IGO~]
GOON [~UAF]
`

func TestImportPETRARCHOddLines(t *testing.T) {
	entries, errs := ImportPETRARCH(strings.NewReader(oddActors), "odd.actors")
	msgs := strings.Join(errorStrings(errs), "\n")
	wantErrs := []string{
		`odd.actors:5: synonym "+++" has no words; skipped`,
		`odd.actors:7: code [OSTGOV 20040101]: dates "20040101": want FROM-TO, >FROM or <TO; read as >20040101`,
		`odd.actors:10: code [OSTGOV 9901011-991231]: date "9901011": want YYMMDD or YYYYMMDD; code kept until 991231`,
		`odd.actors:11: code [OSTMIL 20100505-20090101]: dates "20100505-20090101" end before they start; role skipped`,
		`odd.actors:12: code [OSTREB >2001011]: date "2001011": want YYMMDD or YYYYMMDD; code kept without dates`,
	}
	for _, w := range wantErrs {
		if !strings.Contains(msgs, w) {
			t.Errorf("errors lack %q; got:\n%s", w, msgs)
		}
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("%d errors, want %d:\n%s", len(errs), len(wantErrs), msgs)
	}
	kb := NewKB()
	for _, e := range entries {
		kb.Add(e)
	}
	if _, ok := kb.Entry("petrarch:QUUX"); ok {
		t.Error("an entry inside <!-- --> was read")
	}
	tests := []struct{ words, date, code string }{
		{"Ostravian", "", "OST"},
		{"Nora Velt", "2005-01-01", "OSTGOV"},
		{"Boris Klan", "", "OSTELR"}, // the first of the slash codes
	}
	for _, tt := range tests {
		m, ok := kb.MatchAt(strings.Fields(tt.words), 0)
		if !ok {
			t.Errorf("%q: no match", tt.words)
			continue
		}
		if got := kb.Resolve(m.Entry, day(tt.date)).Code; got != tt.code {
			t.Errorf("%q at %q = %s, want %s", tt.words, tt.date, got, tt.code)
		}
	}
	e, _ := kb.Entry("petrarch:BORIS_KLAN")
	var codes []string
	for _, r := range e.Roles {
		codes = append(codes, r.Code)
	}
	if got := strings.Join(codes, " "); got != "OSTELR OSTGAL OSTGOV OSTREB" {
		t.Errorf("Boris Klan roles = %s, want OSTELR OSTGAL OSTGOV OSTREB", got)
	}

	agents, errs := ImportPETRARCH(strings.NewReader(oddAgents), "odd.agents.txt")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "odd.agents.txt:1: code \"[~ENV}\" is closed with } instead of ]") {
		t.Errorf("agent errors = %v", errs)
	}
	got := map[string]string{}
	for _, a := range agents {
		got[a.ID] = fmt.Sprintf("%s %s %v", a.Kind, a.Code, a.Prefix)
	}
	want := map[string]string{
		"petrarch:MINISTRY_OF_WEATHER": "agent ENV false",
		"petrarch:OBSERVER_MISSION":    "agent IGO true",
		"petrarch:GOON":                "agent UAF false",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q, want %q", id, got[id], w)
		}
	}
	// A prefix agent's code goes before the actor's, a suffix one's after.
	for _, a := range agents {
		kb.Add(a)
	}
	state := text.Actor{Code: "OST", Country: "OST", Kind: text.KindState, Name: "Ostravia"}
	for _, c := range []struct{ id, code, sector string }{
		{"petrarch:OBSERVER_MISSION", "IGOOST", "IGO"},
		{"petrarch:GOON", "OSTUAF", "UAF"},
	} {
		a := kb.Combine(state, kb.Resolve(c.id, time.Time{}))
		if a.Code != c.code || a.Country != "OST" || strings.Join(a.Sector, ",") != c.sector {
			t.Errorf("Ostravia + %s = %s country %s sectors %v, want %s OST [%s]", c.id, a.Code, a.Country, a.Sector, c.code, c.sector)
		}
	}
}
