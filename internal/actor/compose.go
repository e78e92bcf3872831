package actor

import (
	"strings"
	"time"

	"annals/internal/text"
)

// This file gives actors with no nationality of their own the country the
// sentence's tree gives them (see docs/actor-conventions.md):
//
//   - an "of" or "from" phrase names whose they are: "the army of
//     Chile" (CHLMIL), "fighters from Chechnya";
//   - a place phrase on the agent ("police in northern Peru"), on the
//     verb it is the subject or object of ("gunmen opened fire in Lagos")
//     or on that verb's object ("rebels raided a depot in Goma") places
//     them: the country of the place, with sector; unidentified attackers
//     (UAF) in a known place take the country alone;
//   - a state force conjoined to one with a nationality shares it
//     ("Chilean soldiers and police");
//   - people named by a demonym who live in another country are coded by
//     the place ("Hungarians of northern Serbia" → SRB); "in" does not
//     make residents ("Americans in Iraq" stay USA);
//   - diplomats and refugees are not placed: they are posted or fled
//     there from elsewhere.
//
// A composed mention keeps its own span and records how it was coded in
// Via: "agent" for of/from phrases, "place" for places.

// placeCases are the prepositions of a place phrase.
var placeCases = map[string]bool{
	"in": true, "at": true, "near": true, "inside": true, "across": true,
	"throughout": true, "around": true, "outside": true,
}

// ownerCases are the prepositions that say whose an agent is.
var ownerCases = map[string]bool{"of": true, "from": true}

// composeSentence gives the countryless agent mentions among ms (the
// mentions of one parsed sentence, tokens [first, end)) the country of
// an owner or place phrase, and codes residents by place.
func (s *Stage) composeSentence(doc *text.Document, ms []text.Mention, first, end text.TokenID, date time.Time) {
	n := int(end - first)
	if n <= 0 {
		return
	}
	// at[i] is the mention covering token first+i, or -1
	var buf [64]int16
	at := buf[:0]
	if n > len(buf) {
		at = make([]int16, 0, n)
	}
	for i := 0; i < n; i++ {
		at = append(at, -1)
	}
	need := false
	for i := range ms {
		m := &ms[i]
		if m.First < first || m.End > end || i > 32000 {
			continue
		}
		for t := m.First; t < m.End; t++ {
			at[t-first] = int16(i)
		}
		if countrylessAgent(m.Actor) || m.Label == text.LabelNORP {
			need = true
		}
	}
	if !need {
		return
	}
	mentionAt := func(t text.TokenID) *text.Mention {
		if t < first || t >= end || at[t-first] < 0 {
			return nil
		}
		return &ms[at[t-first]]
	}
	for i := range ms {
		m := &ms[i]
		if m.First < first || m.End > end || m.Head < first || m.Head >= end {
			continue
		}
		switch {
		case countrylessAgent(m.Actor):
			if o, via, ok := s.ownerOf(doc, m, first, end, mentionAt); ok {
				s.give(m, o, via, date)
			}
		case m.Label == text.LabelNORP && m.Actor.Kind == text.KindState && doc.Tokens[m.Head].UPOS != text.ADJ:
			// residents: "Hungarians of northern Serbia"
			h := m.Head
			for k := first; k < end; k++ {
				if doc.Tokens[k].Head != h || doc.Tokens[k].Dep.Base() != text.DepNMod || k >= m.First && k < m.End {
					continue
				}
				if caseWord(doc, k, first, end) != "of" {
					continue // "Americans in Iraq" are Americans abroad
				}
				if p := mentionAt(k); p != nil && placeLike(p.Actor) && p.Actor.Country != m.Actor.Country {
					m.Actor = OfCountry(p.Actor.Country, doc.Slice(m.Span)+" of "+p.Actor.Country, KindPlace)
					m.Entry, m.Via = "", ViaPlace.String()
					break
				}
			}
		}
	}
	// a conjunct shares the nationality of the first: "Chilean warships
	// and aircraft", "Nepali soldiers and police" (state forces only:
	// in "Russian troops and rebels" the rebels are the other side)
	for i := range ms {
		m := &ms[i]
		if !countrylessAgent(m.Actor) || !stateForce(m.Actor) || m.Head < first || m.Head >= end || doc.Tokens[m.Head].Dep != text.DepConj {
			continue
		}
		if f := mentionAt(doc.Tokens[m.Head].Head); f != nil && f != m && f.Actor.Kind == text.KindAgent && f.Actor.Country != "" && stateForce(f.Actor) {
			own := m.Entry
			m.Actor = WithCountry(m.Actor, f.Actor.Country)
			m.Entry, m.Via = "", ViaAgent.String()
			if j := strings.IndexByte(f.Entry, '+'); j > 0 && own != "" && !strings.Contains(own, "+") {
				// re-resolvable at an event's date, as the first is
				if a := s.kb.Resolve(f.Entry[:j]+"+"+own, date); a.Country == f.Actor.Country {
					m.Actor, m.Entry = a, f.Entry[:j]+"+"+own
				}
			}
		}
	}
}

