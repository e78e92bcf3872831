package event

// Countries for arguments that name none: the sentence's or the place's
// country, with the basis recorded in the evidence.

import (
	"strings"

	"annals/internal/actor"
	"annals/internal/text"
)

// titleWords name offices whose holders act for their government.
var titleWords = map[string]bool{
	"president": true, "minister": true, "premier": true, "chancellor": true, "secretary": true, "ambassador": true,
	"envoy": true, "diplomat": true, "official": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"governor": true, "mayor": true, "king": true, "queen": true, "prince": true, "emir": true, "sheikh": true,
	"vice-president": true, "leader": true, "general": true, "commander": true, "judge": true,
}

// inferCountry looks through the modifiers of h (two levels: adjectives,
// compounds, possessors, flat names, appositions, and of/in/from
// phrases) for a mention with a country, and for an office title.
func (s *sentenceView) inferCountry(h text.TokenID) (country string, title bool, ok bool) {
	frontier := []text.TokenID{h}
	for depth := 0; depth < 2 && country == ""; depth++ {
		var next []text.TokenID
		for _, x := range frontier {
			if titleWords[s.lemma(x)] {
				title = true
			}
			for _, k := range s.kids(x) {
				switch s.dep(k).Base() {
				case text.DepAMod, text.DepCompound, text.DepFlat, text.DepAppos:
				case text.DepNMod:
					if s.dep(k) != text.DepNModPoss && !s.caseIs(k, "in", "of", "from") {
						continue
					}
				default:
					continue
				}
				if titleWords[s.lemma(k)] {
					title = true
				}
				if m := s.mentionOf[k-s.first]; m.Valid() && country == "" {
					act := s.doc.Mentions[m].Actor
					if act.Country != "" && act.Kind != text.KindPerson {
						country = act.Country
					}
				}
				next = append(next, k)
			}
		}
		frontier = next
	}
	return country, title, country != ""
}

// sentenceCountry returns the country most mentioned in the sentence
// outside the phrase headed by h (ties go to the nearest), or "".
func (s *sentenceView) sentenceCountry(h text.TokenID) string {
	count := map[string]int{}
	near := map[string]int{}
	seen := map[text.MentionID]bool{}
	for k := s.first; k < s.end; k++ {
		m := s.mentionOf[k-s.first]
		if !m.Valid() || seen[m] {
			continue
		}
		seen[m] = true
		men := s.doc.Mentions[m]
		if men.First <= h && h < men.End {
			continue
		}
		c := men.Actor.Country
		if c == "" || men.Label == text.LabelPron {
			continue
		}
		count[c]++
		dist := int(k - h)
		if dist < 0 {
			dist = -dist
		}
		if d, ok := near[c]; !ok || dist < d {
			near[c] = dist
		}
	}
	best := ""
	for c, n := range count {
		if best == "" || n > count[best] || (n == count[best] && near[c] < near[best]) || (n == count[best] && near[c] == near[best] && c < best) {
			best = c
		}
	}
	return best
}

// agentWindow is how many sentences back a definite agent ("the envoy")
// looks for the same agent named with its country ("a US envoy").
const agentWindow = 2

// sameAgentCountry reads a definite generic agent ("the envoy", "the
// troops") as the same agent named earlier with a country ("a US envoy",
// "Kenyan troops"): it returns that country and the earlier mention's
// span, when the mentions of that agent in the last agentWindow sentences
// name exactly one country. An indefinite agent ("an envoy") is a new
// one and gets nothing.
func (s *sentenceView) sameAgentCountry(a text.Argument) (string, text.Span, bool) {
	d := s.doc
	if !a.Mention.Valid() || int(a.Mention) >= len(d.Mentions) {
		return "", text.Span{}, false
	}
	m := d.Mentions[a.Mention]
	if m.Label != text.LabelAgent || m.Entry == "" || strings.Contains(m.Entry, "+") || !s.definite(m.Head) {
		return "", text.Span{}, false
	}
	c, at := "", text.Span{}
	for _, e := range d.Mentions {
		if e.Label != text.LabelAgent || e.Sentence > m.Sentence || e.Sentence+agentWindow < m.Sentence || e.Start >= m.Start {
			continue
		}
		x := e.Actor.Country
		if x == "" || !strings.HasSuffix(e.Entry, "+"+m.Entry) {
			continue
		}
		if c != "" && x != c {
			return "", text.Span{}, false // two countries' envoys: which one is open
		}
		if c == "" || e.Start > at.Start {
			at = e.Span
		}
		c = x
	}
	return c, at, c != ""
}

// definite reports whether the noun h has the definite article or a
// demonstrative ("the envoy", "these troops").
func (s *sentenceView) definite(h text.TokenID) bool {
	if !h.Valid() || !s.tree {
		return false
	}
	for _, k := range s.kids(h) {
		if s.dep(k) == text.DepDet {
			switch s.form(k) {
			case "the", "this", "that", "these", "those":
				return true
			}
		}
	}
	return false
}

