// Package event codes sentences into PLOVER events: it finds triggers from
// a lexicon (data/lexicon.tsv), reads their source and target from the
// dependency tree (or, without one, from word order), and sets polarity,
// modality, certainty, attribution and date, each with its evidence.
package event

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"annals/internal/actor"
	"annals/internal/plover"
	"annals/internal/text"
)

// Version names the coder's rules in each event's provenance.
const Version = "events.v1"

// Options configure a Coder.
type Options struct {
	Lexicon *Lexicon         // nil: the embedded default
	Dater   Dater            // nil: no temporal layer is consulted beyond the fallback
	Actors  ActorResolver    // nil: mention actors are used as they are
	Onto    *plover.Ontology // nil: plover.Default()
	Roles   *Roles           // nil: the embedded default
	Cues    *Cues            // nil: the embedded default (data/cues.tsv)
	Frames  *Frames          // nil: the embedded default (data/frames.tsv)
	// Classifier decides each lexicon candidate's type or no event; nil:
	// the embedded one. NoClassifier codes every candidate whose object
	// list fits, as the lexicon alone would.
	Classifier   *Classifier
	NoClassifier bool
	// Ranker chooses each event's source and target among the coded
	// actors of its sentence (annals train roles); nil: the embedded one.
	// NoRanker keeps the rules' choice.
	Ranker   *RoleRanker
	NoRanker bool
}

// Dater gives an event its date from the document's temporal layer.
type Dater interface {
	ForEvent(doc *text.Document, trigger text.TokenID) text.EventDate
}

// ActorResolver re-resolves a mention's knowledge-base entry at an event's
// date (a person's role changes over time).
type ActorResolver interface {
	Resolve(entry string, date time.Time) text.Actor
}

// Coder is the event stage. It is safe for concurrent use.
type Coder struct {
	frames *Frames
	lex    *Lexicon
	cls    *Classifier
	onto   *plover.Ontology
	dater  Dater
	actors ActorResolver
	roles  *Roles
	cues   *Cues
	ranker *RoleRanker
}

// New returns a Coder.
func New(opt Options) (*Coder, error) {
	c := &Coder{lex: opt.Lexicon, onto: opt.Onto, dater: opt.Dater, actors: opt.Actors}
	if c.onto == nil {
		c.onto = plover.Default()
	}
	if c.lex == nil {
		l, err := DefaultLexicon()
		if err != nil {
			return nil, err
		}
		c.lex = l
	}
	var err error
	if c.frames = opt.Frames; c.frames == nil {
		if c.frames, err = DefaultFrames(); err != nil {
			return nil, err
		}
	}
	if c.cues = opt.Cues; c.cues == nil {
		if c.cues, err = DefaultCues(); err != nil {
			return nil, err
		}
	}
	if c.roles = opt.Roles; c.roles == nil {
		if c.roles, err = DefaultRoles(); err != nil {
			return nil, err
		}
	}
	if !opt.NoClassifier {
		c.cls = opt.Classifier
		if c.cls == nil {
			if c.cls, err = DefaultClassifier(); err != nil {
				return nil, err
			}
		}
	}
	if !opt.NoRanker {
		if c.ranker = opt.Ranker; c.ranker == nil {
			if c.ranker, err = DefaultRoleRanker(); err != nil {
				return nil, err
			}
		}
	}
	if _, err := mishapSet(); err != nil {
		return nil, err
	}
	return c, nil
}

// WithClassifier returns a copy of c that codes with cls (nil: the
// lexicon alone), for choosing a classifier's settings by how the whole
// coder scores.
func (c *Coder) WithClassifier(cls *Classifier) *Coder {
	c2 := *c
	c2.cls = cls
	return &c2
}

// Name implements pipeline.Stage.
func (c *Coder) Name() string { return "events" }

// Requires implements pipeline.Stage. Tags, the tree, mentions and
// temporal expressions are used when present.
func (c *Coder) Requires() text.Layer { return text.LayerTokens | text.LayerSentences }

// Provides implements pipeline.Stage.
func (c *Coder) Provides() text.Layer { return text.LayerEvents }

// Process codes every sentence of doc.
func (c *Coder) Process(doc *text.Document) error { return c.process(doc, nil) }

