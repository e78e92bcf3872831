// Package postag is the part-of-speech tagger and lemmatizer: an averaged
// perceptron that tags each word with a joint (UPOS, Penn XPOS) class,
// left to right, from the word's form, affixes, shape, word class (see
// package wordclass) and its neighbours' words and tags; a second,
// right-to-left model is consulted where the first is unsure. Frequent
// unambiguous words are tagged from a dictionary. Lemmas come from the
// Lemmatizer (learned exceptions plus suffix rules).
//
// The model is trained from UD English EWT and GUM (see model/LICENSE) by
// "annals train tagger" and embedded in the binary.
package postag

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"annals/internal/perceptron"
	"annals/internal/text"
	"annals/internal/wordclass"
)

// Version names the model in provenance.
const Version = "tagger-ewt-2.16"

//go:embed model/tagger.bin
var taggerModel []byte

//go:embed model/tagdict.tsv
var tagDict []byte

//go:embed model/lemma.tsv
var lemmaModel []byte

//go:embed model/lexicon.tsv
var lexiconModel []byte

//go:embed model/classes.tsv
var classesModel []byte

//go:embed model/tagger-back.bin
var backModel []byte

// Tag is the tagging of one word.
type Tag struct {
	UPOS  text.POS
	XPOS  string
	Lemma string
}

// Tagger tags and lemmatizes words. It is read-only once built and safe
// for concurrent use.
type Tagger struct {
	model *perceptron.Model
	dict  map[string]int    // form → class, for frequent unambiguous words
	lex   map[string]uint64 // lowercase form → hash of its ambiguity class
	lexS  map[string]string // the same, as text (for writing)
	upos  []text.POS        // by class
	xpos  []string          // by class
	lem   *Lemmatizer
	wc    *wordclass.Table  // word classes; nil for none
	back  *perceptron.Model // the right-to-left model; nil for none

	scratch sync.Pool // *passScratch
}

var (
	loadOnce sync.Once
	loaded   *Tagger
	loadErr  error
)

// Load returns the tagger built from the embedded model; it is read once
// and shared.
func Load() (*Tagger, error) {
	loadOnce.Do(func() {
		loaded, loadErr = Read(Files{
			Model: perceptron.NewInPlace(taggerModel), Back: perceptron.NewInPlace(backModel),
			Dict: bytes.NewReader(tagDict), Lexicon: bytes.NewReader(lexiconModel),
			Lemmas: bytes.NewReader(lemmaModel), Classes: bytes.NewReader(classesModel),
		})
	})
	return loaded, loadErr
}

// readBack reads the right-to-left model; empty, it is none (nil).
func readBack(r io.Reader) (*perceptron.Model, error) {
	if ip, ok := r.(*perceptron.InPlace); ok {
		if ip.Len() == 0 {
			return nil, nil
		}
		return perceptron.Read(ip)
	}
	b, err := io.ReadAll(r)
	if err != nil || len(b) == 0 {
		return nil, err
	}
	return perceptron.Parse(b)
}

// Files are the readers of a tagger's model files, as Write writes them.
type Files struct {
	Model   io.Reader // tagger.bin: the left-to-right weights
	Back    io.Reader // tagger-back.bin: the right-to-left weights; nil or empty for none
	Dict    io.Reader // tagdict.tsv
	Lexicon io.Reader // lexicon.tsv
	Lemmas  io.Reader // lemma.tsv
	Classes io.Reader // classes.tsv, the word classes (package wordclass); nil for none
}

// Read builds a tagger from its model files.
func Read(f Files) (*Tagger, error) {
	model, dict, lexicon, lemmas, classes := f.Model, f.Dict, f.Lexicon, f.Lemmas, f.Classes
	m, err := perceptron.Read(model)
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	t, err := newTagger(m)
	if err != nil {
		return nil, err
	}
	if t.dict, err = readDict(dict, m.Classes); err != nil {
		return nil, err
	}
	if t.lexS, err = readLexicon(lexicon); err != nil {
		return nil, err
	}
	t.lex = hashLexicon(t.lexS)
	if t.lem, err = ReadLemmatizer(lemmas); err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	if classes != nil {
		if t.wc, err = wordclass.Read(classes); err != nil {
			return nil, fmt.Errorf("tagger: %w", err)
		}
	}
	if f.Back != nil {
		if t.back, err = readBack(f.Back); err != nil {
			return nil, fmt.Errorf("tagger: right-to-left model: %w", err)
		}
		if t.back != nil && !slices.Equal(t.back.Classes, m.Classes) {
			return nil, fmt.Errorf("tagger: the right-to-left model's classes differ from the left-to-right one's")
		}
	}
	return t, nil
}

