// Package record defines the event record: the JSON object that
// `annals code` prints for each event, the store keeps and the API serves.
// Field names follow PLOVER/POLECAT where those define them (DESIGN.md).
package record

import (
	"fmt"

	"annals/internal/text"
)

// Event is one coded event, as printed, stored and served.
type Event struct {
	ID           string      `json:"id"`
	DocID        string      `json:"doc_id"`
	Sentence     int         `json:"sentence"`
	SentenceText string      `json:"sentence_text"`
	EventType    string      `json:"event_type"`
	Mode         string      `json:"mode"`
	Context      []string    `json:"context"`
	CAMEO        string      `json:"cameo"`
	QuadClass    int         `json:"quad_class"`
	Goldstein    float64     `json:"goldstein"`
	Trigger      Span        `json:"trigger"`
	Source       []Argument  `json:"source"`
	Target       []Argument  `json:"target"`
	Date         Date        `json:"date"`
	Published    string      `json:"published"`
	Location     Location    `json:"location"`
	Polarity     string      `json:"polarity"`
	Modality     string      `json:"modality"`
	Certainty    string      `json:"certainty"`
	Attribution  Attribution `json:"attribution"`
	Confidence   float64     `json:"confidence"`
	Rule         string      `json:"rule"`
	Evidence     []Evidence  `json:"evidence"`
	// Incomplete marks an event with no coded actor on either side (see
	// text.Actor.Coded): kept, but left out of the dataset by default.
	Incomplete bool `json:"incomplete,omitempty"`
}

// HasCodedActor reports whether a source or target of e is a coded actor.
func (e *Event) HasCodedActor() bool {
	for _, side := range [][]Argument{e.Source, e.Target} {
		for _, a := range side {
			if a.Actor.Coded() {
				return true
			}
		}
	}
	return false
}

// Complete returns the events of evs that have a coded actor, in order,
// reusing evs' storage.
func Complete(evs []Event) []Event {
	out := evs[:0]
	for _, e := range evs {
		if !e.Incomplete {
			out = append(out, e)
		}
	}
	return out
}

// Span is a piece of the document text with its byte offsets.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Argument is a source or target: its words and the actor they resolve to.
type Argument struct {
	Span
	Actor text.Actor `json:"actor"`
}

// Date is an event's date.
type Date struct {
	Value     string `json:"value"`     // ISO 8601 or "" when unknown
	Precision string `json:"precision"` // day, month, year, decade, range, or ""
	Basis     string `json:"basis"`     // explicit, relative, published, or ""
	Text      string `json:"text"`      // the temporal expression, "" for the fallback
}

// Location is where the event happened, when the text says.
type Location struct {
	Text    string `json:"text"`
	Country string `json:"country"`
}

// Attribution is who asserts the event: "author", or the speaker's words
// and actor.
type Attribution struct {
	Speaker string      `json:"speaker"`
	Start   int         `json:"start,omitempty"`
	End     int         `json:"end,omitempty"`
	Actor   *text.Actor `json:"actor,omitempty"`
	Cue     string      `json:"cue,omitempty"`
}

// Evidence is the span and rule behind one field.
type Evidence struct {
	Field string `json:"field"`
	Span
	Rule string `json:"rule"`
}

func span(d *text.Document, s text.Span) Span {
	return Span{Text: d.Slice(s), Start: s.Start, End: s.End}
}

func actor(a text.Actor) text.Actor {
	if a.Sector == nil {
		a.Sector = []string{}
	}
	return a
}

// FromDocument returns the records of every event in d, in order. Every
// field is present; what is not known is empty, never invented.
func FromDocument(d *text.Document) []Event {
	out := make([]Event, 0, len(d.Events))
	perSentence := map[text.SentenceID]int{}
	published := ""
	if !d.Published.IsZero() {
		published = d.Published.Format("2006-01-02")
	}
	for _, e := range d.Events {
		k := perSentence[e.Sentence]
		perSentence[e.Sentence]++
		r := Event{
			ID:           fmt.Sprintf("%s:%d:%d", d.ID, e.Sentence, k),
			DocID:        d.ID,
			Sentence:     int(e.Sentence),
			SentenceText: d.SentenceText(e.Sentence),
			EventType:    string(e.Type),
			Mode:         e.Mode,
			Context:      e.Context,
			CAMEO:        e.CAMEO,
			QuadClass:    e.QuadClass,
			Goldstein:    e.Goldstein,
			Trigger:      span(d, e.Trigger),
			Source:       []Argument{},
			Target:       []Argument{},
			Published:    published,
			Polarity:     e.Polarity.String(),
			Modality:     e.Modality.String(),
			Certainty:    e.Certainty.String(),
			Confidence:   e.Confidence,
			Rule:         e.Rule,
			Evidence:     []Evidence{},
		}
		if r.Context == nil {
			r.Context = []string{}
		}
		for _, a := range e.Source {
			r.Source = append(r.Source, Argument{Span: span(d, a.Span), Actor: actor(a.Actor)})
		}
		for _, a := range e.Target {
			r.Target = append(r.Target, Argument{Span: span(d, a.Span), Actor: actor(a.Actor)})
		}
		r.Date = Date{Value: e.Date.Value, Precision: e.Date.Precision.String(), Basis: e.Date.Basis.String()}
		if e.Date.Timex.Valid() && int(e.Date.Timex) < len(d.Timexes) {
			r.Date.Text = d.Slice(d.Timexes[e.Date.Timex].Span)
		}
		r.Location = Location{Text: d.Slice(e.Location.Span), Country: e.Location.Country}
		if e.Attribution.Author || e.Attribution.Span.Len() == 0 {
			r.Attribution = Attribution{Speaker: "author"}
		} else {
			r.Attribution = Attribution{
				Speaker: d.Slice(e.Attribution.Span),
				Start:   e.Attribution.Start,
				End:     e.Attribution.End,
				Cue:     d.Slice(e.Attribution.Cue),
			}
			if !e.Attribution.Speaker.IsZero() {
				a := actor(e.Attribution.Speaker)
				r.Attribution.Actor = &a
			}
		}
		for _, ev := range e.Evidence {
			r.Evidence = append(r.Evidence, Evidence{Field: string(ev.Field), Span: span(d, ev.Span), Rule: ev.Rule})
		}
		r.Incomplete = !r.HasCodedActor()
		out = append(out, r)
	}
	return out
}
