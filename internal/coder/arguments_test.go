package coder

import (
	"strings"
	"testing"

	"annals/internal/pipeline"
	"annals/internal/record"
	"annals/internal/text"
)

// TestWhoDidWhatToWhom codes sentences written for this test, one rule of
// argument or attribute reading each, and checks the event with the
// given trigger: its type, source and target countries (or codes), and
// speaker. The whole pipeline runs, so a case can fail on a parse.
// argumentTriggers are the triggers the argument tests need (see the file).
var argumentTriggers = []string{"testdata/triggers.tsv"}

func TestWhoDidWhatToWhom(t *testing.T) {
	p, err := New(Options{Lexicons: argumentTriggers})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		rule, text, trigger, typ, src, tgt, speaker string
		not                                         string // a type that must not be coded
	}{
		{"target in the governed clause", "Iran has threatened to deliver heavy blows to Israel.", "threatened", "THREATEN", "IRN", "ISR", "author", ""},
		{"ultimatum: condition's subject", "Ghana said it will pull its engineers out of Togo unless the Togolese government pays its debts.", "pull", "THREATEN", "GHA", "TGO", "GHA", ""},
		{"passive target: the people a place is for", "A school for Somali children was attacked by Kenyan soldiers.", "attacked", "ASSAULT", "KEN", "SOM", "author", ""},
		{"protest with no stated target", "Thousands of Chilean students marched through the capital on Friday.", "marched", "PROTEST", "CHL", "CHL", "author", ""},
		{"according to what X claimed", "At the time, according to what the Turkish president has claimed, Greek ships were trying to block Turkish ports.", "block", "COERCE", "GRC", "TUR", "TUR", ""},
		{"stative participle keeps its subject", "Norway is committed to helping Sudan.", "committed", "AGREE", "NOR", "", "author", ""},
		{"naming in a relative clause: the modified noun is named", "This is the same Turkey that the Greek minister called a terrorist regime.", "called", "ACCUSE", "GRC", "TUR", "author", ""},
		{"a participle set off by commas is a reduced passive", "A Malaysian airliner, shot down over Ukraine, crashed in a field.", "shot down", "ASSAULT", "", "MYS", "author", ""},
		{"merged into the passive that names the attacker", "The Russian bomber, shot down over Syria in 2015 and killing its pilot, was very likely hit by Turkish jets.", "hit", "ASSAULT", "TUR", "RUS", "author", ""},
		{"a bare sector takes the document's country", "Riot police in Caracas broke up the march on Sunday. Officers detained several students near the square.", "detained", "COERCE", "VEN", "VEN", "author", ""},
		{"a bare sector takes the document's country (a later sentence)", "The strike in Lagos entered its third day. Workers marched to the labour ministry on Thursday.", "marched", "PROTEST", "NGA", "", "author", ""},
		{"seeing someone do something is no visit", "It is strange to see Poland accepting the Russian offer.", "accepting", "AGREE", "POL", "", "author", "CONSULT"},
	}
	for _, c := range cases {
		got, evs := codeAt(t, p, c.text, c.trigger)
		if got == nil {
			t.Errorf("%s: no event at %q in %q; coded %v", c.rule, c.trigger, c.text, summary(evs))
			continue
		}
		for _, e := range evs {
			if c.not != "" && e.EventType == c.not {
				t.Errorf("%s: %q coded %s; want no %s", c.rule, c.text, summary([]record.Event{e}), c.not)
			}
		}
		if got.EventType != c.typ || !hasCountry(got.Source, c.src) || !hasCountry(got.Target, c.tgt) || speaker(got) != c.speaker {
			t.Errorf("%s: %q coded %s; want %s %s → %s said by %s", c.rule, c.text, summary([]record.Event{*got}), c.typ, c.src, c.tgt, c.speaker)
		}
	}
}

// codeAt codes sentence with p and returns its events and the last one
// whose trigger contains trigger (nil if none).
func codeAt(t *testing.T, p *pipeline.Pipeline, sentence, trigger string) (*record.Event, []record.Event) {
	t.Helper()
	d := text.New("t", sentence)
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	evs := record.FromDocument(d)
	var got *record.Event
	for i := range evs {
		if strings.Contains(evs[i].Trigger.Text, trigger) {
			got = &evs[i]
		}
	}
	return got, evs
}

