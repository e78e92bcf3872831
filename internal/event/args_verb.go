package event

// Arguments of verbal triggers: who is the source and who the target of an
// event a verb names, read off the dependency tree and the enhanced graph.

import (
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

// verbDeps are a verb's own dependents, by role.
type verbDeps struct {
	subj, agent, pass []text.TokenID // subjects, passive agents, passive subjects
	obj, obl          []text.TokenID // objects, and obliques that may name a target
}

// verbArguments reads the subject and object of a verb, climbing through
// xcomp ("agreed to meet"), conj ("met and agreed") and relative clauses
// to find a subject the verb shares. The steps: the verb's own dependents
// (verbDeps), voice (repairVoice), a subject shared with the governing
// clause (inheritSubject), then sources (verbSources) and targets
// (verbTargets).
func (s *sentenceView) verbArguments(t text.TokenID) (src, tgt []text.Argument) {
	r := s.verbDeps(t)
	s.repairVoice(t, &r)
	relativized := text.NoToken
	if len(r.subj) == 0 && len(r.pass) == 0 {
		relativized = s.inheritSubject(t, &r)
	}
	src, tgt = s.verbSources(t, &r)
	tgt = s.verbTargets(t, &r, relativized, tgt)
	return dedupe(src), dedupe(tgt)
}

// verbDeps sorts the verb's dependents by role; temporal phrases are none.
func (s *sentenceView) verbDeps(t text.TokenID) verbDeps {
	var r verbDeps
	for _, k := range s.kids(t) {
		switch s.dep(k) {
		case text.DepNSubj, text.DepCSubj:
			r.subj = append(r.subj, k)
		case text.DepNSubjPass, text.DepCSubjPass:
			if s.graphSubject(t, k) {
				r.subj = append(r.subj, k) // the graph's reading: the verb is active
			} else {
				r.pass = append(r.pass, k)
			}
		case text.DepOblAgent:
			r.agent = append(r.agent, k)
		case text.DepObj, text.DepIObj:
			if !s.temporal(k) {
				r.obj = append(r.obj, k)
			}
		case text.DepObl:
			if s.temporal(k) {
				continue
			}
			if s.caseIs(k, "by") && s.passive(t) {
				r.agent = append(r.agent, k)
			} else if s.caseIs(k, oblTargetCases...) || s.caseIs(k, "by") {
				// "by" in an active clause is the parser's misattachment of
				// the object's agent ("investigating crimes by extremists").
				r.obl = append(r.obl, k)
			}
		}
	}
	return r
}

// repairVoice reads the passive subject of a stative verb as its subject,
// and takes the object before a gerund as its subject. (A passive subject
// of an active verb form, the parser's mistake, is a subject in the
// enhanced graph already: verbDeps reads it so.)
func (s *sentenceView) repairVoice(t text.TokenID, r *verbDeps) {
	if len(r.pass) > 0 && len(r.agent) == 0 && s.stative(t) {
		// "Peru is committed to reform": a state its subject is in,
		// not something done to it.
		r.subj, r.pass = r.pass, nil
	}
	if len(r.subj) == 0 && len(r.pass) == 0 && s.doc.Tokens[t].XPOS == "VBG" && t > s.first && s.dep(t-1) == text.DepObj && s.actorLike(t-1) {
		// "to see Putin accepting …": the object just before a gerund is
		// its subject, wherever the parser hung the gerund.
		r.subj = append(r.subj, t-1)
	}
}

// inheritSubject gives a verb with no subject of its own the one it
// shares with the clause that governs it (xcomp, conj, advcl) or the noun
// its relative clause modifies. It returns the noun a naming relative
// clause is about ("… branded a rogue state"), or NoToken.
func (s *sentenceView) inheritSubject(t text.TokenID, r *verbDeps) (relativized text.TokenID) {
	relativized = text.NoToken
	cur := t
	for hops := 0; len(r.subj) == 0 && len(r.pass) == 0 && hops < 4; hops++ {
		h := s.head(cur)
		if !h.Valid() {
			return relativized
		}
		switch s.dep(cur).Base() {
		case text.DepXComp, text.DepConj, text.DepAdvCl:
			if !s.governorSubject(t, cur, h, r) {
				return relativized
			}
			cur = h
		case text.DepACL, text.DepACLRelcl:
			return s.modifiedSubject(t, cur, h, r)
		default:
			return relativized
		}
	}
	return relativized
}

// governorSubject takes for clause cur (the verb t or a clause above it)
// the subject of its governor h: "agreed to meet", "met and agreed",
// "reacted by claiming". An xcomp under a verb with an object takes the
// object: "sent Witkoff to see Putin", "urged Iran to stop" (object
// control). It reports whether to keep climbing.
func (s *sentenceView) governorSubject(t, cur, h text.TokenID, r *verbDeps) bool {
	rel := s.dep(cur).Base()
	if rel == text.DepXComp && s.doc.Has(text.LayerGraph) {
		// The enhanced graph names the controller.
		r.subj = s.controllers(cur)
		return true
	}
	if rel == text.DepConj && s.doc.Has(text.LayerGraph) {
		// The enhanced graph shares the first conjunct's subject.
		r.subj, r.pass = s.sharedSubjects(cur, t)
		return true
	}
	if rel == text.DepXComp || (rel == text.DepAdvCl && s.objectControl(h)) {
		for _, k := range s.kids(h) {
			if (s.dep(k) == text.DepObj || s.dep(k) == text.DepIObj) && s.actorLike(k) {
				r.subj = append(r.subj, k)
			}
		}
		if len(r.subj) > 0 {
			return false
		}
	}
	for _, k := range s.kids(h) {
		switch s.dep(k) {
		case text.DepNSubj:
			// An event word is no inherited agent ("Zelensky's
			// threats to march …, by amassing troops": the
			// amassing is not the threats').
			if !(s.trigger[k-s.first] && s.doc.Tokens[k].UPOS == text.NOUN) {
				r.subj = append(r.subj, k)
			}
		case text.DepNSubjPass:
			// "X was asked to meet": X is not the actor of "meet"
			// unless the graph reads the governor as active (the
			// parser mislabelled its subject). But "X was indicted and
			// will resign": a conjoined active verb shares the passive
			// subject as its own.
			switch {
			case s.graphSubject(h, k) && rel != text.DepXComp:
				r.subj = append(r.subj, k)
			case rel == text.DepConj && cur == t && !s.auxPass(t) && s.doc.Tokens[t].XPOS != "VBN":
				r.subj = append(r.subj, k)
			case rel == text.DepConj && cur == t:
				r.pass = append(r.pass, k)
			}
		}
	}
	return true
}

// modifiedSubject reads the subject of a relative or participial clause
// cur modifying noun h. It returns the noun a naming clause is about, or
// NoToken.
func (s *sentenceView) modifiedSubject(t, cur, h text.TokenID, r *verbDeps) text.TokenID {
	if s.doc.Tokens[cur].XPOS == "VBN" && s.dep(cur) == text.DepACL && cur > s.first && s.form(cur-1) == "," {
		// "The ferry, sunk off the coast": a participle set
		// off by a comma is a reduced passive; the noun is what was
		// done to, and the acts conjoined to it share no subject.
		// (Without the comma, "police used gas" is as often the
		// parser's misreading of a main verb.)
		if cur == t {
			r.pass = append(r.pass, h)
		}
		return text.NoToken
	}
	// "the troops that attacked", "forces loyal to X attacking":
	// the modified noun is the subject; not for a purpose
	// infinitive ("water cannon to disperse them").
	for _, k := range s.kids(cur) {
		if s.dep(k) == text.DepMark && s.form(k) == "to" {
			return text.NoToken
		}
	}
	if k := s.lowerSubject(cur); k.Valid() {
		// "the envoy that she on the 3rd of May called …": the
		// clause has a subject of its own, which the parser hung
		// lower; the modified noun is what was done to.
		r.subj = append(r.subj, k)
		if cur == t && s.cue(t, "naming") {
			return h // "… branded a rogue state": the one branded is so called
		}
		return text.NoToken
	}
	// "issued a declaration demanding …": a document does not
	// act; whoever issued it does.
	if !s.actorLike(h) && s.dep(h) == text.DepObj {
		for _, k := range s.kids(s.head(h)) {
			if s.dep(k) == text.DepNSubj {
				r.subj = append(r.subj, k)
			}
		}
	}
	if len(r.subj) == 0 {
		r.subj = append(r.subj, h)
	}
	return text.NoToken
}

// verbSources returns the verb's sources and, for a passive, the passive
// subjects as its first targets.
func (s *sentenceView) verbSources(t text.TokenID, r *verbDeps) (src, tgt []text.Argument) {
	if len(r.pass) == 0 {
		for _, a := range r.subj {
			if !s.temporal(a) {
				src = append(src, s.argument(a)...)
			}
		}
		for _, a := range r.agent {
			src = append(src, s.argument(a)...)
		}
		return src, nil
	}
	// Passive: the agent acts on the passive subject.
	for _, a := range r.agent {
		src = append(src, s.argument(a)...)
	}
	if len(r.agent) == 0 {
		for _, a := range s.strayAgent(t) {
			src = append(src, s.single(a)) // the mention, whatever its head's tag
		}
	}
	for _, p := range r.pass {
		tgt = append(tgt, s.argument(p)...)
	}
	if !anyActor(tgt) {
		// "a school for Syrian children was shelled": the people
		// the place is for.
		tgt = append(s.modifierActor(r.pass, false), tgt...)
	}
	return src, tgt
}

// strayAgent finds a passive's agent whose by-phrase the parser hung
// apart ("was carried out by the Sudanese army"): the first actor just
// after a "by" the verb governs.
func (s *sentenceView) strayAgent(t text.TokenID) []text.TokenID {
	var found []text.TokenID
	for _, k := range s.kids(t) {
		if s.form(k) != "by" || k < t {
			continue
		}
		for n := k + 1; n < s.end && n <= k+4; n++ {
			if s.hasMentions && s.mentionOf[n-s.first].Valid() && !s.doc.Mentions[s.mentionOf[n-s.first]].Actor.IsZero() {
				found = append(found, s.mentionHead(s.mentionOf[n-s.first]))
				break
			}
		}
	}
	return found
}

// verbTargets adds to tgt the verb's targets: the noun a naming clause is
// about, else the best of its objects, their recipients and its
// obliques; else the subject of its complement clause; ordered by the
// role table, and deeper in the tree when none is placed.
func (s *sentenceView) verbTargets(t text.TokenID, r *verbDeps, relativized text.TokenID, tgt []text.Argument) []text.Argument {
	// Recipients hang off the object as often as off the verb ("sent arms
	// to Pakistan", "aid to refugees"): they are candidates after it.
	cands := append([]text.TokenID(nil), r.obj...)
	for _, o := range r.obj {
		for _, k := range s.kids(o) {
			if s.dep(k).Base() == text.DepNMod && s.caseIs(k, objModCases...) && !s.temporal(k) {
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
		tgt = append(tgt, s.pickTarget(append(cands, r.obl...))...)
	}
	if len(tgt) == 0 {
		tgt = s.complementSubject(t)
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
	return tgt
}

// complementSubject is the addressee of a demand made in a complement
// clause: "demanded that Chile repay …", "urged that Egypt reopen …".
func (s *sentenceView) complementSubject(t text.TokenID) []text.Argument {
	var tgt []text.Argument
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
	return tgt
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
						if s.dep(n).Base() == text.DepNMod && s.caseIs(n, objModCases...) && !s.temporal(n) {
							cands = append(cands, n)
						}
					}
				}
			case text.DepObl:
				if !s.temporal(c) && s.caseIs(c, oblTargetCases...) {
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

// passive reports whether verb t has a passive auxiliary or subject.
func (s *sentenceView) passive(t text.TokenID) bool {
	for _, c := range s.kids(t) {
		if d := s.dep(c); d == text.DepAuxPass || d == text.DepNSubjPass {
			return true
		}
	}
	return false
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
