// Package enhanced builds the enhanced dependency graph of each sentence
// from its basic tree, following the enhanced++ conventions of Universal
// Dependencies as the English Web Treebank writes them in its DEPS column:
//
//   - obliques, nominal modifiers, adverbial and adnominal clauses and
//     conjuncts carry their case, mark or cc word in the label ("obl:to",
//     "nmod:of", "advcl:if", "conj:and");
//   - a relative pronoun is replaced by its antecedent in the relative
//     clause and linked to it by "ref"; a relative clause without a
//     pronoun takes its antecedent as subject or object;
//   - a conjunct shares the relation of the first conjunct to its head
//     ("bought apples and pears": pears is an object of bought) and a
//     conjoined predicate without a subject shares the first one's, as a
//     passive subject when it has a passive auxiliary ("marched and were
//     arrested");
//   - the subject of an open clausal complement (xcomp) is its controller:
//     the object of the governing verb when it has one, else its subject
//     ("nsubj:xsubj").
//
// Passive agents keep the parser's "obl:agent". A passive subject of a
// verb that is not passive (no passive auxiliary or agent, not a past
// participle) is the parser's mistake and is written as "nsubj": the
// coder reads voice from the graph, not from the basic tree. Empty nodes (gapping) are
// not built. The graph is a layer of its own (Document.Graph); the basic
// tree is left as it is.
package enhanced

import (
	"slices"
	"strings"

	"annals/internal/text"
)

// Version names the rules; it changes whenever the graph they build does.
const Version = "enhanced.v2"

// Stage builds the enhanced graph as a pipeline stage. It holds no state
// and is safe for concurrent use.
type Stage struct{}

// New returns the stage.
func New() *Stage { return &Stage{} }

// Name returns "enhanced".
func (*Stage) Name() string { return "enhanced" }

// Requires returns the layers the rules read: sentences, tags, lemmas and
// the basic tree.
func (*Stage) Requires() text.Layer {
	return text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerLemmas | text.LayerDeps
}

// Provides returns the graph layer.
func (*Stage) Provides() text.Layer { return text.LayerGraph }

// Process replaces doc.Graph with the graph of doc's basic trees.
func (*Stage) Process(doc *text.Document) error {
	doc.Graph = Build(doc, doc.Graph[:0])
	return nil
}

// Build appends the enhanced graph of every sentence of doc to g and
// returns it, sorted as Document.Graph is.
func Build(doc *text.Document, g []text.Arc) []text.Arc {
	var b builder
	for s := range doc.Sentences {
		g = b.sentence(doc, text.SentenceID(s), g)
	}
	return g
}

// builder holds the buffers of one sentence, reused for the next.
type builder struct {
	doc        *text.Document
	first, end text.TokenID
	kids       [][]text.TokenID // basic dependents, by local index
	in         [][]text.Arc     // enhanced arcs into each token, by local index
	order      []text.TokenID   // tokens top-down: every head before its dependents
}

func (b *builder) tok(t text.TokenID) *text.Token { return &b.doc.Tokens[t] }

