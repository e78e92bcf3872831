// Package postag is the part-of-speech tagger and lemmatizer: an averaged
// perceptron that tags each word with a joint (UPOS, Penn XPOS) class,
// left to right, from the word's form, affixes, shape and its neighbours'
// words and tags; frequent unambiguous words are tagged from a dictionary.
// Lemmas come from the Lemmatizer (learned exceptions plus suffix rules).
//
// The model is trained from UD English EWT (see model/LICENSE) by
// "annals train tagger" and embedded in the binary.
package postag

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"annals/internal/perceptron"
	"annals/internal/text"
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
		loaded, loadErr = Read(bytes.NewReader(taggerModel), bytes.NewReader(tagDict), bytes.NewReader(lexiconModel), bytes.NewReader(lemmaModel))
	})
	return loaded, loadErr
}

// Read builds a tagger from its four model files.
func Read(model, dict, lexicon, lemmas io.Reader) (*Tagger, error) {
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
	return t, nil
}

func newTagger(m *perceptron.Model) (*Tagger, error) {
	t := &Tagger{model: m, dict: map[string]int{}}
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
	idx := map[string]int{}
	for i, c := range classes {
		idx[c] = i
	}
	d := map[string]int{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		w, c, ok := strings.Cut(line, "\t")
		k, known := idx[c]
		if !ok || !known {
			return nil, fmt.Errorf("tagger: tag dictionary line %d: want WORD<TAB>UPOS XPOS of a known class, got %q", n, line)
		}
		d[w] = k
	}
	return d, sc.Err()
}

func readLexicon(r io.Reader) (map[string]string, error) {
	lex := map[string]string{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		w, c, ok := strings.Cut(line, "\t")
		if !ok || c == "" {
			return nil, fmt.Errorf("tagger: lexicon line %d: want WORD<TAB>CLASSES, got %q", n, line)
		}
		lex[w] = c
	}
	return lex, sc.Err()
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

// classes returns the class of each word, greedily left to right.
func (t *Tagger) classes(words []string, info []wordInfo, out []int) []int {
	if cap(info) < len(words) {
		info = make([]wordInfo, len(words))
	}
	info = info[:len(words)]
	analyze(words, info, t.lex)
	out = out[:0]
	scores := make([]float32, t.model.NumClasses())
	var feats []uint64
	prev, prev2 := -1, -2
	for i, w := range words {
		c, ok := t.dict[w]
		if !ok {
			feats = features(feats[:0], info, i, prev, prev2)
			clear(scores)
			t.model.Score(feats, scores)
			c = argmax(scores)
		}
		out = append(out, c)
		prev2, prev = prev, c
	}
	return out
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