// process codes doc; with roleLog set, every event built is recorded
// there with its role candidates (RoleEvents).
func (c *Coder) process(doc *text.Document, roleLog *[]RoleEvent) error {
	doc.Events = doc.Events[:0]
	country := documentCountry(doc)
	s := newSentenceView(doc)
	s.roles, s.cues = c.roles, c.cues
	s.roleLog = roleLog
	var cands []cand
	var matches []classified
	var noEvent []text.TokenID
	for si := range doc.Sentences {
		s.reset(text.SentenceID(si))
		cands = cands[:0]
		// Find every trigger first: arguments are read knowing which
		// words are events themselves ("Zelensky's threats" acts through
		// Zelensky, not as an actor of its own).
		matches = c.triggers(s, matches[:0])
		for _, m := range matches {
			s.trigger[m.tok-s.first] = true
		}
		noEvent = noEvent[:0]
		for _, m := range matches {
			ev := c.build(s, m.tok, m.last, m.entry, m.entry.Phrase())
			c.applySlots(s, &ev, m.entry, m.tok, m.last)
			if m.decision != nil {
				ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldType, Span: ev.Trigger, Rule: m.decision.String()})
			}
			if m.noEvent {
				noEvent = append(noEvent, m.tok)
			}
			cands = append(cands, cand{ev: ev, entry: m.entry, tok: m.tok, drop: !dictActors(&ev, m.entry)})
		}
		cands = c.obligations(s, cands)
		c.responsibility(s, cands)
		c.applyFrames(s, cands)
		for _, cd := range cands {
			if cd.drop || slices.Contains(noEvent, cd.tok) {
				// Dropped by a frame, or no event for the classifier
				// (kept until now for the frames of the others).
				continue
			}
			if cd.entry.Noun && len(cd.ev.Source) == 0 && len(cd.ev.Target) == 0 {
				// A nominal event with no participant ("the proposal was
				// laughed off") is a reference to an event, not a codable one.
				continue
			}
			if !cd.entry.Noun {
				reciprocal(&cd.ev)
			} else {
				// "Clashes in the capital", "an attack near the border":
				// with no attacker named, the place is (after the frames,
				// so an act folded into its verb's event lends it none).
				unattributed(&cd.ev)
			}
			placeByDocument(&cd.ev, country)
			cd.ev.Confidence = confidence(&cd.ev, s.tree)
			doc.Events = append(doc.Events, cd.ev)
		}
	}
	return nil
}

