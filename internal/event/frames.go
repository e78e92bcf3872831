package event

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"

	"annals/internal/plover"
	"annals/internal/text"
)

//go:embed data/frames.tsv
var defaultFrames []byte

// Frame says how an embedded or intended event is coded (data/frames.tsv).
type Frame struct {
	Frame    string // "intent", "ultimatum", or the governing event's type
	Embedded string // embedded type or "*"
	EMode    string // embedded mode or "*"
	Type     plover.Type
	Mode     string
	CAMEO    string
}

// Frames is an ordered frame table.
type Frames struct {
	list []Frame
}

// DefaultFrames returns the embedded frame table.
func DefaultFrames() (*Frames, error) {
	return LoadFrames(bytes.NewReader(defaultFrames), "frames.tsv")
}

// LoadFrames reads a frame table; errors name the file and line.
func LoadFrames(r io.Reader, file string) (*Frames, error) {
	f := &Frames{}
	err := readTable(r, file, 6, func(c []string) error {
		t, err := plover.ParseType(c[3])
		if err != nil {
			return err
		}
		fr := Frame{Frame: c[0], Embedded: c[1], EMode: c[2], Type: t}
		if c[4] != "-" {
			if !plover.ValidMode(t, c[4]) {
				return fmt.Errorf("mode %q is not a mode of %s", c[4], t)
			}
			fr.Mode = c[4]
		}
		if c[5] != "-" {
			if _, ok := plover.Default().CAMEO(c[5]); !ok {
				return fmt.Errorf("unknown CAMEO code %q", c[5])
			}
			fr.CAMEO = c[5]
		}
		f.list = append(f.list, fr)
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("frames: %w", err)
	}
	return f, nil
}

// find returns the first frame for (frame, embedded type, mode).
func (f *Frames) find(frame, typ, mode string) (Frame, bool) {
	for _, fr := range f.list {
		if fr.Frame == frame && (fr.Embedded == "*" || fr.Embedded == typ) && (fr.EMode == "*" || fr.EMode == mode) {
			return fr, true
		}
	}
	return Frame{}, false
}

// cand is an event being coded, with its trigger entry.
type cand struct {
	ev    text.Event
	entry *Entry
	tok   text.TokenID
	drop  bool
}

// governor climbs from the trigger of c through complement, object and
// oblique relations to the nearest trigger of another candidate in the
// sentence; it returns that candidate's index or -1.
func (s *sentenceView) governor(cands []cand, i int) int {
	if !s.tree {
		return -1
	}
	byTok := map[text.TokenID]int{}
	for j, c := range cands {
		byTok[c.tok] = j
	}
	cur := s.triggerHead(cands[i].tok, cands[i].ev.Trigger)
	for hops := 0; hops < 4; hops++ {
		h := s.head(cur)
		if !h.Valid() {
			return -1
		}
		switch s.dep(cur).Base() {
		case text.DepXComp, text.DepCComp, text.DepObj, text.DepObl, text.DepNMod, text.DepACL, text.DepAdvCl, text.DepCSubj, text.DepNSubj:
		default:
			return -1
		}
		if j, ok := byTok[h]; ok && j != i {
			return j
		}
		// Climb through a non-trigger verb ("continue to send", "decided to").
		cur = h
	}
	return -1
}

// applyFrames codes embedded and intended events as PLOVER does. It runs on
// the candidates of one sentence.
func (c *Coder) applyFrames(s *sentenceView, cands []cand) {
	cues := s.cues
	for i := range cands {
		g := s.governor(cands, i)
		if g < 0 {
			continue
		}
		e, gov := &cands[i].ev, &cands[g].ev
		// Allegations and denials keep the embedded event, attributed to
		// the accuser or denier.
		if cues != nil {
			if _, _, ok := cues.at(s, cands[g].tok, "denial"); ok {
				e.Polarity = text.Negated
				c.attributeTo(s, e, gov, "frame/denial")
				continue
			}
			if _, _, ok := cues.at(s, cands[g].tok, "allegation"); ok {
				e.Certainty = text.Alleged
				c.attributeTo(s, e, gov, "frame/allegation")
				continue
			}
		}
		// A nominal event that is the object of a verbal one is the same
		// event ("lodged a protest", "launched an offensive", "a strike
		// was staged").
		h := s.triggerHead(cands[i].tok, e.Trigger)
		passive := s.dep(h) == text.DepNSubjPass && (gov.Type == e.Type || lightVerbs[s.lemma(cands[g].tok)])
		if cands[i].entry.Noun && s.head(h) == cands[g].tok && (s.dep(h) == text.DepObj || passive) {
			cands[i].drop = true
			c.oneAct(s, gov, e, h)
			continue
		}
		fr, ok := c.frames.find(string(gov.Type), string(e.Type), e.Mode)
		if !ok {
			// Same type under itself ("launched an attack"): one event.
			if gov.Type == e.Type {
				cands[i].drop = true
				c.oneAct(s, gov, e, h)
			}
			continue
		}
		cands[i].drop = true
		if typeOf(fr.Type) != gov.Type {
			// The embedded event says what the governing one is: blocking
			// roads to protest is a protest by obstruction.
			gov.Type, gov.Mode = typeOf(fr.Type), fr.Mode
			c.recode(gov, fr.CAMEO)
		} else if gov.Mode == "" && fr.Mode != "" {
			gov.Mode = fr.Mode
			c.recode(gov, fr.CAMEO)
		}
		mergeArgs(gov, e)
		gov.Evidence = append(gov.Evidence, text.Evidence{Field: text.FieldMode, Span: e.Trigger, Rule: fmt.Sprintf("frame/%s+%s", fr.Frame, e.Type)})
	}
	for i := range cands {
		e := &cands[i].ev
		if cands[i].drop || e.Polarity == text.Negated || (e.Modality != text.Future && e.Modality != text.Intended && !(e.Modality == text.Conditional && hasCondition(e))) {
			continue
		}
		if k, ok := s.unlessClause(cands[i].tok); ok {
			// "will withdraw its force unless the president arranges a
			// ceasefire": an act announced on a condition the other side
			// must meet is an ultimatum.
			if fr, ok := c.frames.find("ultimatum", string(e.Type), e.Mode); ok {
				e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldType, Span: s.doc.Tokens[k].Span, Rule: fmt.Sprintf("frame/ultimatum: %s %s unless … → %s", e.Modality, e.Type, fr.Type)})
				if typeOf(fr.Type) != e.Type {
					e.Type, e.Mode = typeOf(fr.Type), fr.Mode
					c.recode(e, fr.CAMEO)
				}
				// The ultimatum is addressed to whoever must meet the condition.
				if t := s.conditionSubject(cands[i].tok); len(t) > 0 {
					s.placeArgs(e, t, false, text.FieldTarget)
					if placed(t) || !placed(e.Target) {
						e.Target = t
					}
				}
				continue
			}
		}
		if fr, ok := c.frames.find("intent", string(e.Type), e.Mode); ok && typeOf(fr.Type) != e.Type {
			e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldType, Span: e.Trigger, Rule: fmt.Sprintf("frame/intent: %s %s → %s", e.Modality, e.Type, fr.Type)})
			e.Type, e.Mode = typeOf(fr.Type), fr.Mode
			c.recode(e, fr.CAMEO)
			if len(e.Source) == 0 && !e.Attribution.Author && !e.Attribution.Speaker.IsZero() {
				// "the minister said the dispute would end in war": a threat or promise with no agent of its
				// own is its speaker's.
				e.Source = []text.Argument{{Span: e.Attribution.Span, Mention: s.mentionAt(e.Attribution.Span), Actor: e.Attribution.Speaker}}
				e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldSource, Span: e.Attribution.Span, Rule: "source: an agentless " + strings.ToLower(string(e.Type)) + " is its speaker's"})
			}
		}
	}
}

