package timex

import (
	"annals/internal/text"
)

// HintOf returns what expression id of doc says beyond its value: its
// kind, the period it names, or the office and holder of a term ("during
// his first term": Kind KindTerm, Role "term", Ordinal 1, Holder "his").
// It reads the expression's words again, so it needs no state from the
// stage; it returns the zero Hint (HolderToken NoToken) for a bad id.
//
// The event stage resolves a KindTerm expression with the actor knowledge
// base: the holder (after coreference, for a pronoun) and the role give
// the years of the term.
func HintOf(doc *text.Document, id text.TimexID) Hint {
	h := Hint{HolderToken: text.NoToken}
	if doc == nil || !id.Valid() || int(id) >= len(doc.Timexes) {
		return h
	}
	x := doc.Timexes[id]
	if x.Start < 0 || x.End > len(doc.Text) || x.Start >= x.End {
		return h
	}
	t := loadTables()
	if t.err != nil {
		return h
	}
	orig := doc.Text[x.Start:x.End]
	low := lowerASCII(orig)
	m := &matcher{t: &Tagger{lex: t.lex, periods: t.periods}, doc: doc, low: low, sent: 0, para: []int{0}, noLib: true}
	m.w = scanWordsAt(orig, low, 0, nil)
	m.future = len(m.w)
	for k := range m.w {
		w := &m.w[k]
		w.start += x.Start
		w.end += x.Start
		w.lex = m.t.lex[w.low]
	}
	var last found
	ok := false
	for k := 0; k < len(m.w); {
		if !m.candidate(k) {
			k++
			continue
		}
		f, hit := m.best(k)
		if !hit {
			k++
			continue
		}
		last, ok = f, true
		k = f.j
	}
	switch {
	case ok && last.hint.Kind != KindNone:
		return last.hint
	case ok:
		h.Kind = last.kind
	case x.Basis == text.BasisExplicit:
		h.Kind = KindDate
	case x.Anchor.Valid():
		h.Kind = KindAnaphoric
	default:
		h.Kind = KindDeictic
	}
	return h
}
