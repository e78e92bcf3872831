// Package depparse is the labelled dependency parser: a greedy arc-hybrid
// transition parser scored by an averaged perceptron over Zhang and Nivre
// style rich features (words, UPOS+Penn tags, distance, valency, children and
// their labels up to third order), trained with a dynamic oracle. It gives
// Universal Dependencies relations.
//
// The model is trained from UD English EWT (see model/LICENSE) by
// "annals train parser" and embedded in the binary.
package depparse

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"annals/internal/perceptron"
	"annals/internal/text"
)

// Version names the model in provenance.
const Version = "parser-ewt-2.16"

//go:embed model/parser.bin
var parserModel []byte

// Parser parses tagged sentences. It is read-only once built and safe for
// concurrent use.
type Parser struct {
	model  *perceptron.Model
	labels []text.DepRel // by label number
	root   int           // label number of "root"
	pool   sync.Pool     // *work
}

type work struct {
	st     state
	x      sentence
	feats  []uint64
	to     []uint8   // the sum each feature goes to (see score)
	scores []float32 // for training
	words  []string
	tags   []string
	rows   rowCache
	sums   perceptron.Sums
}

var (
	loadOnce sync.Once
	loaded   *Parser
	loadErr  error
)

// Load returns the parser built from the embedded model; it is read once
// and shared.
func Load() (*Parser, error) {
	loadOnce.Do(func() {
		loaded, loadErr = Read(perceptron.NewInPlace(parserModel))
	})
	return loaded, loadErr
}

// Read builds a parser from a model file.
func Read(r io.Reader) (*Parser, error) {
	m, err := perceptron.Read(r)
	if err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	return newParser(m)
}

// classNames returns the class names of a parser over labels.
func classNames(labels []string) []string {
	names := make([]string, numClasses(len(labels)))
	names[shift] = "shift"
	for i, l := range labels {
		names[leftClass(i)] = "left " + l
		names[rightClass(i)] = "right " + l
	}
	return names
}

func newParser(m *perceptron.Model) (*Parser, error) {
	cl := m.Classes
	if len(cl)%2 != 1 || cl[0] != "shift" {
		return nil, fmt.Errorf("parser: model classes are not shift, left L, right L, …")
	}
	p := &Parser{model: m, root: -1}
	for k := 0; leftClass(k) < len(cl); k++ {
		name, ok := strings.CutPrefix(cl[leftClass(k)], "left ")
		if !ok || cl[rightClass(k)] != "right "+name {
			return nil, fmt.Errorf("parser: class %d %q: want \"left L\" then \"right L\"", leftClass(k), cl[leftClass(k)])
		}
		r, err := text.ParseDepRel(name)
		if err != nil {
			return nil, fmt.Errorf("parser: %w", err)
		}
		if r == text.DepRoot {
			p.root = k
		}
		p.labels = append(p.labels, r)
	}
	if p.root < 0 {
		return nil, fmt.Errorf("parser: model has no root label")
	}
	return p, nil
}

func (p *Parser) get() *work {
	if w, ok := p.pool.Get().(*work); ok {
		return w
	}
	return &work{}
}

// Parse parses one sentence given its words and their tags (UPOS and
// Penn XPOS, as the tagger gives them). heads[i] is the index (0-based) of
// word i's head, -1 for the root; rels[i] is its relation.
func (p *Parser) Parse(words []string, upos []text.POS, xpos []string) (heads []int, rels []text.DepRel, err error) {
	if len(upos) != len(words) || len(xpos) != len(words) {
		return nil, nil, fmt.Errorf("parser: %d words but %d UPOS and %d XPOS tags", len(words), len(upos), len(xpos))
	}
	w := p.get()
	defer p.pool.Put(w)
	w.tags = w.tags[:0]
	for i := range words {
		w.tags = append(w.tags, joint(upos[i], xpos[i]))
	}
	p.parse(w, words, w.tags)
	heads = make([]int, len(words))
	rels = make([]text.DepRel, len(words))
	for i := range words {
		heads[i] = w.st.heads[i+1] - 1
		rels[i] = p.labels[w.st.labels[i+1]]
	}
	return heads, rels, nil
}

