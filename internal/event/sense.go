package event

import (
	"annals/internal/plover"
	"annals/internal/text"
)

// complaintSense reports whether the demonstration verb at t is used as a
// verb of saying, a complaint (PLOVER ACCUSE: "express disapprovals,
// objections, and complaints"), not a demonstration: it reports what was
// said ("protested that the ministry had lied") or names whom the
// complaint was made to ("protested to Beijing over ...", "to the
// speaker"). Crowds
// demonstrate against or over something, in a place; they do not protest
// to someone or that something.
func (s *sentenceView) complaintSense(t text.TokenID) bool {
	if !s.tree || s.doc.Tokens[t].UPOS != text.VERB {
		return false
	}
	for _, k := range s.kids(t) {
		switch dep := s.doc.Tokens[k].Dep; dep.Base() {
		case text.DepCComp:
			return true
		case text.DepObl:
			for _, g := range s.kids(k) {
				// The addressee follows the verb at once ("protested to
				// Beijing"); a later "to" belongs to another phrase ("over
				// cuts to their pensions").
				if g == t+1 && s.doc.Tokens[g].Dep.Base() == text.DepCase && s.lemma(g) == "to" {
					switch s.doc.Tokens[k].UPOS {
					case text.NOUN, text.PROPN, text.PRON:
						return true // an addressee
					}
				}
			}
		}
	}
	return false
}

// meetObject returns the object of "meet" when it names no one ("meet the
// demands", "meet a deadline"): meeting is a CONSULT only with people.
func (s *sentenceView) meetObject(t text.TokenID) (text.TokenID, bool) {
	if !s.tree || s.lemma(t) != "meet" {
		return 0, false
	}
	for _, k := range s.kids(t) {
		if s.doc.Tokens[k].Dep.Base() == text.DepObj {
			// The object's own words, not its possessor's ("its
			// target" names the bank's target, not the bank).
			if s.doc.Tokens[k].UPOS == text.NOUN && !s.namesSomeone(k) {
				return k, true
			}
			return 0, false
		}
	}
	return 0, false
}

// namesSomeone reports whether the noun phrase headed by k names a person
// or an actor by its own words or those joined to it ("the U.N. mediator
// Diego Cordovez", "the minister"), not by a possessor's ("its target").
func (s *sentenceView) namesSomeone(k text.TokenID) bool {
	coded := func(x text.TokenID) bool {
		if s.doc.Tokens[x].UPOS == text.PROPN {
			return true
		}
		if !s.hasMentions {
			return false
		}
		m := s.mentionOf[x-s.first]
		return m.Valid() && !s.doc.Mentions[m].Actor.IsZero()
	}
	if coded(k) {
		return true
	}
	for _, c := range s.kids(k) {
		switch s.doc.Tokens[c].Dep.Base() {
		case text.DepCompound, text.DepAMod, text.DepFlat, text.DepAppos:
			if coded(c) {
				return true
			}
		}
	}
	return false
}

// meetSense is the sense of a CONSULT "meet" whose object names no one: a
// demand met is a demand yielded to (CONCEDE; the object is itself a
// REQUEST in the lexicon: "meet the demands", "meet their requests"), and
// a target or a deadline met is no event (ok false).
func (c *Coder) meetSense(s *sentenceView, cd *candidate) (e *Entry, ok bool) {
	if cd.pattern || cd.entry().Type != plover.CONSULT {
		return cd.entry(), true
	}
	k, named := s.meetObject(cd.tok)
	if !named {
		return cd.entry(), true
	}
	for _, x := range c.lex.Candidates(s.lemma(k), s.form(k)) {
		if x.Noun && x.Type == plover.REQUEST && len(x.Words) == 1 {
			y := *cd.entry()
			y.Type, y.Mode, y.CAMEO, y.Objects = plover.CONCEDE, "", "080", nil
			y.Source += " sense:meet-demand"
			return &y, true
		}
	}
	return nil, false
}

// applySense moves a candidate to the sense its syntax shows, among its
// own entries: a protest verb used as a complaint takes its ACCUSE entry.
// It reports whether it changed the choice.
func (s *sentenceView) applySense(cd *candidate) bool {
	if cd.pattern || cd.entry().Type != plover.PROTEST || !s.complaintSense(cd.tok) {
		return false
	}
	for i, e := range cd.entries {
		if e.Type == plover.ACCUSE && !e.Noun {
			cd.primary = i
			cd.objOK[i] = e.Objects != nil // the complaint's syntax is its evidence
			return true
		}
	}
	return false
}