// sectored reports whether a has a code or, for a generic agent the
// actor stage leaves uncoded ("troops"), a sector.
func sectored(a text.Actor) bool { return a.Code != "" || len(a.Sector) > 0 }

// countryless reports whether an actor is an office, a person or a generic
// agent that lacks the country it belongs to (not a region, an
// international organization or an unresolved phrase).
func countryless(a text.Actor) bool {
	if a.Country != "" || strings.HasPrefix(a.Code, "IGO") || strings.HasPrefix(a.Code, "NGO") {
		return false
	}
	switch a.Kind {
	case "agent", "person", "":
		return true
	}
	return false
}

// placeSources gives countryless sources, and countryless people among the
// targets, the country the sentence talks about ("President Ana Soto
// has broken her pledge to the Peruvian farmers", "the government
// declared …"), as event coders read them. Generic targets ("troops",
// "civilians") are left alone: they are as often the other side's.
func (s *sentenceView) placeSources(ev *text.Event) {
	fix := func(args []text.Argument, people bool, field text.EvidenceField) {
		s.placeArgs(ev, args, people, field)
	}
	fix(ev.Source, false, text.FieldSource)
	if ev.Type == text.Mobilize && len(ev.Source) > 0 && ev.Source[0].Actor.Country != "" {
		// Forces mobilized are the mobilizer's own ("Russia amassed troops").
		c := ev.Source[0].Actor.Country
		for i := range ev.Target {
			if a := &ev.Target[i]; sectored(a.Actor) && countryless(a.Actor) && a.Actor.Kind == text.KindAgent {
				a.Actor = actor.WithCountry(a.Actor, c)
				ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTarget, Span: a.Span, Rule: "country: forces mobilized are the source's own"})
			}
		}
	}
	fix(ev.Target, true, text.FieldTarget)
	// A generic target ("demonstrators", "civilians") of force or
	// coercion takes the country of its source when the sentence names no
	// other: then there is no other side it could belong to ("Egyptian
	// police opened fire on demonstrators").
	for i := range ev.Target {
		a := &ev.Target[i]
		if !sectored(a.Actor) || placed([]text.Argument{*a}) || a.Actor.Kind != text.KindAgent || (ev.Type != text.Assault && ev.Type != text.Coerce) {
			continue // (support, aid, talks are as often given abroad)
		}
		h := s.doc.TokenAt(a.End - 1)
		if !h.Valid() {
			continue
		}
		if c, ok := s.soleCountry(h); ok && sourceCountry(ev) == c {
			a.Actor = actor.WithCountry(a.Actor, c)
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTarget, Span: a.Span, Rule: "country: the only one the sentence names (" + c + ")"})
		}
	}
}

// sourceCountry returns the country of ev's first placed source, or "".
func sourceCountry(ev *text.Event) string {
	for _, a := range ev.Source {
		if a.Actor.Country != "" {
			return a.Actor.Country
		}
	}
	return ""
}

// soleCountry returns the country of the sentence's mentions outside the
// phrase headed by h when they name exactly one.
func (s *sentenceView) soleCountry(h text.TokenID) (string, bool) {
	c := ""
	for k := s.first; k < s.end; k++ {
		m := s.mentionOf[k-s.first]
		if !m.Valid() {
			continue
		}
		men := s.doc.Mentions[m]
		if men.First <= h && h < men.End {
			continue
		}
		if s.caseIs(men.End-1, placeCases...) {
			continue // "over Ukraine" says where, not whose
		}
		switch x := men.Actor.Country; {
		case x == "":
		case c == "":
			c = x
		case x != c:
			return "", false
		}
	}
	return c, c != ""
}

// placeArgs gives the countryless actors among args (only people, if people
// is set) the country their sentence names most, with evidence on ev.
func (s *sentenceView) placeArgs(ev *text.Event, args []text.Argument, people bool, field text.EvidenceField) {
	{
		for i := range args {
			a := &args[i]
			if !sectored(a.Actor) || !countryless(a.Actor) || (people && a.Actor.Kind != text.KindPerson) {
				continue
			}
			h := s.doc.TokenAt(a.End - 1)
			if !h.Valid() {
				continue
			}
			if c, at, ok := s.sameAgentCountry(*a); ok {
				a.Actor = actor.WithCountry(a.Actor, c)
				ev.Evidence = append(ev.Evidence, text.Evidence{Field: field, Span: at, Rule: "country: the same agent named earlier with its country (" + c + ")"})
			} else if c := s.sentenceCountry(h); c != "" {
				a.Actor = actor.WithCountry(a.Actor, c)
				ev.Evidence = append(ev.Evidence, text.Evidence{Field: field, Span: a.Span, Rule: "country: the one the sentence names most (" + c + ")"})
			}
		}
	}
}