// joint is the tag the parser's features see: UPOS tells AUX from VERB
// and SCONJ from ADP, which the Penn tag does not.
func joint(u text.POS, x string) string { return u.String() + " " + x }

// parse runs the transition system greedily; the result is in w.st.
func (p *Parser) parse(w *work, words, tags []string) {
	w.x.set(words, tags)
	s := &w.st
	s.reset(len(words))
	w.rows.reset(len(words), p.model.NumClasses())
	for !s.done() {
		if len(s.stack) == 1 {
			s.apply(shift) // the only valid transition: no need to score
			continue
		}
		sc := p.score(w)
		best := -1
		for c, x := range sc {
			if (best < 0 || x > sc[best]) && s.valid(c, p.root) {
				best = c
			}
		}
		s.apply(best)
	}
}

// score returns the scores of the transitions from configuration w.st:
// the integer sums of the model's weights, which are exact, so that the
// cached rows give the same scores as looking every feature up. The
// joint features and those of the rows to be summed are looked up in
// one call, so that their memory reads overlap.
func (p *Parser) score(w *work) []int32 {
	s := &w.st
	nc := p.model.NumClasses()
	c := &w.rows
	acc := &w.sums
	clear(acc[:nc])
	w.feats = jointFeatures(w.feats[:0], s, &w.x)
	w.to = w.to[:0]
	for range w.feats {
		w.to = append(w.to, 0)
	}
	accs := [1 + nGroups]*perceptron.Sums{acc}
	var rows [nGroups]int
	var vers [nGroups]int32 // version+1 of a row to sum; 0 for a cached one
	for g := range nGroups {
		j, i, v, ok := c.lookup(g, s)
		rows[g] = j
		if ok {
			continue
		}
		vers[g] = int32(v) + 1
		clear(c.sums[g][:nc])
		accs[1+g] = &c.sums[g]
		k := len(w.feats)
		w.feats = groupFeatures(w.feats, g, s, &w.x, i)
		for range w.feats[k:] {
			w.to = append(w.to, uint8(1+g))
		}
	}
	p.model.ScoreEach(w.feats, w.to, accs[:])
	for g, j := range rows {
		r := c.row(j)
		if vers[g] != 0 {
			copy(r, c.sums[g][:nc])
			c.ver[j] = vers[g]
		}
		perceptron.AddRow(acc, r)
	}
	return acc[:nc]
}

// Name returns "parser".
func (p *Parser) Name() string { return "parser" }

// Requires returns the tokens, sentences and POS layers.
func (p *Parser) Requires() text.Layer {
	return text.LayerTokens | text.LayerSentences | text.LayerPOS
}

// Provides returns the dependency layer.
func (p *Parser) Provides() text.Layer { return text.LayerDeps }

// Process parses every sentence of doc, setting Token.Head (absolute
// token index, text.NoToken for the root) and Token.Dep.
func (p *Parser) Process(doc *text.Document) error {
	w := p.get()
	defer p.pool.Put(w)
	for si, sent := range doc.Sentences {
		if sent.First < 0 || sent.End < sent.First || int(sent.End) > len(doc.Tokens) {
			return fmt.Errorf("parser: document %s sentence %d: tokens [%d,%d) out of range", doc.ID, si, sent.First, sent.End)
		}
		w.words, w.tags = w.words[:0], w.tags[:0]
		for i := sent.First; i < sent.End; i++ {
			w.words = append(w.words, doc.TokenText(i))
			w.tags = append(w.tags, joint(doc.Tokens[i].UPOS, doc.Tokens[i].XPOS))
		}
		p.parse(w, w.words, w.tags)
		for j := range w.words {
			tok := &doc.Tokens[int(sent.First)+j]
			if h := w.st.heads[j+1]; h == 0 {
				tok.Head = text.NoToken
			} else {
				tok.Head = sent.First + text.TokenID(h-1)
			}
			tok.Dep = p.labels[w.st.labels[j+1]]
		}
	}
	doc.Mark(text.LayerDeps)
	return nil
}
