package event

import "annals/internal/text"

// graphDeps appends to out the tokens that depend on t by rel in the
// enhanced dependency graph (Document.Graph), leaving out conjuncts of
// another such token (argument turns a head into all its conjuncts). It
// appends nothing when the document has no graph.
func (s *sentenceView) graphDeps(out []text.TokenID, t text.TokenID, rel text.DepRel) []text.TokenID {
	if !s.doc.Has(text.LayerGraph) {
		return out
	}
	for _, a := range s.doc.GraphArcs(s.id) {
		if a.Head == t && a.Rel == rel && s.dep(a.Dep) != text.DepConj {
			out = append(out, a.Dep)
		}
	}
	return out
}

// controllers returns the subjects the enhanced graph gives the open
// complement t (nsubj:xsubj): the governing verb's object ("urged Iran to
// stop") or, without one, its subject ("agreed to meet"), through chains
// of complements ("wants to try to leave"). An object counts only when it
// names an actor; an event noun is no controller.
func (s *sentenceView) controllers(t text.TokenID) []text.TokenID {
	var out []text.TokenID
	for _, k := range s.graphDeps(nil, t, text.DepNSubjXSubj) {
		if s.trigger[k-s.first] && s.doc.Tokens[k].UPOS == text.NOUN {
			continue
		}
		if d := s.dep(k).Base(); (d == text.DepObj || d == text.DepIObj) && !s.actorLike(k) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// sharedSubjects returns the subjects the enhanced graph gives conjunct
// cur, a predicate without one of its own, from its first conjunct ("met
// and agreed"), while finding the arguments of trigger t. An event noun
// is no shared subject. A shared passive subject is the subject of an
// active conjunct ("was indicted and will resign") and stays passive for
// a passive one; climbing from a complement of cur, it is left out
// unless cur's governor is active (the parser mislabelled its subject).
func (s *sentenceView) sharedSubjects(cur, t text.TokenID) (subj, pass []text.TokenID) {
	if !s.doc.Has(text.LayerGraph) {
		return nil, nil
	}
	for _, a := range s.doc.GraphArcs(s.id) {
		k := a.Dep
		if a.Head != cur || !a.Rel.Subject() || s.dep(k) == text.DepConj {
			continue
		}
		if s.trigger[k-s.first] && s.doc.Tokens[k].UPOS == text.NOUN {
			continue
		}
		if a.Rel != text.DepNSubjPass {
			subj = append(subj, k)
			continue
		}
		switch {
		case cur == t && !s.auxPass(t) && s.doc.Tokens[t].XPOS != "VBN":
			subj = append(subj, k)
		case cur == t:
			pass = append(pass, k)
		case !s.auxPass(s.head(cur)):
			subj = append(subj, k)
		}
	}
	return subj, pass
}

// refAntecedent returns the noun that relative word h stands for in the
// enhanced graph (its "ref" head: "the ships which fired" → ships), or
// NoToken when the graph gives none.
func (s *sentenceView) refAntecedent(h text.TokenID) text.TokenID {
	if !s.doc.Has(text.LayerGraph) {
		return text.NoToken
	}
	for _, a := range s.doc.HeadArcs(h) {
		if a.Rel == text.DepRef && a.Head.Valid() {
			return a.Head
		}
	}
	return text.NoToken
}

// graphSubject reports whether the enhanced graph reads k, a passive
// subject of t in the basic tree, as t's active subject (the parser's
// label on a verb that is not passive; see internal/enhanced).
func (s *sentenceView) graphSubject(t, k text.TokenID) bool {
	if !s.doc.Has(text.LayerGraph) {
		return false
	}
	for _, a := range s.doc.HeadArcs(k) {
		if a.Head == t && (a.Rel == text.DepNSubj || a.Rel == text.DepCSubj) {
			return true
		}
	}
	return false
}
