package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"annals/internal/coder"
	"annals/internal/event"
	"annals/internal/pipeline"
	"annals/internal/plover"
	"annals/internal/shared"
	"annals/internal/text"
)

// Training data of the event classifier, relative to the shared folder.
const (
	eventsTrainFile = "data/annotated/ngec_events_train.jsonl"
	eventsDevFile   = "data/annotated/ngec_events_dev.jsonl"
	synthStoryFile  = "data/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"
)

// gumWeakNegative are GUM's genres where political events are rare: every
// candidate there is a weak "no event". News and court are not read: they
// are kept for measuring.
var gumWeakNegative = []string{"academic", "bio", "textbook", "voyage", "vlog", "conversation", "interview", "speech"}

// annotatedPassage is one passage of the annotated NGEC files.
type annotatedPassage struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Events []struct {
		Type     string `json:"type"`
		Trigger  string `json:"trigger"`
		TextSpan string `json:"text_span"`
	} `json:"events"`
	line []byte // the JSON line, for the scorer's reader
	at   string // file:line
}

// labelledDoc is a document coded for training, with how its candidates
// are labelled.
type labelledDoc struct {
	kind    string // "gold", "story", "gum"
	passage *annotatedPassage
	label   plover.Type // a story's document-level type
	doc     *text.Document
}

