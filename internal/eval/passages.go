package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"annals/internal/plover"
	"annals/internal/record"
)

// GoldEvent is one annotated event of a passage: its type, the CAMEO-style
// codes of its source and target ([] when the text does not identify the
// actor), the words that express it and whether it is asserted or negated.
type GoldEvent struct {
	Type     plover.Type
	Source   []string
	Target   []string
	Trigger  string
	Polarity string
	TextSpan string // the words of the event, when the annotation gives them
}

// GoldPassage is one annotated passage: a text and every event in it (the
// format of annotated/ngec_events_*.jsonl). A passage may have no events.
type GoldPassage struct {
	ID     string
	Line   int
	Text   string
	Events []GoldEvent
}

// IsPassageFormat reports whether the first JSON line of a gold file is an
// annotated passage (it has an "events" list) rather than a PLOVER gold
// record (one "event" per line).
func IsPassageFormat(firstLine []byte) bool {
	var probe struct {
		Events json.RawMessage `json:"events"`
	}
	if json.Unmarshal(firstLine, &probe) != nil {
		return false
	}
	return len(probe.Events) > 0
}

// ReadPassages reads annotated passages, one JSON object a line. A line that
// is not a usable passage, or an event with an unknown type, is returned as
// an error naming the file, line and record; the rest are read.
func ReadPassages(r io.Reader, name string) ([]GoldPassage, []error) {
	var out []GoldPassage
	errs := readLines(r, name, func(n int, line []byte) error {
		var raw struct {
			ID     string `json:"id"`
			Text   string `json:"text"`
			Events []struct {
				Type     string   `json:"type"`
				Source   []string `json:"source"`
				Target   []string `json:"target"`
				Trigger  string   `json:"trigger"`
				Polarity string   `json:"polarity"`
				TextSpan string   `json:"text_span"`
			} `json:"events"`
		}
		if err := json.Unmarshal(line, &raw); err != nil {
			return err
		}
		if strings.TrimSpace(raw.Text) == "" {
			return fmt.Errorf("record %s: no text", raw.ID)
		}
		p := GoldPassage{ID: raw.ID, Line: n, Text: raw.Text}
		for i, e := range raw.Events {
			t, err := plover.ParseType(e.Type)
			if err != nil {
				return fmt.Errorf("record %s event %d: %v", raw.ID, i, err)
			}
			p.Events = append(p.Events, GoldEvent{Type: t, Source: normCodes(e.Source), Target: normCodes(e.Target),
				Trigger: e.Trigger, Polarity: e.Polarity, TextSpan: e.TextSpan})
		}
		out = append(out, p)
		return nil
	})
	return out, errs
}

func normCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if f, ok := codeFixes[c]; ok {
			c = f
		}
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// PassageReport is the result of scoring coded events against annotated
// passages, event by event.
type PassageReport struct {
	Passages       int         `json:"passages"`
	GoldEvents     int         `json:"gold_events"`
	Events         int         `json:"events"`
	Type           Counts      `json:"type"`
	TypeF1         float64     `json:"type_f1"`
	TypePrecision  float64     `json:"type_precision"`
	TypeRecall     float64     `json:"type_recall"`
	MacroF1        float64     `json:"type_macro_f1"`
	Dyad           Counts      `json:"dyad"`
	DyadF1         float64     `json:"dyad_f1"`
	DyadPrecision  float64     `json:"dyad_precision"`
	DyadRecall     float64     `json:"dyad_recall"`
	TypeFound      int         `json:"passages_type_found"`
	WithEvents     int         `json:"passages_with_events"`
	EmptyWithFalse int         `json:"empty_passages_with_events"`
	Empty          int         `json:"empty_passages"`
	PerType        []TypeScore `json:"per_type"`
}

// CountryLevel returns the key a gold code is matched on at country level:
// its first three letters when they are a country code (isCountry), else
// the whole code ("IGOUNO", "NGOHRI", "NATO").
func CountryLevel(code string, isCountry func(string) bool) string {
	if len(code) >= 3 && isCountry != nil && isCountry(code[:3]) {
		return code[:3]
	}
	return code
}

