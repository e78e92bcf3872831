package actor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadErrorsNameFileAndLine(t *testing.T) {
	kb := NewKB()
	in := strings.Join([]string{
		"# id\tname\taliases\tgender\troles",
		"ana\tAna Example\tExample\tf\tXYZGOV/president@2001..2005",
		"bob\tBob Example\t-\tq\tXYZGOV/president@2005..",
		"cy\tCy Example\t-\tm\tXYZGOV/president@2005-13..",
		"dee\tDee Example\t-\tm\txyz/president@2005..",
		"",
		"eve\tEve Example\t-\tf\tXYZGOV/envoy@2010..\textra",
		"fay\tFay Example\tFay\tf\tXYZGOV/foreign minister@2011..",
	}, "\n")
	err := kb.Read("mine.tsv", strings.NewReader(in))
	if err == nil {
		t.Fatal("no error for four bad lines")
	}
	msg := err.Error()
	for _, want := range []string{"mine.tsv:3: gender", "mine.tsv:4: role", "mine.tsv:5: role", "mine.tsv:7: 6 fields"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "mine.tsv:2:") || strings.Contains(msg, "mine.tsv:8:") {
		t.Errorf("good lines reported: %q", msg)
	}
	for _, id := range []string{"ana", "fay"} {
		if _, ok := kb.Entry(id); !ok {
			t.Errorf("good entry %s not loaded", id)
		}
	}
	if kb.Len() != 2 {
		t.Errorf("%d entries, want 2", kb.Len())
	}
}

func TestReadUnknownTable(t *testing.T) {
	err := NewKB().Read("mystery.tsv", strings.NewReader("x\ty\n"))
	if err == nil || !strings.Contains(err.Error(), "mystery.tsv: cannot tell which table") {
		t.Errorf("err = %v", err)
	}
}

func TestReadTableByFileName(t *testing.T) {
	kb := NewKB()
	if err := kb.Read("extra.agents.tsv", strings.NewReader("drones\tMIL\tdrone operator|drone operators\n")); err != nil {
		t.Fatal(err)
	}
	if m, ok := kb.MatchAt([]string{"drone", "operators"}, 0); !ok || m.Entry != "drones" || m.Via != ViaAgent {
		t.Errorf("match = %+v, %v", m, ok)
	}
}

func TestLoadOverrides(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.tsv")
	places := filepath.Join(dir, "mine.tsv")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The first file defines a person; the second redefines him with other
	// names and adds a place.
	write(people, "# id\tname\taliases\tgender\troles\nzed\tZed Example\tZed\tm\tRUSGOV/envoy@2020..\n")
	write(places, "# id\tkind\tcountry\tname\taliases\tdemonyms\tmetonyms\tdates\tsuccessor\n"+
		"zed\tplace\tUKR\tZedville\t-\t-\t-\t-\t-\n"+
		"crimea\tplace\tRUS\tCrimea\t-\t-\t-\t-\t-\n")
	kb, err := Load(people, places)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if _, ok := kb.MatchAt([]string{"Zed"}, 0); ok {
		t.Error("the overridden entry's old name still matches")
	}
	if m, ok := kb.MatchAt([]string{"Zedville"}, 0); !ok || m.Entry != "zed" || m.Kind != KindPlace {
		t.Errorf("Zedville = %+v, %v", m, ok)
	}
	// A user may recode a built-in entry; the built-in KB is not touched.
	if got := kb.Resolve("crimea", time.Time{}).Code; got != "RUS" {
		t.Errorf("overridden Crimea = %s, want RUS", got)
	}
	def, _ := Default()
	if got := def.Resolve("crimea", time.Time{}).Code; got != "UKR" {
		t.Errorf("built-in Crimea changed to %s", got)
	}
	if _, err := Load(filepath.Join(dir, "absent.tsv")); err == nil || !strings.Contains(err.Error(), "absent.tsv") {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestBuiltinTablesClean checks the embedded tables: no bad line, ids
// unique within a table, every role and successor code known.
func TestBuiltinTablesClean(t *testing.T) {
	for _, name := range builtin {
		data, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			continue
		}
		if detect(name, string(data)) == tableNone {
			t.Errorf("%s: no header naming its columns", name)
		}
		if name == "people.tsv" {
			continue // written by the people work; its own checks apply
		}
		seen := map[string]int{}
		for i, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			id, _, _ := strings.Cut(line, "\t")
			if prev, dup := seen[id]; dup {
				t.Errorf("%s:%d: id %s already on line %d", name, i+1, id, prev)
			}
			seen[id] = i + 1
		}
	}
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range kb.Entries(KindState) {
		e, _ := kb.Entry(id)
		if e.Successor != "" {
			if _, ok := kb.Entry(e.Successor); !ok {
				t.Errorf("%s: successor %s unknown", id, e.Successor)
			}
		}
	}
	for _, k := range []Kind{KindGroup, KindPerson} {
		for _, id := range kb.Entries(k) {
			e, _ := kb.Entry(id)
			for _, r := range e.Roles {
				if c := r.Code[:3]; !kb.codes[c] && c != "IGO" && c != "IMG" && c != "NGO" {
					report := t.Errorf
					if k == KindPerson {
						report = t.Logf // people.tsv is checked by its authors; say it, don't fail
					}
					report("%s (%s): role code %s starts with no known country", id, e.Source, r.Code)
				}
			}
		}
	}
}

func TestLoadDetectsPETRARCH(t *testing.T) {
	p := filepath.Join(t.TempDir(), "extra.txt")
	if err := os.WriteFile(p, []byte(sampleActors), 0o644); err != nil {
		t.Fatal(err)
	}
	kb, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), "extra.txt:18:") {
		t.Errorf("err = %v, want the bad line reported", err)
	}
	m, ok := kb.MatchAt([]string{"Rufus", "Firefly"}, 0)
	if !ok || m.Entry != "petrarch:RUFUS_FIREFLY" {
		t.Errorf("match = %+v, %v", m, ok)
	}
	if _, ok := kb.Entry("USA"); !ok {
		t.Error("built-in entries missing after Load")
	}
}
