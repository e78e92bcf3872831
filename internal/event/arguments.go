package event

import (
	"strings"

	"annals/internal/actor"
	"annals/internal/text"
)

// arguments returns the source and target of the event triggered at t, and
// a description of how they were found.
func (s *sentenceView) arguments(t text.TokenID, noun bool) (src, tgt []text.Argument, how string) {
	if s.tree {
		if noun {
			src, tgt = s.nounArguments(t)
			return src, tgt, "tree: possessor/modifier → source; nmod → target"
		}
		src, tgt = s.verbArguments(t)
		return src, tgt, "tree: subject/agent → source; object/oblique → target"
	}
	src, tgt = s.orderArguments(t)
	return src, tgt, "word order: nearest actor before → source, after → target"
}

func (s *sentenceView) dep(t text.TokenID) text.DepRel { return s.doc.Tokens[t].Dep }

func (s *sentenceView) head(t text.TokenID) text.TokenID { return s.doc.Tokens[t].Head }

// verbArguments reads the subject and object of a verb, climbing through
// xcomp ("agreed to meet"), conj ("met and agreed") and relative clauses
// to find a subject the verb shares.
func (s *sentenceView) verbArguments(t text.TokenID) (src, tgt []text.Argument) {
	var subj, agent, pass []text.TokenID
	var obj, obl []text.TokenID
	for _, k := range s.kids(t) {
		switch s.dep(k) {
		case text.DepNSubj, text.DepCSubj:
			subj = append(subj, k)
		case text.DepNSubjPass, text.DepCSubjPass:
			pass = append(pass, k)
		case text.DepOblAgent:
			agent = append(agent, k)
		case text.DepObj, text.DepIObj:
			if !s.temporal(k) {
				obj = append(obj, k)
			}
		case text.DepObl:
			if s.temporal(k) {
				continue
			}
			if s.caseIs(k, "by") && s.passive(t) {
				agent = append(agent, k)
			} else if s.caseIs(k, "against", "on", "with", "to", "at", "from", "over", "into", "for", "by") {
				// "by" in an active clause is the parser's misattachment of
				// the object's agent ("investigating crimes by extremists").
				obl = append(obl, k)
			}
		}
	}
	if len(pass) > 0 && len(agent) == 0 && s.stative(t) {
		// "Peru is committed to reform": a state its subject is in,
		// not something done to it.
		subj, pass = pass, nil
	}
	if len(pass) > 0 && len(agent) == 0 && !s.auxPass(t) && s.doc.Tokens[t].XPOS != "VBN" {
		// A "passive subject" of an active verb form is the parser's
		// mistake: read it as the subject.
		subj, pass = pass, nil
	}
	if len(subj) == 0 && len(pass) == 0 && s.doc.Tokens[t].XPOS == "VBG" && t > s.first && s.dep(t-1) == text.DepObj && s.actorLike(t-1) {
		// "to see Putin accepting …": the object just before a gerund is
		// its subject, wherever the parser hung the gerund.
		subj = append(subj, t-1)
	}
	// Inherit a subject from the governing verb: xcomp, conj, advcl-less.
	relativized := text.NoToken
	cur := t
	for hops := 0; len(subj) == 0 && len(pass) == 0 && hops < 4; hops++ {
		h := s.head(cur)
		if !h.Valid() {
			break
		}
		switch s.dep(cur).Base() {
		case text.DepXComp, text.DepConj, text.DepAdvCl:
			// A clause without a subject of its own shares its governor's:
			// "agreed to meet", "met and agreed", "reacted by claiming". An
			// xcomp under a verb with an object takes the object: "sent
			// Witkoff to see Putin", "urged Iran to stop" (object control).
			if s.dep(cur).Base() == text.DepXComp && s.doc.Has(text.LayerGraph) {
				// The enhanced graph names the controller.
				subj = s.controllers(cur)
				cur = h
				continue
			}
			if s.dep(cur).Base() == text.DepConj && s.doc.Has(text.LayerGraph) {
				// The enhanced graph shares the first conjunct's subject.
				subj, pass = s.sharedSubjects(cur, t)
				cur = h
				continue
			}
			if s.dep(cur).Base() == text.DepXComp || (s.dep(cur).Base() == text.DepAdvCl && s.objectControl(h)) {
				for _, k := range s.kids(h) {
					if (s.dep(k) == text.DepObj || s.dep(k) == text.DepIObj) && s.actorLike(k) {
						subj = append(subj, k)
					}
				}
				if len(subj) > 0 {
					break
				}
			}
			passiveGov := s.auxPass(h)
			for _, k := range s.kids(h) {
				switch s.dep(k) {
				case text.DepNSubj:
					// An event word is no inherited agent ("Zelensky's
					// threats to march …, by amassing troops": the
					// amassing is not the threats').
					if !(s.trigger[k-s.first] && s.doc.Tokens[k].UPOS == text.NOUN) {
						subj = append(subj, k)
					}
				case text.DepNSubjPass:
					// "X was asked to meet": X is not the actor of "meet"
					// unless the parser mislabelled an active subject. But
					// "X was indicted and will resign": a conjoined active
					// verb shares the passive subject as its own.
					switch {
					case !passiveGov && s.dep(cur).Base() != text.DepXComp:
						subj = append(subj, k)
					case s.dep(cur).Base() == text.DepConj && cur == t && !s.auxPass(t) && s.doc.Tokens[t].XPOS != "VBN":
						subj = append(subj, k)
					case s.dep(cur).Base() == text.DepConj && cur == t:
						pass = append(pass, k)
					}
				}
			}
			cur = h
			continue
		case text.DepACL, text.DepACLRelcl:
			if s.doc.Tokens[cur].XPOS == "VBN" && s.dep(cur) == text.DepACL && cur > s.first && s.form(cur-1) == "," {
				// "The ferry, sunk off the coast": a participle set
				// off by a comma is a reduced passive; the noun is what was
				// done to, and the acts conjoined to it share no subject.
				// (Without the comma, "police used gas" is as often the
				// parser's misreading of a main verb.)
				if cur == t {
					pass = append(pass, h)
				}
				break
			}
			// "the troops that attacked", "forces loyal to X attacking":
			// the modified noun is the subject; not for a purpose
			// infinitive ("water cannon to disperse them").
			infinitive := false
			for _, k := range s.kids(cur) {
				if s.dep(k) == text.DepMark && s.form(k) == "to" {
					infinitive = true
				}
			}
			if k := s.lowerSubject(cur); !infinitive && k.Valid() {
				// "the envoy that she on the 3rd of May called …": the
				// clause has a subject of its own, which the parser hung
				// lower; the modified noun is what was done to.
				subj = append(subj, k)
				if cur == t && s.cue(t, "naming") {
					relativized = h // "… branded a rogue state": the one branded is so called
				}
			} else if !infinitive {
				// "issued a declaration demanding …": a document does not
				// act; whoever issued it does.
				if !s.actorLike(h) && s.dep(h) == text.DepObj {
					for _, k := range s.kids(s.head(h)) {
						if s.dep(k) == text.DepNSubj {
							subj = append(subj, k)
						}
					}
				}
				if len(subj) == 0 {
					subj = append(subj, h)
				}
			}
		}
		break
	}
	var repaired []text.TokenID
	if len(pass) > 0 && len(agent) == 0 {
		// "was carried out by the Sudanese army" with the by-phrase
		// parsed apart: the first actor just after "by".
		for _, k := range s.kids(t) {
			if s.form(k) != "by" || k < t {
				continue
			}
			for n := k + 1; n < s.end && n <= k+4; n++ {
				if s.hasMentions && s.mentionOf[n-s.first].Valid() && !s.doc.Mentions[s.mentionOf[n-s.first]].Actor.IsZero() {
					repaired = append(repaired, s.mentionHead(s.mentionOf[n-s.first]))
					break
				}
			}
		}
	}
	if len(pass) > 0 {
		// Passive: the agent acts on the passive subject.
		for _, a := range agent {
			src = append(src, s.argument(a)...)
		}
		for _, a := range repaired {
			src = append(src, s.single(a)) // the mention, whatever its head's tag
		}
		for _, p := range pass {
			tgt = append(tgt, s.argument(p)...)
		}
		if !anyActor(tgt) {
			// "a school for Syrian children was shelled": the people
			// the place is for.
			tgt = append(s.modifierActor(pass, false), tgt...)
		}
	} else {
		for _, a := range subj {
			if !s.temporal(a) {
				src = append(src, s.argument(a)...)
			}
		}
		for _, a := range agent {
			src = append(src, s.argument(a)...)
		}
	}
	// Recipients hang off the object as often as off the verb ("sent arms
	// to Pakistan", "aid to refugees"): they are candidates after it.
	cands := append([]text.TokenID(nil), obj...)
	for _, o := range obj {
		for _, k := range s.kids(o) {
			if s.dep(k).Base() == text.DepNMod && s.caseIs(k, "to", "for", "against", "on", "with") && !s.temporal(k) {
				cands = append(cands, k)
			}
		}
	}
	if !relativized.Valid() && s.dep(t).Base() == text.DepACL && s.cue(t, "naming") && s.lowerSubject(t).Valid() {
		relativized = s.head(t) // "the same Turkey that the minister called a terrorist regime"
	}
	if relativized.Valid() {
		tgt = append(tgt, s.argument(relativized)...)
	} else {
		tgt = append(tgt, s.pickTarget(append(cands, obl...))...)
	}
	if len(tgt) == 0 {
		// "demanded that Chile repay …", "urged that Egypt reopen …": the
		// addressee is the subject of the complement clause.
		for _, k := range s.kids(t) {
			if s.dep(k) == text.DepCComp {
				for _, c := range s.kids(k) {
					if s.dep(c) == text.DepNSubj && !s.temporal(c) {
						tgt = append(tgt, s.argument(c)...)
					}
				}
				break
			}
		}
	}
	if !relativized.Valid() {
		// The role table: a phrase that names a coded actor wins over one
		// that names none, in the order of the event class's paths.
		tgt = onlyCoded(s.roleTarget(t, tgt))
	}
	if !placed(tgt) {
		if alt := s.deeperTarget(t, 0); placed(alt) {
			tgt = alt
		}
	}
	return dedupe(src), dedupe(tgt)
}

