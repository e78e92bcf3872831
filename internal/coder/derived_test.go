package coder

import (
	"strings"
	"testing"
)

// TestDerivedTriggers codes sentences written for this test with the
// default (derived) trigger table: verb and noun triggers from the CAMEO
// verb dictionary, WordNet's noun forms and the hand supplement, each
// with its source in the trigger's evidence.
func TestDerivedTriggers(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, trigger, typ, source string // source: prefix of the table line's origin
	}{
		{"Rebels raided a police station in northern Mali.", "raided", "ASSAULT", "cameo-verbs:"},
		{"The raid by Syrian troops on the village left five people dead.", "raid", "ASSAULT", "cameo-verbs:"},
		{"Ethiopian forces continued the shelling of Adwa.", "shelling", "ASSAULT", "wordnet:shelling.n."},
		{"Gunmen kidnapped three Nigerian aid workers.", "kidnapped", "ASSAULT", ""},
		{"Talks between Iran and Oman resumed in Muscat.", "Talks", "CONSULT", "hand:"},
		{"The Kenyan government refused the request from Uganda.", "refused", "REJECT", "cameo-verbs:"},
		{"Nigeria appealed to Ghana for help.", "appealed", "REQUEST", "cameo-verbs:"},
		{"Peru threatened Chile with a blockade of its ports.", "threatened", "THREATEN", "cameo-verbs:"},
		{"New American sanctions against Venezuela took effect on Monday.", "sanctions", "SANCTION", "hand:"},
		{"Protesters set alight two police vans in Dhaka.", "set alight", "ASSAULT", "hand:"},
		{"The tribunal said Bosnian Serb units had carried out ethnic cleansing in Foca.", "ethnic cleansing", "ASSAULT", "hand:"},
		// "agree" with no object the CAMEO patterns name: the codebook's
		// AGREE ("agree to ..."), not the block's 050.
		{"Ghana agreed to send engineers to Mali.", "agreed", "AGREE", "hand:"},
		{"Bolivia and Paraguay agreed on Tuesday that their navies would share river patrols.", "agreed", "AGREE", "hand:"},
		{"The Swedish minister agreed with her Finnish counterpart about the new border crossing.", "agreed", "AGREE", "hand:"},
	}
	for _, c := range cases {
		got, evs := codeAt(t, p, c.text, c.trigger)
		if got == nil {
			t.Errorf("no event at %q in %q; coded %v", c.trigger, c.text, summary(evs))
			continue
		}
		if got.EventType != c.typ {
			t.Errorf("%q in %q: type %s, want %s", c.trigger, c.text, got.EventType, c.typ)
		}
		var rule string
		for _, ev := range got.Evidence {
			if ev.Field == "trigger" {
				rule = ev.Rule
			}
		}
		derived := strings.Contains(rule, "(lexicon.tsv:") && strings.Contains(rule, " "+c.source)
		handList := c.source == "hand:" && strings.Contains(rule, "(hand.tsv:") // the hand-written list, data/hand.tsv
		if !derived && !handList {
			t.Errorf("%q in %q: trigger evidence %q does not name a table line from %s", c.trigger, c.text, rule, c.source)
		}
	}
}

// TestPhrasalParticles: the particle of a phrasal trigger follows its verb
// ("pressed on", "called repeatedly for") or is the verb's child ("shot
// the drone down"); a preposition after the verb's object belongs to the
// phrase that follows, and the phrasal reading is not taken.
func TestPhrasalParticles(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, trigger, typ string // typ "" : no event at trigger may be of notTyp
		notTyp             string
	}{
		{"The rebel columns pressed on toward the capital.", "pressed on", "ASSAULT", ""},
		{"The Kenyan minister called repeatedly for calm in Nairobi.", "called repeatedly for", "REQUEST", ""},
		{"The Ukrainian army shot the drone down over Kharkiv.", "shot the drone down", "ASSAULT", ""},
		{"Chad pulled its soldiers out of the Central African Republic.", "pulled", "RETREAT", ""},
		{"Rebel forces carried out raids on two border posts.", "forces carried out", "", ""},
		{"The army forced the villagers out of Homs.", "forced the villagers out", "COERCE", ""},
		{"The US envoy pressed Caracas on the release of the prisoners.", "pressed", "", "ASSAULT"},
		{"Norway pressed Sudan on its treatment of journalists.", "pressed", "", "ASSAULT"},
	}
	for _, c := range cases {
		got, evs := codeAt(t, p, c.text, c.trigger)
		if c.typ == "" && c.notTyp == "" {
			if got != nil {
				t.Errorf("%q: coded %s at %q, a particle of another verb read as the noun's", c.text, got.EventType, got.Trigger.Text)
			}
			continue
		}
		if c.typ != "" {
			if got == nil || got.EventType != c.typ {
				t.Errorf("%q: want %s at %q; coded %v", c.text, c.typ, c.trigger, summary(evs))
			}
			continue
		}
		for _, ev := range evs {
			if ev.EventType == c.notTyp {
				t.Errorf("%q: coded %s (%q), a preposition of the object read as the verb's particle", c.text, ev.EventType, ev.Trigger.Text)
			}
		}
	}
}
