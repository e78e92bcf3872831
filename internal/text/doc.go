// Package text defines the Document that every annals stage reads and
// annotates: the original text, never modified, and the layers over it
// (tokens, sentences, mentions, temporal expressions, events).
//
// Layers refer to the text by byte offsets (half-open [Start, End)) and to
// each other by typed index (TokenID, SentenceID, MentionID, TimexID), each
// with a "none" value. Nothing in a layer copies a string out of the text:
// Document.Slice gives it back on demand.
//
// Package text imports nothing else of annals; every stage depends on it.
package text

import (
	"strings"
	"time"
)

// Document owns a text and its annotation layers.
type Document struct {
	ID        string    // stable identifier (from the input, else derived)
	Text      string    // the original text; never modified by any stage
	Published time.Time // publication date; zero when unknown
	Title     string
	URL       string

	Tokens    []Token
	Sentences []Sentence
	Graph     []Arc // LayerGraph: enhanced dependencies, sorted by Dep, then Head
	// Mentions are in the order the stages wrote them: the actor stage's
	// in text order, then those coreference adds (pronouns, descriptions),
	// in text order. A stage only appends, so a MentionID stays valid.
	Mentions []Mention
	Timexes  []Timex
	Events   []Event

	// Warnings are what stages worked around in this document (a run of
	// text cut into sentences for length, events dropped over a bound);
	// the commands report them. They do not make the document fail.
	Warnings []string

	layers Layer
}

// New returns a Document over text with no layers.
func New(id, text string) *Document {
	return &Document{ID: id, Text: text}
}

// Slice returns the text covered by s.
func (d *Document) Slice(s Span) string {
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// TokenText returns the text of token i.
func (d *Document) TokenText(i TokenID) string {
	if !i.Valid() || int(i) >= len(d.Tokens) {
		return ""
	}
	return d.Slice(d.Tokens[i].Span)
}

// Has reports whether every layer in l has been assigned.
func (d *Document) Has(l Layer) bool { return d.layers&l == l }

// Layers returns the set of layers assigned so far.
func (d *Document) Layers() Layer { return d.layers }

// Mark records that the layers in l have been assigned.
func (d *Document) Mark(l Layer) { d.layers |= l }

// Warn adds a warning to the document (see Warnings).
func (d *Document) Warn(msg string) { d.Warnings = append(d.Warnings, msg) }

// Unmark forgets the layers in l (a stage that re-runs clears its layer).
func (d *Document) Unmark(l Layer) { d.layers &^= l }

// SentenceTokens returns the tokens of sentence s (a view, not a copy).
func (d *Document) SentenceTokens(s SentenceID) []Token {
	if !s.Valid() || int(s) >= len(d.Sentences) {
		return nil
	}
	sent := d.Sentences[s]
	return d.Tokens[sent.First:sent.End]
}

// SentenceText returns the text of sentence s.
func (d *Document) SentenceText(s SentenceID) string {
	if !s.Valid() || int(s) >= len(d.Sentences) {
		return ""
	}
	return d.Slice(d.Sentences[s].Span)
}

// TokenAt returns the token whose span contains byte offset off, or NoToken.
func (d *Document) TokenAt(off int) TokenID {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		t := d.Tokens[m]
		switch {
		case off < t.Start:
			hi = m
		case off >= t.End:
			lo = m + 1
		default:
			return TokenID(m)
		}
	}
	return NoToken
}

// Rebuild returns the text reassembled from the tokens and the whitespace
// between them. For a correctly tokenized document it equals Text.
func (d *Document) Rebuild() string {
	var b strings.Builder
	b.Grow(len(d.Text))
	prev := 0
	for _, t := range d.Tokens {
		if t.Start < prev || t.End > len(d.Text) {
			break
		}
		b.WriteString(d.Text[prev:t.Start])
		b.WriteString(d.Text[t.Start:t.End])
		prev = t.End
	}
	b.WriteString(d.Text[min(prev, len(d.Text)):])
	return b.String()
}