// nominalRel reports whether t hangs off its head by a nominal relation:
// a verb there ("rejected a US offer" with "offer" tagged as a verb) is
// a tagging mistake, and the word is read as a noun.
func (s *sentenceView) nominalRel(t text.TokenID) bool {
	switch s.dep(t).Base() {
	case text.DepObj, text.DepIObj, text.DepNSubj, text.DepObl, text.DepNMod:
		return true
	}
	return s.dep(t) == text.DepNSubjPass
}

// deeperTarget looks for the party an event is done to when the verb's
// own objects name none: in the clause it governs ("threatened to send
// gunboats to the strait", "offered to hand them over to Britain") or
// in the condition it sets ("threatened an offensive unless Baghdad
// accepted", "would stop talks if the United States went ahead").
func (s *sentenceView) deeperTarget(t text.TokenID, depth int) []text.Argument {
	if depth > 2 {
		return nil
	}
	var fallback []text.Argument // an actor that cannot be placed
	for _, k := range s.kids(t) {
		// The clause the verb governs ("threatened to deliver blows to
		// X"), its purpose ("opened fire to disperse the crowd") and a
		// verb conjoined with it ("donated and delivered goods to X").
		if s.doc.Tokens[k].UPOS != text.VERB {
			continue
		}
		switch {
		case s.dep(k) == text.DepXComp, s.dep(k) == text.DepConj && !s.hasSubject(k) && s.bare(t):
		case s.dep(k).Base() == text.DepAdvCl && s.marked(k, "to") && !s.hasSubject(k):
		default:
			continue
		}
		var cands []text.TokenID
		for _, c := range s.kids(k) {
			switch s.dep(c).Base() {
			case text.DepObj, text.DepIObj:
				if !s.temporal(c) {
					cands = append(cands, c)
					for _, n := range s.kids(c) {
						if s.dep(n).Base() == text.DepNMod && s.caseIs(n, "to", "for", "against", "on", "with", "at") && !s.temporal(n) {
							cands = append(cands, n)
						}
					}
				}
			case text.DepObl:
				if !s.temporal(c) && s.caseIs(c, "against", "on", "with", "to", "at", "from", "over", "into", "for") {
					cands = append(cands, c)
				}
			}
		}
		a := s.pickTarget(cands)
		if placed(a) {
			return a
		}
		if anyActor(a) && fallback == nil {
			fallback = a
		}
		if a := s.deeperTarget(k, depth+1); placed(a) {
			return a
		} else if len(a) > 0 && fallback == nil {
			fallback = a
		}
	}
	if a := s.conditionSubject(t); placed(a) || (len(a) > 0 && fallback == nil) {
		return a
	}
	return fallback
}

