package event

// Reading one argument from a phrase: its actor mention, its head, the
// phrase's span, and the choice among several candidates.

import (
	"annals/internal/actor"
	"annals/internal/text"
)

// argument turns the head token of a noun phrase into arguments: the
// mention that covers it, or the head with its compound/flat modifiers;
// each conjunct ("India and Pakistan") becomes an argument of its own.
func (s *sentenceView) argument(h text.TokenID) []text.Argument {
	if h >= s.trigFirst && h <= s.trigLast {
		return nil // part of the trigger ("opened fire")
	}
	if !s.apposActor(h) {
		h = s.quantified(h) // "a member of the parliament, X": X, not the parliament
	}
	h = s.antecedentOf(h)
	if u := s.doc.Tokens[h].UPOS; !u.Nominal() && u != text.X && u != text.NoPOS && !(u == text.VERB && s.nominalRel(h)) {
		return nil // an adjective or adverb the parser took for an argument
	}
	out := []text.Argument{s.single(h)}
	for _, c := range s.kids(h) {
		if s.dep(c) == text.DepConj {
			out = append(out, s.single(c))
		}
	}
	return out
}

func (s *sentenceView) single(h text.TokenID) text.Argument {
	a := s.single1(h)
	if !s.hasMentions || a.Actor.Country != "" || !countryless(a.Actor) {
		return a
	}
	// The words around a countryless actor often name its country:
	// "Nigerian junior interior minister Chidi Okafor", "Taiwan's Vice
	// Foreign Minister", "security forces in Guinea".
	country, title, ok := s.inferCountry(h)
	if !ok {
		return a
	}
	switch {
	case sectored(a.Actor):
		a.Actor = actor.WithCountry(a.Actor, country)
	case title:
		a.Actor = actor.Government(country, s.doc.Slice(a.Span), actor.KindPerson)
	case a.Mention.Valid() && s.doc.Mentions[a.Mention].Label == text.LabelPER:
		// A named person the knowledge base does not know, described by
		// country ("Ana Lopes, Angola's best-known lawyer"):
		// coded as of that country, with no sector.
		a.Actor = actor.OfCountry(country, s.doc.Slice(a.Span), actor.KindPerson)
	default:
		return a
	}
	return a
}

func (s *sentenceView) single1(h text.TokenID) text.Argument {
	d := s.doc
	if !s.hasMentions {
		return text.Argument{Span: s.phrase(h), Mention: text.NoMention}
	}
	own := s.mentionOf[h-s.first]
	if own.Valid() && !d.Mentions[own].Actor.IsZero() {
		return text.Argument{Span: d.Mentions[own].Span, Mention: own, Actor: s.actorOf(own)}
	}
	// A mention among the head's modifiers: "the Ukrainian military" is
	// covered by a mention; "Russian forces" may only have "Russian". One
	// with an actor is preferred to the head's own unresolved mention.
	var fallback text.MentionID = own
	for _, rels := range [][]text.DepRel{{text.DepCompound, text.DepFlat, text.DepAMod}, {text.DepNModPoss}, {text.DepAppos}} {
		for _, c := range s.kids(h) {
			for _, r := range rels {
				if s.dep(c) != r {
					continue
				}
				m := s.mentionOf[c-s.first]
				if !m.Valid() {
					continue
				}
				if !d.Mentions[m].Actor.IsZero() {
					return text.Argument{Span: s.phrase(h), Mention: m, Actor: s.actorOf(m)}
				}
				if fallback == text.NoMention {
					fallback = m
				}
			}
		}
	}
	if own.Valid() {
		return text.Argument{Span: d.Mentions[own].Span, Mention: own}
	}
	if fallback.Valid() {
		return text.Argument{Span: s.phrase(h), Mention: fallback}
	}
	return text.Argument{Span: s.phrase(h), Mention: text.NoMention}
}

// phrase is the head with its compound, flat, amod and det children.
func (s *sentenceView) phrase(h text.TokenID) text.Span {
	lo, hi := h, h
	for _, c := range s.kids(h) {
		switch s.dep(c) {
		case text.DepCompound, text.DepFlat, text.DepAMod, text.DepNModPoss:
			if c < lo {
				lo = c
			}
			if c > hi {
				hi = c
			}
		}
	}
	return text.Span{Start: s.doc.Tokens[lo].Start, End: s.doc.Tokens[hi].End}
}

