package actor

import (
	"strings"
	"testing"

	"annals/internal/text"
)

// spaceDoc makes a document whose tokens are the space-separated words of
// s, in one sentence (the stage needs no more).
func spaceDoc(s, published string) *text.Document {
	d := text.New("t", s)
	d.Published = day(published)
	off := 0
	for _, w := range strings.Split(s, " ") {
		d.Tokens = append(d.Tokens, text.Token{Span: text.Span{Start: off, End: off + len(w)}, Head: text.NoToken})
		off += len(w) + 1
	}
	d.Sentences = []text.Sentence{{Span: text.Span{Start: 0, End: len(s)}, First: 0, End: text.TokenID(len(d.Tokens))}}
	d.Mark(text.LayerTokens | text.LayerSentences)
	return d
}

func TestStage(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		text, published string
		want            string // "text=code/via/entry" items
	}{
		{"Russian President Vladimir Putin met Ukrainian troops .", "2020-01-01",
			"Vladimir Putin=RUSGOV/name/putin; Ukrainian troops=UKRMIL/agent/UKR+military"},
		{"The Russian president spoke .", "2010-06-01", "Russian president=RUSGOV/description/medvedev"},
		{"The Russian president spoke .", "2020-06-01", "Russian president=RUSGOV/description/putin"},
		{"Soviet troops left Kabul .", "1988-05-15", "Soviet troops=SUNMIL/agent/SUN+military; Kabul=AFGGOV/metonym/AFG.gov"},
		{"Russia 's army advanced on Crimea .", "2014-03-01", "Russia 's army=RUSMIL/agent/RUS+military; Crimea=UKR/name/crimea"},
		{"Foreign Minister Lavrov and NATO officials met .", "2015-01-01", "Lavrov=RUSGOV/alias/lavrov; NATO officials=IGOWSTNATGOV/agent/nato+official"},
		{"Bush spoke .", "1990-01-01", "Bush=USAGOV/alias/bush-hw"},
		{"Bush spoke .", "2003-01-01", "Bush=USAGOV/alias/bush-w"},
	}
	for _, tt := range tests {
		d := spaceDoc(tt.text, tt.published)
		if err := NewStage(kb).Process(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Check(); err != nil {
			t.Errorf("%q: %v", tt.text, err)
		}
		var got []string
		for _, m := range d.Mentions {
			got = append(got, d.Slice(m.Span)+"="+m.Actor.Code+"/"+m.Via+"/"+m.Entry)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

func TestStageKeepsRecognizedMentions(t *testing.T) {
	kb := kbWithPeople(t)
	d := spaceDoc("Mr. Lavrov met Zorg Blatt in Moscow .", "2015-01-01")
	// an entity recognizer found "Mr. Lavrov" and "Zorg Blatt"
	d.Mentions = []text.Mention{
		{Span: text.Span{Start: 0, End: 10}, First: 0, End: 2, Head: 1, Label: "PER", Antecedent: text.NoMention},
		{Span: text.Span{Start: 15, End: 25}, First: 3, End: 5, Head: 4, Label: "PER", Antecedent: text.NoMention},
	}
	d.Mark(text.LayerMentions)
	if err := NewStage(kb).Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range d.Mentions {
		got = append(got, d.Slice(m.Span)+"="+m.Actor.Code)
	}
	if g, w := strings.Join(got, "; "), "Mr. Lavrov=RUSGOV; Zorg Blatt=; Moscow=RUSGOV"; g != w {
		t.Errorf("got %s, want %s", g, w)
	}
}
