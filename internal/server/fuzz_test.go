package server

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPieces: whatever the marks (they come from a store another program
// wrote), the pieces are the text, in order, cut on character boundaries.
func FuzzPieces(f *testing.F) {
	f.Add("Russia struck Kharkiv.", 0, 6, 7, 13, 100, -3)
	f.Add("Кремль “ответил” — нет.", 1, 3, 5, 40, 2, 2)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		marks := []Mark{
			{Start: a, End: b, Kind: MarkMention, Event: -1, Label: "X"},
			{Start: c, End: d, Kind: MarkTrigger, Event: 0},
			{Start: e, End: g, Kind: MarkEvidence, Event: -1},
		}
		var rebuilt strings.Builder
		prev := 0
		for _, p := range Pieces(text, marks) {
			if p.Start != prev || p.End < p.Start || p.End > len(text) || text[p.Start:p.End] != p.Text {
				t.Fatalf("piece %+v does not continue from %d in %q", p, prev, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p.Text) {
				t.Fatalf("piece %q cuts a character of %q", p.Text, text)
			}
			rebuilt.WriteString(p.Text)
			prev = p.End
		}
		if rebuilt.String() != text {
			t.Fatalf("pieces rebuild %q, not %q", rebuilt.String(), text)
		}
	})
}

// FuzzParseEventFilter: any query string is read or refused with a
// parameter error, never a panic, and what is read is within bounds.
func FuzzParseEventFilter(f *testing.F) {
	f.Add("actor=RUS&dyad=RUS,UKR&quad=4&from=2014&to=2015-06&limit=10&offset=5&type=coerce&basis=text")
	f.Add("from=2025-02-30&dyad=,&limit=-1")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := ParseEventFilter(q)
		if err != nil {
			if _, ok := err.(*BadRequest); !ok {
				t.Fatalf("%q: error %v is not a BadRequest", raw, err)
			}
			return
		}
		if fl.Limit < 1 || fl.Limit > MaxLimit || fl.Offset < 0 || fl.Offset > MaxOffset {
			t.Fatalf("%q: page %+v out of bounds", raw, fl.Page)
		}
		for _, s := range []string{fl.Actor, fl.DyadA, fl.DyadB, fl.Source, fl.Target} {
			if len(s) > 64 || strings.ToUpper(s) != s {
				t.Fatalf("%q: actor %q not a normalized code", raw, s)
			}
		}
		if (fl.DyadA == "") != (fl.DyadB == "") {
			t.Fatalf("%q: half a dyad %+v", raw, fl)
		}
		for _, d := range []string{fl.From, fl.To} {
			if d != "" && len(d) != 10 {
				t.Fatalf("%q: date %q not YYYY-MM-DD", raw, d)
			}
		}
	})
}
