package timex

import (
	"testing"

	"annals/internal/segment"
	"annals/internal/text"
)

func FuzzTimex(f *testing.F) {
	for _, s := range []string{
		"Turkey answered in March 2014 by closing the border.",
		"He said it on the 3rd of Nov 2019. That year, two years later, by then.",
		"In the early 2000s and the mid-1980s, during his first term, under the presidency of Boris Yeltsin,",
		"24/7 G8 MH17 $2014 page 2014 1,999 03/04/21 24.02.2022 2022-02-24 '90s 1990's Q3 2021",
		"last Tuesday, on Sunday, in recent months, the past two years, a few weeks ago, years later, in 2021",
		"after the Cold War ended; the Second Chechen War; 9/11; the 19th century; winter 2022",
		"\xff\xfe March 2014 \u00e9t\u00e9 2014-13-45 31/02/2020 99/99/9999 0/0/0",
	} {
		f.Add(s, int64(0))
		f.Add(s, int64(1763596800))
	}
	tg, seg := New(), segment.New()
	f.Fuzz(func(t *testing.T, src string, unix int64) {
		doc := text.New("fuzz", src)
		if err := seg.Process(doc); err != nil {
			t.Skip(err)
		}
		doc.Mark(seg.Provides())
		if unix > 0 && unix < 1<<35 {
			doc.Published = unixDay(unix)
		}
		if err := tg.Process(doc); err != nil {
			t.Fatal(err)
		}
		if err := doc.Check(); err != nil {
			t.Fatalf("Check: %v", err)
		}
		prevEnd := 0
		for i, x := range doc.Timexes {
			if x.Start < prevEnd || x.Start >= x.End {
				t.Fatalf("expression %d [%d,%d) after %d", i, x.Start, x.End, prevEnd)
			}
			prevEnd = x.End
			if x.Sentence < 0 || int(x.Sentence) >= len(doc.Sentences) || !doc.Sentences[x.Sentence].Span.Contains(x.Span) {
				t.Fatalf("expression %d outside its sentence %d", i, x.Sentence)
			}
			if x.Value != "" {
				if _, err := parseValue(x.Value); err != nil {
					t.Fatalf("expression %d %q: value %q: %v", i, doc.Slice(x.Span), x.Value, err)
				}
			}
			HintOf(doc, text.TimexID(i))
		}
		for i := range doc.Tokens {
			d := ForEvent(doc, text.TokenID(i))
			if d.Timex != text.NoTimex && (d.Timex < 0 || int(d.Timex) >= len(doc.Timexes)) {
				t.Fatalf("ForEvent(%d): timex %d out of range", i, d.Timex)
			}
		}
	})
}