func cmdTrainEvents(e *env, args []string) int {
	fs := newFlagSet(e, "train events", "[--out PATH] [--epochs N] [--seed N] [--folds N] [--stories N] [--story-paragraphs N] [--gum=false] [--policy veto|decide] [--gate] [--offset X] [--dump FILE]",
		"Trains the event classifier, which decides for every candidate trigger of the\n"+
			"lexicon its PLOVER type or no event, from the annotated NGEC train passages,\n"+
			"the leads of the NGEC synthetic stories (weak positives) and GUM's non-news\n"+
			"genres (weak negatives), cross-validated over the passages, and writes the\n"+
			"model and its settings.")
	out := fs.String("out", filepath.Join("internal", "event", "model", "classifier.bin"), "where to write the model")
	epochs := fs.Int("epochs", 10, "passes over the training examples")
	seed := fs.Uint64("seed", 1, "seed of the order of the examples")
	folds := fs.Int("folds", 5, "cross-validation folds over the annotated passages (0: none)")
	stories := fs.Int("stories", -1, "NGEC synthetic stories read for weak positives (-1: all, 0: none)")
	paragraphs := fs.Int("story-paragraphs", 1, "paragraphs read from the start of each story")
	goldWeight := fs.Int("gold-weight", 1, "times each annotated passage's examples are repeated (they are the surest labels)")
	gum := fs.Bool("gum", true, "GUM's non-news genres as weak negatives")
	offset := fs.Float64("offset", -1, "taken from the score of no event before the classes are compared (-1: the offset of the best cross-validated F1, 0 without folds)")
	prune := fs.Float64("prune", 0, "drop weights under this fraction of the largest")
	workers := fs.Int("workers", 2, "documents coded in parallel")
	gate := fs.Bool("gate", false, "with --policy veto, drop events by a second model of event against no event (every type one class), written beside the model as gate.bin")
	policy := fs.String("policy", "veto", "how the coder takes the classifier's decisions: veto (it checks the lexicon; margins chosen by cross-validation) or decide (it decides alone, with the offset of no event)")
	dump := fs.String("dump", "", "write the annotated passages' candidates and their labels to `FILE` (TSV), to inspect the alignment")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	start := time.Now()
	gold, err := readAnnotated(eventsTrainFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	dev, err := readAnnotated(eventsDevFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	var docs []labelledDoc
	for i := range gold {
		docs = append(docs, labelledDoc{kind: "gold", passage: &gold[i], doc: text.New(gold[i].ID, gold[i].Text)})
	}
	if *stories != 0 {
		leads, skipped, err := storyLeads(append(slices.Clone(gold), dev...), *paragraphs)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "stories: %d leads with a PLOVER label; %d left out (they hold annotated passages)\n", len(leads), skipped)
		if *stories > 0 && *stories < len(leads) {
			leads = leads[:*stories]
		}
		for i, l := range leads {
			docs = append(docs, labelledDoc{kind: "story", label: l.label, doc: text.New(fmt.Sprintf("story%d", i), l.text)})
		}
	}
	if *gum {
		gdocs, err := gumDocuments(gumWeakNegative)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
		for _, d := range gdocs {
			docs = append(docs, labelledDoc{kind: "gum", doc: d})
		}
	}
	p, ev, after, err := candidatePipeline()
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	cands, err := codeForTraining(p, ev, docs, *workers)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	// Examples by document: annotated passages label every candidate;
	// stories only those of their type in the lead; GUM all as no event.
	exs := make([][]event.Example, len(docs))
	counts := map[string][2]int{}
	for i, d := range docs {
		exs[i] = labelCandidates(d, cands[i])
		if d.kind == "gold" {
			one := exs[i]
			for range *goldWeight - 1 {
				exs[i] = append(exs[i], one...)
			}
		}
		c := counts[d.kind]
		c[0]++
		c[1] += len(exs[i])
		counts[d.kind] = c
	}
	if *dump != "" {
		if err := dumpCandidates(*dump, docs, cands); err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
	}
	prep := time.Since(start)
	for _, k := range []string{"gold", "story", "gum"} {
		fmt.Fprintf(e.stdout, "%-6s %5d documents  %6d examples\n", k, counts[k][0], counts[k][1])
	}
	fmt.Fprintf(e.stdout, "coded the training text in %.1fs\n", prep.Seconds())
	opt := event.TrainOptions{Epochs: *epochs, Seed: *seed, Prune: *prune}
	var veto *event.Veto
	if *folds > 1 {
		cv, err := newCrossValidation(docs, exs, *folds, opt, *gate && *policy == "veto", ev, after)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "cross-validation: %d folds over %d annotated passages and %d GUM documents (held out in turn; the stories always train), each scored by the whole event coder as annals eval events scores\n", *folds, cv.nGold, cv.nGum)
		base, err := cv.run(nil)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "  lexicon alone:                %s\n", base)
		bestOff, bestDecide := float32(0), cvResult{}
		for k, off := range []float32{0, 4, 16} {
			r, err := cv.run(func(c *event.Classifier) *event.Classifier { c = c.WithVeto(nil); c.SetOffset(off); return c })
			if err != nil {
				fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
				return exitFailed
			}
			fmt.Fprintf(e.stdout, "  decide, none offset %4.1f:     %s\n", off, r)
			if k == 0 || r.objective() > bestDecide.objective() {
				bestOff, bestDecide = off, r
			}
		}
		v, r, err := cv.searchVeto(e.stdout)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "  veto %-30s %s (chosen)\n", v.String()+":", r)
		switch *policy {
		case "veto":
			veto = &v
		case "decide":
			if *offset < 0 {
				*offset = float64(bestOff)
			}
		default:
			fmt.Fprintf(e.stderr, "annals train events: --policy %q: want veto or decide\n", *policy)
			return exitUsage
		}
	}
	if *offset < 0 {
		*offset = 0
	}
	var all []event.Example
	for _, x := range exs {
		all = append(all, x...)
	}
	t0 := time.Now()
	cls, err := event.TrainClassifier(all, opt)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	cls.SetOffset(float32(*offset))
	if veto != nil {
		cls = cls.WithVeto(veto)
	}
	var gb bytes.Buffer // an empty gate file: no gate
	if veto != nil && *gate {
		g, err := event.TrainGate(all, opt)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
		if err := g.Write(&gb); err != nil {
			fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
			return exitFailed
		}
	}
	var b bytes.Buffer
	if err := cls.Write(&b); err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	var sb bytes.Buffer
	if err := cls.WriteSettings(&sb); err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(*out), "gate.bin"), gb.Bytes(), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	settings := strings.TrimSuffix(*out, filepath.Ext(*out)) + ".tsv"
	if err := os.WriteFile(settings, sb.Bytes(), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "annals train events: %v\n", err)
		return exitFailed
	}
	m := cls.Model()
	how := fmt.Sprintf("none offset %.1f", *offset)
	if veto != nil {
		how = "veto " + veto.String()
	}
	fmt.Fprintf(e.stdout, "model: %d examples, %d features, %d weights, %d bytes, %s -> %s (training %.1fs, total %.1fs)\n",
		len(all), m.NumFeatures(), m.NumWeights(), b.Len(), how, *out, time.Since(t0).Seconds(), time.Since(start).Seconds())
	return exitOK
}