// ownerOf finds the mention that gives agent mention m its country: an
// of/from phrase on its head (via agent), a place phrase on its head, or
// a place phrase on the verb it is the subject or object of (via place).
func (s *Stage) ownerOf(doc *text.Document, m *text.Mention, first, end text.TokenID, mentionAt func(text.TokenID) *text.Mention) (*text.Mention, Via, bool) {
	h := m.Head
	var place *text.Mention
	for k := first; k < end; k++ {
		if doc.Tokens[k].Head != h || k >= m.First && k < m.End {
			continue
		}
		if r := doc.Tokens[k].Dep; r.Base() != text.DepNMod || r == text.DepNModPoss {
			continue
		}
		p := mentionAt(k)
		if p == nil || p == m {
			continue
		}
		switch c := caseWord(doc, k, first, end); {
		case ownerCases[c] && ownerLike(p.Actor):
			return p, ViaAgent, true
		case placeCases[c] && placeLike(p.Actor) && place == nil:
			place = p
		}
	}
	if place != nil && placeable(m) {
		return place, ViaPlace, true
	}
	if !placeable(m) {
		return nil, ViaNone, false
	}
	// the place of the event the agent takes part in
	r := doc.Tokens[h].Dep.Base()
	v := doc.Tokens[h].Head
	if r != text.DepNSubj && r != text.DepObj || v < first || v >= end || doc.Tokens[v].UPOS != text.VERB {
		return nil, ViaNone, false
	}
	// a place phrase on the verb, else on its object when the agent is
	// the subject ("ambushed a convoy in Kandahar": a parser often hangs
	// the place on the object)
	var obj text.TokenID = text.NoToken
	for k := first; k < end; k++ {
		if doc.Tokens[k].Head != v {
			continue
		}
		switch doc.Tokens[k].Dep.Base() {
		case text.DepObl:
			if p := mentionAt(k); p != nil && p != m && placeCases[caseWord(doc, k, first, end)] && placeLike(p.Actor) {
				return p, ViaPlace, true
			}
		case text.DepObj:
			obj = k
		}
	}
	if r != text.DepNSubj || obj == text.NoToken {
		return nil, ViaNone, false
	}
	for k := first; k < end; k++ {
		if doc.Tokens[k].Head != obj || doc.Tokens[k].Dep != text.DepNMod {
			continue
		}
		if p := mentionAt(k); p != nil && p != m && placeCases[caseWord(doc, k, first, end)] && placeLike(p.Actor) {
			return p, ViaPlace, true
		}
	}
	return nil, ViaNone, false
}

// give codes agent mention m as of owner o's country.
func (s *Stage) give(m *text.Mention, o *text.Mention, via Via, date time.Time) {
	agent := m.Actor
	c := o.Actor.Country
	if via == ViaPlace && len(agent.Sector) == 1 && agent.Sector[0] == "UAF" {
		// unidentified attackers in a known place: the country alone
		m.Actor = OfCountry(c, agent.Name+" in "+c, KindAgent)
		m.Entry, m.Via = "", via.String()
		return
	}
	owner := o.Entry
	if i := strings.IndexByte(owner, '+'); i >= 0 {
		owner = owner[:i]
	}
	if owner != "" && m.Entry != "" && !strings.Contains(m.Entry, "+") {
		key := owner + "+" + m.Entry
		if a := s.kb.Resolve(key, date); a.Country == c || c == "" && a.Code != "" {
			m.Actor, m.Entry, m.Via = a, key, via.String()
			return
		}
	}
	if c == "" {
		return
	}
	m.Actor = WithCountry(agent, c)
	m.Entry, m.Via = "", via.String()
}

// stateForce reports whether a's sectors are those of a state's forces
// or government (GOV, MIL, COP, SPY).
func stateForce(a text.Actor) bool {
	if len(a.Sector) == 0 {
		return false
	}
	for _, sec := range a.Sector {
		switch sec {
		case "GOV", "MIL", "COP", "SPY":
		default:
			return false
		}
	}
	return true
}

// placeable reports whether agent mention m may take the country of a
// place: not diplomats (an ambassador in a capital is posted there from
// abroad) nor refugees and migrants (who come from elsewhere).
func placeable(m *text.Mention) bool {
	if m.Entry == "diplomat" {
		return false
	}
	for _, sec := range m.Actor.Sector {
		if sec == "REF" {
			return false
		}
	}
	return true
}

// caseWord returns the lowercased preposition (case dependent) of nominal
// k, or "".
func caseWord(doc *text.Document, k, first, end text.TokenID) string {
	for c := first; c < end; c++ {
		if doc.Tokens[c].Head == k && doc.Tokens[c].Dep == text.DepCase {
			return strings.ToLower(doc.TokenText(c))
		}
	}
	return ""
}

// countrylessAgent reports whether a is a generic agent with no country.
func countrylessAgent(a text.Actor) bool {
	return a.Kind == text.KindAgent && a.Country == "" && !strings.HasPrefix(a.Code, "IGO") && !strings.HasPrefix(a.Code, "NGO") && len(a.Sector) > 0
}

// placeLike reports whether a is a country or a place in one.
func placeLike(a text.Actor) bool {
	return a.Country != "" && (a.Kind == text.KindState || a.Kind == text.KindPlace)
}

// ownerLike reports whether a can own an agent in an of/from phrase: a
// country, a place, an agent of a country, or an international body.
func ownerLike(a text.Actor) bool {
	if placeLike(a) {
		return true
	}
	return a.Kind == text.KindAgent && a.Country != "" || a.Kind == text.KindIGO
}
