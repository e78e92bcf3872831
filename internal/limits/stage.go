package limits

import (
	"fmt"

	"annals/internal/text"
)

// EventCap is a pipeline stage that keeps at most Max events a sentence
// (0: SentenceEvents), and at most MaxCut in a piece of a cut run of text
// (Sentence.Cut; 0: CutSentenceEvents): the first ones in text order. It
// notes in the document's warnings how many it dropped.
type EventCap struct {
	Max, MaxCut int
}

// Name returns "limits".
func (EventCap) Name() string { return "limits" }

// Requires returns the events layer.
func (EventCap) Requires() text.Layer { return text.LayerEvents }

// Provides returns no layer: the stage only trims the events layer.
func (EventCap) Provides() text.Layer { return 0 }

// Process drops the events of each sentence past the bound.
func (c EventCap) Process(doc *text.Document) error {
	max, maxCut := c.Max, c.MaxCut
	if max <= 0 {
		max = SentenceEvents
	}
	if maxCut <= 0 {
		maxCut = CutSentenceEvents
	}
	per := map[text.SentenceID]int{}
	kept := doc.Events[:0]
	dropped, droppedCut := 0, 0
	for _, e := range doc.Events {
		cut := int(e.Sentence) < len(doc.Sentences) && doc.Sentences[e.Sentence].Cut
		per[e.Sentence]++
		switch {
		case cut && per[e.Sentence] > maxCut:
			droppedCut++
			continue
		case per[e.Sentence] > max:
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
	if droppedCut > 0 {
		doc.Warn(fmt.Sprintf("limits: %d events dropped past %d a piece of text without sentence ends", droppedCut, maxCut))
	}
	return nil
}