func (c *Coder) build(s *sentenceView, t, last text.TokenID, e *Entry, phrase string) text.Event {
	d := s.doc
	rule := fmt.Sprintf("%s/%s:%s", Version, c.lex.ID(), phrase)
	ev := text.Event{
		Sentence:   s.id,
		Type:       text.EventType(e.Type.String()),
		Mode:       e.Mode,
		Trigger:    s.triggerSpan(t, last, e),
		TriggerTok: t,
		Rule:       rule,
		Confidence: 0.5,
		Date:       text.EventDate{Timex: text.NoTimex},
		Attribution: text.Attribution{
			Author: true,
		},
	}
	code := c.onto.Nearest(e.Type, e.Mode, nil)
	if e.CAMEO != "" {
		if cc, ok := c.onto.CAMEO(e.CAMEO); ok {
			code = cc
		}
	}
	ev.CAMEO, ev.QuadClass, ev.Goldstein = code.CAMEO, code.QuadClass, code.Goldstein
	ev.Context = append([]string(nil), code.Context...)
	ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTrigger, Span: ev.Trigger, Rule: rule + " (" + e.Source + ")"})

	// The date first: actors are resolved at the event's date (a person's
	// role changes over time).
	if c.dater != nil {
		ev.Date = c.dater.ForEvent(d, t)
	}
	if ev.Date.Value == "" && !d.Published.IsZero() && ev.Date.Basis == text.BasisNone {
		ev.Date = text.EventDate{Value: d.Published.Format("2006-01-02"), Precision: text.PrecisionDay, Basis: text.BasisPublished, Timex: text.NoTimex}
	}
	if ev.Date.Timex.Valid() && int(ev.Date.Timex) < len(d.Timexes) {
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldDate, Span: d.Timexes[ev.Date.Timex].Span, Rule: "timex"})
	}
	s.when, s.resolver = time.Time{}, c.actors
	if ev.Date.Value != "" {
		s.when = parseDate(ev.Date.Value)
	}
	defer func() { s.when, s.resolver = time.Time{}, nil }()

	s.trigFirst, s.trigLast, s.evType, s.evMode = t, last, string(ev.Type), ev.Mode
	// A nominal trigger's phrase is read from its head: "strikes" of "air
	// strikes" holds the modifiers, not "air".
	hd := t
	if e.Noun {
		hd = s.triggerHead(t, ev.Trigger)
	}
	src, tgt, how := s.arguments(hd, e.Noun)
	s.trigFirst, s.trigLast = text.NoToken, text.NoToken
	ev.Source, ev.Target = src, tgt
	for _, a := range src {
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldSource, Span: a.Span, Rule: withPath(how, s.path(hd, a.Span))})
	}
	for _, a := range tgt {
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTarget, Span: a.Span, Rule: withPath(how, s.path(hd, a.Span))})
	}
	s.placedByActors(&ev, "source", src)
	s.placedByActors(&ev, "target", tgt)
	s.placeSources(&ev)
	s.attributes(&ev, hd)
	if loc, rule, ok := s.location(hd); ok {
		ev.Location = loc
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldLocation, Span: loc.Span, Rule: rule})
	} else if loc, rule, ok := s.happeningPlace(hd); ok && e.Noun && placedTypes[ev.Type] {
		// "Protests spread to Basra", "fighting erupted in the city": the
		// verb that reports the event as happening says where.
		ev.Location = loc
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldLocation, Span: loc.Span, Rule: rule})
	} else if loc, ok := s.targetPlace(tgt); ok {
		// "struck the city of Kharkiv": a place attacked or seized is
		// where the event happened.
		ev.Location = loc
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldLocation, Span: loc.Span, Rule: "location: the target is a place"})
	}
	if ev.Location.Country != "" && !anyActor(ev.Target) && ev.Type != text.Protest {
		// "eased emergency measures in Montenegro", "blocked roads in
		// Algiers": with no actor as target, the place where the event
		// happened is the party it is done to (as event datasets code it).
		if m := s.mentionAt(ev.Location.Span); m.Valid() {
			a := text.Argument{Span: ev.Location.Span, Mention: m, Actor: s.doc.Mentions[m].Actor}
			if a.Actor.Kind == text.KindPlace {
				a.Actor = actor.OfCountry(ev.Location.Country, a.Actor.Name, actor.KindPlace)
			}
			ev.Target = append(ev.Target, a)
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTarget, Span: a.Span, Rule: "target: the event's location, no actor among its objects"})
		}
	}
	if (ev.Type == text.Assault || ev.Type == text.Coerce) && len(ev.Source) > 0 && !anyActor(ev.Source) && s.eventNoun(ev.Source) {
		// "A roadside bombing near Samarra killed …": the attack itself
		// stands where its perpetrator should; unnamed, the perpetrator is
		// coded by the place (as event datasets code unattributed attacks).
		if ev.Location.Country == "" {
			if h := s.doc.TokenAt(ev.Source[0].End - 1); h.Valid() {
				if loc, rule, ok := s.location(h); ok {
					ev.Location = loc
					ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldLocation, Span: loc.Span, Rule: rule})
				}
			}
		}
	}
	if (ev.Type == text.Assault || ev.Type == text.Coerce) && ev.Location.Country != "" && len(ev.Source) > 0 && !anyActor(ev.Source) && s.eventNoun(ev.Source) {
		c := ev.Location.Country
		ev.Source = []text.Argument{{Span: ev.Source[0].Span, Mention: text.NoMention,
			Actor: actor.OfCountry(c, "unidentified attackers in "+c, actor.KindGroup)}}
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldSource, Span: ev.Location.Span, Rule: "source: an unattributed attack is coded by its place (" + c + ")"})
	}
	if ev.Type == text.Protest && !placed(ev.Target) {
		// A demonstration, strike or hunger strike with no stated target
		// is addressed to the authorities where it happens: the country of
		// its place, else of its protesters (the convention of event
		// datasets, which code such protests against that government).
		c, span := ev.Location.Country, ev.Location.Span
		if c == "" {
			for _, a := range ev.Source {
				// Not a state's or a government's protest ("Japan
				// protested the launch"): that is diplomatic, and its
				// target is abroad.
				people := a.Mention.Valid() && s.doc.Mentions[a.Mention].Label == text.LabelNORP // "Nigerians"
				if a.Actor.Country != "" && (a.Actor.Kind != text.KindState || people) && !slices.Contains(a.Actor.Sector, "GOV") {
					c, span = a.Actor.Country, a.Span
					break
				}
			}
		}
		if c != "" {
			ev.Target = append(ev.Target[:0], text.Argument{Span: span, Mention: s.mentionAt(span),
				Actor: actor.Government(c, c+" government", actor.KindState)})
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTarget, Span: span, Rule: "target: a protest with no stated target is addressed to the government where it happens (" + c + ")"})
		}
	}
	c.rankRoles(s, t, last, e.Noun, &ev)
	return ev
}

// confidence is a simple score from what the coder could find: a trigger
// alone is weak evidence; a source and a target read off the tree are
// stronger. It is not a calibrated probability.
func confidence(ev *text.Event, tree bool) float64 {
	c := 0.4
	if len(ev.Source) > 0 {
		c += 0.2
		if !ev.Source[0].Actor.IsZero() {
			c += 0.1
		}
	}
	if len(ev.Target) > 0 {
		c += 0.15
		if !ev.Target[0].Actor.IsZero() {
			c += 0.05
		}
	}
	if tree {
		c += 0.05
	}
	if c > 0.95 {
		c = 0.95
	}
	return float64(int(c*100+0.5)) / 100
}