// bare reports whether verb v has no object or complement of its own, so
// that a verb conjoined with it may share its ("donated and delivered
// goods to X").
func (s *sentenceView) bare(v text.TokenID) bool {
	for _, k := range s.kids(v) {
		switch s.dep(k).Base() {
		case text.DepObj, text.DepIObj, text.DepXComp, text.DepCComp:
			return false
		}
	}
	return true
}

// lowerSubject returns the subject of relative clause v when the
// relative word is not it ("the West that he called …"), also when the
// parser hung the subject one level down; NoToken otherwise.
func (s *sentenceView) lowerSubject(v text.TokenID) text.TokenID {
	objectRel := false
	for _, k := range s.kids(v) {
		if w := s.form(k); (w == "that" || w == "which" || w == "whom") && s.dep(k).Base() != text.DepNSubj {
			objectRel = true
		}
	}
	if !objectRel {
		return text.NoToken
	}
	for _, k := range s.kids(v) {
		if s.dep(k) == text.DepNSubj {
			return k
		}
	}
	for _, k := range s.kids(v) {
		if k > v {
			continue
		}
		for _, g := range s.kids(k) {
			if s.dep(g) == text.DepNSubj && s.doc.Tokens[g].UPOS == text.PRON && g < v {
				return g
			}
		}
	}
	return text.NoToken
}

