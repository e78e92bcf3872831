package timex

import (
	"strings"

	"annals/internal/text"
)

// ForEvent returns the date of the event whose trigger is token trigger:
// the temporal expression that governs it, or the publication date when
// the text gives none. The heuristics, in order:
//
//  1. The trigger's sentence. An expression that contains the trigger (the
//     "invasion" of "the Russian invasion of Ukraine") is not its date.
//     With the dependency layer, an expression ranks by where its head
//     attaches: (a) to the trigger itself by a time relation (obl,
//     obl:tmod, obl:unmarked, obl:npmod, advmod, nmod and subtypes); (b)
//     by such a relation to a word of the trigger's clause (the words
//     reached from the trigger without crossing advcl, ccomp, acl,
//     acl:relcl, parataxis, csubj or root; xcomp stays in the clause, so
//     "agreed to meet in Lisbon" dates "meet" by "agreed"); (c) to a
//     clause that governs the trigger's clause, or itself heads such a
//     clause ("It was only in 2019, years later, that Chile answered"); (d) by another relation to a word
//     of the trigger's clause ("held the 2014 elections"); (e) by a time
//     relation anywhere else in the sentence. An expression attached by
//     another relation in another clause ("after the envoy tabled the
//     May 2017 draft") does not date the trigger. Without dependencies,
//     (b) is the expressions between the same clause breaks as the
//     trigger (punctuation, and "but", "while", "when", "because",
//     "although", "whereas", "which", "who") and (e) the rest. Within a
//     rank the nearest wins, the earlier on a tie.
//     A named period that no time preposition introduces ("escalate the
//     war in Tigray") is an event name, not a date: it counts only when
//     attached by a time relation.
//  2. The discourse: the most recent explicit date in a preceding sentence
//     of the same paragraph, with Basis relative ("Chile protested in
//     June 2009. Its envoy left ..."); with dependencies, only a date
//     attached by a time relation or heading a clause (a time adjunct or
//     "It was in May 2018 that ...", not "the May 2017 draft").
//  3. The publication date, Basis published, precision day, Timex NoTimex
//     (Value "" and BasisNone when the publication date is unknown).
//
// An expression whose value needs actor knowledge ("during his first
// term") is returned with its empty Value: see HintOf.
func ForEvent(doc *text.Document, trigger text.TokenID) text.EventDate {
	if doc != nil && trigger.Valid() && int(trigger) < len(doc.Tokens) {
		s := doc.Tokens[trigger].Sentence
		if id := inSentence(doc, trigger, s); id.Valid() {
			x := doc.Timexes[id]
			return text.EventDate{Value: x.Value, Precision: x.Precision, Basis: x.Basis, Timex: id}
		}
		if id := inDiscourse(doc, s); id.Valid() {
			x := doc.Timexes[id]
			return text.EventDate{Value: x.Value, Precision: x.Precision, Basis: text.BasisRelative, Timex: id}
		}
	}
	return published(doc)
}

func published(doc *text.Document) text.EventDate {
	if doc == nil || doc.Published.IsZero() {
		return text.EventDate{Timex: text.NoTimex}
	}
	return text.EventDate{Value: doc.Published.UTC().Format("2006-01-02"), Precision: text.PrecisionDay, Basis: text.BasisPublished, Timex: text.NoTimex}
}

// tokenRange returns the tokens covered by sp, [first, end).
func tokenRange(doc *text.Document, sp text.Span) (text.TokenID, text.TokenID) {
	f := doc.TokenAt(sp.Start)
	l := doc.TokenAt(sp.End - 1)
	if !f.Valid() || !l.Valid() {
		return text.NoToken, text.NoToken
	}
	return f, l + 1
}

// timeRel reports whether r attaches a time adjunct.
func timeRel(r text.DepRel) bool {
	switch r {
	case text.DepObl, text.DepOblTmod, text.DepOblUnmarked, text.DepOblNpmod,
		text.DepAdvMod, text.DepNMod, text.DepNModTmod, text.DepNModUnmarked, text.DepNModNpmod:
		return true
	}
	return false
}

// clauseRel reports whether r opens a new clause.
func clauseRel(r text.DepRel) bool {
	switch r.Base() {
	case text.DepAdvCl, text.DepCComp, text.DepACL, text.DepParataxis, text.DepCSubj, text.DepRoot, text.DepList:
		return true
	}
	return false
}

// clauseOf returns the head of the clause holding token t.
func clauseOf(doc *text.Document, t text.TokenID) text.TokenID {
	for n := 0; n < 256; n++ {
		tok := doc.Tokens[t]
		if !tok.Head.Valid() || int(tok.Head) >= len(doc.Tokens) || clauseRel(tok.Dep) {
			return t
		}
		t = tok.Head
	}
	return t
}

// governs reports whether clause c is clause d or one of its ancestors.
func governs(doc *text.Document, c, d text.TokenID) bool {
	for n := 0; n < 256 && d.Valid(); n++ {
		if c == d {
			return true
		}
		h := doc.Tokens[d].Head
		if !h.Valid() || int(h) >= len(doc.Tokens) {
			return false
		}
		d = clauseOf(doc, h)
	}
	return false
}

