package text

import "fmt"

// Polarity says whether the text asserts or denies an event.
type Polarity uint8

// The polarities.
const (
	Asserted Polarity = iota
	Negated
)

// Modality says whether an event happened, is intended, expected, or only
// imagined.
type Modality uint8

// The modalities.
const (
	Actual Modality = iota
	Intended
	Future
	Conditional
	Hypothetical
	Counterfactual
)

// Certainty says how sure the text is of an event.
type Certainty uint8

// The certainties.
const (
	Certain Certainty = iota
	Probable
	Possible
	Alleged
)

var (
	polarityNames  = [...]string{"asserted", "negated"}
	modalityNames  = [...]string{"actual", "intended", "future", "conditional", "hypothetical", "counterfactual"}
	certaintyNames = [...]string{"certain", "probable", "possible", "alleged"}
)

func (p Polarity) String() string  { return name(polarityNames[:], int(p), "Polarity") }
func (m Modality) String() string  { return name(modalityNames[:], int(m), "Modality") }
func (c Certainty) String() string { return name(certaintyNames[:], int(c), "Certainty") }

func name(names []string, i int, kind string) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s(%d)", kind, i)
}

func parse(names []string, s, kind string) (int, error) {
	for i, n := range names {
		if n == s {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q", kind, s)
}

// ParsePolarity returns the polarity named s.
func ParsePolarity(s string) (Polarity, error) {
	i, err := parse(polarityNames[:], s, "polarity")
	return Polarity(i), err
}

// ParseModality returns the modality named s.
func ParseModality(s string) (Modality, error) {
	i, err := parse(modalityNames[:], s, "modality")
	return Modality(i), err
}

// ParseCertainty returns the certainty named s.
func ParseCertainty(s string) (Certainty, error) {
	i, err := parse(certaintyNames[:], s, "certainty")
	return Certainty(i), err
}

// Argument is an event participant: the span in the text and the actor it
// resolves to at the event's date.
type Argument struct {
	Span
	Mention MentionID // NoMention when the argument is not a known mention
	Actor   Actor
}

// EventDate is when an event happened, as the text says.
type EventDate struct {
	Value     string // ISO 8601, see Timex.Value; "" when unknown
	Precision Precision
	Basis     Basis
	Timex     TimexID // the governing expression, NoTimex for the fallback
}

// Location is where an event happened, when the text states it.
type Location struct {
	Span
	Country string // ISO 3166 alpha-3, "" when unknown
}

// Attribution is who the text says asserts an event.
type Attribution struct {
	Span          // the speaker's words; zero for the author
	Author  bool  // true when the author asserts the event
	Speaker Actor // resolved speaker, zero for the author or when unresolved
	Cue     Span  // the reporting verb or phrase ("claimed", "according to")
}

// Evidence is one piece of support for a field of an event: the field, the
// span of text that supports it, and the rule or cue that read it.
type Evidence struct {
	Field EvidenceField // "trigger", "source", "target", "date", "polarity", ...
	Span
	Rule string
}

// Event is a coded event: a PLOVER type with its attributes and evidence.
// Type, Mode and Context are PLOVER names (validated by package plover).
type Event struct {
	Sentence    SentenceID
	Type        EventType // PLOVER event type, e.g. "COERCE"
	Mode        string    // PLOVER mode, "" when none
	Context     []string  // PLOVER contexts
	CAMEO       string    // nearest CAMEO code
	QuadClass   int       // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
	Goldstein   float64
	Trigger     Span
	TriggerTok  TokenID
	Source      []Argument
	Target      []Argument
	Date        EventDate
	Location    Location
	Polarity    Polarity
	Modality    Modality
	Certainty   Certainty
	Attribution Attribution
	Confidence  float64
	Rule        string // name/version of the rule or model that produced it
	Evidence    []Evidence
}