func newTagger(m *perceptron.Model) (*Tagger, error) {
	t := &Tagger{model: m, dict: map[string]int{}, scratch: sync.Pool{New: newPassScratch}}
	for i, c := range m.Classes {
		u, x, ok := strings.Cut(c, " ")
		p, err := text.ParsePOS(u)
		if !ok || err != nil {
			return nil, fmt.Errorf("tagger: class %d %q is not \"UPOS XPOS\"", i, c)
		}
		t.upos = append(t.upos, p)
		t.xpos = append(t.xpos, x)
	}
	return t, nil
}

func readDict(r io.Reader, classes []string) (map[string]int, error) {
	idx := make(map[string]int, len(classes))
	for i, c := range classes {
		idx[c] = i
	}
	text, err := readText(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: tag dictionary: %w", err)
	}
	d := make(map[string]int, strings.Count(text, "\n"))
	err = eachLine(text, func(n int, line string) error {
		if line == "" || line[0] == '#' {
			return nil
		}
		w, c, ok := strings.Cut(line, "\t")
		k, known := idx[c]
		if !ok || !known {
			return fmt.Errorf("tagger: tag dictionary line %d: want WORD<TAB>UPOS XPOS of a known class, got %q", n, line)
		}
		d[w] = k
		return nil
	})
	return d, err
}

func readLexicon(r io.Reader) (map[string]string, error) {
	text, err := readText(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: lexicon: %w", err)
	}
	lex := make(map[string]string, strings.Count(text, "\n"))
	err = eachLine(text, func(n int, line string) error {
		if line == "" || line[0] == '#' {
			return nil
		}
		w, c, ok := strings.Cut(line, "\t")
		if !ok || c == "" {
			return fmt.Errorf("tagger: lexicon line %d: want WORD<TAB>CLASSES, got %q", n, line)
		}
		lex[w] = c
		return nil
	})
	return lex, err
}

func hashLexicon(lex map[string]string) map[string]uint64 {
	h := make(map[string]uint64, len(lex))
	for w, c := range lex {
		h[w] = perceptron.String(c)
	}
	return h
}

// Lemmatizer returns the tagger's lemmatizer.
func (t *Tagger) Lemmatizer() *Lemmatizer { return t.lem }

// Tag tags and lemmatizes one sentence's words.
func (t *Tagger) Tag(words []string) []Tag {
	classes := t.classes(words, nil, nil)
	out := make([]Tag, len(words))
	for i, c := range classes {
		out[i] = Tag{UPOS: t.upos[c], XPOS: t.xpos[c], Lemma: t.lem.Lemma(words[i], t.xpos[c])}
	}
	return out
}

// classes returns the class of each word, greedily left to right; with
// a right-to-left model, each word the forward model is unsure of (a
// margin below backMargin between its two best classes) then takes the
// class with the highest sum of both models' scores, the backward model
// seeing the forward tags of the words after it.
func (t *Tagger) classes(words []string, info []wordInfo, out []int) []int {
	if cap(info) < len(words) {
		info = make([]wordInfo, len(words))
	}
	info = info[:len(words)]
	analyze(words, info, t.lex, t.wc)
	nc := t.model.NumClasses()
	var fwd []float32
	if t.back != nil {
		fwd = make([]float32, nc*len(words))
	}
	out = t.pass(t.model, words, info, out, fwd)
	if t.back == nil {
		return out
	}
	var rinfo []wordInfo
	var feats []uint64
	n := len(words)
	bwd := make([]float32, nc)
	for i, w := range words {
		if _, ok := t.dict[w]; ok {
			continue
		}
		sc := fwd[i*nc : (i+1)*nc]
		if margin(sc) >= backMargin {
			continue
		}
		if rinfo == nil {
			rinfo = reversed(info)
		}
		prev, prev2 := -1, -2
		if i+1 < n {
			prev = out[i+1]
		}
		if i+2 < n {
			prev2 = out[i+2]
		}
		feats = features(feats[:0], rinfo, n-1-i, prev, prev2)
		clear(bwd)
		t.back.Score(feats, bwd)
		for c, x := range bwd {
			sc[c] += x
		}
		out[i] = argmax(sc)
	}
	return out
}

