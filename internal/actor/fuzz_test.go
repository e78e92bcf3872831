package actor

import (
	"strings"
	"testing"
	"time"
)

// The readers of user files never panic and report every problem with a
// file and line.

func FuzzRead(f *testing.F) {
	f.Add("# id\tname\taliases\tgender\troles\nana\tAna\tA|B\tf\tXYZGOV/president@2001..2005;XYZ@..\n")
	f.Add("# id\tkind\tcountry\tname\taliases\tdemonyms\tmetonyms\tdates\tsuccessor\nQQQ\tstate\t-\tQ\tQ1\tQian\tQcity\t1900..1950\tRRR\n")
	f.Add("# id\tsector\tforms\nx\tMIL\tx|xs\n")
	f.Add("# id\tname\taliases\troles\ng\tG\t-\t@\n")
	f.Fuzz(func(t *testing.T, s string) {
		kb := NewKB()
		err := kb.Read("f.tsv", strings.NewReader(s))
		if err != nil && !strings.Contains(err.Error(), "f.tsv") {
			t.Errorf("error without the file name: %v", err)
		}
		for _, id := range kb.Entries(KindNone) {
			kb.Resolve(id, time.Time{})
			kb.Resolve(id, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
		}
		kb.MatchAll(strings.Fields(s))
	})
}

func FuzzImportPETRARCH(f *testing.F) {
	f.Add(sampleActors)
	f.Add(sampleAgents)
	f.Add("X_ [ABC 990101-\n+Y\n\t[ABC >20100101]\n[---]\n{\n!A! = B\nC!A!! [~MIL]\n")
	f.Fuzz(func(t *testing.T, s string) {
		entries, errs := ImportPETRARCH(strings.NewReader(s), "p.txt")
		for _, err := range errs {
			if !strings.HasPrefix(err.Error(), "p.txt:") {
				t.Errorf("error without file and line: %v", err)
			}
		}
		kb := NewKB()
		for _, e := range entries {
			kb.Add(e)
			kb.Resolve(e.ID, time.Time{})
		}
		kb.MatchAll(strings.Fields(s))
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("the Kremlin and Russia's army in al - Qaeda U.S. officials’")
	f.Add("' 's . - ’s US us")
	f.Fuzz(func(t *testing.T, s string) {
		kb, err := Default()
		if err != nil {
			t.Skip(err)
		}
		words := strings.Fields(s)
		prev := 0
		for _, m := range kb.MatchAll(words) {
			if m.First < prev || m.End <= m.First || m.End > len(words) {
				t.Fatalf("bad match %+v over %d words", m, len(words))
			}
			prev = m.End
		}
		kb.Find(words, time.Time{})
	})
}