// recode sets the CAMEO code, quad class, Goldstein and context of e from
// code (or from its type and mode when code is "").
func (c *Coder) recode(e *text.Event, code string) {
	t, _ := plover.ParseType(string(e.Type))
	cc := c.onto.Nearest(t, e.Mode, nil)
	if code != "" {
		if x, ok := c.onto.CAMEO(code); ok {
			cc = x
		}
	}
	e.CAMEO, e.QuadClass, e.Goldstein = cc.CAMEO, cc.QuadClass, cc.Goldstein
	e.Context = append([]string(nil), cc.Context...)
}

// mergeArgs gives gov the embedded event's target when it has none ("X
// threatened to ban Y": Y is the target of the threat).
func mergeArgs(gov, e *text.Event) {
	if len(gov.Target) == 0 && len(e.Target) > 0 {
		gov.Target = e.Target
		for _, a := range e.Target {
			gov.Evidence = append(gov.Evidence, text.Evidence{Field: text.FieldTarget, Span: a.Span, Rule: "frame: target of the embedded event"})
		}
	}
	if len(gov.Source) == 0 && len(e.Source) > 0 {
		gov.Source = e.Source
	}
	if gov.Location.Country == "" && e.Location.Country != "" {
		gov.Location = e.Location
	}
}

// attributeTo makes the source of gov the speaker of e.
func (c *Coder) attributeTo(s *sentenceView, e, gov *text.Event, rule string) {
	if len(gov.Source) == 0 {
		return
	}
	sp := gov.Source[0]
	e.Attribution = text.Attribution{Span: sp.Span, Speaker: sp.Actor, Cue: gov.Trigger}
	e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldAttribution, Span: sp.Span, Rule: rule})
}

