package limits

import (
	"fmt"

	"annals/internal/text"
)

// EventCap is a pipeline stage that keeps at most Max events a sentence
// (0: SentenceEvents): the first ones in text order. It notes in the
// document's warnings how many it dropped.
type EventCap struct {
	Max int
}

// Name returns "limits".
func (EventCap) Name() string { return "limits" }

// Requires returns the events layer.
func (EventCap) Requires() text.Layer { return text.LayerEvents }

// Provides returns no layer: the stage only trims the events layer.
func (EventCap) Provides() text.Layer { return 0 }

// Process drops the events of each sentence past the bound.
func (c EventCap) Process(doc *text.Document) error {
	max := c.Max
	if max <= 0 {
		max = SentenceEvents
	}
	per := map[text.SentenceID]int{}
	kept := doc.Events[:0]
	dropped := 0
	for _, e := range doc.Events {
		if per[e.Sentence]++; per[e.Sentence] > max {
			dropped++
			continue
		}
		kept = append(kept, e)
	}
	clear(doc.Events[len(kept):])
	doc.Events = kept
	if dropped > 0 {
		doc.Warn(fmt.Sprintf("limits: %d events dropped past %d a sentence", dropped, max))
	}
	return nil
}