// orderArguments is the fallback without a tree: the nearest actor before
// the trigger is the source and the nearest after it the target. An actor is
// a mention when the mention layer exists, else a run of capitalized words
// that does not start the sentence.
func (s *sentenceView) orderArguments(t text.TokenID) (src, tgt []text.Argument) {
	if a, ok := s.nearest(t, -1); ok {
		src = append(src, a)
	}
	if a, ok := s.nearest(t, +1); ok {
		tgt = append(tgt, a)
	}
	return src, tgt
}

func (s *sentenceView) nearest(t text.TokenID, dir int) (text.Argument, bool) {
	d := s.doc
	for k := t + text.TokenID(dir); k >= s.first && k < s.end; k += text.TokenID(dir) {
		if s.hasMentions {
			if m := s.mentionOf[k-s.first]; m.Valid() {
				return text.Argument{Span: d.Mentions[m].Span, Mention: m, Actor: s.actorOf(m)}, true
			}
			continue
		}
		if s.capitalized(k) && (k > s.first || dir < 0) {
			lo, hi := k, k
			for lo > s.first && s.capitalized(lo-1) {
				lo--
			}
			for hi+1 < s.end && s.capitalized(hi+1) {
				hi++
			}
			if lo == s.first && hi == lo {
				continue // a lone sentence-initial capital is no evidence
			}
			return text.Argument{Span: text.Span{Start: d.Tokens[lo].Start, End: d.Tokens[hi].End}, Mention: text.NoMention}, true
		}
	}
	return text.Argument{}, false
}

func dedupe(args []text.Argument) []text.Argument {
	out := args[:0]
	seen := map[text.Span]bool{}
	for _, a := range args {
		if !seen[a.Span] {
			seen[a.Span] = true
			out = append(out, a)
		}
	}
	return out
}

// pickTarget chooses the target among the candidates (objects, then
// obliques, in order): the first that names a party an event dataset can
// place (a country, an organization, a named group), itself or one or two
// modifiers down ("fired shells at targets in Jericho", "cut a grant
// for schools in Haiti", "refused any talks with the Danish
// envoy"); else the first that refers to an actor at all; else the first.
func (s *sentenceView) pickTarget(cands []text.TokenID) []text.Argument {
	var generic []text.Argument
	for _, k := range cands {
		if s.actorLike(s.quantified(k)) {
			a := s.argument(k)
			if placed(a) && !(s.dep(k).Base() == text.DepObl && s.possessedOnly(k)) {
				return a
			}
			if generic == nil {
				generic = a
			}
		}
	}
	if a := s.modifierActor(cands, true); len(a) > 0 {
		return a
	}
	if generic != nil {
		return generic
	}
	if a := s.modifierActor(cands, false); len(a) > 0 {
		return a
	}
	if len(cands) > 0 {
		return s.argument(cands[0])
	}
	return nil
}

// modifierActor returns the first actor (with placedOnly, the first
// placed one) among the nominal modifiers of the phrases headed by hs, one
// or two steps down ("a camp for refugees", "the offices of the
// administrators"), or nil.
func (s *sentenceView) modifierActor(hs []text.TokenID, placedOnly bool) []text.Argument {
	var next []text.TokenID
	for depth := 0; depth < 2 && len(hs) > 0; depth++ {
		next = next[:0]
		for _, h := range hs {
			for _, c := range s.kids(h) {
				if s.dep(c).Base() != text.DepNMod || s.dep(c) == text.DepNModPoss || s.temporal(c) || s.caseIs(c, "according") {
					continue // "according to Pentagon sources" is attribution
				}
				if s.actorLike(c) {
					if a := s.argument(c); placed(a) || (!placedOnly && anyActor(a)) {
						return a
					}
				}
				next = append(next, c)
			}
		}
		hs = append(hs[:0:0], next...)
	}
	return nil
}