// deontic are the modals of obligation: "X said that Y must withdraw" is a
// demand by X on Y.
var deontic = map[string]bool{"must": true, "should": true, "ought": true}

// obligations codes "X says Y must/should do Z" as a REQUEST by X of Y,
// whether or not Z is itself a trigger; an event at Z is then embedded
// under the request.
func (c *Coder) obligations(s *sentenceView, cands []cand) []cand {
	if !s.tree {
		return cands
	}
	cues := s.cues
	d := s.doc
	for v := s.first; v < s.end; v++ {
		if d.Tokens[v].Dep.Base() != text.DepCComp {
			continue
		}
		rep := s.head(v)
		if !rep.Valid() {
			continue
		}
		if _, _, ok := cues.at(s, rep, "report"); !ok {
			continue
		}
		var modal text.TokenID = text.NoToken
		for _, k := range s.kids(v) {
			if s.dep(k) == text.DepAux && deontic[s.form(k)] {
				modal = k
			}
		}
		if modal == text.NoToken {
			continue
		}
		src, _ := s.verbArguments(rep)
		tgt, _ := s.verbArguments(v)
		ev := text.Event{
			Sentence: s.id, Type: "REQUEST", Trigger: d.Tokens[modal].Span, TriggerTok: modal,
			Source: src, Target: tgt, Rule: Version + "/obligation:" + s.lemma(rep) + "+" + s.form(modal),
			Date: text.EventDate{Timex: text.NoTimex}, Attribution: text.Attribution{Author: true},
		}
		c.recode(&ev, "100")
		ev.Evidence = append(ev.Evidence,
			text.Evidence{Field: text.FieldTrigger, Span: d.Tokens[modal].Span, Rule: ev.Rule},
			text.Evidence{Field: text.FieldSource, Span: d.Tokens[rep].Span, Rule: "subject of the reporting verb"})
		if c.dater != nil {
			ev.Date = c.dater.ForEvent(d, rep)
		}
		// The request stands at the reporting verb's token, so that the
		// event at v (if any) is embedded under it by applyFrames. When the
		// reporting verb is itself a trigger ("warned that Y must"), that
		// event governs instead.
		taken := false
		for _, cd := range cands {
			taken = taken || cd.tok == rep
		}
		if !taken {
			cands = append(cands, cand{ev: ev, entry: &Entry{Words: []string{s.form(modal)}}, tok: rep})
		}
	}
	return cands
}

// responsible are predicates that assign an event to its perpetrator:
// "Iran was not responsible for the blasts", "the blasts, which
// Iran was responsible for", "who is behind the attack".
var responsible = map[string]bool{"responsible": true, "behind": true, "guilty": true, "culpable": true, "accountable": true}

