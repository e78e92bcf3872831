package event

import (
	"testing"

	"annals/internal/text"
)

func TestDocumentCountry(t *testing.T) {
	m := func(country string, label text.MentionLabel) text.Mention {
		return text.Mention{Label: label, Actor: text.Actor{Country: country}}
	}
	cases := []struct {
		name     string
		mentions []text.Mention
		want     string
	}{
		{"one country", []text.Mention{m("PER", "GPE"), m("", "NORP"), m("PER", "ORG")}, "PER"},
		{"a strict majority", []text.Mention{m("KEN", "GPE"), m("KEN", "GPE"), m("UGA", "GPE")}, "KEN"},
		{"a tie is no majority", []text.Mention{m("KEN", "GPE"), m("UGA", "GPE")}, ""},
		{"pronouns do not vote", []text.Mention{m("KEN", "GPE"), m("UGA", "PRON"), m("UGA", "PRON"), m("UGA", "PRON")}, "KEN"},
		{"no country", []text.Mention{m("", "ORG")}, ""},
	}
	for _, c := range cases {
		d := text.New("d", "x")
		d.Mentions = c.mentions
		if got := documentCountry(d); got != c.want {
			t.Errorf("%s: documentCountry = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPlaceByDocument(t *testing.T) {
	ev := text.Event{
		Source: []text.Argument{{Actor: text.Actor{Code: "COP", Sector: []string{"COP"}, Kind: "agent"}}},
		Target: []text.Argument{
			{Actor: text.Actor{Code: "OPP", Sector: []string{"OPP"}, Kind: "agent"}},
			{Actor: text.Actor{Code: "CHL", Country: "CHL", Kind: "state"}},
			{Actor: text.Actor{Name: "Ana Ruiz", Kind: "person"}},
		},
	}
	placeByDocument(&ev, "ARG")
	if ev.Source[0].Actor.Country != "ARG" || ev.Source[0].Actor.Code != "ARGCOP" {
		t.Errorf("source: %+v", ev.Source[0].Actor)
	}
	if ev.Target[0].Actor.Country != "ARG" || ev.Target[1].Actor.Country != "CHL" || ev.Target[2].Actor.Country != "" {
		t.Errorf("targets: %+v", ev.Target)
	}
	if len(ev.Evidence) != 2 || ev.Evidence[0].Field != "source" || ev.Evidence[1].Field != "target" {
		t.Errorf("evidence: %+v", ev.Evidence)
	}
}
