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
