package event

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"

	"annals/internal/perceptron"
	"annals/internal/text"
)

// RankerVersion names the role ranker's features; a model trained for
// other features is refused.
const RankerVersion = "roles-rank.v1"

//go:embed model/ranker.bin
var rankerModel []byte

//go:embed model/ranker.tsv
var rankerSettings []byte

// The ranker's two classes: a candidate's score for a slot is the weight
// of "yes" less that of "no".
const (
	rankNo  = 0
	rankYes = 1
)

// RankMode says how the ranker's choice combines with the rules' (chosen
// by cross-validation, written in model/ranker.tsv).
type RankMode uint8

// The ways of combining the ranker with the rules.
const (
	// RankOff keeps the rules' choice.
	RankOff RankMode = iota
	// RankFill takes the ranker's choice only where the rules found no
	// coded actor for the slot.
	RankFill
	// RankMargin is RankFill, and also overrides the rules' coded choice
	// when the ranker's best scores more than the margin above it.
	RankMargin
	// RankReplace always takes the ranker's choice when it has one.
	RankReplace
)

var rankModeNames = [...]string{"off", "fill", "margin", "replace"}

// String returns the mode's name as the settings file writes it.
func (m RankMode) String() string {
	if int(m) < len(rankModeNames) {
		return rankModeNames[m]
	}
	return fmt.Sprintf("RankMode(%d)", uint8(m))
}

// ParseRankMode returns the mode named s.
func ParseRankMode(s string) (RankMode, error) {
	for i, n := range rankModeNames {
		if n == s {
			return RankMode(i), nil
		}
	}
	return RankOff, fmt.Errorf("unknown ranking mode %q (want off, fill, margin or replace)", s)
}

// RoleRanker scores, for an event's source and target slots, the coded
// actors its sentence mentions, from features of the path between the
// trigger and the candidate in the enhanced graph, its case marker, side
// and distance, its actor's kind and sector, the event's class and
// whether the rules chose it (rankfeatures.go). It is safe for concurrent
// use.
type RoleRanker struct {
	model  *perceptron.Model
	mode   RankMode
	margin float32
}

var (
	rankerOnce sync.Once
	rankerDef  *RoleRanker
	rankerErr  error
)

// DefaultRoleRanker returns the embedded role ranker, or nil (and no
// error) when the build embeds no model.
func DefaultRoleRanker() (*RoleRanker, error) {
	rankerOnce.Do(func() {
		if len(rankerModel) == 0 {
			return
		}
		rankerDef, rankerErr = ReadRoleRanker(bytes.NewReader(rankerModel), bytes.NewReader(rankerSettings))
	})
	return rankerDef, rankerErr
}

