package timex

import (
	"strings"
	"testing"

	"annals/internal/text"
)

func TestChains(t *testing.T) {
	cases := []struct{ in, pub, want string }{
		{"The war began in 1999. That year, the capital fell. Two years later, a truce was signed. By then, the rebels had split. The following year talks resumed.", pub,
			"in 1999|1999|year|explicit ; That year|1999|year|relative ; Two years later|2001|year|relative ; By then|2001|year|relative ; The following year|2002|year|relative"},
		{"The treaty was signed in May 2010. A decade earlier, nobody expected it.", pub,
			"in May 2010|2010-05|month|explicit ; A decade earlier|2000|year|relative"},
		{"Chile hesitated. Many years later, in 2019, the navy sailed.", pub,
			"Many years later, in 2019|2019|year|explicit"},
		{"The crisis began on 3 May 2004. A day later the city fell. The same month, the mayor fled.", pub,
			"on 3 May 2004|2004-05-03|day|explicit ; A day later|2004-05-04|day|relative ; The same month|2004-05|month|relative"},
		{"He admitted it publicly in 2023:\nIn an interview broadcast on Sunday, he conceded it.", pub,
			"in 2023|2023|year|explicit ; on Sunday|2023|year|relative"},
		{"The party won in 2011. In March, the leader resigned.", pub,
			"in 2011|2011|year|explicit ; In March|2011-03|month|relative"},
		{"The rebels took the town in 1995. Then the army returned.", pub,
			"in 1995|1995|year|explicit ; Then|1995|year|relative"},
		{"The rebels took the town in 1995.\nThen the army returned.", pub,
			"in 1995|1995|year|explicit ; Then|1995|year|relative"},
		{"The rebels took the town in 1995. The army came back. Then it left.", pub,
			"in 1995|1995|year|explicit"},
		{"The minister resigned yesterday.", "", "yesterday|||relative"},
		{"The siege ended on 3 May 2004. Yesterday the city celebrated.", "",
			"on 3 May 2004|2004-05-03|day|explicit ; Yesterday|2004-05-02|day|relative"},
		{"That year, the capital fell.", pub, "That year|||relative"},
		{"The war ended in the 1990s. Later that year, the army left.", pub,
			"in the 1990s|199X|decade|explicit ; Later that year|||relative"},
	}
	for _, c := range cases {
		doc := tag(t, c.in, c.pub)
		if got := render(doc); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestAnchors(t *testing.T) {
	doc := tag(t, "The war began in 1999. That year, the capital fell. Two years later, a truce was signed. Prices rose last year.", pub)
	want := []text.TimexID{text.NoTimex, 0, 1, text.NoTimex}
	if len(doc.Timexes) != len(want) {
		t.Fatalf("got %d expressions, want %d: %s", len(doc.Timexes), len(want), render(doc))
	}
	for i, x := range doc.Timexes {
		if x.Anchor != want[i] {
			t.Errorf("expression %d %q: anchor %d, want %d", i, doc.Slice(x.Span), x.Anchor, want[i])
		}
	}
}

func TestHintOf(t *testing.T) {
	cases := []struct {
		in           string
		kind         Kind
		period, role string
		ordinal      int
		holder       string
		pronoun      bool
	}{
		{"Troops stayed during his first term.", KindTerm, "", "term", 1, "his", true},
		{"Grain exports grew under the presidency of Boris Yeltsin.", KindTerm, "", "presidency", 0, "Boris Yeltsin", false},
		{"The base opened during the Obama administration.", KindTerm, "", "administration", 0, "Obama", false},
		{"Relations froze under President Bush.", KindTerm, "", "presidency", 0, "Bush", false},
		{"Taxes rose during Putin's second term.", KindTerm, "", "term", 2, "Putin", false},
		{"Under Stalin, millions died.", KindTerm, "", "rule", 0, "Stalin", false},
		{"Spies thrived during the Cold War.", KindPeriod, "cold-war", "", 0, "", false},
		{"Parliament was stormed during the Euromaidan protests.", KindPeriod, "maidan", "", 0, "", false},
		{"Prices rose last year.", KindDeictic, "", "", 0, "", false},
		{"The town fell in 1995.", KindDate, "", "", 0, "", false},
	}
	for _, c := range cases {
		doc := tag(t, c.in, pub)
		if len(doc.Timexes) != 1 {
			t.Errorf("%q: %d expressions (%s), want 1", c.in, len(doc.Timexes), render(doc))
			continue
		}
		h := HintOf(doc, 0)
		if h.Kind != c.kind || h.Period != c.period || h.Role != c.role || h.Ordinal != c.ordinal || doc.Slice(h.Holder) != c.holder || h.Pronoun != c.pronoun {
			t.Errorf("%q: hint %+v (holder %q), want kind %s period %q role %q ordinal %d holder %q pronoun %v",
				c.in, h, doc.Slice(h.Holder), c.kind, c.period, c.role, c.ordinal, c.holder, c.pronoun)
		}
		if c.holder != "" && doc.TokenText(h.HolderToken) == "" {
			t.Errorf("%q: holder token %d invalid", c.in, h.HolderToken)
		}
	}
	if h := HintOf(nil, 0); h.Kind != KindNone || h.HolderToken != text.NoToken {
		t.Errorf("HintOf(nil) = %+v", h)
	}
}

// TestTense reads the year of a month named without one from the tense
// of the nearest verb, when the document has part-of-speech tags.
func TestTense(t *testing.T) {
	cases := []struct {
		in, pub string
		tags    string // UPOS/XPOS per token, "_" for untagged
		want    string
	}{
		{"The sides agreed to meet in July.", "2025-06-03", "DET/DT NOUN/NNS VERB/VBD PART/TO VERB/VB ADP/IN PROPN/NNP PUNCT/.", "in July|2025-07|month|relative"},
		{"The talks collapsed in July.", "2025-06-03", "DET/DT NOUN/NNS VERB/VBD ADP/IN PROPN/NNP PUNCT/.", "in July|2024-07|month|relative"},
		{"The talks resume in January.", pub, "DET/DT NOUN/NNS VERB/VBP ADP/IN PROPN/NNP PUNCT/.", "in January|2026-01|month|relative"},
		{"The talks resume in October.", pub, "DET/DT NOUN/NNS VERB/VBP ADP/IN PROPN/NNP PUNCT/.", "in October|2025-10|month|relative"},
		{"The envoy is to arrive on Friday.", pub, "DET/DT NOUN/NN AUX/VBZ PART/TO VERB/VB ADP/IN PROPN/NNP PUNCT/.", "on Friday|2025-11-21|day|relative"},
		{"The envoy arrived on Friday.", pub, "DET/DT NOUN/NN VERB/VBD ADP/IN PROPN/NNP PUNCT/.", "on Friday|2025-11-14|day|relative"},
	}
	for _, c := range cases {
		doc := testDoc(c.in, c.pub)
		tags := strings.Fields(c.tags)
		if len(tags) != len(doc.Tokens) {
			t.Fatalf("%q: %d tags for %d tokens", c.in, len(tags), len(doc.Tokens))
		}
		for i, tg := range tags {
			u, x, _ := strings.Cut(tg, "/")
			p, err := text.ParsePOS(u)
			if err != nil {
				t.Fatal(err)
			}
			doc.Tokens[i].UPOS, doc.Tokens[i].XPOS = p, x
		}
		doc.Mark(text.LayerPOS)
		if err := New().Process(doc); err != nil {
			t.Fatal(err)
		}
		if got := render(doc); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