// backMargin is the forward model's margin (in its score units) under
// which the backward model is asked too. On EWT dev, 7% of the words fall
// under 20, and asking the backward model about more changes no tag: the
// tagger costs little more than one direction.
const backMargin = 20

// margin returns the difference between the two highest scores.
func margin(s []float32) float32 {
	a, b := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, x := range s {
		if x > a {
			a, b = x, a
		} else if x > b {
			b = x
		}
	}
	return a - b
}

// pass tags words greedily in their order with model m, appending classes
// to out; if scores is not nil it receives each word's class scores.
// The features of the words alone are summed first, for a block of words
// at once (their memory reads overlap); then each word adds the features
// of the tags before it. The sums are exact integers, so the scores are
// those of Score over all the word's features.
func (t *Tagger) pass(m *perceptron.Model, words []string, info []wordInfo, out []int, scores []float32) []int {
	out = out[:0]
	nc := m.NumClasses()
	sc := make([]float32, nc)
	x := t.scratch.Get().(*passScratch)
	defer t.scratch.Put(x)
	prev, prev2 := -1, -2
	for b := 0; b < len(words); b += passBlock {
		block := words[b:min(len(words), b+passBlock)]
		x.feats, x.to = x.feats[:0], x.to[:0]
		for j, w := range block {
			if _, ok := t.dict[w]; ok {
				continue
			}
			clear(x.sums[j][:nc])
			k := len(x.feats)
			x.feats = wordFeatures(x.feats, info, b+j)
			for range x.feats[k:] {
				x.to = append(x.to, uint8(j))
			}
		}
		m.ScoreEach(x.feats, x.to, x.accs)
		for j, w := range block {
			i := b + j
			c, ok := t.dict[w]
			if !ok {
				acc := &x.sums[j]
				x.feats = tagFeatures(x.feats[:0], info, i, prev, prev2)
				m.ScoreInt(x.feats, acc)
				for k, a := range acc[:nc] {
					sc[k] = float32(a) * m.Scale()
				}
				c = argmax(sc)
				if scores != nil {
					copy(scores[i*nc:], sc)
				}
			}
			out = append(out, c)
			prev2, prev = prev, c
		}
	}
	return out
}

// passBlock is the number of words whose own features pass sums at once
// (at most 256, the targets ScoreEach can tell apart).
const passBlock = 128

// passScratch is pass's working memory, kept between calls.
type passScratch struct {
	sums  [passBlock]perceptron.Sums
	accs  []*perceptron.Sums // &sums[j]
	feats []uint64
	to    []uint8
}

func newPassScratch() any {
	x := &passScratch{}
	for j := range x.sums {
		x.accs = append(x.accs, &x.sums[j])
	}
	return x
}

func argmax(s []float32) int {
	b := 0
	for i, x := range s {
		if x > s[b] {
			b = i
		}
	}
	return b
}

// Name returns "tagger".
func (t *Tagger) Name() string { return "tagger" }

// Requires returns the tokens and sentences layers.
func (t *Tagger) Requires() text.Layer { return text.LayerTokens | text.LayerSentences }

// Provides returns the POS and lemma layers.
func (t *Tagger) Provides() text.Layer { return text.LayerPOS | text.LayerLemmas }

// Process tags and lemmatizes every token of doc, sentence by sentence.
func (t *Tagger) Process(doc *text.Document) error {
	var words []string
	var info []wordInfo
	var cls []int
	for si, s := range doc.Sentences {
		if s.First < 0 || s.End < s.First || int(s.End) > len(doc.Tokens) {
			return fmt.Errorf("tagger: document %s sentence %d: tokens [%d,%d) out of range", doc.ID, si, s.First, s.End)
		}
		words = words[:0]
		for i := s.First; i < s.End; i++ {
			words = append(words, doc.TokenText(i))
		}
		if cap(info) < len(words) {
			info = make([]wordInfo, len(words))
		}
		cls = t.classes(words, info[:len(words)], cls)
		for j, c := range cls {
			tok := &doc.Tokens[int(s.First)+j]
			tok.UPOS, tok.XPOS = t.upos[c], t.xpos[c]
			tok.Lemma = t.lem.Lemma(words[j], t.xpos[c])
		}
	}
	doc.Mark(text.LayerPOS | text.LayerLemmas)
	return nil
}
