package text

import (
	"strings"
	"unicode"
)

// Arc is one edge of the enhanced dependency graph (Universal Dependencies
// enhanced++): Dep depends on Head by Rel. Unlike the basic tree, a token
// may have several heads (a subject shared by two verbs, the controller
// of an infinitive) and the graph may have cycles (a relative clause and
// its antecedent).
//
// Obliques, nominal modifiers, adverbial and adnominal clauses and
// conjuncts carry the word that marks them in their label ("obl:to",
// "nmod:of", "advcl:if", "conj:and"): Marker is that case, mark or cc
// token, whose word (and the words of its fixed dependents, joined by
// "_") extends the label. The string is never stored: Document.ArcLabel
// builds it on demand.
type Arc struct {
	Head   TokenID // NoToken for the root
	Dep    TokenID
	Rel    DepRel
	Marker TokenID // NoToken when the label has no marker
}

// ArcLabel returns the full label of a: its relation, then ":" and the
// marker word when it has one ("obl:according_to").
func (d *Document) ArcLabel(a Arc) string {
	if !a.Marker.Valid() || int(a.Marker) >= len(d.Tokens) {
		return a.Rel.String()
	}
	w := d.markerWord(a.Marker)
	if w == "" {
		return a.Rel.String()
	}
	var b strings.Builder
	b.WriteString(a.Rel.String())
	b.WriteByte(':')
	b.WriteString(w)
	// A multi-word marker ("according to", "because of") is its first
	// word with the rest attached to it as fixed.
	sent := d.Tokens[a.Marker].Sentence
	for i := a.Marker + 1; int(i) < len(d.Tokens) && d.Tokens[i].Sentence == sent; i++ {
		if d.Tokens[i].Head == a.Marker && d.Tokens[i].Dep == DepFixed {
			if w := d.markerWord(i); w != "" {
				b.WriteByte('_')
				b.WriteString(w)
			}
		}
	}
	return b.String()
}

// markerWord returns the lower-cased form of token i as a label
// extension: runs of characters other than letters become "_" ("and/or"
// → "and_or"). A form that is not all letters, such as an abbreviation
// ("b/c"), gives way to its lemma. Forms are preferred to lemmas because
// UD keeps the word as written ("nmod:including", not "include").
func (d *Document) markerWord(i TokenID) string {
	form := d.TokenText(i)
	if l := d.Tokens[i].Lemma; l != "" && !letters(form) {
		return extension(l)
	}
	return extension(form)
}

func letters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func extension(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte('_')
			gap = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// GraphArcs returns the arcs of the enhanced graph whose dependents are
// in sentence s (a view, not a copy). Document.Graph is sorted by
// dependent, so a sentence's arcs are one run.
func (d *Document) GraphArcs(s SentenceID) []Arc {
	if !s.Valid() || int(s) >= len(d.Sentences) {
		return nil
	}
	sent := d.Sentences[s]
	lo := searchDep(d.Graph, sent.First)
	hi := searchDep(d.Graph, sent.End)
	return d.Graph[lo:hi]
}

// HeadArcs returns the arcs whose dependent is token t (a view).
func (d *Document) HeadArcs(t TokenID) []Arc {
	lo := searchDep(d.Graph, t)
	hi := searchDep(d.Graph, t+1)
	return d.Graph[lo:hi]
}

// searchDep returns the index of the first arc of g whose dependent is
// at least t.
func searchDep(g []Arc, t TokenID) int {
	lo, hi := 0, len(g)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if g[m].Dep < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