// inSentence picks the expression of sentence s that governs the trigger.
func inSentence(doc *text.Document, trigger text.TokenID, s text.SentenceID) text.TimexID {
	deps := doc.Has(text.LayerDeps)
	trig := doc.Tokens[trigger]
	var clause text.TokenID
	if deps {
		clause = clauseOf(doc, trigger)
	}
	best, bestRank, bestDist := text.NoTimex, 99, 0
	for i, x := range doc.Timexes {
		if x.Sentence != s {
			continue
		}
		if x.Span.Contains(trig.Span) {
			continue
		}
		first, end := tokenRange(doc, x.Span)
		if !first.Valid() {
			continue
		}
		rank := 4
		attached := false
		if deps {
			h := headOf(doc, first, end)
			if h.Valid() {
				tok := doc.Tokens[h]
				hc := text.NoToken
				if tok.Head.Valid() && int(tok.Head) < len(doc.Tokens) {
					hc = clauseOf(doc, tok.Head)
				}
				switch {
				case !hc.Valid() || clauseRel(tok.Dep):
					// The expression is a predicate: "It was in May 2018
					// that the envoy left ...", rooted at "May".
					if !governs(doc, h, clause) {
						continue
					}
					attached, rank = true, 2
				case timeRel(tok.Dep):
					attached = true
					switch {
					case tok.Head == trigger:
						rank = 0
					case hc == clause:
						rank = 1
					case governs(doc, hc, clause):
						rank = 2
					}
				case hc == clause:
					rank = 3 // a modifier of a noun of the clause: "held the 2014 elections"
				default:
					continue // a modifier in another clause: "the April 2022 draft"
				}
			}
		} else if sameClause(doc, trigger, first, end) {
			rank = 1
		}
		if !attached && bareName(doc, text.TimexID(i)) {
			continue
		}
		dist := int(first - trigger)
		if trigger >= first {
			dist = int(trigger - end + 1)
		}
		if rank < bestRank || rank == bestRank && dist < bestDist {
			best, bestRank, bestDist = text.TimexID(i), rank, dist
		}
	}
	return best
}

// headOf returns the token of [first, end) whose head is outside it.
func headOf(doc *text.Document, first, end text.TokenID) text.TokenID {
	for t := first; t < end; t++ {
		h := doc.Tokens[t].Head
		if !h.Valid() || h < first || h >= end {
			return t
		}
	}
	return text.NoToken
}

// clauseBreak reports whether token t separates clauses (without a parse).
func clauseBreak(doc *text.Document, t text.TokenID) bool {
	switch strings.ToLower(doc.TokenText(t)) {
	case ",", ";", ":", "(", ")", "—", "–", "\"", "“", "”", "but", "while", "when", "because", "although", "though", "whereas", "which", "who":
		return true
	}
	return false
}

// sameClause reports whether no clause break lies between the trigger and
// the expression [first, end).
func sameClause(doc *text.Document, trigger, first, end text.TokenID) bool {
	a, b := trigger, first
	if first < trigger {
		a, b = end-1, trigger
	}
	for t := a + 1; t < b; t++ {
		if clauseBreak(doc, t) {
			return false
		}
	}
	return true
}

// bareName reports whether expression id is a named period that no time
// preposition introduces: then it names an event, it does not date one.
func bareName(doc *text.Document, id text.TimexID) bool {
	x := doc.Timexes[id]
	if x.Basis != text.BasisExplicit || x.Precision != text.PrecisionRange && x.Precision != text.PrecisionYear && x.Precision != text.PrecisionMonth && x.Precision != text.PrecisionDay {
		return false
	}
	h := HintOf(doc, id)
	if h.Kind != KindPeriod {
		return false
	}
	t := loadTables()
	first, _ := tokenRange(doc, x.Span)
	if e := t.lex[strings.ToLower(doc.TokenText(first))]; e != nil && (e.is(lexTempPrep) || e.is(lexPrep)) {
		return false
	}
	if first > 0 && doc.Tokens[first-1].Sentence == x.Sentence {
		if e := t.lex[strings.ToLower(doc.TokenText(first-1))]; e != nil && e.is(lexTempPrep) {
			return false
		}
	}
	return true
}

// inDiscourse returns the most recent explicit date in the sentences of
// s's paragraph before s.
func inDiscourse(doc *text.Document, s text.SentenceID) text.TimexID {
	if !s.Valid() || int(s) >= len(doc.Sentences) {
		return text.NoTimex
	}
	start := text.SentenceID(paragraphStart(doc, int(s)))
	deps := doc.Has(text.LayerDeps)
	for i := len(doc.Timexes) - 1; i >= 0; i-- {
		x := doc.Timexes[i]
		if x.Sentence >= s {
			continue
		}
		if x.Sentence < start {
			break
		}
		if x.Basis != text.BasisExplicit || x.Value == "" || bareName(doc, text.TimexID(i)) {
			continue
		}
		if deps {
			first, end := tokenRange(doc, x.Span)
			if !first.Valid() {
				continue
			}
			h := headOf(doc, first, end)
			if !h.Valid() {
				continue
			}
			if tok := doc.Tokens[h]; !timeRel(tok.Dep) && tok.Head.Valid() && !clauseRel(tok.Dep) {
				continue
			}
		}
		return text.TimexID(i)
	}
	return text.NoTimex
}