// mentionHead returns the token of mention m whose head lies outside it.
func (s *sentenceView) mentionHead(m text.MentionID) text.TokenID {
	men := s.doc.Mentions[m]
	for k := men.First; k < men.End; k++ {
		if h := s.head(k); !h.Valid() || h < men.First || h >= men.End {
			return k
		}
	}
	return men.End - 1
}

// hasSubject reports whether verb v has a subject of its own.
func (s *sentenceView) hasSubject(v text.TokenID) bool {
	for _, k := range s.kids(v) {
		switch s.dep(k) {
		case text.DepNSubj, text.DepNSubjPass, text.DepCSubj:
			return true
		}
	}
	return false
}

// marked reports whether clause v has a marker with one of the words.
func (s *sentenceView) marked(v text.TokenID, words ...string) bool {
	for _, k := range s.kids(v) {
		if s.dep(k) == text.DepMark {
			for _, w := range words {
				if s.form(k) == w {
					return true
				}
			}
		}
	}
	return false
}

// conditionSubject returns the subject of an "if" or "unless" clause of
// t when it names an actor: the party a conditional threat is aimed at.
func (s *sentenceView) conditionSubject(t text.TokenID) []text.Argument {
	for _, k := range s.kids(t) {
		if s.dep(k).Base() != text.DepAdvCl {
			continue
		}
		cond := false
		for _, c := range s.kids(k) {
			if s.dep(c) == text.DepMark && (s.form(c) == "unless" || s.form(c) == "if") {
				cond = true
			}
		}
		if !cond {
			continue
		}
		for _, c := range s.kids(k) {
			if s.dep(c) == text.DepNSubj && s.actorLike(c) {
				return s.argument(c)
			}
		}
	}
	return nil
}

