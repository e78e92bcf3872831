package actor

import (
	"strings"
	"testing"
	"time"

	"annals/internal/text"
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

// FuzzStage runs the stage over space-separated words with mentions an
// earlier stage might have written (spans given as word pairs, possibly
// out of range or unsorted): it must not panic, and when the given
// mentions are valid the document must stay valid.
func FuzzStage(f *testing.F) {
	f.Add("Nigerian junior interior minister Chidi Okafor , the envoy , met Chile 's Vice Foreign Minister", []byte{4, 6, 0, 15, 16, 2})
	f.Add("the US ambassador to the UN", []byte{1, 2, 2, 5, 6, 1})
	f.Fuzz(func(t *testing.T, s string, spans []byte) {
		kb, err := Default()
		if err != nil {
			t.Skip(err)
		}
		words := strings.Fields(s)
		if len(words) == 0 {
			return
		}
		d := spaceDoc(strings.Join(words, " "), "2020-01-01")
		valid := true
		for i := 0; i+2 < len(spans); i += 3 {
			first, end := int(spans[i]), int(spans[i+1])
			m := text.Mention{First: text.TokenID(first), End: text.TokenID(end), Head: text.NoToken,
				Label: []text.MentionLabel{text.LabelPER, text.LabelORG, text.LabelLOC}[int(spans[i+2])%3], Antecedent: text.NoMention}
			if first < end && end <= len(d.Tokens) {
				m.Span = text.Span{Start: d.Tokens[first].Start, End: d.Tokens[end-1].End}
				if n := len(d.Mentions); n > 0 && (d.Mentions[n-1].End > m.First) {
					valid = false // overlapping or unsorted
				}
			} else {
				valid = false
			}
			d.Mentions = append(d.Mentions, m)
		}
		d.Mark(text.LayerMentions)
		if d.Check() != nil {
			valid = false // words the test's tokenizer cannot lay out
		}
		if err := NewStage(kb).Process(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Check(); valid && err != nil {
			t.Fatalf("%q %v: %v", s, spans, err)
		}
	})
}