// candidatePipeline returns the default pipeline without its event stage,
// the default pipeline's event coder without a classifier (to list
// candidates, and to code with a fold's classifier in cross-validation),
// and the stages after it.
func candidatePipeline() (*pipeline.Pipeline, *event.Coder, []pipeline.Stage, error) {
	full, err := coder.New(coder.Options{})
	if err != nil {
		return nil, nil, nil, err
	}
	var keep, after []pipeline.Stage
	var ev *event.Coder
	for _, s := range full.Stages() {
		switch {
		case ev != nil:
			after = append(after, s)
		default:
			if c, ok := s.(*event.Coder); ok {
				ev = c.WithClassifier(nil)
				continue
			}
			keep = append(keep, s) // the stages before events
		}
	}
	if ev == nil {
		return nil, nil, nil, fmt.Errorf("the default pipeline has no event stage")
	}
	p, err := pipeline.New(keep...)
	if err != nil {
		return nil, nil, nil, err
	}
	return p, ev, after, nil
}

// codeForTraining runs docs through p and lists each one's candidates; the
// documents keep the layers before events (labelledDoc.doc is replaced by
// the coded one).
func codeForTraining(p *pipeline.Pipeline, ev *event.Coder, docs []labelledDoc, workers int) ([][]event.Candidate, error) {
	in := make(chan *text.Document)
	go func() {
		for _, d := range docs {
			in <- d.doc
		}
		close(in)
	}()
	out := make([][]event.Candidate, len(docs))
	var errs []string
	err := p.Run(context.Background(), workers, in, func(r pipeline.Result) {
		if r.Err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", docs[r.Index].doc.ID, r.Err))
			return
		}
		out[r.Index] = ev.Candidates(r.Doc)
		if docs[r.Index].kind != "story" {
			docs[r.Index].doc = r.Doc // kept for coding under cross-validation
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

// labelCandidates turns a document's candidates into examples.
func labelCandidates(d labelledDoc, cands []event.Candidate) []event.Example {
	var out []event.Example
	switch d.kind {
	case "gold":
		for _, c := range cands {
			t, _ := alignGold(d.passage, c)
			out = append(out, event.Example{Features: c.Features, Type: t})
		}
	case "story":
		for _, c := range cands {
			// Only what the lexicon alone would code as the story's type:
			// a derived lexicon gives many words entries of many types.
			if c.Fits && c.Type == d.label {
				out = append(out, event.Example{Features: c.Features, Type: d.label})
			}
		}
	case "gum":
		for _, c := range cands {
			out = append(out, event.Example{Features: c.Features, Type: plover.NoType})
		}
	}
	return out
}

// alignGold returns the type of the gold event whose trigger shares a word
// with the candidate's and whose span (when the passage has it) covers the
// candidate, preferring one of a type the candidate's entries propose; and
// that event's index. NoType and -1 when none does.
func alignGold(p *annotatedPassage, c event.Candidate) (plover.Type, int) {
	trig := strings.Fields(strings.ToLower(p.Text[c.Trigger.Start:c.Trigger.End]))
	best, bestType := -1, plover.NoType
	for gi, g := range p.Events {
		t, err := plover.ParseType(g.Type)
		if err != nil {
			continue
		}
		if g.TextSpan != "" {
			if at := strings.Index(p.Text, g.TextSpan); at >= 0 && (c.Trigger.Start < at || c.Trigger.End > at+len(g.TextSpan)) {
				continue
			}
		}
		if !sharesWord(trig, strings.Fields(strings.ToLower(g.Trigger))) {
			continue
		}
		if best < 0 || (!slices.Contains(c.Types, bestType) && slices.Contains(c.Types, t)) {
			best, bestType = gi, t
		}
	}
	return bestType, best
}

// sharesWord reports whether a word of a and one of b are the same word up
// to an inflection: equal, or one a prefix of the other covering all but
// at most three letters of the longer ("meet", "meeting").
func sharesWord(a, b []string) bool {
	for _, x := range a {
		x = strings.Trim(x, ".,;:'\"")
		for _, y := range b {
			y = strings.Trim(y, ".,;:'\"")
			if x == y {
				return true
			}
			s, l := x, y
			if len(s) > len(l) {
				s, l = l, s
			}
			if len(s) >= 3 && strings.HasPrefix(l, s) && len(l)-len(s) <= 3 {
				return true
			}
		}
	}
	return false
}

// readAnnotated reads an annotated NGEC file from the shared folder.
func readAnnotated(rel string) ([]annotatedPassage, error) {
	path, ok := shared.Path(rel)
	if !ok {
		return nil, fmt.Errorf("../shared/%s is absent", rel)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []annotatedPassage
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var p annotatedPassage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		p.line, p.at = bytes.Clone(sc.Bytes()), fmt.Sprintf("%s:%d", path, line)
		out = append(out, p)
	}
	return out, sc.Err()
}

// storyLead is the first paragraph of a synthetic story and its label.
type storyLead struct {
	text  string
	label plover.Type
}

// storyLeads reads the first paragraphs of each NGEC synthetic story with
// a known type, leaving out the stories of the annotated passages (their
// leads are the dev and train passages).
func storyLeads(annotated []annotatedPassage, paragraphs int) ([]storyLead, int, error) {
	path, ok := shared.Path(synthStoryFile)
	if !ok {
		return nil, 0, fmt.Errorf("../shared/%s is absent", synthStoryFile)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	keys := map[string]bool{}
	for _, p := range annotated {
		keys[passageKey(p.Text)] = true
	}
	var out []storyLead
	skipped := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".csv") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %s: %w", path, f.Name, err)
		}
		cr := csv.NewReader(rc)
		cr.FieldsPerRecord = -1
		tcol, lcol := -1, -1
		for rec := 1; ; rec++ {
			r, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				rc.Close()
				return nil, 0, fmt.Errorf("%s: %s record %d: %w", path, f.Name, rec, err)
			}
			if tcol < 0 {
				tcol, lcol = slices.Index(r, "text"), slices.Index(r, "label")
				if tcol < 0 || lcol < 0 {
					rc.Close()
					return nil, 0, fmt.Errorf("%s: %s: no text or label column", path, f.Name)
				}
				continue
			}
			if tcol >= len(r) || lcol >= len(r) {
				continue
			}
			t, err := plover.ParseType(strings.ToUpper(strings.TrimSpace(r[lcol])))
			if err != nil {
				continue // a label outside the 16 types
			}
			story := strings.TrimSpace(r[tcol])
			paras := strings.SplitAfter(story, "\n\n")
			lead := strings.TrimSpace(strings.Join(paras[:min(max(paragraphs, 1), len(paras))], ""))
			if containsPassage(story, keys) {
				skipped++
				continue
			}
			out = append(out, storyLead{text: lead, label: t})
		}
		rc.Close()
	}
	return out, skipped, nil
}