// responsibility gives a nominal event the perpetrator that a
// responsibility predicate names, with that predicate's polarity and
// certainty: denying responsibility denies the perpetrator's act.
func (c *Coder) responsibility(s *sentenceView, cands []cand) {
	if !s.tree {
		return
	}
	cues := s.cues
	for i := range cands {
		cd := &cands[i]
		if !cd.entry.Noun {
			continue
		}
		pred := text.NoToken
		// The relative clause may hang on the nearer noun of the event's
		// by-phrase: "the raids by drones, which Chad denied ordering".
		holders := []text.TokenID{cd.tok}
		for _, k := range s.kids(cd.tok) {
			if s.dep(k).Base() == text.DepNMod && s.caseIs(k, "by", "of", "with") {
				holders = append(holders, k)
			}
		}
		if v := s.head(cd.tok); v.Valid() && s.dep(cd.tok) == text.DepObj {
			// … or on the by-phrase the parser gave to the verb above the
			// event ("the botched raids by drones, which …").
			for _, k := range s.kids(v) {
				if s.dep(k).Base() == text.DepObl && k > cd.tok && s.caseIs(k, "by", "of", "with") {
					holders = append(holders, k)
				}
			}
		}
		for _, k := range kidsOf(s, holders) {
			if !responsible[s.lemma(k)] {
				continue
			}
			switch s.dep(k).Base() {
			case text.DepACL:
				pred = k
			case text.DepConj, text.DepParataxis, text.DepAppos:
				// A relative clause the parser attached loosely: it must
				// hold its own relative pronoun ("…, which X was not
				// responsible for").
				for _, g := range s.kids(k) {
					if wh(s.form(g)) {
						pred = k
					}
				}
			}
		}
		if h := s.head(cd.tok); pred == text.NoToken && h.Valid() && responsible[s.lemma(h)] {
			switch s.dep(cd.tok).Base() {
			case text.DepObl, text.DepNMod:
				pred = h
			}
		}
		if pred == text.NoToken {
			continue
		}
		var subj text.TokenID = text.NoToken
		for _, k := range s.kids(pred) {
			if s.dep(k).Base() == text.DepNSubj && !wh(s.form(k)) {
				subj = k
			}
		}
		if subj == text.NoToken {
			continue
		}
		e := &cd.ev
		e.Source = s.argument(subj)
		rule := "responsibility:" + s.lemma(pred)
		for _, a := range e.Source {
			e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldSource, Span: a.Span, Rule: rule})
		}
		near := s.kids(pred)
		near = append(near[:len(near):len(near)], s.kids(subj)...)
		for _, k := range near {
			if _, _, ok := cues.at(s, k, "negation"); ok {
				e.Polarity = text.Negated
				e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldPolarity, Span: s.doc.Tokens[k].Span, Rule: rule})
			}
			if cue, _, ok := cues.at(s, k, "certainty"); ok {
				cert, _ := text.ParseCertainty(cue.Value)
				e.Certainty = cert
				e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldCertainty, Span: s.doc.Tokens[k].Span, Rule: rule})
			}
		}
	}
}

func wh(w string) bool {
	switch w {
	case "which", "that", "who", "what", "whom":
		return true
	}
	return false
}

// kidsOf returns the children of every token in ts.
func kidsOf(s *sentenceView, ts []text.TokenID) []text.TokenID {
	var out []text.TokenID
	for _, t := range ts {
		out = append(out, s.kids(t)...)
	}
	return out
}

// unlessClause returns the marker of an "unless" clause that t governs.
func (s *sentenceView) unlessClause(t text.TokenID) (text.TokenID, bool) {
	if !s.tree {
		return text.NoToken, false
	}
	for _, k := range s.kids(t) {
		if s.dep(k).Base() != text.DepAdvCl {
			continue
		}
		for _, m := range s.kids(k) {
			if s.dep(m) == text.DepMark && s.form(m) == "unless" {
				return m, true
			}
		}
	}
	return text.NoToken, false
}

// hasCondition reports whether e's modality comes from an "if" or
// "unless" clause: an act announced on a condition ("would be settled on
// the battlefield if …") is announced, not merely imagined.
func hasCondition(e *text.Event) bool {
	for _, ev := range e.Evidence {
		if ev.Field == text.FieldModality && strings.HasSuffix(ev.Rule, "(condition clause)") {
			return true
		}
	}
	return false
}

// typeOf names a PLOVER type as events carry it.
func typeOf(t plover.Type) text.EventType { return text.EventType(t.String()) }
