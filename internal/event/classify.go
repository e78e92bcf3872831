package event

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"sync"

	"annals/internal/perceptron"
	"annals/internal/plover"
	"annals/internal/text"
)

// ClassifierVersion names the classifier's features in each event's
// provenance; a model trained for other features is refused.
const ClassifierVersion = "events-cls.v1"

// NoEvent is the classifier's class for a candidate that is no event.
const NoEvent = "none"

//go:embed model/classifier.bin
var classifierModel []byte

//go:embed model/classifier.tsv
var classifierSettings []byte

// gateModel is the event-or-not model of the veto policy (empty: none).
//
//go:embed model/gate.bin
var gateModel []byte

// Classifier decides, for each candidate trigger of the lexicon, its PLOVER
// type or no event, from lexical, dependency and actor features of the
// trigger and its arguments (features.go). It is safe for concurrent use.
type Classifier struct {
	model *perceptron.Model
	types []plover.Type // by class: the type, NoType for NoEvent
	// offset is taken from the score of no event before the classes are
	// compared, chosen by cross-validation (model/classifier.tsv).
	offset float32
	// veto, when set, makes the classifier a check on the lexicon rather
	// than the decider (model/classifier.tsv: "policy veto").
	veto *Veto
	// gate, when set, is a model of event against no event (trained on
	// the same candidates with every type as one class) whose margin
	// decides the veto's drops: evidence of an event pools across types.
	gate *perceptron.Model
}

// Veto is the policy under which the classifier checks the lexicon instead
// of deciding alone: the lexicon's event stands unless the classifier is
// sure, by a margin of its scores chosen by cross-validation, that the
// candidate is no event or an event of another type; a candidate the
// lexicon would not code (its object list does not fit) becomes an event
// only when the classifier is as sure. A margin of Never turns a
// decision off.
type Veto struct {
	Drop   float32 // no event must lead the best type by more than this to drop the lexicon's event
	Retype float32 // another type must lead the lexicon's by more than this to replace it
	Add    float32 // a type must lead no event by more than this to code a candidate the lexicon does not
}

// Never is a margin no score reaches: the decision it guards is not taken.
const Never float32 = 1e30

// String returns the policy as the settings file and reports write it.
func (v Veto) String() string {
	return fmt.Sprintf("drop %s retype %s add %s", marginText(v.Drop), marginText(v.Retype), marginText(v.Add))
}

// marginText writes a margin as the settings file does.
func marginText(x float32) string {
	if x >= Never {
		return "never"
	}
	return strconv.FormatFloat(float64(x), 'g', -1, 32)
}

// Decision is the classifier's verdict on one candidate.
type Decision struct {
	Type   plover.Type // NoType: no event
	Score  float32     // the winning class's score
	Margin float32     // its lead over the runner-up
	Next   plover.Type // the runner-up (NoType: no event)
}

// String returns the decision as --explain shows it.
func (d Decision) String() string {
	name := func(t plover.Type) string {
		if t == plover.NoType {
			return NoEvent
		}
		return t.String()
	}
	return fmt.Sprintf("classifier %s: %s %.2f (next %s, margin %.2f)", ClassifierVersion, name(d.Type), d.Score, name(d.Next), d.Margin)
}

// ClassNames returns the classifier's classes: NoEvent, then the 16 types.
func ClassNames() []string {
	out := []string{NoEvent}
	for _, t := range plover.Types() {
		out = append(out, t.String())
	}
	return out
}

var (
	clsOnce sync.Once
	clsDef  *Classifier
	clsErr  error
)

// DefaultClassifier returns the embedded classifier, read once; nil (and
// no error) when the build embeds no model.
func DefaultClassifier() (*Classifier, error) {
	clsOnce.Do(func() {
		if len(classifierModel) == 0 {
			return
		}
		clsDef, clsErr = ReadClassifier(bytes.NewReader(classifierModel), bytes.NewReader(classifierSettings))
		if clsErr == nil && len(gateModel) > 0 {
			clsErr = clsDef.ReadGate(bytes.NewReader(gateModel))
		}
	})
	return clsDef, clsErr
}