// passageKeyLen is the number of letters and digits that identify a
// passage.
const passageKeyLen = 60

// passageKey identifies a passage by its first letters and digits, so that
// a story that holds an annotated passage is recognised whatever its
// spacing.
func passageKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= passageKeyLen {
			break
		}
		if alnum(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func alnum(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }

// containsPassage reports whether story holds, anywhere (not only at its
// start: some stories open with a dateline paragraph), the start of a
// passage whose key is in keys.
func containsPassage(story string, keys map[string]bool) bool {
	var b strings.Builder
	for _, r := range story {
		if alnum(r) {
			b.WriteRune(r)
		}
	}
	n := b.String()
	for i := 0; i+passageKeyLen <= len(n); i++ {
		if keys[n[i:i+passageKeyLen]] {
			return true
		}
	}
	// A passage shorter than a key (a dateline) is matched at the start.
	return keys[passageKey(story)]
}

// gumDocuments reads the text of GUM's documents of the given genres, one
// document a file, from the sentences' "# text =" lines.
func gumDocuments(genres []string) ([]*text.Document, error) {
	dir, ok := shared.Path("data/gum/dep")
	if !ok {
		return nil, fmt.Errorf("../shared/data/gum/dep is absent")
	}
	var out []*text.Document
	for _, g := range genres {
		files, err := filepath.Glob(filepath.Join(dir, "GUM_"+g+"_*.conllu"))
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			var b strings.Builder
			for _, line := range strings.Split(string(data), "\n") {
				if t, ok := strings.CutPrefix(line, "# text = "); ok {
					b.WriteString(t)
					b.WriteString("\n")
				}
			}
			out = append(out, text.New(strings.TrimSuffix(filepath.Base(path), ".conllu"), b.String()))
		}
	}
	return out, nil
}

// dumpCandidates writes, for each candidate of the annotated passages, the
// passage, the trigger, the lexicon's types and the aligned gold type.
func dumpCandidates(path string, docs []labelledDoc, cands [][]event.Candidate) error {
	var b strings.Builder
	for i, d := range docs {
		if d.kind != "gold" {
			continue
		}
		for _, c := range cands[i] {
			t, _ := alignGold(d.passage, c)
			var ts []string
			for _, x := range c.Types {
				ts = append(ts, x.String())
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\t%v\t%s\t%s\n", d.passage.ID, d.passage.Text[c.Trigger.Start:c.Trigger.End], c.Type, c.Fits, strings.Join(ts, ","), t)
		}
		for _, g := range d.passage.Events {
			fmt.Fprintf(&b, "%s\tGOLD\t%s\t%s\n", d.passage.ID, g.Trigger, g.Type)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
