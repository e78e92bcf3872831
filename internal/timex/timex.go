// Package timex finds temporal expressions in a document and normalizes
// them (the text.LayerTimex layer), and chooses the date of an event.
//
// The Tagger reads the words of each sentence with its own rules, driven by
// two embedded tables: data/lexicon.tsv (month and weekday names, numbers,
// units, cue words) and data/periods.tsv (named periods and events with
// their dates, "the Cold War" → 1947/1991). Values are ISO 8601 as
// text.Timex documents them: a day "2022-02-24", a month "2014-03", a year
// "2014", a decade "199X", or a range "1999/2009".
//
// Expressions are normalized relative to the publication date (deictic:
// "yesterday", "last year", "two years ago", "in recent months") or to the
// most recent date earlier in the text (anaphoric: "that year", "a decade
// earlier", "by then"); the Basis and Anchor fields say which. Expressions
// that need knowledge of actors ("during his first term", "under the
// presidency of Dmitri Medvedev") are found with an empty Value; HintOf
// returns what the event stage needs to resolve them.
//
// Everything is read by the rules, which read a stated date over a hundred
// times faster than go-dateparser (BenchmarkRulesExplicit against
// BenchmarkDateparser) and, unlike it, cost nothing at start-up: linking
// go-dateparser compiles the regular expressions of every language it
// knows at package initialisation (about 0.4 s and 95 MB). Numeric dates
// whose order of day and month is ambiguous ("03/04/2022") are read month
// first, as English writes them.
//
// ForEvent chooses the expression that governs an event (see its comment).
package timex

import (
	"errors"
	"fmt"
	"sync"

	"annals/internal/text"
)

// Kind is what sort of temporal expression a Timex is.
type Kind uint8

// The kinds of expressions.
const (
	KindNone      Kind = iota
	KindDate           // a calendar date stated in the text: "24 February 2022", "the 1990s"
	KindDeictic        // relative to the publication date: "yesterday", "last year", "in recent months"
	KindAnaphoric      // relative to a date earlier in the text: "that year", "a decade earlier", "by then"
	KindPeriod         // a named period or event: "the Cold War", "the Arab Spring", "9/11"
	KindTerm           // a person's time in office: "during his first term"; Value is empty, see Hint
	numKinds
)

var kindNames = [numKinds]string{"", "date", "deictic", "anaphoric", "period", "term"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if n == s && i > 0 {
			return Kind(i), nil
		}
	}
	return KindNone, fmt.Errorf("unknown timex kind %q", s)
}

// Hint is what an expression says beyond its normalized value: its kind,
// the period it names, or the office and holder of a term. text.Timex has
// no room for it; HintOf derives it again from the expression's words.
type Hint struct {
	Kind    Kind
	Period  string // KindPeriod: the period's id in data/periods.tsv ("cold-war")
	Role    string // KindTerm: the office word, lower case ("term", "presidency", "administration", "rule")
	Ordinal int    // KindTerm: 1 first, 2 second, ..., -1 last; 0 when not stated
	// Holder is the words naming the office holder ("his", "Fernando
	// Cardoso", "Carter"); HolderToken is its last token (a possessive
	// pronoun to resolve with coreference, or the head of the name).
	Holder      text.Span
	HolderToken text.TokenID
	Pronoun     bool // Holder is a possessive pronoun
}

// Tagger is the timex stage. It is safe for concurrent use.
type Tagger struct {
	lex     lexicon
	periods *periodTrie
	err     error
}

type tables struct {
	lex     lexicon
	periods *periodTrie
	err     error
}

var loadTables = sync.OnceValue(func() tables {
	lx, err := parseLexicon(lexiconTSV, "data/lexicon.tsv")
	if err != nil {
		return tables{err: fmt.Errorf("timex: %w", err)}
	}
	pt, _, err := parsePeriods(periodsTSV, "data/periods.tsv")
	if err != nil {
		return tables{err: fmt.Errorf("timex: %w", err)}
	}
	return tables{lex: lx, periods: pt}
})

// New returns the timex stage with the embedded tables.
func New() *Tagger {
	t := loadTables()
	return &Tagger{lex: t.lex, periods: t.periods, err: t.err}
}

// Name returns "timex".
func (t *Tagger) Name() string { return "timex" }

// Requires returns the tokens and sentences layers.
func (t *Tagger) Requires() text.Layer { return text.LayerTokens | text.LayerSentences }

// Provides returns the timex layer.
func (t *Tagger) Provides() text.Layer { return text.LayerTimex }

// Process finds the temporal expressions of doc and sets doc.Timexes,
// sorted by start, not overlapping, each inside one sentence.
func (t *Tagger) Process(doc *text.Document) error {
	if t.err != nil {
		return t.err
	}
	if !doc.Has(text.LayerTokens | text.LayerSentences) {
		return errors.New("timex: the document has no tokens or sentences: run the segmenter first")
	}
	m := newMatcher(t, doc)
	for s := range doc.Sentences {
		m.sentence(text.SentenceID(s))
	}
	doc.Timexes = m.out
	doc.Mark(text.LayerTimex)
	return nil
}
