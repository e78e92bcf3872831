package event

import (
	"annals/internal/perceptron"
	"annals/internal/plover"
	"annals/internal/text"
)

// Feature templates of the event classifier. Each is hashed with its
// parts; the numbers are part of the model's format (changing one means
// retraining).
const (
	fBias uint64 = iota + 1
	fLemma
	fPhrase
	fPOS
	fXPOS
	fEntryType     // an entry's type
	fEntryMode     // an entry's type and mode
	fEntryObj      // an entry's type and whether its object list fits
	fPrimary       // the type the lexicon alone would choose
	fPrimaryObj    // that type and whether its object list fits
	fLemmaType     // trigger lemma and an entry's type
	fDep           // the trigger's relation
	fDepType       // relation and primary type
	fHead          // the head's lemma and the relation
	fHeadPOS       // the head's part of speech and the relation
	fArgKind       // role and the actor kind of the argument
	fArgKindType   // role, kind and primary type
	fArgLemma      // role and the argument's lemma
	fArgLemmaTrig  // role, the argument's lemma and the trigger lemma
	fCaseLemma     // preposition of an oblique and the trigger lemma
	fCaseKind      // preposition and kind of an oblique
	fClause        // a clausal dependent's relation and lemma
	fClauseTrig    // clausal relation, its lemma and the trigger lemma
	fNeg           // a negation on the trigger
	fAux           // an auxiliary's lemma
	fPassive       // passive voice
	fNoSubject     // no subject at all, and the primary type
	fSentActor     // an actor kind present in the sentence
	fSentNoActor   // no coded actor in the sentence, and the primary type
	fWord          // a content word of the sentence (domain cue)
	fWordType      // a content word of the sentence and the primary type
	fCount         // number of candidates in the sentence (bucketed) and type
	fNoun          // the trigger is nominal, with the primary type
	fLexFits       // the lexicon alone would code it, with the primary type
	fArgKindLemma  // role, kind and trigger lemma
	fHeadType      // the head's lemma and the primary type
	fPossKind      // the possessor's kind of a nominal trigger
	fDetLemma      // a determiner of a nominal trigger
	fCompoundLemma // a compound modifier of a nominal trigger
	fGovCand       // a dependent that is a candidate itself: relation, its type, the primary type
	fUnderCand     // the head is a candidate: the relation, its type, the primary type
	fGovCandLemma  // the trigger lemma and a dependent candidate's type
	fUnderLemma    // the trigger lemma and the head candidate's type
)

// Roles of arguments in features.
const (
	roleSubj uint64 = iota + 1
	roleObj
	roleObl
	rolePoss
)

// actorKinds name the kinds of argument in features: an actor's kind, a
// mention without an actor, a pronoun, or no mention.
func (s *sentenceView) argKind(k text.TokenID) string {
	if k < s.first || k >= s.end {
		return "none"
	}
	m := s.mentionOf[k-s.first]
	if !m.Valid() {
		if s.doc.Tokens[k].UPOS == text.PRON {
			return "pron"
		}
		return "nomention"
	}
	a := s.doc.Mentions[m].Actor
	if a.IsZero() {
		if s.doc.Mentions[m].Label == text.LabelPron {
			return "pron"
		}
		return "mention"
	}
	if a.Kind == "" {
		return "actor"
	}
	return string(a.Kind)
}

// sentenceFeatures appends the features every candidate of the sentence
// shares: the kinds of coded actors present, and its content words (cues
// of the text's domain: a match, a market, an earthquake).
func (s *sentenceView) sentenceFeatures(dst []uint64) []uint64 {
	var kinds [8]uint64
	nk := 0
	if s.hasMentions {
		for t := s.first; t < s.end; t++ {
			m := s.mentionOf[t-s.first]
			if !m.Valid() || s.doc.Mentions[m].Actor.IsZero() {
				continue
			}
			h := perceptron.String(string(s.doc.Mentions[m].Actor.Kind))
			seen := false
			for _, x := range kinds[:nk] {
				seen = seen || x == h
			}
			if !seen && nk < len(kinds) {
				kinds[nk] = h
				nk++
				dst = append(dst, perceptron.F1(fSentActor, h))
			}
		}
	}
	if nk == 0 {
		dst = append(dst, perceptron.F1(fSentActor, 0))
	}
	for t := s.first; t < s.end; t++ {
		switch s.doc.Tokens[t].UPOS {
		case text.NOUN, text.VERB, text.ADJ:
			dst = append(dst, perceptron.F1(fWord, perceptron.String(s.lemma(t))))
		}
	}
	return dst
}

