package event

import (
	"annals/internal/actor"
	"annals/internal/text"
)

// documentCountry returns the country a document is about: the country of
// a strict majority of its mentions that have one (pronouns aside), or ""
// when no country has a majority. Event coders place actors the text does
// not place by this country ("police fired on protesters" in a report from
// one country is that country's police).
func documentCountry(d *text.Document) string {
	count := map[string]int{}
	total := 0
	for _, m := range d.Mentions {
		if m.Label == text.LabelPron || m.Actor.Country == "" {
			continue
		}
		count[m.Actor.Country]++
		total++
	}
	for c, n := range count {
		if 2*n > total {
			return c
		}
	}
	return ""
}

// placeByDocument gives the generic actors of ev that are still without a
// country (a bare sector: "police", "demonstrators", "detainees") the
// document's country, with evidence. A person or an unresolved phrase is
// left alone: only agent nouns, whose country event datasets take from
// where the story is, are placed.
func placeByDocument(ev *text.Event, country string) {
	if country == "" {
		return
	}
	for _, side := range []struct {
		args  []text.Argument
		field text.EvidenceField
	}{{ev.Source, "source"}, {ev.Target, "target"}} {
		for i := range side.args {
			a := &side.args[i]
			if !sectored(a.Actor) || a.Actor.Kind != text.KindAgent || !countryless(a.Actor) {
				continue
			}
			a.Actor = actor.WithCountry(a.Actor, country)
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: side.field, Span: a.Span, Rule: "country: the one the document is about (" + country + ")"})
		}
	}
}
