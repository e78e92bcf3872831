package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"sync"
)

// The embedded model, trained by `annals train ner` on Universal NER English
// EWT (CC BY-SA 4.0; see model/LICENSE).
//
//go:embed model/ner.bin.gz
var embeddedModel []byte

// Recognizer finds entity mentions in sentences. It is read-only once
// loaded and safe for concurrent use.
type Recognizer struct {
	m *model
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
		loaded, loadErr = ReadModel(bytes.NewReader(embeddedModel))
		if loadErr != nil {
			loadErr = fmt.Errorf("embedded %w", loadErr)
		}
	})
	return loaded, loadErr
}

// ReadModel reads a model written by WriteModel.
func ReadModel(r io.Reader) (*Recognizer, error) {
	m, err := readModel(r)
	if err != nil {
		return nil, err
	}
	return &Recognizer{m: m}, nil
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
func (r *Recognizer) WriteModel(w io.Writer) error { return r.m.writeTo(w) }

// Name returns the model's provenance name.
func (r *Recognizer) Name() string { return r.m.Name }

// Info describes how the model was trained.
func (r *Recognizer) Info() string { return r.m.Info }

// Recognize returns the entities in a sentence of words, in order, not
// overlapping. Words are as a tokenizer splits them (punctuation and
// clitics such as "'s" apart); an empty sentence has no entities.
func (r *Recognizer) Recognize(words []string) []Entity {
	return Spans(r.Tag(words))
}

// Tag returns the BIO tag of each word of a sentence.
func (r *Recognizer) Tag(words []string) []Tag {
	if r == nil || r.m == nil {
		return make([]Tag, len(words))
	}
	return r.m.tag(words)
}