// ReadClassifier reads a model written by Classifier.Write and its
// settings written by WriteSettings (nil for none).
func ReadClassifier(model, settings io.Reader) (*Classifier, error) {
	m, err := perceptron.Read(model)
	if err != nil {
		return nil, fmt.Errorf("event classifier: %w", err)
	}
	c, err := newClassifier(m)
	if err != nil || settings == nil {
		return c, err
	}
	err = readTable(settings, "classifier.tsv", 2, func(f []string) error {
		switch f[0] {
		case "version":
			if f[1] != ClassifierVersion {
				return fmt.Errorf("model for features %s, want %s: retrain with annals train events", f[1], ClassifierVersion)
			}
		case "offset":
			v, err := strconv.ParseFloat(f[1], 32)
			if err != nil {
				return fmt.Errorf("offset: %w", err)
			}
			c.offset = float32(v)
		case "veto-drop", "veto-retype", "veto-add":
			v := float32(Never)
			if f[1] != "never" {
				x, err := strconv.ParseFloat(f[1], 32)
				if err != nil || x < 0 {
					return fmt.Errorf("%s: want a margin of 0 or more, or never; got %q", f[0], f[1])
				}
				v = float32(x)
			}
			if c.veto == nil {
				c.veto = &Veto{Drop: Never, Retype: Never, Add: Never}
			}
			switch f[0] {
			case "veto-drop":
				c.veto.Drop = v
			case "veto-retype":
				c.veto.Retype = v
			default:
				c.veto.Add = v
			}
		default:
			return fmt.Errorf("unknown setting %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("event classifier: %w", err)
	}
	return c, nil
}

// WriteSettings writes the classifier's settings: the feature version and
// the offset of no event.
func (c *Classifier) WriteSettings(w io.Writer) error {
	_, err := fmt.Fprintf(w, "# settings of the event classifier (annals train events)\nversion\t%s\noffset\t%g\n", ClassifierVersion, c.offset)
	if err != nil || c.veto == nil {
		return err
	}
	_, err = fmt.Fprintf(w, "# the classifier checks the lexicon: margins it needs to drop, retype or add an event\nveto-drop\t%s\nveto-retype\t%s\nveto-add\t%s\n", marginText(c.veto.Drop), marginText(c.veto.Retype), marginText(c.veto.Add))
	return err
}

// SetOffset sets the amount taken from the score of no event before the
// classes are compared.
func (c *Classifier) SetOffset(off float32) { c.offset = off }

// WithVeto returns a copy of c (sharing its weights) that checks the
// lexicon under policy v; nil: the copy decides alone.
func (c *Classifier) WithVeto(v *Veto) *Classifier {
	c2 := *c
	if v != nil {
		x := *v
		c2.veto = &x
	} else {
		c2.veto = nil
	}
	return &c2
}

// Policy returns the veto policy, nil when the classifier decides alone.
func (c *Classifier) Policy() *Veto {
	if c.veto == nil {
		return nil
	}
	v := *c.veto
	return &v
}

func newClassifier(m *perceptron.Model) (*Classifier, error) {
	c := &Classifier{model: m}
	for _, name := range m.Classes {
		if name == NoEvent {
			c.types = append(c.types, plover.NoType)
			continue
		}
		t, err := plover.ParseType(name)
		if err != nil {
			return nil, fmt.Errorf("event classifier: class %q: %w", name, err)
		}
		c.types = append(c.types, t)
	}
	return c, nil
}

// ReadGate reads the event-or-not model written by WriteGate.
func (c *Classifier) ReadGate(r io.Reader) error {
	m, err := perceptron.Read(r)
	if err != nil {
		return fmt.Errorf("event classifier gate: %w", err)
	}
	if len(m.Classes) != 2 {
		return fmt.Errorf("event classifier gate: %d classes, want 2", len(m.Classes))
	}
	c.gate = m
	return nil
}

// WriteGate writes the event-or-not model; nothing when there is none.
func (c *Classifier) WriteGate(w io.Writer) error {
	if c.gate == nil {
		return nil
	}
	return c.gate.Write(w)
}

// WithGate returns a copy of c (sharing its weights) whose veto drops an
// event by the margin of g, a model trained by TrainGate.
func (c *Classifier) WithGate(g *Classifier) *Classifier {
	c2 := *c
	c2.gate = g.model
	return &c2
}

// Write writes the classifier's model in the perceptron's binary form.
func (c *Classifier) Write(w io.Writer) error { return c.model.Write(w) }

// Model returns the classifier's weights (for sizes in reports).
func (c *Classifier) Model() *perceptron.Model { return c.model }

// decide scores feats; scores is scratch space of at least one float a
// class.
func (c *Classifier) decide(feats []uint64, scores []float32) Decision {
	n := len(c.types)
	scores = scores[:n]
	clear(scores)
	c.model.Score(feats, scores)
	for i, t := range c.types {
		if t == plover.NoType {
			scores[i] -= c.offset
		}
	}
	best, next := 0, -1
	for i := 1; i < n; i++ {
		if scores[i] > scores[best] {
			best, next = i, best
		} else if next < 0 || scores[i] > scores[next] {
			next = i
		}
	}
	d := Decision{Type: c.types[best], Score: scores[best]}
	if next >= 0 {
		d.Next, d.Margin = c.types[next], scores[best]-scores[next]
	}
	return d
}

// check scores feats under the veto policy for a candidate whose lexicon
// type is lex, coded by the lexicon alone when fits. scores as in decide.
func (c *Classifier) check(feats []uint64, scores []float32, lex plover.Type, fits bool) Decision {
	n := len(c.types)
	scores = scores[:n]
	clear(scores)
	c.model.Score(feats, scores)
	none, lexi, best := -1, -1, -1
	for i, t := range c.types {
		switch {
		case t == plover.NoType:
			none = i
		case best < 0 || scores[i] > scores[best]:
			best = i
		}
		if t == lex && t != plover.NoType {
			lexi = i
		}
	}
	pick := func(win, runner int) Decision {
		d := Decision{Type: c.types[win], Score: scores[win]}
		if runner >= 0 {
			d.Next, d.Margin = c.types[runner], scores[win]-scores[runner]
		}
		return d
	}
	v := c.veto
	if none < 0 || best < 0 {
		return pick(max(lexi, 0), -1)
	}
	if !fits || lexi < 0 {
		if scores[best]-scores[none] > v.Add {
			return pick(best, none)
		}
		return pick(none, best)
	}
	lead := scores[none] - scores[best]
	if c.gate != nil {
		var g [2]float32
		c.gate.Score(feats, g[:])
		lead = g[0] - g[1]
	}
	if lead > v.Drop {
		d := pick(none, best)
		d.Margin = lead
		return d
	}
	if best != lexi && scores[best]-scores[lexi] > v.Retype {
		return pick(best, lexi)
	}
	if best != lexi {
		return pick(lexi, best)
	}
	return pick(lexi, none)
}

// judge is decide or, under a veto policy, check.
func (c *Classifier) judge(feats []uint64, scores []float32, lex plover.Type, fits bool) Decision {
	if c.veto != nil {
		return c.check(feats, scores, lex, fits)
	}
	return c.decide(feats, scores)
}

// Candidate is a trigger the lexicon proposes, with the features the
// classifier reads: what training aligns with gold events.
type Candidate struct {
	Sentence text.SentenceID
	Trigger  text.Span // the trigger's words in the text
	Tok      text.TokenID
	Type     plover.Type // the type the lexicon alone would choose
	Types    []plover.Type
	Fits     bool // the lexicon alone (object lists as filters) would code it
	Features []uint64
}

// Candidates returns every candidate trigger of doc (which has been through
// the stages before events) with its features, in text order.
func (c *Coder) Candidates(doc *text.Document) []Candidate {
	var out []Candidate
	s := newSentenceView(doc)
	s.cues = c.cues
	var cd candidate
	var sent []uint64
	var ctype []plover.Type
	type found struct {
		tok, last text.TokenID
		entries   []*Entry
		objOK     []bool
		primary   int
	}
	var fs []found
	for si := range doc.Sentences {
		s.reset(text.SentenceID(si))
		fs = fs[:0]
		for t := s.first; t < s.end; t++ {
			if !c.candidateAt(s, t, &cd) {
				continue
			}
			fs = append(fs, found{cd.tok, cd.last, append([]*Entry(nil), cd.entries...), append([]bool(nil), cd.objOK...), cd.primary})
			if cd.last == t+1 && cd.lexiconFits() {
				t = cd.last
			}
		}
		if len(fs) == 0 {
			continue
		}
		sent = s.sentenceFeatures(sent[:0])
		ctype = candidateTypes(s, ctype, len(fs), func(i int) (text.TokenID, plover.Type) { return fs[i].tok, fs[i].entries[fs[i].primary].Type })
		for _, f := range fs {
			x := candidate{tok: f.tok, last: f.last, entries: f.entries, objOK: f.objOK, primary: f.primary}
			cand := Candidate{
				Sentence: text.SentenceID(si),
				Trigger:  s.triggerSpan(f.tok, f.last, f.entries[f.primary]),
				Tok:      f.tok,
				Type:     x.entry().Type,
				Fits:     x.lexiconFits(),
				Features: s.features(nil, &x, sent, len(fs), ctype),
			}
			for _, e := range f.entries {
				cand.Types = append(cand.Types, e.Type)
			}
			out = append(out, cand)
		}
	}
	return out
}

// candidateTypes fills ctype, by token of the sentence, with the type the
// lexicon proposes for each of the n candidates that at(i) gives.
func candidateTypes(s *sentenceView, ctype []plover.Type, n int, at func(i int) (text.TokenID, plover.Type)) []plover.Type {
	ctype = ctype[:0]
	for range s.end - s.first {
		ctype = append(ctype, plover.NoType)
	}
	for i := range n {
		t, ty := at(i)
		ctype[t-s.first] = ty
	}
	return ctype
}

// classified is a trigger the coder will code: the entry it codes with
// (the lexicon's, or one of the classifier's type) and the decision. A
// trigger the lexicon alone would code but the classifier finds no event
// is built too, for the frames that combine it with others ("urged them
// to release …"), and dropped at the end (noEvent).
type classified struct {
	entry     *Entry
	tok, last text.TokenID
	decision  *Decision
	noEvent   bool
}

// triggers finds the sentence's triggers: every lexicon candidate, then,
// with a classifier, its type or no event.
func (c *Coder) triggers(s *sentenceView, out []classified) []classified {
	var cd candidate
	var cds []candidate
	for t := s.first; t < s.end; t++ {
		if !c.candidateAt(s, t, &cd) {
			continue
		}
		if cd.lexiconFits() {
			// Later candidates are read knowing the earlier triggers (an
			// event noun is no actor object), as the lexicon alone did.
			s.trigger[t-s.first] = true
		}
		if c.cls == nil || cd.pattern {
			// A verb dictionary's pattern is the user's explicit
			// knowledge: the classifier, trained on the default lexicon's
			// candidates, does not overrule it.
			if cd.lexiconFits() {
				out = append(out, classified{entry: cd.entry(), tok: cd.tok, last: cd.last})
			}
		} else {
			cds = append(cds, candidate{tok: cd.tok, last: cd.last, entries: append([]*Entry(nil), cd.entries...), objOK: append([]bool(nil), cd.objOK...), primary: cd.primary})
		}
		if cd.last == t+1 && cd.lexiconFits() {
			t = cd.last // a two-word trigger ("hunger strike") is one event
		}
	}
	if c.cls == nil || len(cds) == 0 {
		return out
	}
	sent := s.sentenceFeatures(make([]uint64, 0, 64))
	ctype := candidateTypes(s, nil, len(cds), func(i int) (text.TokenID, plover.Type) { return cds[i].tok, cds[i].entry().Type })
	feats := make([]uint64, 0, 256)
	var scores [32]float32
	for i := range cds {
		x := &cds[i]
		feats = s.features(feats[:0], x, sent, len(cds), ctype)
		d := c.cls.judge(feats, scores[:], x.entry().Type, x.lexiconFits())
		if d.Type == plover.NoType {
			if x.lexiconFits() {
				out = append(out, classified{entry: x.entry(), tok: x.tok, last: x.last, decision: &d, noEvent: true})
			}
			continue
		}
		out = append(out, classified{entry: x.entryFor(d.Type), tok: x.tok, last: x.last, decision: &d})
	}
	return out
}

// entryFor returns the candidate's entry of type t: the lexicon's choice
// when it has that type, else the first entry of the type, else an entry
// of the type with no mode made from the chosen one.
func (cd *candidate) entryFor(t plover.Type) *Entry {
	if p := cd.entry(); p.Type == t {
		return p
	}
	for i, e := range cd.entries {
		if e.Type == t && (e.Objects == nil || cd.objOK[i]) {
			return e
		}
	}
	for _, e := range cd.entries {
		if e.Type == t {
			return e
		}
	}
	e := *cd.entry()
	e.Type, e.Mode, e.CAMEO = t, "", ""
	return &e
}
