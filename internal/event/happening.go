package event

// Nominal events the sentence reports as happening, and one event per act.

import (
	"slices"

	"annals/internal/actor"
	"annals/internal/text"
)

// occurrenceVerbs say of their subject that it happened, went on, grew,
// moved or ended (English verbs of occurring and aspectual verbs), or, of
// a violent event, what it did to people: "fighting erupted", "the
// protests spread", "a battle left dozens dead". A nominal event that is
// their subject is reported as a happening, not referred to.
var occurrenceVerbs = map[string]bool{
	"occur": true, "happen": true, "erupt": true, "break": true, "flare": true,
	"spread": true, "continue": true, "resume": true, "begin": true, "start": true,
	"end": true, "intensify": true, "escalate": true, "rage": true, "persist": true,
	"grow": true, "spill": true, "subside": true, "unfold": true, "enter": true,
	"kill": true, "injure": true, "wound": true, "leave": true, "claim": true,
	"rock": true, "hit": true, "paralyze": true, "paralyse": true, "engulf": true,
	"sweep": true, "shake": true, "disrupt": true,
}

// intransitive are the occurrence verbs that take no object, so have no
// passive participle.
var intransitive = map[string]bool{
	"occur": true, "happen": true, "erupt": true, "flare": true, "rage": true,
	"persist": true, "subside": true, "unfold": true,
}

// lightVerbs carry no event of their own when their object is one: "a
// rally was held", "strikes were carried out".
var lightVerbs = map[string]bool{
	"hold": true, "stage": true, "launch": true, "carry": true, "conduct": true,
	"wage": true, "mount": true, "organize": true, "organise": true, "make": true,
}

// happeningCases are the prepositions of an occurrence verb's oblique that
// say where the event happened: "spread to Basra" as well as "erupted in
// the city".
var happeningCases = append([]string{"to"}, placeCases...)

// happeningHead returns the verb of which the nominal trigger at t is the
// subject when that verb reports it as happening (an occurrence verb, "take
// place", or a light verb in the passive); NoToken otherwise. "The
// proposal was laughed off" is no happening.
func (s *sentenceView) happeningHead(t text.TokenID) text.TokenID {
	if !s.tree {
		return text.NoToken
	}
	c := s.carrier(t)
	for _, n := range [2]text.TokenID{t, c} {
		for _, k := range s.kids(n) {
			if s.dep(k) != text.DepACL || s.doc.Tokens[k].UPOS != text.VERB {
				continue
			}
			// "Protests erupted in Dhaka" parsed as a reduced relative: a
			// verb with no passive cannot be one, and a sentence whose
			// root is the noun phrase has no other predicate.
			if l := s.lemma(k); intransitive[l] || (occurrenceVerbs[l] && s.dep(c) == text.DepRoot) {
				return k
			}
		}
	}
	t = c
	h := s.head(t)
	if !h.Valid() || s.doc.Tokens[h].UPOS != text.VERB {
		return text.NoToken
	}
	switch s.dep(t) {
	case text.DepNSubj:
		l := s.lemma(h)
		if occurrenceVerbs[l] {
			return h
		}
		if l == "take" {
			for _, k := range s.kids(h) {
				if s.dep(k) == text.DepObj && s.lemma(k) == "place" {
					return h // "the march took place in the capital"
				}
			}
		}
	case text.DepNSubjPass:
		if lightVerbs[s.lemma(h)] {
			return h
		}
	}
	return text.NoToken
}

// aggregates are nouns that count, repeat or time events: "a wave of
// protests", "days of clashes", "a new round of strikes".
var aggregates = map[string]bool{
	"wave": true, "series": true, "spate": true, "string": true, "round": true,
	"outbreak": true, "surge": true, "upsurge": true, "flare-up": true, "escalation": true,
	"resumption": true, "renewal": true, "continuation": true, "day": true, "week": true,
	"month": true, "night": true, "year": true, "hour": true, "number": true, "dozen": true,
	"hundred": true, "thousand": true, "scores": true, "score": true,
}

// carrier returns the phrase that carries the nominal event at t in the
// clause: the first of conjoined events ("protests and clashes"), the
// aggregate noun that counts or times it ("a wave of protests").
func (s *sentenceView) carrier(t text.TokenID) text.TokenID {
	for hops := 0; hops < 3; hops++ {
		h := s.head(t)
		if !h.Valid() || !s.doc.Tokens[h].UPOS.Nominal() {
			return t
		}
		switch {
		case s.dep(t) == text.DepConj:
		case s.dep(t).Base() == text.DepNMod && s.caseIs(t, "of") && aggregates[s.lemma(h)]:
		default:
			return t
		}
		t = h
	}
	return t
}

// happeningPlace finds where a nominal event reported as happening took
// place, from the obliques of the verb that reports it.
func (s *sentenceView) happeningPlace(t text.TokenID) (text.Location, string, bool) {
	if c := s.carrier(t); c != t {
		// "a wave of protests in Basra", "protests and clashes in Basra".
		if loc, rule, ok := s.location(c); ok {
			return loc, rule + " (it carries the " + s.lemma(t) + ")", true
		}
	}
	h := s.happeningHead(t)
	if !h.Valid() {
		return text.Location{}, "", false
	}
	loc, rule, ok := s.locationWith(h, happeningCases)
	if !ok {
		return text.Location{}, "", false
	}
	return loc, rule + " (the " + s.lemma(t) + " is its subject: a happening)", true
}

// placedTypes are the types whose nominal events take their actors from
// the place where they happen when the phrase names none: an unattributed
// attack is coded by its place, a protest is addressed to the government
// where it happens. A meeting's or an agreement's venue is no party.
var placedTypes = map[text.EventType]bool{text.Assault: true, text.Protest: true, text.Coerce: true}