// parseDate returns the time an event date stands for when resolving
// roles: a day, the middle of a month or year, the middle of a range.
func parseDate(v string) time.Time {
	if a, b, ok := strings.Cut(v, "/"); ok {
		from, to := parseDate(a), parseDate(b)
		if !from.IsZero() && !to.IsZero() {
			return from.Add(to.Sub(from) / 2)
		}
		return from
	}
	if strings.HasSuffix(v, "X") {
		// A decade: "199X" → 1995.
		if t := parseDate(strings.TrimSuffix(v, "X") + "5"); !t.IsZero() {
			return t
		}
	}
	t := parseDay(v)
	switch len(v) {
	case 4:
		return t.AddDate(0, 6, 0)
	case 7:
		return t.AddDate(0, 0, 14)
	}
	return t
}

func parseDay(v string) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(v) >= len(layout) {
			if t, err := time.Parse(layout, v[:len(layout)]); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// reciprocalTypes are the types whose conjoined subjects act on each other
// when no target is given ("India and Pakistan agreed").
var reciprocalTypes = map[text.EventType]bool{"AGREE": true, "CONSULT": true, "COOPERATE": true, "SUPPORT": true, "ASSAULT": true}

// reciprocal makes each of several sources the target of the others.
func reciprocal(e *text.Event) {
	if len(e.Source) < 2 || len(e.Target) > 0 || !reciprocalTypes[e.Type] {
		return
	}
	e.Target = append([]text.Argument(nil), e.Source...)
	e.Evidence = append(e.Evidence, text.Evidence{Field: text.FieldTarget, Span: e.Source[0].Span, Rule: "reciprocal: conjoined sources act on each other"})
}

// posFits reports whether token t can be the first word of entry e: a verb
// entry needs a verb that is not a participle modifying a noun ("armed
// groups", "Syrian-backed"); a noun entry needs a noun. A phrase may start
// with an adjective ("general strike").
func posFits(s *sentenceView, t text.TokenID, e *Entry) bool {
	tok := s.doc.Tokens[t]
	if len(e.Words) > 1 && (tok.UPOS == text.ADJ || (!e.Noun && tok.UPOS == text.NOUN)) {
		// A phrase is evidence enough: "general strike"; "shot down" even
		// when the tagger took "shot" for a noun.
		return true
	}
	if e.Noun {
		return tok.UPOS == text.NOUN || tok.UPOS == text.PROPN
	}
	if tok.UPOS != text.VERB {
		return false
	}
	if s.tree && (tok.Dep == text.DepAMod || tok.Dep == text.DepCompound) {
		return false
	}
	return true
}

func withPath(how, path string) string {
	if path == "" {
		return how
	}
	return how + " [" + path + "]"
}

// anyActor reports whether some argument resolved to an actor.
func anyActor(args []text.Argument) bool {
	for _, a := range args {
		if !a.Actor.IsZero() {
			return true
		}
	}
	return false
}

// eventNoun reports whether the first argument is headed by a noun that
// names an attack or a blast rather than an actor ("a roadside bombing",
// "a minefield explosion"): a trigger of the lexicon or a word of the
// attack table.
func (s *sentenceView) eventNoun(args []text.Argument) bool {
	h := s.doc.TokenAt(args[0].End - 1)
	if !h.Valid() || !s.doc.Tokens[h].UPOS.Nominal() {
		return false
	}
	return attackNouns[s.lemma(h)]
}

// attackNouns name violent events that newswire makes the subject of
// "killed", "wounded", "destroyed".
var attackNouns = map[string]bool{
	"bombing": true, "bomb": true, "explosion": true, "blast": true, "attack": true, "mine": true,
	"shelling": true, "strike": true, "airstrike": true, "raid": true, "ambush": true, "gunfire": true,
	"shell": true, "rocket": true, "missile": true, "grenade": true, "device": true, "fire": true,
}

// placedByActors records on ev which of args the actor stage gave the
// country of a place the sentence names (mention via "place": "police in
// southern Iraq"), so the basis of that country shows in the evidence.
func (s *sentenceView) placedByActors(ev *text.Event, field text.EvidenceField, args []text.Argument) {
	for _, a := range args {
		if !a.Mention.Valid() || a.Actor.Country == "" {
			continue
		}
		if m := s.doc.Mentions[a.Mention]; m.Via == actor.ViaPlace.String() && m.Actor.Country == a.Actor.Country {
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: field, Span: a.Span, Rule: "country: the place the sentence gives (via place, " + a.Actor.Country + ")"})
		}
	}
}
