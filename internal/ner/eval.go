package ner

import "fmt"

// Counts are the span counts of one label, or of all: true positives
// (predicted spans that match a gold span exactly, with its label), false
// positives and false negatives.
type Counts struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), 0 when there is no gold span.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are CoNLL-style span scores: a predicted entity counts only if its
// first word, end and label all match a gold entity.
type Scores struct {
	Overall   Counts
	ByLabel   [numLabels]Counts
	Sentences int
	Words     int
}

// Add scores one sentence's predicted tags against its gold tags (the two
// must have the same length; extra predicted tags are ignored, missing
// ones count as O).
func (s *Scores) Add(gold, pred []Tag) {
	if len(pred) > len(gold) {
		pred = pred[:len(gold)]
	}
	if len(pred) < len(gold) {
		p := make([]Tag, len(gold))
		copy(p, pred)
		pred = p
	}
	s.Sentences++
	s.Words += len(gold)
	s.AddEntities(Spans(gold), Spans(pred))
}

// AddEntities scores one sentence's predicted entities against its gold
// entities.
func (s *Scores) AddEntities(gold, pred []Entity) {
	g := make(map[Entity]bool, len(gold))
	for _, e := range gold {
		g[e] = true
	}
	for _, e := range pred {
		if e.Label >= numLabels {
			continue
		}
		if g[e] {
			s.Overall.TP++
			s.ByLabel[e.Label].TP++
			delete(g, e)
		} else {
			s.Overall.FP++
			s.ByLabel[e.Label].FP++
		}
	}
	for e := range g {
		if e.Label >= numLabels {
			continue
		}
		s.Overall.FN++
		s.ByLabel[e.Label].FN++
	}
}

// Label returns the counts of label l.
func (s *Scores) Label(l Label) Counts {
	if l >= numLabels {
		return Counts{}
	}
	return s.ByLabel[l]
}

// Labels returns every label, in order.
func Labels() []Label { return []Label{PER, ORG, LOC} }

// String formats the scores as a small table.
func (s Scores) String() string {
	out := fmt.Sprintf("%-8s %9s %9s %9s %6s %6s %6s\n", "label", "precision", "recall", "F1", "tp", "fp", "fn")
	row := func(name string, c Counts) {
		out += fmt.Sprintf("%-8s %9.4f %9.4f %9.4f %6d %6d %6d\n", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	for _, l := range Labels() {
		row(l.String(), s.ByLabel[l])
	}
	row("overall", s.Overall)
	return out
}
