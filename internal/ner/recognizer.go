package ner

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"sync"
)

// The embedded model, trained by `annals train ner` on Universal NER English
// EWT (CC BY-SA 4.0; see model/LICENSE).
//
//go:embed model/ner.bin
var embeddedModel []byte

// Recognizer finds entity mentions in sentences. It is read-only once
// loaded and safe for concurrent use.
type Recognizer struct {
	m *model // tags one sentence
	d *model // tags a sentence given its document context; nil if absent
}

var (
	loadOnce sync.Once
	loaded   *Recognizer
	loadErr  error
)

// Load returns the recognizer of the embedded model, reading it on the
// first call only.
func Load() (*Recognizer, error) {
	loadOnce.Do(func() {
		// in place, and trusted: TestEmbeddedModelChecks checks it
		var m, d *model
		m, d, loadErr = parseModels(embeddedModel, false)
		loaded = &Recognizer{m: m, d: d}
		if loadErr != nil {
			loadErr = fmt.Errorf("embedded %w", loadErr)
		}
	})
	return loaded, loadErr
}

// ReadModel reads a model written by WriteModel.
func ReadModel(r io.Reader) (*Recognizer, error) {
	m, d, err := readModels(r)
	if err != nil {
		return nil, err
	}
	return &Recognizer{m: m, d: d}, nil
}

// LoadFile reads a model from a file written by WriteModel.
func LoadFile(path string) (*Recognizer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// WriteModel writes the recognizer's model in its compact binary form.
func (r *Recognizer) WriteModel(w io.Writer) error { return writeModels(w, r.m, r.d) }

// Name returns the model's provenance name.
func (r *Recognizer) Name() string { return r.m.Name }

// Info describes how the model was trained.
func (r *Recognizer) Info() string { return r.m.Info }

// Recognize returns the entities in a sentence of words, in order, not
// overlapping. Words are as a tokenizer splits them (punctuation and
// clitics such as "'s" apart); an empty sentence has no entities.
func (r *Recognizer) Recognize(words []string) []Entity {
	if r == nil || r.m == nil || len(words) == 0 {
		return nil // Spans of all O
	}
	s := getScratch()
	defer putScratch(s)
	return Spans(r.m.tagInto(s, words, nil))
}

// Tag returns the BIO tag of each word of a sentence.
func (r *Recognizer) Tag(words []string) []Tag {
	if r == nil || r.m == nil {
		return make([]Tag, len(words))
	}
	return r.m.tag(words, nil)
}

// RecognizeDocument returns the entities of each sentence of a document.
// It tags every sentence alone, then tags them again knowing how the same
// words were tagged elsewhere in the document, which makes the labels of a
// name that recurs more consistent. Sentences are word lists, as for
// Recognize.
func (r *Recognizer) RecognizeDocument(sents [][]string) [][]Entity {
	tags := r.TagDocument(sents)
	out := make([][]Entity, len(tags))
	for i, t := range tags {
		out[i] = Spans(t)
	}
	return out
}

// TagDocument returns the BIO tags of each sentence of a document (see
// RecognizeDocument).
func (r *Recognizer) TagDocument(sents [][]string) [][]Tag {
	first := make([][]Tag, len(sents))
	for i, ws := range sents {
		first[i] = r.Tag(ws)
	}
	if r == nil || r.d == nil {
		return first
	}
	ctx := docContext(sents, first)
	out := make([][]Tag, len(sents))
	for i, ws := range sents {
		out[i] = r.d.tag(ws, ctx[i])
	}
	return out
}

// HasDocumentModel reports whether the recognizer has a second-pass model
// for document context (else RecognizeDocument tags sentences alone).
func (r *Recognizer) HasDocumentModel() bool { return r != nil && r.d != nil }