// features appends the classifier's features of candidate cd to dst;
// sent are the sentence's shared features, nCands the number of candidates
// in the sentence, and ctype the type the lexicon proposes at each token of
// the sentence (NoType where no candidate starts): "agreed to provide
// aid" is one event, which the two candidates' link helps to choose.
func (s *sentenceView) features(dst []uint64, cd *candidate, sent []uint64, nCands int, ctype []plover.Type) []uint64 {
	d := s.doc
	t := cd.tok
	tok := d.Tokens[t]
	lemma := perceptron.String(s.lemma(t))
	prim := cd.entry()
	pt := uint64(prim.Type)
	dst = append(dst,
		perceptron.F1(fBias, 0),
		perceptron.F1(fLemma, lemma),
		perceptron.F2(fPOS, uint64(tok.UPOS), pt),
		perceptron.F1(fXPOS, perceptron.String(tok.XPOS)),
		perceptron.F1(fPrimary, pt),
		perceptron.F2(fPrimaryObj, pt, b2u(cd.objOK[cd.primary])),
		perceptron.F2(fNoun, b2u(prim.Noun), pt),
		perceptron.F2(fLexFits, b2u(cd.lexiconFits()), pt),
		perceptron.F2(fCount, uint64(min(nCands, 4)), pt),
	)
	if len(prim.Words) > 1 {
		dst = append(dst, perceptron.F1(fPhrase, perceptron.String(prim.Phrase())))
	}
	for i, e := range cd.entries {
		et := uint64(e.Type)
		dst = append(dst,
			perceptron.F1(fEntryType, et),
			perceptron.F2(fEntryMode, et, perceptron.String(e.Mode)),
			perceptron.F2(fEntryObj, et, objState(e, cd.objOK[i])),
			perceptron.F2(fLemmaType, lemma, et),
		)
	}
	if s.tree {
		dep := uint64(tok.Dep)
		dst = append(dst, perceptron.F1(fDep, dep), perceptron.F2(fDepType, dep, pt))
		if h := tok.Head; h >= s.first && h < s.end {
			if ht := ctype[h-s.first]; ht != plover.NoType {
				dst = append(dst, perceptron.F3(fUnderCand, dep, uint64(ht), pt), perceptron.F2(fUnderLemma, lemma, uint64(ht)))
			}
			hl := perceptron.String(s.lemma(h))
			dst = append(dst,
				perceptron.F2(fHead, hl, dep),
				perceptron.F2(fHeadPOS, uint64(d.Tokens[h].UPOS), dep),
				perceptron.F2(fHeadType, hl, pt))
		}
		subject, passive := false, false
		for _, k := range s.kids(t) {
			kd := d.Tokens[k].Dep
			if kt := ctype[k-s.first]; kt != plover.NoType {
				dst = append(dst, perceptron.F3(fGovCand, uint64(kd), uint64(kt), pt), perceptron.F2(fGovCandLemma, lemma, uint64(kt)))
			}
			var role uint64
			switch kd.Base() {
			case text.DepNSubj, text.DepCSubj:
				role, subject = roleSubj, true
				if kd == text.DepNSubjPass || kd == text.DepCSubjPass {
					role, passive = roleObj, true // the object of a passive is its subject
				}
			case text.DepObj, text.DepIObj:
				role = roleObj
			case text.DepObl:
				role = roleObl
				if kd == text.DepOblAgent {
					role, subject = roleSubj, true
				}
			case text.DepNMod:
				role = roleObl
				if kd == text.DepNModPoss {
					role = rolePoss
				}
			case text.DepXComp, text.DepCComp, text.DepAdvCl:
				cl := perceptron.String(s.lemma(k))
				dst = append(dst, perceptron.F2(fClause, uint64(kd), cl), perceptron.F3(fClauseTrig, uint64(kd), cl, lemma))
				continue
			case text.DepAdvMod, text.DepDet:
				if negWord(s.lemma(k)) {
					dst = append(dst, perceptron.F2(fNeg, 1, pt))
				} else if kd.Base() == text.DepDet && prim.Noun {
					dst = append(dst, perceptron.F2(fDetLemma, perceptron.String(s.lemma(k)), pt))
				}
				continue
			case text.DepAux:
				if kd == text.DepAuxPass {
					passive = true
					continue
				}
				dst = append(dst, perceptron.F1(fAux, perceptron.String(s.lemma(k))))
				continue
			case text.DepCompound:
				if prim.Noun {
					dst = append(dst, perceptron.F2(fCompoundLemma, perceptron.String(s.lemma(k)), pt))
				}
				continue
			default:
				continue
			}
			kind := perceptron.String(s.argKind(k))
			al := perceptron.String(s.lemma(k))
			dst = append(dst,
				perceptron.F2(fArgKind, role, kind),
				perceptron.F3(fArgKindType, role, kind, pt),
				perceptron.F3(fArgKindLemma, role, kind, lemma),
				perceptron.F2(fArgLemma, role, al),
				perceptron.F3(fArgLemmaTrig, role, al, lemma),
			)
			if role == rolePoss {
				dst = append(dst, perceptron.F2(fPossKind, kind, pt))
			}
			if role == roleObl {
				for _, g := range s.kids(k) {
					if d.Tokens[g].Dep.Base() == text.DepCase {
						cw := perceptron.String(s.lemma(g))
						dst = append(dst, perceptron.F2(fCaseLemma, cw, lemma), perceptron.F2(fCaseKind, cw, kind))
						break
					}
				}
			}
		}
		if passive {
			dst = append(dst, perceptron.F2(fPassive, 1, pt))
		}
		if !subject && !prim.Noun {
			dst = append(dst, perceptron.F2(fNoSubject, 1, pt))
		}
	}
	dst = append(dst, sent...)
	for _, f := range sent {
		// The sentence's words again, joined with the type the lexicon
		// proposes: "attack" near "goal" or "match" is a game.
		dst = append(dst, perceptron.F2(fWordType, f, pt))
	}
	return dst
}

// negWord reports whether a modifier negates the word it modifies.
func negWord(l string) bool {
	switch l {
	case "not", "n't", "never", "no":
		return true
	}
	return false
}

// objState is 0 for an entry without an object list, 1 for one whose list
// fits, 2 for one whose list does not.
func objState(e *Entry, ok bool) uint64 {
	switch {
	case e.Objects == nil:
		return 0
	case ok:
		return 1
	}
	return 2
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
