package text

import "slices"

// Span is a half-open byte range [Start, End) of a Document's text.
type Span struct {
	Start, End int
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether s contains o.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// TokenID indexes Document.Tokens. NoToken means "none".
type TokenID int32

// SentenceID indexes Document.Sentences. NoSentence means "none".
type SentenceID int32

// MentionID indexes Document.Mentions. NoMention means "none".
type MentionID int32

// TimexID indexes Document.Timexes. NoTimex means "none".
type TimexID int32

// The "none" values of the indexes.
const (
	NoToken    TokenID    = -1
	NoSentence SentenceID = -1
	NoMention  MentionID  = -1
	NoTimex    TimexID    = -1
)

// Valid reports whether i refers to a token.
func (i TokenID) Valid() bool { return i >= 0 }

// Valid reports whether i refers to a sentence.
func (i SentenceID) Valid() bool { return i >= 0 }

// Valid reports whether i refers to a mention.
func (i MentionID) Valid() bool { return i >= 0 }

// Valid reports whether i refers to a temporal expression.
func (i TimexID) Valid() bool { return i >= 0 }

// Token is one word or punctuation mark. Annotations beyond the span are
// zero until the layer that provides them has run.
type Token struct {
	Span
	Sentence SentenceID // LayerSentences
	UPOS     POS        // LayerPOS
	XPOS     string     // LayerPOS (Penn tag; a small closed set)
	Lemma    string     // LayerLemmas
	Head     TokenID    // LayerDeps; NoToken for the root
	Dep      DepRel     // LayerDeps
}

// Sentence is a run of tokens [First, End).
type Sentence struct {
	Span
	First, End TokenID
	// Cut marks a piece of a run of text without sentence ends that the
	// segmenter cut to its bound (limits.SentenceTokens): not a sentence
	// of prose, and held to fewer events (limits.CutSentenceEvents).
	Cut bool
}

// Len returns the number of tokens in s.
func (s Sentence) Len() int { return int(s.End - s.First) }

// Actor is a resolved actor: a CAMEO-style code and its parts.
type Actor struct {
	Code    string    `json:"code"`    // e.g. "RUSGOV", "IGOEUREEC", "" when unresolved
	Country string    `json:"country"` // ISO 3166 alpha-3, "" for international actors
	Sector  []string  `json:"sector"`  // e.g. ["GOV"], never nil in output
	Name    string    `json:"name"`    // canonical name
	Kind    ActorKind `json:"kind"`    // state, person, organization, igo, group, place, agent
}

// IsZero reports whether a is unresolved.
func (a Actor) IsZero() bool { return a.Code == "" && a.Country == "" && a.Name == "" }

// Coded reports whether a identifies an actor the way event datasets
// require: a country (alone or with a sector), an international or
// non-governmental organization, a named group or a known person. A bare
// sector ("police", "gunmen" with no country) or an unresolved phrase is not
// coded.
func (a Actor) Coded() bool {
	if a.Country != "" {
		return true
	}
	switch a.Kind {
	case KindIGO, KindOrganization, KindGroup, KindPerson:
		return a.Code != ""
	}
	return false
}

// Mention is a span that refers to an actor: a name, a demonym, a generic
// agent ("troops"), a pronoun or a description.
type Mention struct {
	Span
	First, End TokenID // tokens covered, [First, End)
	Head       TokenID // syntactic head token, NoToken when unknown
	Sentence   SentenceID
	Label      MentionLabel // PER, ORG, LOC (recognizer); PRON (pronoun); NAME, DESC (noun phrases added by coreference); or the actor stage's labels
	Via        string       // how it was resolved: name, alias, demonym, metonym, agent, pronoun, description
	Antecedent MentionID    // LayerCoref: the mention this one refers back to
	Entry      string       // LayerActors: knowledge-base key, for re-resolution at an event's date
	Actor      Actor        // LayerActors: resolution at the publication date
}

// NamesActor reports whether m names an actor an event can be coded
// with (its actor is Coded): "Kenyan police", "the Kremlin", "Hamas"
// do; "troops" or "the camps" with no country do not. The event coder
// prefers such mentions when it chooses a source or a target.
func (m Mention) NamesActor() bool { return m.Actor.Coded() }

// Precision is how exactly a date is known.
type Precision uint8

// The precisions of a date.
const (
	PrecisionNone Precision = iota
	PrecisionDay
	PrecisionMonth
	PrecisionYear
	PrecisionDecade
	PrecisionRange
)

var precisionNames = [...]string{"", "day", "month", "year", "decade", "range"}

func (p Precision) String() string { return precisionNames[p%Precision(len(precisionNames))] }

// Basis is how a date was obtained.
type Basis uint8

// The bases of a date.
const (
	BasisNone      Basis = iota
	BasisExplicit        // stated in full in the text
	BasisRelative        // relative to the publication date or another date
	BasisPublished       // fallback: the publication date
)

var basisNames = [...]string{"", "explicit", "relative", "published"}

func (b Basis) String() string { return basisNames[b%Basis(len(basisNames))] }

// Timex is a temporal expression and its normalized value.
type Timex struct {
	Span
	Sentence  SentenceID
	Value     string // ISO 8601: "2014-03-18", "2014-03", "2014", "199X" (decade), "1999/2009" (range)
	Precision Precision
	Basis     Basis
	Anchor    TimexID // the expression it was computed from, NoTimex for the publication date
}

// MentionOrder returns the ids of d's mentions in text order (by start;
// mentions that start together keep their order), for output; the layer
// itself is in the order the stages wrote it.
func (d *Document) MentionOrder() []MentionID {
	ids := make([]MentionID, len(d.Mentions))
	for i := range ids {
		ids[i] = MentionID(i)
	}
	slices.SortStableFunc(ids, func(a, b MentionID) int {
		return d.Mentions[a].Start - d.Mentions[b].Start
	})
	return ids
}