// sideMatches reports whether a predicted side matches a gold side at
// country level: an empty gold side matches anything; otherwise some
// predicted actor must match some gold code's key.
func sideMatches(pred []record.Argument, gold []string, isCountry func(string) bool) bool {
	if len(gold) == 0 {
		return true
	}
	for _, g := range gold {
		key := CountryLevel(g, isCountry)
		for _, p := range pred {
			if ActorMatches(p.Actor, key) {
				return true
			}
		}
	}
	return false
}

// ScorePassages scores the events coded from each passage (pred, in passage
// order) against its annotated events, one to one.
//
// Type: within a passage, a coded event and a gold event of the same type
// pair up (each used once); pairs are true positives, unpaired coded events
// false positives, unpaired gold events false negatives. Type+dyad: the
// same, but a pair also needs the source and the target to match at
// country level (an empty gold side matches anything). Pairs are formed
// greedily in text order, which for the small counts of one passage is the
// maximum matching except in rare crossings. Polarity is not scored: a
// negated event is still an event of its type.
//
// The report also counts passages whose annotated types were all found
// (TypeFound, over WithEvents) and passages annotated with no event that
// got one (EmptyWithFalse, over Empty).
func ScorePassages(gold []GoldPassage, pred [][]record.Event, isCountry func(string) bool) PassageReport {
	rep := PassageReport{Passages: len(gold)}
	per := map[plover.Type]*Counts{}
	get := func(t plover.Type) *Counts {
		if per[t] == nil {
			per[t] = &Counts{}
		}
		return per[t]
	}
	goldN := map[plover.Type]int{}
	predN := map[plover.Type]int{}
	for i, g := range gold {
		var evs []record.Event
		if i < len(pred) {
			evs = pred[i]
		}
		rep.GoldEvents += len(g.Events)
		rep.Events += len(evs)
		types := make([]plover.Type, len(evs))
		for j, e := range evs {
			t, err := plover.ParseType(e.EventType)
			if err != nil {
				t = plover.Type(255)
			}
			types[j] = t
			predN[t]++
		}
		for _, ge := range g.Events {
			goldN[ge.Type]++
		}
		// Type pairs.
		used := make([]bool, len(evs))
		for _, ge := range g.Events {
			hit := false
			for j := range evs {
				if !used[j] && types[j] == ge.Type {
					used[j], hit = true, true
					break
				}
			}
			if hit {
				rep.Type.TP++
				get(ge.Type).TP++
			} else {
				rep.Type.FN++
				get(ge.Type).FN++
			}
		}
		for j, u := range used {
			if !u {
				rep.Type.FP++
				get(types[j]).FP++
			}
		}
		// Type+dyad pairs.
		used = make([]bool, len(evs))
		for _, ge := range g.Events {
			hit := false
			for j, e := range evs {
				if !used[j] && types[j] == ge.Type && sideMatches(e.Source, ge.Source, isCountry) && sideMatches(e.Target, ge.Target, isCountry) {
					used[j], hit = true, true
					break
				}
			}
			if hit {
				rep.Dyad.TP++
			} else {
				rep.Dyad.FN++
			}
		}
		for _, u := range used {
			if !u {
				rep.Dyad.FP++
			}
		}
		// Passage-level.
		if len(g.Events) == 0 {
			rep.Empty++
			if len(evs) > 0 {
				rep.EmptyWithFalse++
			}
			continue
		}
		rep.WithEvents++
		found := true
		for _, ge := range g.Events {
			if !containsType(types, ge.Type) {
				found = false
				break
			}
		}
		if found {
			rep.TypeFound++
		}
	}
	rep.TypePrecision, rep.TypeRecall, rep.TypeF1 = rep.Type.Precision(), rep.Type.Recall(), rep.Type.F1()
	rep.DyadPrecision, rep.DyadRecall, rep.DyadF1 = rep.Dyad.Precision(), rep.Dyad.Recall(), rep.Dyad.F1()
	rep.PerType, rep.MacroF1 = perTypeScores(per, goldN, predN)
	return rep
}

func containsType(ts []plover.Type, t plover.Type) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