// possessedOnly reports whether the phrase headed by k is an actor only
// through a possessor ("along its half of the river"): an oblique like
// that says where or whose, and yields to an object.
func (s *sentenceView) possessedOnly(k text.TokenID) bool {
	if s.hasMentions && s.mentionOf[k-s.first].Valid() {
		return false
	}
	for _, c := range s.kids(k) {
		switch s.dep(c) {
		case text.DepCompound, text.DepFlat, text.DepAMod:
			if s.hasMentions && s.mentionOf[c-s.first].Valid() {
				return false
			}
		}
	}
	return true
}

// apposActor reports whether h has an apposition that names an actor
// ("a member of parliament, Mohammed Mamoun").
func (s *sentenceView) apposActor(h text.TokenID) bool {
	if !s.hasMentions {
		return false
	}
	for _, c := range s.kids(h) {
		if s.dep(c) == text.DepAppos {
			if m := s.mentionOf[c-s.first]; m.Valid() && !s.doc.Mentions[m].Actor.IsZero() {
				return true
			}
		}
	}
	return false
}

// placed reports whether one of args is an actor with a country, or an
// international or non-governmental organization: a party an event
// dataset can place.
func placed(args []text.Argument) bool {
	for _, a := range args {
		// A bare sector ("GOV", "MIL") places nobody; a country, an
		// organization or a named group does.
		if a.Actor.Country != "" || len(a.Actor.Code) > 3 {
			return true
		}
	}
	return false
}

// quantities are nouns that count or portion a group: the group is the
// participant ("scores of refugees", "one third of the guerrillas").
var quantities = map[string]bool{
	"score": true, "dozen": true, "hundred": true, "thousand": true, "million": true, "number": true,
	"third": true, "half": true, "quarter": true, "part": true, "some": true, "many": true, "most": true,
	"all": true, "one": true, "two": true, "three": true, "several": true, "group": true, "member": true,
	"majority": true, "minority": true, "handful": true, "bunch": true, "lot": true, "none": true,
}

// quantified returns the counted group for a quantity head, else h.
func (s *sentenceView) quantified(h text.TokenID) text.TokenID {
	if !quantities[s.lemma(h)] && !(s.doc.Tokens[h].UPOS == text.NUM) {
		return h
	}
	for _, k := range s.kids(h) {
		if s.dep(k).Base() == text.DepNMod && s.caseIs(k, "of") {
			return k
		}
	}
	return h
}

// antecedentOf replaces a relative pronoun by the noun its clause modifies:
// in "the West that he called an empire", "that" stands for "the West".
// The enhanced graph's ref arc says so; without one, a walk up the tree
// looks for the clause (also one the parser took for a ccomp of a noun).
func (s *sentenceView) antecedentOf(h text.TokenID) text.TokenID {
	if n := s.refAntecedent(h); n.Valid() {
		return n
	}
	if !wh(s.form(h)) {
		return h
	}
	cur := h
	for hops := 0; hops < 3; hops++ {
		v := s.head(cur)
		if !v.Valid() {
			return h
		}
		if s.dep(v).Base() == text.DepACL || (s.dep(v).Base() == text.DepCComp && s.doc.Tokens[s.head(v)].UPOS.Nominal()) {
			if n := s.head(v); n.Valid() {
				return n
			}
		}
		cur = v
	}
	return h
}

// The case markers that make a phrase a candidate target, named once.
var (
	// oblTargetCases mark a verb's oblique that may be its target
	// ("fired at the convoy", "sided with the rebels", "turned on Kabul").
	oblTargetCases = []string{"against", "on", "with", "to", "at", "from", "over", "into", "for"}
	// objModCases mark a modifier of the object that names who the act
	// is for or against ("sent aid to refugees", "imposed a ban on Iran").
	objModCases = []string{"to", "for", "against", "on", "with", "at"}
	// nounTargetCases mark a nominal trigger's modifier that may be its
	// target ("threats against Kyiv", "aid to Haiti", "talks with Hanoi").
	nounTargetCases = []string{"against", "on", "to", "of", "with", "toward", "towards", "over", "for"}
	// directedCases mark the oblique of a verb governing a nominal
	// trigger that says where the act is aimed ("launched strikes on Gaza").
	directedCases = []string{"against", "on", "to", "at"}
)
