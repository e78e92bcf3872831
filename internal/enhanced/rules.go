package enhanced

import "annals/internal/text"

// marker returns the token whose lemma extends the label of t's relation
// rel to its head, or NoToken: the case word of an oblique or a nominal
// modifier, the mark (else case) word of an adverbial or adnominal
// clause, the coordinating conjunction of a conjunct.
func (b *builder) marker(t text.TokenID, rel text.DepRel) text.TokenID {
	switch rel {
	case text.DepObl, text.DepNMod:
		return b.caseWord(t)
	case text.DepACL, text.DepAdvCl:
		if m := b.before(t, text.DepMark); m.Valid() {
			return m
		}
		if m := b.caseWord(t); m.Valid() {
			return m
		}
		// "when", "where" opening an adverbial clause
		if m := b.before(t, text.DepAdvMod); m.Valid() && b.tok(m).XPOS == "WRB" && rel == text.DepAdvCl {
			return m
		}
		return text.NoToken
	case text.DepConj:
		return b.conjunction(t)
	}
	return text.NoToken
}

// before returns the dependent of t by rel nearest before it, or NoToken.
func (b *builder) before(t text.TokenID, rel text.DepRel) text.TokenID {
	best := text.NoToken
	for _, k := range b.kids[t-b.first] {
		if k < t && b.tok(k).Dep == rel {
			best = k
		}
	}
	return best
}

// sharedRel reports whether a conjunct shares its first conjunct's relation
// rel to its head: not for the root, loose joining (parataxis, list),
// function words, nor coordination itself.
func sharedRel(rel text.DepRel) bool {
	switch rel {
	case text.DepRoot, text.DepParataxis, text.DepList, text.DepFlat, text.DepConj, text.DepRef,
		text.DepCop, text.DepAux, text.DepAuxPass, text.DepPunct, text.DepCC:
		return false
	}
	return true
}

// caseWord returns the case dependent of t nearest before it ("out of
// reach": of), else its first case dependent, else NoToken.
func (b *builder) caseWord(t text.TokenID) text.TokenID {
	best := text.NoToken
	for _, k := range b.kids[t-b.first] {
		if b.tok(k).Dep != text.DepCase {
			continue
		}
		if k < t || !best.Valid() {
			best = k
		}
	}
	return best
}

// conjunction returns the coordinating conjunction of conjunct t: its
// own cc dependent, else that of a later conjunct of the same head ("A,
// B and C": B is joined by "and" too).
func (b *builder) conjunction(t text.TokenID) text.TokenID {
	if c := b.child(t, text.DepCC); c.Valid() {
		return c
	}
	h := b.tok(t).Head
	if !b.inside(h) {
		return text.NoToken
	}
	for _, k := range b.kids[h-b.first] {
		if k > t && b.tok(k).Dep == text.DepConj {
			if c := b.child(k, text.DepCC); c.Valid() {
				return c
			}
		}
	}
	return text.NoToken
}

// relative links the relative clause headed by t to its antecedent n:
// the relative pronoun's place in the clause goes to n, and n points to
// the pronoun by "ref". Without a pronoun ("the book they wrote") a
// verbal clause takes n as its missing subject, else as its object when
// it has none, else as an oblique.
func (b *builder) relative(t text.TokenID) {
	n := b.tok(t).Head
	if w := b.relativeWord(t); w.Valid() {
		h, r := b.tok(w).Head, b.tok(w).Dep
		in := b.in[w-b.first][:0]
		for _, a := range b.in[w-b.first] {
			if a.Head != h {
				in = append(in, a)
			}
		}
		b.in[w-b.first] = in
		b.add(text.Arc{Head: n, Dep: w, Rel: text.DepRef, Marker: text.NoToken})
		switch {
		case b.tok(w).XPOS == "WP$": // whose
			r = text.DepNModPoss
		case r == text.DepAdvMod: // where, when, why
			r = text.DepObl
		}
		if h != n {
			b.add(text.Arc{Head: h, Dep: n, Rel: r, Marker: text.NoToken})
		}
		return
	}
	if b.tok(t).UPOS != text.VERB {
		return
	}
	var rel text.DepRel
	switch {
	case !b.hasSubject(t):
		rel = text.DepNSubj
		if b.child(t, text.DepAuxPass).Valid() {
			rel = text.DepNSubjPass
		}
	case b.child(t, text.DepObj).Valid():
		rel = text.DepObl
	case b.child(t, text.DepXComp).Valid() || b.child(t, text.DepCComp).Valid():
		return
	default:
		rel = text.DepObj
	}
	b.add(text.Arc{Head: t, Dep: n, Rel: rel, Marker: text.NoToken})
}