// nounArguments reads a nominal event: "Zelensky's threats" (possessor),
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
			} else if s.caseIs(k, "against", "on", "to", "of", "with", "toward", "towards", "over", "for") {
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
		if h := s.head(n); h.Valid() && (s.dep(n) == text.DepObj || s.dep(n) == text.DepNSubjPass || s.dep(n).Base() == text.DepObl) {
			for _, k := range s.kids(h) {
				if s.dep(k) == text.DepNSubj {
					src = append(src, s.argument(k)...)
				}
			}
			if len(tgt) == 0 {
				for _, k := range s.kids(h) {
					if s.dep(k).Base() == text.DepObl && !s.temporal(k) && s.caseIs(k, "against", "on", "to", "at") {
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

// passive reports whether verb t has a passive auxiliary or subject.
func (s *sentenceView) passive(t text.TokenID) bool {
	for _, c := range s.kids(t) {
		if d := s.dep(c); d == text.DepAuxPass || d == text.DepNSubjPass {
			return true
		}
	}
	return false
}

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
	case a.Mention.Valid() && s.doc.Mentions[a.Mention].Label == "PER":
		// A named person the knowledge base does not know, described by
		// country ("Ana Lopes, Angola's best-known lawyer"):
		// coded as of that country, with no sector.
		a.Actor = actor.OfCountry(country, s.doc.Slice(a.Span), actor.KindPerson)
	default:
		return a
	}
	return a
}

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
					if act.Country != "" && act.Kind != "person" {
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

// auxPass reports whether verb t has a passive auxiliary ("was attacked");
// a passive subject alone may be a parser's mistake.
func (s *sentenceView) auxPass(t text.TokenID) bool {
	for _, c := range s.kids(t) {
		if s.dep(c) == text.DepAuxPass {
			return true
		}
	}
	return false
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
		if c == "" || men.Label == "PRON" {
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
	fix(ev.Source, false, "source")
	if ev.Type == "MOBILIZE" && len(ev.Source) > 0 && ev.Source[0].Actor.Country != "" {
		// Forces mobilized are the mobilizer's own ("Russia amassed troops").
		c := ev.Source[0].Actor.Country
		for i := range ev.Target {
			if a := &ev.Target[i]; sectored(a.Actor) && countryless(a.Actor) && a.Actor.Kind == "agent" {
				a.Actor = actor.WithCountry(a.Actor, c)
				ev.Evidence = append(ev.Evidence, text.Evidence{Field: "target", Span: a.Span, Rule: "country: forces mobilized are the source's own"})
			}
		}
	}
	fix(ev.Target, true, "target")
	// A generic target ("demonstrators", "civilians") of force or
	// coercion takes the country of its source when the sentence names no
	// other: then there is no other side it could belong to ("Egyptian
	// police opened fire on demonstrators").
	for i := range ev.Target {
		a := &ev.Target[i]
		if !sectored(a.Actor) || placed([]text.Argument{*a}) || a.Actor.Kind != "agent" || (ev.Type != "ASSAULT" && ev.Type != "COERCE") {
			continue // (support, aid, talks are as often given abroad)
		}
		h := s.doc.TokenAt(a.End - 1)
		if !h.Valid() {
			continue
		}
		if c, ok := s.soleCountry(h); ok && sourceCountry(ev) == c {
			a.Actor = actor.WithCountry(a.Actor, c)
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: "target", Span: a.Span, Rule: "country: the only one the sentence names (" + c + ")"})
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
			if !sectored(a.Actor) || !countryless(a.Actor) || (people && a.Actor.Kind != "person") {
				continue
			}
			h := s.doc.TokenAt(a.End - 1)
			if !h.Valid() {
				continue
			}
			if c := s.sentenceCountry(h); c != "" {
				a.Actor = actor.WithCountry(a.Actor, c)
				ev.Evidence = append(ev.Evidence, text.Evidence{Field: field, Span: a.Span, Rule: "country: the one the sentence names most (" + c + ")"})
			}
		}
	}
}

// stative reports whether participle v names a state of its passive
// subject rather than an act done to it (cues of kind "stative").
func (s *sentenceView) stative(v text.TokenID) bool { return s.cue(v, "stative") }

// objectControl reports whether verb v's object is the subject of its
// purpose clause ("sent an aide to meet the rebels": the aide meets them).
func (s *sentenceView) objectControl(v text.TokenID) bool { return s.cue(v, "control") }

// cue reports whether a cue of the given kind starts at v.
func (s *sentenceView) cue(v text.TokenID, kind string) bool {
	if s.cues == nil {
		return false
	}
	_, _, ok := s.cues.at(s, v, kind)
	return ok
}
