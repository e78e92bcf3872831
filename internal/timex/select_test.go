package timex

import (
	"fmt"
	"strings"
	"testing"

	"annals/internal/text"
)

// tokenOf returns the n-th token (0-based) whose text is w.
func tokenOf(t *testing.T, doc *text.Document, w string, n int) text.TokenID {
	t.Helper()
	for i := range doc.Tokens {
		if doc.TokenText(text.TokenID(i)) == w {
			if n == 0 {
				return text.TokenID(i)
			}
			n--
		}
	}
	t.Fatalf("no token %q in %q", w, doc.Text)
	return text.NoToken
}

func dateString(doc *text.Document, d text.EventDate) string {
	s := d.Value + "|" + d.Precision.String() + "|" + d.Basis.String()
	if d.Timex.Valid() {
		s += "|" + doc.Slice(doc.Timexes[d.Timex].Span)
	}
	return s
}

func TestForEventWithoutParse(t *testing.T) {
	cases := []struct{ in, pub, trigger, want string }{
		{"Peru at last answered in June 2009 by seizing the islands.", pub, "seizing", "2009-06|month|explicit|in June 2009"},
		{"Peru answered in June 2009. Lima fell for the ruse.", pub, "fell", "2009-06|month|relative|in June 2009"},
		{"Russia reacted in March 2014.\nPutin fell for the ruse.", pub, "fell", "2025-11-20|day|published"},
		{"Russia reacted in March 2014.\n\nPutin fell for the ruse.", pub, "fell", "2025-11-20|day|published"},
		{"Russia reacted in March 2014.\nPutin fell for the ruse.\n\n\nNo comments.", pub, "fell", "2025-11-20|day|published"},
		{"Russia reacted in March 2014. Putin then fell for the ruse.", pub, "fell", "2014-03|month|relative|then"},
		{"Moscow stayed passive in 2004, when Washington backed a coup in 2014.", pub, "backed", "2014|year|explicit|in 2014"},
		{"Moscow stayed passive in 2004, when Washington backed a coup in 2014.", pub, "passive", "2004|year|explicit|in 2004"},
		{"Rebels threatened to widen the war in Donbass.", pub, "threatened", "2025-11-20|day|published"},
		{"Jihadis were backed in the Second Chechen War.", pub, "backed", "1999/2009|range|explicit|in the Second Chechen War"},
		{"The envoy resigned.", "", "resigned", "||"},
		{"Troops stayed in Kabul during his first term.", pub, "stayed", "||relative|during his first term"},
		{"The president called it a grave error on the 3rd of Nov 2019 in a speech.", pub, "called", "2019-11-03|day|explicit|on the 3rd of Nov 2019"},
		{"The plane, shot down in 2014, was never found.", pub, "shot", "2014|year|explicit|in 2014"},
	}
	for _, c := range cases {
		doc := tag(t, c.in, c.pub)
		got := dateString(doc, ForEvent(doc, tokenOf(t, doc, c.trigger, 0)))
		if got != c.want {
			t.Errorf("%q, trigger %q:\n got %q\nwant %q (expressions: %s)", c.in, c.trigger, got, c.want, render(doc))
		}
	}
}