// relativeWord returns the relative pronoun or adverb that opens the
// relative clause headed by t: a dependent before t, or a dependent of
// such a dependent ("in which", "whose house"); NoToken when there is none.
func (b *builder) relativeWord(t text.TokenID) text.TokenID {
	for _, k := range b.kids[t-b.first] {
		if k < t && b.isRelative(k) {
			return k
		}
	}
	for _, k := range b.kids[t-b.first] {
		if k >= t {
			continue
		}
		for _, g := range b.kids[k-b.first] {
			if g < t && b.isRelative(g) {
				return g
			}
		}
	}
	return text.NoToken
}

// isRelative reports whether t can be a relative word: a wh-word by its
// Penn tag, or "that" as a pronoun (not a complementizer or determiner).
func (b *builder) isRelative(t text.TokenID) bool {
	tk := b.tok(t)
	switch tk.XPOS {
	case "WDT", "WP", "WP$", "WRB":
		return true
	}
	return tk.Lemma == "that" && tk.UPOS == text.PRON && tk.Dep != text.DepMark && tk.Dep != text.DepDet
}

// shareHeads gives conjunct t the relations of its first conjunct h to
// h's heads, each marked by t's own case or mark word when it has one.
func (b *builder) shareHeads(t, h text.TokenID) {
	for i := 0; i < len(b.in[h-b.first]); i++ {
		a := b.in[h-b.first][i]
		if !sharedRel(a.Rel) || a.Head == t {
			continue
		}
		m := b.marker(t, a.Rel)
		if !m.Valid() {
			m = a.Marker
		}
		b.add(text.Arc{Head: a.Head, Dep: t, Rel: a.Rel, Marker: m})
	}
}

// hasSubject reports whether t has a subject in the graph so far.
func (b *builder) hasSubject(t text.TokenID) bool {
	for i := range b.in {
		for _, a := range b.in[i] {
			if a.Head == t && a.Rel.Subject() {
				return true
			}
		}
	}
	return false
}

// dependents appends to out the tokens that depend on t by a relation
// for which keep is true.
func (b *builder) dependents(out []text.Arc, t text.TokenID, keep func(text.DepRel) bool) []text.Arc {
	for i := range b.in {
		for _, a := range b.in[i] {
			if a.Head == t && keep(a.Rel) {
				out = append(out, a)
			}
		}
	}
	return out
}

// shareSubject gives a conjoined predicate t without a subject the
// subjects of its first conjunct h. A nominal conjunct of a verb is not a
// predicate (unless it has a copula) and gets none.
func (b *builder) shareSubject(t, h text.TokenID) {
	if verbal(b.tok(h).UPOS) && nominal(b.tok(t).UPOS) && !b.child(t, text.DepCop).Valid() {
		return
	}
	var buf [4]text.Arc
	for _, a := range b.dependents(buf[:0], h, text.DepRel.Subject) {
		if a.Dep != t {
			b.add(text.Arc{Head: t, Dep: a.Dep, Rel: b.voiced(t, a.Rel), Marker: text.NoToken})
		}
	}
}

// voiced returns subject relation rel as conjunct t takes it: a subject
// shared with a conjunct that has a passive auxiliary is its passive
// subject ("protested and were arrested"). A passive subject shared with
// an active conjunct keeps its label, as the English Web Treebank writes
// it.
func (b *builder) voiced(t text.TokenID, rel text.DepRel) text.DepRel {
	if rel == text.DepNSubj && b.child(t, text.DepAuxPass).Valid() {
		return text.DepNSubjPass
	}
	return rel
}

// control gives the open complement t of v its controller as subject:
// v's objects when it has any, else its indirect objects, else its
// subjects.
func (b *builder) control(t, v text.TokenID) {
	var buf [4]text.Arc
	ctl := b.dependents(buf[:0], v, func(r text.DepRel) bool { return r == text.DepObj })
	if len(ctl) == 0 {
		ctl = b.dependents(ctl, v, func(r text.DepRel) bool { return r == text.DepIObj })
	}
	if len(ctl) == 0 {
		ctl = b.dependents(ctl, v, text.DepRel.Subject)
	}
	for _, a := range ctl {
		if a.Dep != t {
			b.add(text.Arc{Head: t, Dep: a.Dep, Rel: text.DepNSubjXSubj, Marker: text.NoToken})
		}
	}
}

func verbal(p text.POS) bool { return p == text.VERB || p == text.AUX }

func nominal(p text.POS) bool {
	return p == text.NOUN || p == text.PROPN || p == text.PRON || p == text.NUM
}
