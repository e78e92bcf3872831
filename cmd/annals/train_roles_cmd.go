package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"annals/internal/coder"
	"annals/internal/eval"
	"annals/internal/event"
	"annals/internal/pipeline"
	"annals/internal/shared"
	"annals/internal/text"
)

// roleSlot is one slot of one coded event aligned with a gold event: the
// candidates that match the gold side, and whether the rules' choice does.
type roleSlot struct {
	good   []bool
	ruleOK bool
}

// roleItem is a coded event aligned with a gold event, for training and
// scoring the ranker.
type roleItem struct {
	ev       event.RoleEvent
	src, tgt *roleSlot // nil: the gold side is empty (anything matches)
}

func cmdTrainRoles(e *env, args []string) int {
	fs := newFlagSet(e, "train roles", "[--train FILE] [--out PATH] [--epochs N] [--seed N] [--folds N] [--mode M] [--margin X]",
		"Trains the role ranker, which chooses each coded event's source and target\n"+
			"among the coded actors of its sentence, from the annotated NGEC train\n"+
			"passages (a candidate is right when its country-level code matches the\n"+
			"gold side), cross-validated by passage folds, which also choose how the\n"+
			"ranker combines with the rules; writes the model and its settings.")
	out := fs.String("out", filepath.Join("internal", "event", "model", "ranker.bin"), "where to write the model")
	epochs := fs.Int("epochs", 10, "passes over the training examples")
	seed := fs.Uint64("seed", 1, "seed of the order of the examples")
	folds := fs.Int("folds", 5, "cross-validation folds over the passages (0: none)")
	modeFlag := fs.String("mode", "", "how the ranker combines with the rules: off, fill, margin or replace (default: by cross-validation, the least change to the rules within one standard error of the best)")
	margin := fs.Float64("margin", 0, "with --mode margin: the lead over the rules' choice the ranker needs to override it")
	workers := fs.Int("workers", 2, "documents coded in parallel")
	trainFile := fs.String("train", "", "annotated passages (JSON lines with events' source and target codes; default ../shared/"+eventsTrainFile+")")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	mode, marg := event.RankReplace, float32(0)
	if *modeFlag != "" {
		var err error
		if mode, err = event.ParseRankMode(*modeFlag); err != nil {
			fmt.Fprintf(e.stderr, "annals train roles: %v\n", err)
			return exitUsage
		}
		marg = float32(*margin)
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "annals train roles: %v\n", err)
		return exitFailed
	}
	start := time.Now()
	path := *trainFile
	if path == "" {
		var ok bool
		if path, ok = shared.Path(eventsTrainFile); !ok {
			return fail(fmt.Errorf("../shared/%s is absent; give the passages with --train", eventsTrainFile))
		}
	}
	gold, bad, err := readRolePassages(path)
	if err != nil {
		return fail(err)
	}
	for _, b := range bad {
		fmt.Fprintf(e.stderr, "annals train roles: %v\n", b)
	}
	if len(gold) == 0 {
		return fail(fmt.Errorf("%s: no passages", path))
	}
	isCountry, err := countryCodes()
	if err != nil {
		return fail(err)
	}
	p, ev, err := rolePipeline()
	if err != nil {
		return fail(err)
	}
	logs, err := codeRoles(p, ev, gold, *workers)
	if err != nil {
		return fail(err)
	}
	items := make([][]roleItem, len(gold))
	nItems, nSlots, reach := 0, 0, 0
	for i := range gold {
		items[i] = alignRoles(&gold[i], logs[i], isCountry)
		for _, it := range items[i] {
			nItems++
			for _, sl := range []*roleSlot{it.src, it.tgt} {
				if sl == nil {
					continue
				}
				nSlots++
				if anyTrue(sl.good) {
					reach++
				}
			}
		}
	}
	fmt.Fprintf(e.stdout, "%d passages, %d coded events aligned with a gold event, %d slots with a gold side, %d (%.3f) with the right actor among the candidates; coded in %.1fs\n",
		len(gold), nItems, nSlots, reach, ratioOf(reach, nSlots), time.Since(start).Seconds())
	opt := event.RankTrainOptions{Epochs: *epochs, Seed: *seed}
	type setting struct {
		mode   event.RankMode
		margin float32
	}
	// From the least change to the rules to the most: off, fill, margin
	// from wide to none, replace.
	settings := []setting{{event.RankOff, 0}, {event.RankFill, 0}}
	for _, m := range []float32{40, 20, 10, 5, 2, 0} {
		settings = append(settings, setting{event.RankMargin, m})
	}
	settings = append(settings, setting{event.RankReplace, 0})
	if *folds > 1 {
		total := make([]roleScore, len(settings))
		for f := range *folds {
			var train []event.RankExample
			var test []roleItem
			for i := range gold {
				if i%*folds == f {
					test = append(test, items[i]...)
					continue
				}
				train = append(train, rankExamples(items[i])...)
			}
			r, err := event.TrainRoleRanker(train, opt)
			if err != nil {
				return fail(err)
			}
			var line []string
			for k, st := range settings {
				r.SetMode(st.mode, st.margin)
				sc := scoreRoles(r, test)
				total[k].add(sc)
				if st.mode == event.RankOff || st.mode == event.RankFill || st.mode == event.RankReplace {
					line = append(line, fmt.Sprintf("%s %s", st.mode, sc))
				}
			}
			fmt.Fprintf(e.stdout, "fold %d: %3d events  %s\n", f+1, len(test), strings.Join(line, "  "))
		}
		best := 0
		for k, st := range settings {
			fmt.Fprintf(e.stdout, "folds, %-7s margin %4.1f: %s\n", st.mode, st.margin, total[k])
			if total[k].dyad > total[best].dyad {
				best = k
			}
		}
		// The one-standard-error rule: the first setting (the least
		// change to the rules) whose right dyads are within one binomial
		// standard error of the best's.
		n := float64(total[best].events)
		p := float64(total[best].dyad) / max(n, 1)
		se := math.Sqrt(n * p * (1 - p))
		pick := best
		for k := range settings {
			if float64(total[k].dyad) >= float64(total[best].dyad)-se {
				pick = k
				break
			}
		}
		fmt.Fprintf(e.stdout, "best %s margin %g (%d right dyads, standard error %.1f); chosen by the one-standard-error rule: %s margin %g\n",
			settings[best].mode, settings[best].margin, total[best].dyad, se, settings[pick].mode, settings[pick].margin)
		if *modeFlag == "" {
			mode, marg = settings[pick].mode, settings[pick].margin
		}
	}
	var all []event.RankExample
	for i := range items {
		all = append(all, rankExamples(items[i])...)
	}
	t0 := time.Now()
	r, err := event.TrainRoleRanker(all, opt)
	if err != nil {
		return fail(err)
	}
	r.SetMode(mode, marg)
	var b, sb bytes.Buffer
	if err := r.Write(&b); err != nil {
		return fail(err)
	}
	if err := r.WriteSettings(&sb); err != nil {
		return fail(err)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return fail(err)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return fail(err)
	}
	if err := os.WriteFile(strings.TrimSuffix(*out, filepath.Ext(*out))+".tsv", sb.Bytes(), 0o644); err != nil {
		return fail(err)
	}
	m := r.Model()
	fmt.Fprintf(e.stdout, "model: %d examples, %d features, %d weights, %d bytes, mode %s margin %g -> %s (training %.1fs, total %.1fs)\n",
		len(all), m.NumFeatures(), m.NumWeights(), b.Len(), mode, marg, *out, time.Since(t0).Seconds(), time.Since(start).Seconds())
	return exitOK
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// rolePipeline returns the default pipeline without its event stage, and
// that event stage.
func rolePipeline() (*pipeline.Pipeline, *event.Coder, error) {
	full, err := coder.New(coder.Options{})
	if err != nil {
		return nil, nil, err
	}
	var keep []pipeline.Stage
	var ev *event.Coder
	for _, s := range full.Stages() {
		if c, ok := s.(*event.Coder); ok {
			ev = c
			break
		}
		keep = append(keep, s)
	}
	if ev == nil {
		return nil, nil, fmt.Errorf("the default pipeline has no event stage")
	}
	p, err := pipeline.New(keep...)
	return p, ev, err
}