// parse sets a hand-made dependency tree: heads[i] is the index of token
// i's head (-1 for the root) and rels[i] its relation.
func parse(t *testing.T, doc *text.Document, heads []int, rels string) {
	t.Helper()
	rs := strings.Fields(rels)
	if len(heads) != len(doc.Tokens) || len(rs) != len(doc.Tokens) {
		t.Fatalf("parse: %d heads, %d relations for %d tokens", len(heads), len(rs), len(doc.Tokens))
	}
	for i := range doc.Tokens {
		r, err := text.ParseDepRel(rs[i])
		if err != nil {
			t.Fatal(err)
		}
		doc.Tokens[i].Head, doc.Tokens[i].Dep = text.TokenID(heads[i]), r
	}
	doc.Mark(text.LayerDeps)
	if err := doc.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestForEventWithParse(t *testing.T) {
	//              0  1    2 3     4   5     6  7    8         9 10     11     12     13
	const src = "In 2021, after the talks of 2019 collapsed, Russia massed troops."
	doc := tag(t, src, pub)
	if got := render(doc); got != "In 2021|2021|year|explicit ; 2019|2019|year|explicit" {
		t.Fatalf("expressions: %s", got)
	}
	// Without a parse the nearest expression wins: both are past a comma.
	if got := dateString(doc, ForEvent(doc, tokenOf(t, doc, "massed", 0))); got != "2019|year|explicit|2019" {
		t.Errorf("massed, no parse: %s", got)
	}
	parse(t, doc,
		[]int{1, 11, 11, 8, 5, 8, 7, 5, 11, 11, 11, -1, 11, 11},
		"case obl punct mark det nsubj case nmod advcl punct nsubj root obj punct")
	cases := []struct{ trigger, want string }{
		{"massed", "2021|year|explicit|In 2021"}, // attached to the trigger
		{"collapsed", "2019|year|explicit|2019"}, // in the trigger's clause
		{"troops", "2021|year|explicit|In 2021"}, // a noun of the clause: its clause's date
		{"talks", "2019|year|explicit|2019"},     // attached to the trigger
	}
	for _, c := range cases {
		if got := dateString(doc, ForEvent(doc, tokenOf(t, doc, c.trigger, 0))); got != c.want {
			t.Errorf("trigger %q: got %q, want %q", c.trigger, got, c.want)
		}
	}
	// A modifier of a noun in another clause does not date the trigger.
	doc = tag(t, "Putin accepted after Witkoff proposed the April 2022 draft.", pub)
	//                 0   1   2  3  4  5  6  7  8  9
	parse(t, doc, []int{1, -1, 4, 4, 1, 8, 8, 6, 4, 1}, "nsubj root mark nsubj advcl det compound nummod obj punct")
	if got := dateString(doc, ForEvent(doc, tokenOf(t, doc, "accepted", 0))); got != "2025-11-20|day|published" {
		t.Errorf("accepted: %s", got)
	}
	if got := dateString(doc, ForEvent(doc, tokenOf(t, doc, "proposed", 0))); got != "2022-04|month|explicit|April 2022" {
		t.Errorf("proposed: %s", got)
	}
	// A cleft: the expression is the root and governs the trigger's clause;
	// the next sentence takes it from the discourse.
	doc = tag(t, "It was in May 2018 that Lula sent Amorim. Maduro accepted.", pub)
	//                  0  1   2  3  4   5   6   7   8  9  10  11  12
	parse(t, doc, []int{3, 3, 3, -1, 3, 7, 7, 4, 7, 3, 11, -1, 11}, "nsubj cop case root appos obj nsubj acl:relcl obj punct nsubj root punct")
	for _, tr := range []string{"sent", "accepted"} {
		want := "2018-05|month|explicit|in May 2018"
		if tr == "accepted" {
			want = "2018-05|month|relative|in May 2018"
		}
		if got := dateString(doc, ForEvent(doc, tokenOf(t, doc, tr, 0))); got != want {
			t.Errorf("%s: got %s, want %s", tr, got, want)
		}
	}
	// A named period attached as an object is an event name, not a date.
	doc = tag(t, "Rebels threatened to widen the war in Donbass.", pub)
	//              0        1          2  3        4   5   6  7       8
	parse(t, doc, []int{1, -1, 3, 1, 5, 3, 7, 5, 1}, "nsubj root mark xcomp det obj case nmod punct")
	if got := dateString(doc, ForEvent(doc, tokenOf(t, doc, "widen", 0))); got != "2025-11-20|day|published" {
		t.Errorf("escalate: %s", got)
	}
}

func TestForEventBadInput(t *testing.T) {
	doc := tag(t, "The talks resumed in 2019.", pub)
	for _, tok := range []text.TokenID{text.NoToken, -7, 1000} {
		if got := ForEvent(doc, tok); got.Basis != text.BasisPublished || got.Timex != text.NoTimex {
			t.Errorf("ForEvent(%d) = %+v, want the publication date", tok, got)
		}
	}
	if got := ForEvent(nil, 0); got.Value != "" || got.Timex != text.NoTimex {
		t.Errorf("ForEvent(nil) = %+v", got)
	}
}

// resplit regroups the tokens of doc into sentences starting at the given
// tokens (the first is 0).
func resplit(doc *text.Document, firsts ...int) {
	doc.Sentences = doc.Sentences[:0]
	for i, f := range firsts {
		end := len(doc.Tokens)
		if i+1 < len(firsts) {
			end = firsts[i+1]
		}
		doc.Sentences = append(doc.Sentences, text.Sentence{
			Span:  text.Span{Start: doc.Tokens[f].Start, End: doc.Tokens[end-1].End},
			First: text.TokenID(f), End: text.TokenID(end),
		})
		for t := f; t < end; t++ {
			doc.Tokens[t].Sentence = text.SentenceID(i)
		}
	}
}

func TestParagraphs(t *testing.T) {
	// Hard-wrapped: sentences run across lines, so only blank lines end
	// paragraphs.
	doc := testDoc("The war began\nin 1999. The army\nwithdrew. Talks\nfailed.\n\nThe end came.", pub)
	//               0   1   2     3  4   5 6   7     8      9  10   11   12  13  14  15
	resplit(doc, 0, 6, 10, 13)
	if err := doc.Check(); err != nil {
		t.Fatal(err)
	}
	if got := paragraphs(doc); fmt.Sprint(got) != "[0 0 0 1]" {
		t.Errorf("hard-wrapped: paragraphs %v, want [0 0 0 1]", got)
	}
	// One line a paragraph; a trailing blank gap does not change that; a
	// line ending with a colon introduces the next.
	doc = testDoc("First line.\nSecond line said:\nA quote.\n\n\nLast.", pub)
	if got := paragraphs(doc); fmt.Sprint(got) != "[0 1 1 2]" {
		t.Errorf("lines: paragraphs %v, want [0 1 1 2]", got)
	}
	for i, want := range []int{0, 1, 1, 3} {
		if got := paragraphStart(doc, i); got != want {
			t.Errorf("paragraphStart(%d) = %d, want %d", i, got, want)
		}
	}
}