func hasCountry(args []record.Argument, want string) bool {
	if want == "" {
		return true
	}
	for _, a := range args {
		if a.Actor.Country == want || a.Actor.Code == want {
			return true
		}
	}
	return false
}

func speaker(e *record.Event) string {
	if e.Attribution.Speaker == "author" || e.Attribution.Actor == nil {
		return e.Attribution.Speaker
	}
	return e.Attribution.Actor.Country
}

func summary(evs []record.Event) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString(e.EventType + " [")
		for _, a := range e.Source {
			b.WriteString(a.Actor.Code + "(" + a.Text + ")")
		}
		b.WriteString(" → ")
		for _, a := range e.Target {
			b.WriteString(a.Actor.Code + "(" + a.Text + ")")
		}
		b.WriteString("] by " + e.Attribution.Speaker + " at " + e.Trigger.Text + "; ")
	}
	return b.String()
}

// TestAttributes codes sentences written for this test and checks the
// polarity, modality and certainty of the event at the given trigger.
func TestAttributes(t *testing.T) {
	p, err := New(Options{Lexicons: argumentTriggers})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		rule, text, trigger, typ, src, attrs string
	}{
		{"counterfactual: the negation is the modal's", "Looking back, the queen probably should not have gone to Lisbon.", "gone", "CONSULT", "", "asserted/counterfactual/probable"},
		{"plain negation", "Chile did not go to war with Peru.", "go to war", "ASSAULT", "CHL", "negated/actual/certain"},
		{"a conditional threat reported in speech is the speaker's", "India's defence chief said the quarrel would be settled on a battlefield if the pass stayed closed.", "settled", "THREATEN", "IND", "asserted/conditional/certain"},
	}
	for _, c := range cases {
		got, evs := codeAt(t, p, c.text, c.trigger)
		if got == nil {
			t.Errorf("%s: no event at %q in %q; coded %v", c.rule, c.trigger, c.text, summary(evs))
			continue
		}
		attrs := got.Polarity + "/" + got.Modality + "/" + got.Certainty
		if got.EventType != c.typ || !hasCountry(got.Source, c.src) || attrs != c.attrs {
			t.Errorf("%s: %q coded %s %s; want %s from %s, %s", c.rule, c.text, summary([]record.Event{*got}), attrs, c.typ, c.src, c.attrs)
		}
	}
}

// TestSameAgentCountry: a definite agent with no country ("the envoy")
// is the same agent named just before with one ("a Brazilian envoy");
// with two such agents of different countries, or an indefinite agent,
// nothing is inherited.
func TestSameAgentCountry(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, trigger, source, notSource string
	}{
		{"A Brazilian envoy arrived in La Paz on Monday. Officials said the envoy urged Bolivia to reopen the border.", "urged", "BRA", ""},
		{"Ghanaian diplomats reached Bamako late on Friday. The diplomats later accused Mali of stalling the talks.", "accused", "GHA", ""},
		{"A Turkish envoy and a Greek envoy met in Vienna. Austria said the envoy criticised Cyprus.", "criticised", "", "TUR"},
		{"A Turkish envoy and a Greek envoy met in Vienna. Austria said the envoy criticised Cyprus.", "criticised", "", "GRC"},
		{"A Brazilian envoy arrived in La Paz. Later an envoy urged Bolivia to reopen the border.", "urged", "", "BRA"},
	}
	for _, c := range cases {
		got, evs := codeAt(t, p, c.text, c.trigger)
		if got == nil {
			t.Errorf("no event at %q in %q; coded %v", c.trigger, c.text, summary(evs))
			continue
		}
		if c.source != "" && !hasCountry(got.Source, c.source) {
			t.Errorf("%q: source %v, want %s", c.text, got.Source, c.source)
		}
		if c.notSource != "" && hasCountry(got.Source, c.notSource) {
			t.Errorf("%q: source %v, must not be %s", c.text, got.Source, c.notSource)
		}
	}
}
