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
