package server

import (
	"annals/internal/record"
	"annals/internal/text"
)

// DocSummary is a document in a list.
type DocSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"` // YYYY-MM-DD or ""
	Events    int    `json:"events"`
	Bytes     int    `json:"bytes"` // length of the text
	// Teaser: a feed entry stored with the feed's text only, its article
	// not read.
	Teaser bool `json:"teaser,omitempty"`
}

// MentionOut is an actor mention with its offsets into the document text.
type MentionOut struct {
	Start int        `json:"start"`
	End   int        `json:"end"`
	Text  string     `json:"text"`
	Label string     `json:"label"`
	Via   string     `json:"via,omitempty"`
	Actor text.Actor `json:"actor"`
}

// DocDetail is one document: its text with its mentions and events, all
// with byte offsets into Text.
type DocDetail struct {
	DocSummary
	Text     string         `json:"text"`
	Mentions []MentionOut   `json:"mentions"`
	Events   []record.Event `json:"events"`
	// Incomplete are the events with no coded actor on either side, kept
	// beside the dataset; the API returns them only with all=1.
	Incomplete []record.Event `json:"incomplete_events,omitempty"`
}

// DyadOut is a pair of actors and the events between them.
type DyadOut struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	AToB      int     `json:"a_to_b"`
	BToA      int     `json:"b_to_a"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"` // summed, both directions
	First     string  `json:"first"`     // earliest event date, "" when none dated
	Last      string  `json:"last"`
}

// ActorOut is an actor and the events in which it takes part.
type ActorOut struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Country  string `json:"country"`
	AsSource int    `json:"as_source"`
	AsTarget int    `json:"as_target"`
	Events   int    `json:"events"`
}

// MonthOut is one group of a dyad series.
type MonthOut struct {
	Month     string  `json:"month"`     // YYYY-MM
	Direction string  `json:"direction"` // "a-b" or "b-a"
	QuadClass int     `json:"quad_class"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"` // summed
}

// FromDocument returns the detail of a coded document: its text, its
// mentions and the records of its events.
func FromDocument(d *text.Document) DocDetail {
	out := DocDetail{
		DocSummary: DocSummary{ID: d.ID, Title: d.Title, URL: d.URL, Bytes: len(d.Text)},
		Text:       d.Text,
		Mentions:   []MentionOut{},
	}
	for _, e := range record.FromDocument(d) {
		if e.Incomplete {
			out.Incomplete = append(out.Incomplete, e)
		} else {
			out.Events = append(out.Events, e)
		}
	}
	if out.Events == nil {
		out.Events = []record.Event{}
	}
	if !d.Published.IsZero() {
		out.Published = d.Published.Format("2006-01-02")
	}
	out.DocSummary.Events = len(out.Events)
	for _, id := range d.MentionOrder() {
		m := d.Mentions[id]
		a := m.Actor
		if a.Sector == nil {
			a.Sector = []string{}
		}
		out.Mentions = append(out.Mentions, MentionOut{Start: m.Span.Start, End: m.Span.End, Text: d.Slice(m.Span), Label: string(m.Label), Via: m.Via, Actor: a})
	}
	return out
}
