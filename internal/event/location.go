package event

import (
	"strings"

	"annals/internal/text"
)

// placeCases are the prepositions that introduce where an event happened.
var placeCases = []string{"in", "over", "at", "near", "inside", "across", "outside", "into", "on"}

// location finds where the event at t happened, when the text says: an
// oblique of the trigger (or of the verb it is an xcomp of) introduced by a
// place preposition, whose mention resolves to a place or a state. It
// returns the span, the country and the rule that found it.
func (s *sentenceView) location(t text.TokenID) (text.Location, string, bool) {
	return s.locationWith(t, placeCases)
}

// locationWith is location with the given place prepositions.
func (s *sentenceView) locationWith(t text.TokenID, cases []string) (text.Location, string, bool) {
	if !s.tree || !s.hasMentions {
		return text.Location{}, "", false
	}
	cur := t
	for hops := 0; hops < 3; hops++ {
		for _, k := range s.kids(cur) {
			switch s.dep(k).Base() {
			case text.DepObl, text.DepNMod, text.DepAdvMod:
			default:
				continue
			}
			if !s.caseIs(k, cases...) || s.temporal(k) {
				continue
			}
			if loc, ok := s.place(k); ok {
				return loc, "location: " + s.lemma(cur) + " ─" + s.dep(k).String() + "→ " + s.doc.TokenText(k), true
			}
			// "in the city of Kharkiv", "in southern Lebanon".
			for _, g := range s.kids(k) {
				if s.dep(g).Base() == text.DepNMod || s.dep(g).Base() == text.DepAppos || s.dep(g) == text.DepFlat {
					if loc, ok := s.place(g); ok {
						loc.Span = text.Span{Start: min(s.doc.Tokens[k].Start, loc.Start), End: max(s.doc.Tokens[k].End, loc.End)}
						return loc, "location: " + s.lemma(cur) + " ─" + s.dep(k).String() + "→ " + s.doc.TokenText(k), true
					}
				}
			}
		}
		h := s.head(cur)
		if !h.Valid() || s.dep(cur).Base() != text.DepXComp {
			break
		}
		cur = h
	}
	return text.Location{}, "", false
}

// place returns the location named by the phrase headed by k, if it is a
// mention of a place or a state.
func (s *sentenceView) place(k text.TokenID) (text.Location, bool) {
	m := s.mentionOf[k-s.first]
	if !m.Valid() {
		return text.Location{}, false
	}
	men := s.doc.Mentions[m]
	switch men.Actor.Kind {
	case "place", "state":
	default:
		return text.Location{}, false
	}
	if men.Actor.Country == "" || strings.HasPrefix(men.Actor.Code, "IGO") {
		return text.Location{}, false
	}
	return text.Location{Span: men.Span, Country: men.Actor.Country}, true
}

// targetPlace returns the location given by a target that is a place (a
// city, region or territory; not a state, which is an actor).
func (s *sentenceView) targetPlace(tgt []text.Argument) (text.Location, bool) {
	for _, a := range tgt {
		if !a.Mention.Valid() {
			continue
		}
		m := s.doc.Mentions[a.Mention]
		if m.Actor.Kind == text.KindPlace && m.Actor.Country != "" {
			return text.Location{Span: m.Span, Country: m.Actor.Country}, true
		}
	}
	return text.Location{}, false
}

// mentionAt returns the mention of this sentence whose span covers sp.
func (s *sentenceView) mentionAt(sp text.Span) text.MentionID {
	for k := s.first; k < s.end; k++ {
		if m := s.mentionOf[k-s.first]; m.Valid() && s.doc.Mentions[m].Span.Contains(sp) {
			return m
		}
	}
	return text.NoMention
}
