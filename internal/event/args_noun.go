package event

// Arguments of nominal triggers ("the attack by rebels on the town").

import (
	"annals/internal/text"
)

// nounArguments reads a nominal event: "Chad's threats" (possessor),
// "Russian strikes" (adjective of nationality), "threats against Kyiv".
func (s *sentenceView) nounArguments(t text.TokenID) (src, tgt []text.Argument) {
	for _, k := range s.kids(t) {
		if s.dep(k).Base() == text.DepNMod && s.caseIs(k, "between", "among") {
			// "a pact between Peru and Bolivia": the parties.
			src = append(src, s.argument(k)...)
			continue
		}
	}
	if len(src) > 0 {
		return dedupe(src), dedupe(append([]text.Argument(nil), src...))
	}
	var tcands []text.TokenID
	for _, k := range s.kids(t) {
		switch s.dep(k) {
		case text.DepNModPoss:
			src = append(src, s.argument(k)...)
		case text.DepAMod, text.DepCompound:
			if s.hasMentions && s.mentionOf[k-s.first].Valid() {
				src = append(src, s.argument(k)...)
			}
		case text.DepNMod:
			if s.temporal(k) {
				continue
			}
			if s.caseIs(k, "by") {
				src = append(src, s.argument(k)...)
			} else if s.caseIs(k, nounTargetCases...) {
				tcands = append(tcands, k)
			}
		}
	}
	tgt = append(tgt, s.pickTarget(tcands)...)
	if len(src) == 0 {
		// "X launched an attack on Y": the verb's subject owns the noun.
		n := t
		if s.dep(t) == text.DepCompound && s.head(t).Valid() {
			n = s.head(t) // "a mediation effort": the effort's verb
		}
		if h := s.head(n); h.Valid() && (s.dep(n) == text.DepObj || s.dep(n) == text.DepNSubjPass || s.dep(n).Base() == text.DepObl) && !s.caseIs(n, circumstanceCases...) {
			// Not "arrested protesters after the rally": an event that
			// says when is not the subject's act.
			for _, k := range s.kids(h) {
				if s.dep(k) == text.DepNSubj {
					src = append(src, s.argument(k)...)
				}
			}
			if len(tgt) == 0 {
				for _, k := range s.kids(h) {
					if s.dep(k).Base() == text.DepObl && !s.temporal(k) && s.caseIs(k, directedCases...) {
						tgt = append(tgt, s.argument(k)...)
					}
				}
			}
		}
	}
	return dedupe(src), dedupe(tgt)
}

// caseIs reports whether token k has a case-marking child with one of the
// given words.
func (s *sentenceView) caseIs(k text.TokenID, words ...string) bool {
	for _, c := range s.kids(k) {
		if s.dep(c) == text.DepCase {
			f := s.form(c)
			for _, w := range words {
				if f == w {
					return true
				}
			}
		}
	}
	return false
}