// codeRoles runs each passage through p and lists the events ev builds
// with their role candidates.
func codeRoles(p *pipeline.Pipeline, ev *event.Coder, gold []eval.GoldPassage, workers int) ([][]event.RoleEvent, error) {
	in := make(chan *text.Document)
	go func() {
		for _, g := range gold {
			in <- text.New(g.ID, g.Text)
		}
		close(in)
	}()
	out := make([][]event.RoleEvent, len(gold))
	var errs []string
	err := p.Run(context.Background(), workers, in, func(r pipeline.Result) {
		if r.Err == nil {
			out[r.Index], r.Err = ev.RoleEvents(r.Doc)
		}
		if r.Err != nil {
			errs = append(errs, fmt.Sprintf("passage %s: %v", gold[r.Index].ID, r.Err))
		}
	})
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// alignRoles pairs each coded event with the gold event whose trigger
// shares a word with its trigger and whose span (when given) covers it,
// one of the same type first; events with none are left out.
func alignRoles(p *eval.GoldPassage, evs []event.RoleEvent, isCountry func(string) bool) []roleItem {
	var out []roleItem
	for _, ev := range evs {
		trig := strings.Fields(strings.ToLower(p.Text[ev.Trigger.Start:ev.Trigger.End]))
		best := -1
		for gi, g := range p.Events {
			if g.TextSpan != "" {
				if at := strings.Index(p.Text, g.TextSpan); at >= 0 && (ev.Trigger.Start < at || ev.Trigger.End > at+len(g.TextSpan)) {
					continue
				}
			}
			if !sharesWord(trig, strings.Fields(strings.ToLower(g.Trigger))) {
				continue
			}
			if best < 0 || (p.Events[best].Type.String() != ev.Type && g.Type.String() == ev.Type) {
				best = gi
			}
		}
		if best < 0 {
			continue
		}
		g := p.Events[best]
		it := roleItem{ev: ev}
		it.src = roleSlotOf(ev.Cands, ev.RuleSrc, g.Source, isCountry)
		it.tgt = roleSlotOf(ev.Cands, ev.RuleTgt, g.Target, isCountry)
		out = append(out, it)
	}
	return out
}

// roleSlotOf labels the candidates of a slot against its gold codes; nil
// when the gold side is empty.
func roleSlotOf(cands []event.RoleCand, rule []text.Argument, gold []string, isCountry func(string) bool) *roleSlot {
	if len(gold) == 0 {
		return nil
	}
	sl := &roleSlot{good: make([]bool, len(cands)), ruleOK: argsMatch(rule, gold, isCountry)}
	for i := range cands {
		sl.good[i] = argsMatch([]text.Argument{cands[i].Arg}, gold, isCountry)
	}
	return sl
}

// argsMatch reports whether one of args matches one of the gold codes at
// country level, as annals eval events scores dyads.
func argsMatch(args []text.Argument, gold []string, isCountry func(string) bool) bool {
	for _, g := range gold {
		key := eval.CountryLevel(strings.ToUpper(strings.TrimSpace(g)), isCountry)
		for _, a := range args {
			if eval.ActorMatches(a.Actor, key) {
				return true
			}
		}
	}
	return false
}

// rankExamples returns the slots of items that teach the ranker: some
// candidate right and some wrong.
func rankExamples(items []roleItem) []event.RankExample {
	var out []event.RankExample
	for _, it := range items {
		for k, sl := range []*roleSlot{it.src, it.tgt} {
			if sl == nil || !anyTrue(sl.good) || !slicesContainsFalse(sl.good) {
				continue
			}
			x := event.RankExample{Good: sl.good}
			for i := range it.ev.Cands {
				if k == 0 {
					x.Feats = append(x.Feats, it.ev.Cands[i].Source)
				} else {
					x.Feats = append(x.Feats, it.ev.Cands[i].Target)
				}
			}
			out = append(out, x)
		}
	}
	return out
}

func slicesContainsFalse(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return true
		}
	}
	return false
}

