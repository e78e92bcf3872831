package eval

import (
	"sort"
	"strings"

	"annals/internal/plover"
	"annals/internal/record"
	"annals/internal/text"
)

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), 0 when undefined.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), 0 when undefined.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TypeScore is the score of one event type.
type TypeScore struct {
	Type      string  `json:"type"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	TP        int     `json:"tp"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// EventReport is the result of scoring coded events against gold records.
type EventReport struct {
	Records          int         `json:"records"`
	RecordsCoded     int         `json:"records_with_events"`
	Events           int         `json:"events"`
	Precision        float64     `json:"precision"`
	Recall           float64     `json:"recall"`
	F1               float64     `json:"f1"`
	MacroF1          float64     `json:"macro_f1"`
	TypeSourceTarget float64     `json:"type_source_target_recall"`
	TypeSourceTgtN   int         `json:"type_source_target_hits"`
	PerType          []TypeScore `json:"per_type"`
	Problems         int         `json:"records_with_known_faults"`
}

// ScoreEvents scores predictions (the events coded from each record's text,
// in record order) against the gold records.
//
// Event type: each record contributes its gold type once; the predicted
// types are the distinct types of the events coded from its text. A
// predicted type equal to the gold type is a true positive, any other
// predicted type a false positive, and a gold type not predicted a false
// negative. Precision, recall and F1 are micro-averaged over records; macro
// F1 averages the per-type F1 over the types present in gold.
//
// Type+source+target recall: the share of records for which one coded event
// has the gold type, a source matching a gold source and a target matching
// a gold target (a side the gold record leaves empty is not checked). An
// actor matches a gold code when its country or its code equals it, or its
// code starts with it ("IGO" matches "IGOUNO").
func ScoreEvents(gold []GoldRecord, pred [][]record.Event) EventReport {
	rep := EventReport{Records: len(gold)}
	per := map[plover.Type]*Counts{}
	predN := map[plover.Type]int{}
	goldN := map[plover.Type]int{}
	get := func(t plover.Type) *Counts {
		if per[t] == nil {
			per[t] = &Counts{}
		}
		return per[t]
	}
	var all Counts
	for i, g := range gold {
		if g.Problem != "" {
			rep.Problems++
		}
		var evs []record.Event
		if i < len(pred) {
			evs = pred[i]
		}
		rep.Events += len(evs)
		if len(evs) > 0 {
			rep.RecordsCoded++
		}
		goldN[g.Type]++
		types := map[plover.Type]bool{}
		for _, e := range evs {
			if t, err := plover.ParseType(e.EventType); err == nil {
				types[t] = true
			}
		}
		for t := range types {
			predN[t]++
			if t == g.Type {
				get(t).TP++
				all.TP++
			} else {
				get(t).FP++
				all.FP++
			}
		}
		if !types[g.Type] {
			get(g.Type).FN++
			all.FN++
		}
		if Hit(g, evs) {
			rep.TypeSourceTgtN++
		}
	}
	rep.Precision, rep.Recall, rep.F1 = all.Precision(), all.Recall(), all.F1()
	rep.TypeSourceTarget = ratio(rep.TypeSourceTgtN, len(gold))
	rep.PerType, rep.MacroF1 = perTypeScores(per, goldN, predN)
	return rep
}

// perTypeScores returns the score of every type present in gold or in the
// predictions, most frequent in gold first, and the macro F1 over the types
// present in gold.
func perTypeScores(per map[plover.Type]*Counts, goldN, predN map[plover.Type]int) ([]TypeScore, float64) {
	var out []TypeScore
	var macro float64
	var nGold int
	for _, t := range plover.Types() {
		c := per[t]
		if c == nil {
			c = &Counts{}
		}
		if goldN[t] == 0 && predN[t] == 0 {
			continue
		}
		out = append(out, TypeScore{Type: t.String(), Gold: goldN[t], Predicted: predN[t], TP: c.TP,
			Precision: c.Precision(), Recall: c.Recall(), F1: c.F1()})
		if goldN[t] > 0 {
			macro += c.F1()
			nGold++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Gold > out[j].Gold })
	if nGold == 0 {
		return out, 0
	}
	return out, macro / float64(nGold)
}

// Hit reports whether one of evs has the gold record's type, a source
// matching a gold source and a target matching a gold target: the test
// behind type+source+target recall.
func Hit(g GoldRecord, evs []record.Event) bool {
	for _, e := range evs {
		if e.EventType == g.Type.String() && actorsMatch(e.Source, g.Source) && actorsMatch(e.Target, g.Target) {
			return true
		}
	}
	return false
}

// actorsMatch reports whether some predicted argument matches some gold
// actor; true when gold gives none.
func actorsMatch(pred []record.Argument, gold []GoldActor) bool {
	if len(gold) == 0 {
		return true
	}
	for _, g := range gold {
		for _, p := range pred {
			if ActorMatches(p.Actor, g.Code) {
				return true
			}
		}
	}
	return false
}

// ActorMatches reports whether a resolved actor matches a gold code: its
// country or code equals the code, or its code starts with it.
func ActorMatches(a text.Actor, code string) bool {
	if code == "" {
		return false
	}
	return a.Country == code || a.Code == code || (a.Code != "" && strings.HasPrefix(a.Code, code))
}