// circumstanceCases mark an oblique event that says when or despite what
// another happened.
var circumstanceCases = []string{"during", "after", "before", "amid", "amidst", "despite", "since", "until", "following", "ahead"}

// triggerHead returns the token of the trigger phrase starting at t that
// governs the others ("gas" of "tear gas", "strikes" of "air strikes"):
// it climbs from t while the head stays inside the trigger's span.
func (s *sentenceView) triggerHead(t text.TokenID, sp text.Span) text.TokenID {
	if !s.tree {
		return t
	}
	for hops := 0; hops < 4; hops++ {
		h := s.head(t)
		if !h.Valid() || h < s.first || h >= s.end {
			return t
		}
		if tok := s.doc.Tokens[h]; tok.Start < sp.Start || tok.End > sp.End {
			return t
		}
		t = h
	}
	return t
}

// oneAct folds the nominal event e into gov, the event of the verb that
// governs it, when both are one act ("fired tear gas at", "carried out air
// strikes against", "clashes killed four"). h is e's phrase head. Of the
// same type, the more specific mode and code win: the noun's when it names
// what the verb did (its object or oblique), else the one that has a mode.
// A side where the verb found no actor takes the noun's; the noun itself is
// no participant of its own act.
func (c *Coder) oneAct(s *sentenceView, gov, e *text.Event, h text.TokenID) {
	if gov.Type == e.Type && e.Mode != "" {
		named := s.dep(h).Base() == text.DepObj || s.dep(h).Base() == text.DepObl
		if gov.Mode == "" || (named && gov.Mode != e.Mode) {
			gov.Mode = e.Mode
			gov.CAMEO, gov.QuadClass, gov.Goldstein = e.CAMEO, e.QuadClass, e.Goldstein
			gov.Context = append([]string(nil), e.Context...)
			gov.Evidence = append(gov.Evidence, text.Evidence{Field: text.FieldMode, Span: e.Trigger, Rule: "one act: the mode of " + s.doc.Text[e.Trigger.Start:e.Trigger.End]})
		}
	}
	if gov.Type == e.Type {
		// "Clashes killed four": the clashes are the act, not its agent.
		// Under another type the noun is what is done ("rejected the
		// proposal").
		carrier := e.Trigger
		if c := s.carrier(h); c != h {
			carrier = s.doc.Tokens[c].Span
		}
		gov.Source = withoutAct(gov.Source, e.Trigger, carrier)
		gov.Target = withoutAct(gov.Target, e.Trigger, carrier)
	}
	mergeArgs(gov, e)
	if gov.Type == e.Type {
		// Only where the verb found no actor: a weaker reading of the
		// noun's does not add a second party.
		gov.Source = unionArgs(gov, gov.Source, e.Source, gov.Target, text.FieldSource)
		gov.Target = unionArgs(gov, gov.Target, e.Target, gov.Source, text.FieldTarget)
	}
	if gov.Type == e.Type {
		unattributed(gov) // "clashes in the capital killed four"
	}
	for _, ev := range e.Evidence {
		if ev.Field == text.FieldTrigger {
			// Under "type": the event's trigger stays its own verb's.
			gov.Evidence = append(gov.Evidence, text.Evidence{Field: text.FieldType, Span: ev.Span, Rule: "one act with the nominal trigger: " + ev.Rule})
		}
	}
}

// withoutAct drops from args the phrases that are the act itself and name
// no actor ("Clashes" as the subject of "killed").
func withoutAct(args []text.Argument, act, carrier text.Span) []text.Argument {
	out := args[:0]
	for _, a := range args {
		if a.Actor.IsZero() && (a.Span.Overlaps(act) || a.Span.Overlaps(carrier)) {
			continue // the act, or what carries it ("a new round of strikes")
		}
		out = append(out, a)
	}
	return out
}

// unionArgs gives a side that places no actor the coded actors of the
// noun's (other than the other side's); a phrase that names no actor gives way to one that does.
func unionArgs(gov *text.Event, have, more, other []text.Argument, field text.EvidenceField) []text.Argument {
	if placed(have) {
		return have
	}
	for _, a := range more {
		if a.Actor.IsZero() || slices.ContainsFunc(other, func(b text.Argument) bool { return b.Span == a.Span }) {
			continue // no actor, or the other side's party ("attend a meeting")
		}
		dup := false
		for _, b := range have {
			if b.Span == a.Span || (b.Actor.Code != "" && b.Actor.Code == a.Actor.Code) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		have = append(have, a)
		gov.Evidence = append(gov.Evidence, text.Evidence{Field: field, Span: a.Span, Rule: "one act: a " + string(field) + " of the nominal trigger"})
	}
	if anyActor(have) {
		out := have[:0]
		for _, a := range have {
			if !a.Actor.IsZero() {
				out = append(out, a)
			}
		}
		have = out
	}
	return have
}

// unattributed gives a nominal attack with no attacker the place where it
// happened as its source, as event datasets code unattributed attacks.
func unattributed(ev *text.Event) {
	if ev.Type != text.Assault || len(ev.Source) > 0 || ev.Location.Country == "" {
		return
	}
	c := ev.Location.Country
	ev.Source = []text.Argument{{Span: ev.Location.Span, Mention: text.NoMention,
		Actor: actor.OfCountry(c, "unidentified attackers in "+c, actor.KindGroup)}}
	ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldSource, Span: ev.Location.Span, Rule: "source: an unattributed attack is coded by its place (" + c + ")"})
}