// roleScore counts right slots and right dyads of aligned events.
type roleScore struct{ slots, slotsOK, events, dyad int }

func (s *roleScore) add(o roleScore) {
	s.slots += o.slots
	s.slotsOK += o.slotsOK
	s.events += o.events
	s.dyad += o.dyad
}

func (s roleScore) String() string {
	return fmt.Sprintf("slots %.3f (%d/%d) dyads %.3f (%d/%d)", ratioOf(s.slotsOK, s.slots), s.slotsOK, s.slots, ratioOf(s.dyad, s.events), s.dyad, s.events)
}

// scoreRoles scores the ranker's decisions (in its mode) on items: a slot
// is right when its choice matches the gold side; a dyad when both are.
func scoreRoles(r *event.RoleRanker, items []roleItem) roleScore {
	var s roleScore
	for _, it := range items {
		si, ti := r.Decide(it.ev.Cands, it.ev.RuleSrc, it.ev.RuleTgt)
		ok := true
		for k, sl := range []*roleSlot{it.src, it.tgt} {
			if sl == nil {
				continue
			}
			choice := si
			if k == 1 {
				choice = ti
			}
			right := sl.ruleOK
			if choice >= 0 {
				right = sl.good[choice]
			}
			s.slots++
			if right {
				s.slotsOK++
			} else {
				ok = false
			}
		}
		s.events++
		if ok {
			s.dyad++
		}
	}
	return s
}

// readRolePassages reads annotated passages with their events' sides (as
// eval events reads them: codes normalized, types checked). A line that is
// no passage is reported as file:line with its reason and skipped; the
// error is only for a file that cannot be read.
func readRolePassages(path string) ([]eval.GoldPassage, []error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	gold, bad := eval.ReadPassages(f, path)
	return gold, bad, nil
}
