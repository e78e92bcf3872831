// Package segment is the first stage of the annals pipeline: it splits a
// document's text into tokens and sentences, by rules and small embedded
// tables, following the tokenization of Universal Dependencies English
// EWT (v2.16), which the tagger and parser learn from.
//
// The text is never rewritten: every token and sentence is a byte span of
// the original. A written word that UD English splits into two syntactic
// words ("don't" is "do" + "n't", "Zelensky's" is "Zelensky" + "'s",
// "cannot" is "can" + "not") gives two tokens; Piece.Attached tells that
// the second continues the first (a CoNLL-U multi-word token).
//
// Conventions, as in EWT: hyphenated compounds split ("search - engine")
// unless the first part is a prefix ("pre-war", "co-founder", "e-mail");
// an abbreviation keeps its period ("Gen.", "U.S.") except at the end of a
// sentence, where the period is the sentence's ("in the U.S" + ".");
// numbers keep their separators ("1,000,000", "3.5", "24/7",
// "2022-02-24", "10:30") but ranges split ("1990 - 1991"), and a unit
// written against a number is a token of its own ("5" + "pm"); URLs,
// e-mail addresses, file names, hashtags and emoticons are one token.
//
// Sentences end at a stop (".", "?", "!", "...") followed by a word that
// can start one (closing quotes, brackets and reference marks stay with
// the sentence), at a blank line, and at a line break after a line with
// no final punctuation (a headline) unless the text is hard-wrapped.
//
// The tables (abbreviations, hyphen prefixes, sentence starters, opener
// words, units, file types, contractions without an apostrophe) are the
// data files in data/, written by hand by the annals authors (error analysis on EWT
// train and dev guided what to add); no table is extracted from a treebank.
package segment

import (
	"fmt"
	"sync"

	"annals/internal/text"
)

// Piece is one token found by the segmenter.
type Piece struct {
	text.Span
	// Attached reports that the piece continues the previous piece's
	// written word: a clitic split off as UD English does ("n't" of
	// "don't", "'s" of "Zelensky's"). The two form one multi-word token.
	Attached bool
	// Starts reports that the piece begins a sentence.
	Starts bool
	// Cut reports that the sentence begins here only because a longer
	// run without a sentence end was cut (see boundSentences).
	Cut bool
}

// Segmenter splits text into tokens and sentences. It is safe for
// concurrent use.
type Segmenter struct {
	t *tables
	// MaxTokens bounds the tokens of a sentence (0: limits.SentenceTokens);
	// a longer run of text without a sentence end is cut into pieces of at
	// most this many tokens, and Process notes each cut in the document's
	// warnings.
	MaxTokens int
}

var (
	loadOnce sync.Once
	loaded   *tables
)

const stageLayer = text.LayerTokens | text.LayerSentences

// New returns a segmenter with the embedded tables. The tables are parsed
// once per process; a malformed line in them (a bug caught by the package
// tests) is skipped.
func New() *Segmenter {
	loadOnce.Do(func() { loaded, _ = loadTables() }) // TestTables reports errors
	return &Segmenter{t: loaded}
}

// Name returns "segment".
func (s *Segmenter) Name() string { return "segment" }

// Requires returns no layer: the segmenter reads only the text.
func (s *Segmenter) Requires() text.Layer { return 0 }

// Provides returns the token and sentence layers.
func (s *Segmenter) Provides() text.Layer { return stageLayer }

// Process replaces doc's tokens and sentences with those of its text. Any
// text (invalid UTF-8 included) gives a document that passes doc.Check().
func (s *Segmenter) Process(doc *text.Document) error {
	ps, cuts := s.pieces(doc.Text)
	if cuts > 0 {
		doc.Warn(fmt.Sprintf("segment: %d cuts in text without sentence ends, to keep sentences to at most %d tokens", cuts, limitOr(s.MaxTokens)))
	}
	toks := make([]text.Token, len(ps))
	var sents []text.Sentence
	for i, p := range ps {
		if p.Starts || i == 0 {
			if n := len(sents); n > 0 {
				sents[n-1].End = text.TokenID(i)
				sents[n-1].Span.End = ps[i-1].End
			}
			sents = append(sents, text.Sentence{Span: text.Span{Start: p.Start}, First: text.TokenID(i)})
		}
		toks[i] = text.Token{Span: p.Span, Sentence: text.SentenceID(len(sents) - 1), Head: text.NoToken}
	}
	if n := len(sents); n > 0 {
		sents[n-1].End = text.TokenID(len(ps))
		sents[n-1].Span.End = ps[len(ps)-1].End
	}
	if cuts > 0 {
		// both sides of a cut are pieces of one over-long run
		for i := range sents {
			if ps[sents[i].First].Cut {
				sents[i].Cut = true
				if i > 0 {
					sents[i-1].Cut = true
				}
			}
		}
	}
	doc.Tokens = toks
	doc.Sentences = sents
	doc.Mark(stageLayer)
	return nil
}

// Tokens returns the token spans of src, without sentences.
func (s *Segmenter) Tokens(src string) []text.Span {
	ps := s.Pieces(src)
	out := make([]text.Span, len(ps))
	for i, p := range ps {
		out[i] = p.Span
	}
	return out
}

// Sentences returns the sentence spans of src.
func (s *Segmenter) Sentences(src string) []text.Span {
	ps := s.Pieces(src)
	var out []text.Span
	for i, p := range ps {
		if p.Starts || i == 0 {
			if n := len(out); n > 0 {
				out[n-1].End = ps[i-1].End
			}
			out = append(out, text.Span{Start: p.Start})
		}
	}
	if n := len(out); n > 0 {
		out[n-1].End = ps[len(ps)-1].End
	}
	return out
}

// Pieces returns the tokens of src in order, with the sentence starts and
// the clitics marked.
func (s *Segmenter) Pieces(src string) []Piece {
	ps, _ := s.pieces(src)
	return ps
}

// pieces returns the pieces of src and how many sentences were cut for
// length.
func (s *Segmenter) pieces(src string) ([]Piece, int) {
	tok := tokenizer{t: s.t, src: src, out: make([]Piece, 0, len(src)/5+1)}
	tok.run()
	ps := splitSentences(s.t, src, tok.out)
	return ps, boundSentences(src, ps, limitOr(s.MaxTokens))
}