// ReadRoleRanker reads a model written by RoleRanker.Write and its
// settings written by WriteSettings (nil: mode replace, margin 0).
func ReadRoleRanker(model, settings io.Reader) (*RoleRanker, error) {
	m, err := perceptron.Read(model)
	if err != nil {
		return nil, fmt.Errorf("role ranker: %w", err)
	}
	if m.NumClasses() != 2 {
		return nil, fmt.Errorf("role ranker: model has %d classes, want 2", m.NumClasses())
	}
	r := &RoleRanker{model: m, mode: RankReplace}
	if settings == nil {
		return r, nil
	}
	err = readTable(settings, "ranker.tsv", 2, func(f []string) error {
		switch f[0] {
		case "version":
			if f[1] != RankerVersion {
				return fmt.Errorf("model for features %s, want %s: retrain with annals train roles", f[1], RankerVersion)
			}
		case "mode":
			md, err := ParseRankMode(f[1])
			if err != nil {
				return err
			}
			r.mode = md
		case "margin":
			v, err := strconv.ParseFloat(f[1], 32)
			if err != nil {
				return fmt.Errorf("margin: %w", err)
			}
			r.margin = float32(v)
		default:
			return fmt.Errorf("unknown setting %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("role ranker: %w", err)
	}
	return r, nil
}

// Write writes the ranker's model in the perceptron's binary form.
func (r *RoleRanker) Write(w io.Writer) error { return r.model.Write(w) }

// WriteSettings writes the feature version, the mode and the margin.
func (r *RoleRanker) WriteSettings(w io.Writer) error {
	_, err := fmt.Fprintf(w, "# settings of the role ranker (annals train roles)\nversion\t%s\nmode\t%s\nmargin\t%g\n", RankerVersion, r.mode, r.margin)
	return err
}

// Model returns the ranker's weights (for sizes in reports).
func (r *RoleRanker) Model() *perceptron.Model { return r.model }

// Mode returns how the ranker combines with the rules, and its margin.
func (r *RoleRanker) Mode() (RankMode, float32) { return r.mode, r.margin }

// SetMode sets how the ranker combines with the rules.
func (r *RoleRanker) SetMode(m RankMode, margin float32) { r.mode, r.margin = m, margin }

// Score returns a candidate's score for a slot from its features.
func (r *RoleRanker) Score(feats []uint64) float32 {
	var sc [2]float32
	r.model.Score(feats, sc[:])
	return sc[rankYes] - sc[rankNo]
}

// RoleCand is a candidate argument of an event: a coded actor its
// sentence mentions, with its features for either slot and whether the
// rules chose it.
type RoleCand struct {
	Arg              text.Argument
	Head             text.TokenID
	Source, Target   []uint64 // features for the source and the target slot
	RuleSrc, RuleTgt bool     // the rules put it in that slot
}

// RoleEvent is an event as built, before later stages, with its
// candidates and the rules' choice: the material the ranker is trained
// on and decides over.
type RoleEvent struct {
	Sentence         text.SentenceID
	Trigger          text.Span
	Type             string
	Cands            []RoleCand
	RuleSrc, RuleTgt []text.Argument
}

// RoleEvents codes doc as Process does, without a ranker, and returns
// every event built (also those later dropped) with its candidates.
func (c *Coder) RoleEvents(doc *text.Document) ([]RoleEvent, error) {
	c2 := *c
	c2.ranker = nil
	var log []RoleEvent
	err := c2.process(doc, &log)
	return log, err
}

// Choose returns the index of the ranker's choice among cands for a slot
// (features by feats), or -1 to keep the rules' choice; skip says which
// candidates may not be chosen, ruleCoded whether the rules' choice names
// a coded actor, and inRule whether a candidate is part of it.
func (r *RoleRanker) Choose(cands []RoleCand, feats func(*RoleCand) []uint64, skip func(int) bool, ruleCoded bool, inRule func(*RoleCand) bool) int {
	if r == nil || r.mode == RankOff || len(cands) == 0 {
		return -1
	}
	if ruleCoded && r.mode == RankFill {
		return -1
	}
	best, bestScore := -1, float32(0)
	ruleBest, hasRule := float32(0), false
	for i := range cands {
		sc := r.Score(feats(&cands[i]))
		if inRule(&cands[i]) && (!hasRule || sc > ruleBest) {
			ruleBest, hasRule = sc, true
		}
		if skip(i) {
			continue
		}
		if best < 0 || sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best < 0 || !ruleCoded {
		return best
	}
	if inRule(&cands[best]) {
		return -1 // the rules agree
	}
	if r.mode == RankMargin && hasRule && bestScore-ruleBest <= r.margin {
		return -1
	}
	if r.mode == RankMargin && !hasRule && bestScore <= r.margin {
		return -1
	}
	return best
}

// Decide returns the ranker's choice of source and of target among an
// event's candidates (-1: keep the rules' choice src or tgt). An event
// acts between two parties: a candidate that is the actor of the other
// side (the same phrase or the same code) is not chosen. An event whose
// rules found no coded actor on either side is left as it is: whether it
// is complete enough to report is not the ranker's to decide.
func (r *RoleRanker) Decide(cands []RoleCand, src, tgt []text.Argument) (si, ti int) {
	srcCoded, tgtCoded := coded(src), coded(tgt)
	if !srcCoded && !tgtCoded {
		return -1, -1
	}
	si = r.Choose(cands, func(k *RoleCand) []uint64 { return k.Source },
		func(i int) bool { return sameActor(cands[i].Arg, tgt) },
		srcCoded, func(k *RoleCand) bool { return k.RuleSrc })
	finalSrc := src
	if si >= 0 {
		finalSrc = []text.Argument{cands[si].Arg}
	}
	ti = r.Choose(cands, func(k *RoleCand) []uint64 { return k.Target },
		func(i int) bool { return i == si || sameActor(cands[i].Arg, finalSrc) },
		tgtCoded, func(k *RoleCand) bool { return k.RuleTgt })
	return si, ti
}

// decides reports whether the ranker may change an event whose rules'
// source and target name a coded actor or not, so that its candidates
// are gathered only then.
func (r *RoleRanker) decides(srcCoded, tgtCoded bool) bool {
	switch {
	case r == nil || r.mode == RankOff || (!srcCoded && !tgtCoded):
		return false
	case r.mode == RankFill:
		return !srcCoded || !tgtCoded
	}
	return true
}

// sameActor reports whether a is one of args: the same phrase, or an
// actor of the same code naming more than a country ("RUSGOV", not
// "RUS": a country's name or demonym often stands for one party of a
// conflict within it, "Egyptians" protesting against their government).
func sameActor(a text.Argument, args []text.Argument) bool {
	for _, b := range args {
		if a.Span.Overlaps(b.Span) || (len(a.Actor.Code) > 3 && a.Actor.Code == b.Actor.Code) {
			return true
		}
	}
	return false
}

// rankRoles gathers the candidates of event ev triggered at t..last,
// records them when the view keeps a log, and lets the ranker choose the
// source and the target where its mode says. The rules' choice is the
// event's sides as built.
func (c *Coder) rankRoles(s *sentenceView, t, last text.TokenID, noun bool, ev *text.Event) {
	if (c.ranker == nil && s.roleLog == nil) || !s.hasMentions {
		return
	}
	src, tgt := ev.Source, ev.Target
	if !noun && len(tgt) == 0 && len(src) > 1 && reciprocalTypes[ev.Type] {
		// Conjoined sources with no target act on each other (reciprocal,
		// later): that is the rules' target.
		tgt = src
	}
	if s.roleLog == nil && !c.ranker.decides(coded(src), coded(tgt)) {
		return
	}
	s.trigFirst, s.trigLast = t, last
	defer func() { s.trigFirst, s.trigLast = text.NoToken, text.NoToken }()
	cands := s.roleCandidates(t, noun, src, tgt)
	if s.roleLog != nil {
		*s.roleLog = append(*s.roleLog, RoleEvent{
			Sentence: s.id, Trigger: ev.Trigger, Type: string(ev.Type), Cands: cands,
			RuleSrc: slices.Clone(src), RuleTgt: slices.Clone(tgt),
		})
	}
	if c.ranker == nil || len(cands) == 0 {
		return
	}
	si, ti := c.ranker.Decide(cands, src, tgt)
	if si >= 0 {
		ev.Source = s.rankedArgument(&cands[si])
		s.rankEvidence(ev, text.FieldSource, ev.Source, c.ranker.Score(cands[si].Source), c.ranker.mode)
	}
	if ti >= 0 {
		ev.Target = s.rankedArgument(&cands[ti])
		s.rankEvidence(ev, text.FieldTarget, ev.Target, c.ranker.Score(cands[ti].Target), c.ranker.mode)
	}
}

// rankEvidence replaces the evidence of field with the ranker's.
func (s *sentenceView) rankEvidence(ev *text.Event, field text.EvidenceField, args []text.Argument, score float32, mode RankMode) {
	ev.Evidence = slices.DeleteFunc(ev.Evidence, func(e text.Evidence) bool { return e.Field == field })
	for _, a := range args {
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: field, Span: a.Span,
			Rule: fmt.Sprintf("ranker %s (%s): score %.2f [%s]", RankerVersion, mode, score, s.path(ev.TriggerTok, a.Span))})
	}
}

// rankedArgument returns the arguments of a chosen candidate: its phrase
// with its coded conjuncts ("India and Pakistan"), else the candidate
// alone.
func (s *sentenceView) rankedArgument(k *RoleCand) []text.Argument {
	var out []text.Argument
	found := false
	if s.tree {
		for _, a := range s.argument(k.Head) {
			if a.Actor.Coded() {
				out = append(out, a)
				found = found || a.Span.Overlaps(k.Arg.Span)
			}
		}
	}
	if !found {
		return []text.Argument{k.Arg}
	}
	return out
}

// roleCandidates returns the coded actors the sentence mentions outside
// the trigger, one per phrase, with their features.
func (s *sentenceView) roleCandidates(t text.TokenID, noun bool, src, tgt []text.Argument) []RoleCand {
	var out []RoleCand
	trig := text.Span{Start: s.doc.Tokens[s.trigFirst].Start, End: s.doc.Tokens[s.trigLast].End}
	for i := range s.doc.Mentions {
		m := &s.doc.Mentions[i]
		if m.Sentence != s.id || m.Actor.IsZero() {
			continue
		}
		h := s.mentionHead(text.MentionID(i))
		if h < s.first || h >= s.end || (h >= s.trigFirst && h <= s.trigLast) {
			continue
		}
		a := s.single(h)
		if !a.Actor.Coded() || a.Span.Overlaps(trig) {
			continue
		}
		dup := false
		for j := range out {
			if out[j].Arg.Span == a.Span {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		out = append(out, RoleCand{Arg: a, Head: h, RuleSrc: inArgs(a, src), RuleTgt: inArgs(a, tgt)})
	}
	if len(out) == 0 {
		return nil
	}
	g := s.rankGraph(t)
	for i := range out {
		k := &out[i]
		s.roleFeatures(k, &g, t, noun, i, len(out), src, tgt)
	}
	return out
}

// inArgs reports whether a is one of args: the same mention or phrase.
func inArgs(a text.Argument, args []text.Argument) bool {
	for _, b := range args {
		if b.Span.Overlaps(a.Span) || (a.Mention.Valid() && a.Mention == b.Mention) {
			return true
		}
	}
	return false
}