func (b *builder) sentence(doc *text.Document, s text.SentenceID, g []text.Arc) []text.Arc {
	sent := doc.Sentences[s]
	b.doc, b.first, b.end = doc, sent.First, sent.End
	n := sent.Len()
	b.kids = resize(b.kids, n)
	b.in = resize(b.in, n)
	for t := b.first; t < b.end; t++ {
		if h := b.tok(t).Head; h >= b.first && h < b.end {
			b.kids[h-b.first] = append(b.kids[h-b.first], t)
		}
	}
	b.topDown()

	// 1. The basic tree, with markers in the labels.
	for t := b.first; t < b.end; t++ {
		tk := b.tok(t)
		rel := tk.Dep
		if rel == text.NoDep {
			rel = text.DepDep
		}
		if b.activePassive(t, rel) {
			rel = rel.Base()
		}
		b.add(text.Arc{Head: tk.Head, Dep: t, Rel: rel, Marker: b.marker(t, rel)})
	}
	// 2. Relative clauses, before anything is shared from their heads.
	for t := b.first; t < b.end; t++ {
		if b.tok(t).Dep == text.DepACLRelcl && b.inside(b.tok(t).Head) {
			b.relative(t)
		}
	}
	// 3. Conjuncts share their first conjunct's relation to its head.
	for _, t := range b.order {
		if b.tok(t).Dep == text.DepConj && b.inside(b.tok(t).Head) {
			b.shareHeads(t, b.tok(t).Head)
		}
	}
	// 4. Subjects: of conjoined predicates, then of open complements; top
	// down, so that a controller's own shared subject is already there.
	for _, t := range b.order {
		h := b.tok(t).Head
		if !b.inside(h) || b.hasSubject(t) {
			continue
		}
		switch b.tok(t).Dep {
		case text.DepConj:
			b.shareSubject(t, h)
		case text.DepXComp:
			b.control(t, h)
		}
	}

	start := len(g)
	for i := range n {
		g = append(g, b.in[i]...)
	}
	arcs := g[start:]
	slices.SortFunc(arcs, func(x, y text.Arc) int {
		switch {
		case x.Dep != y.Dep:
			return int(x.Dep - y.Dep)
		case x.Head != y.Head:
			return int(x.Head - y.Head)
		case x.Rel != y.Rel:
			return int(x.Rel) - int(y.Rel)
		}
		return int(x.Marker - y.Marker)
	})
	return append(g[:start], slices.Compact(arcs)...)
}

// activePassive reports whether t, a passive subject in the basic tree,
// depends on a verb that is not passive: no passive auxiliary, no
// passive agent (nor an oblique with "by"), and not a past participle. The parser's label is then a
// mistake, and the graph writes t as the subject ("nsubj").
func (b *builder) activePassive(t text.TokenID, rel text.DepRel) bool {
	if rel != text.DepNSubjPass && rel != text.DepCSubjPass {
		return false
	}
	h := b.tok(t).Head
	if !b.inside(h) || b.tok(h).XPOS == "VBN" {
		return false
	}
	if b.child(h, text.DepAuxPass) != text.NoToken || b.child(h, text.DepOblAgent) != text.NoToken {
		return false
	}
	for _, k := range b.kids[h-b.first] {
		if c := b.caseWord(k); b.tok(k).Dep.Base() == text.DepObl && c != text.NoToken && strings.EqualFold(b.doc.TokenText(c), "by") {
			return false // an agent phrase the parser did not label so
		}
	}
	return true
}

func resize[T any](s [][]T, n int) [][]T {
	if cap(s) < n {
		s = append(s[:cap(s)], make([][]T, n-cap(s))...)
	}
	s = s[:n]
	for i := range s {
		s[i] = s[i][:0]
	}
	return s
}

// inside reports whether t is a token of the current sentence.
func (b *builder) inside(t text.TokenID) bool { return t >= b.first && t < b.end }

// topDown fills b.order breadth first from the roots. Tokens on a cycle
// of a malformed tree (no root above them) come last, in text order.
func (b *builder) topDown() {
	b.order = b.order[:0]
	seen := 0
	for t := b.first; t < b.end; t++ {
		if !b.inside(b.tok(t).Head) {
			b.order = append(b.order, t)
		}
	}
	for ; seen < len(b.order); seen++ {
		b.order = append(b.order, b.kids[b.order[seen]-b.first]...)
	}
	if len(b.order) < int(b.end-b.first) {
		placed := make(map[text.TokenID]bool, len(b.order))
		for _, t := range b.order {
			placed[t] = true
		}
		for t := b.first; t < b.end; t++ {
			if !placed[t] {
				b.order = append(b.order, t)
			}
		}
	}
}

// add adds a unless the same arc is there already.
func (b *builder) add(a text.Arc) {
	in := &b.in[a.Dep-b.first]
	if a.Head == a.Dep || slices.Contains(*in, a) {
		return
	}
	*in = append(*in, a)
}

// child returns the first basic dependent of t by rel, or NoToken.
func (b *builder) child(t text.TokenID, rel text.DepRel) text.TokenID {
	for _, k := range b.kids[t-b.first] {
		if b.tok(k).Dep == rel {
			return k
		}
	}
	return text.NoToken
}
