package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"annals/internal/actor"
	"annals/internal/coder"
	"annals/internal/eval"
	"annals/internal/pipeline"
	"annals/internal/record"
	"annals/internal/shared"
	"annals/internal/text"
)

func cmdEvalEvents(e *env, args []string) int {
	fs := newFlagSet(e, "eval events", "[--gold FILE]... [--json] [--all] [--misses] [--workers N] [--actors FILE]... [--lexicon FILE]... [--verbs FILE]... [--classify] [--rules-only]",
		"Codes each gold record's text and scores the events coded against the gold\n"+
			"events, one report per gold file (PLOVER records event by event; annotated\n"+
			"passages by type and dyad).")
	var golds stringList
	fs.Var(&golds, "gold", "gold `FILE` (repeatable): PLOVER gold records (one event a line) or annotated passages (an \"events\" list a line); default: both dev sets in ../shared")
	asJSON := fs.Bool("json", false, "print each report as one JSON object")
	workers := fs.Int("workers", 0, "records coded in parallel (0: one per core)")
	all := fs.Bool("all", false, "score every coded event, also those with no coded actor (left out by default, as annals code does)")
	misses := fs.Bool("misses", false, "also list the records whose type, source and target no coded event matches, with what was coded")
	classify := fs.Bool("classify", false, "let the trained event classifier decide each lexicon candidate's type or no event")
	rulesOnly := fs.Bool("rules-only", false, "choose sources and targets by the role rules alone, without the trained role ranker")
	var actors, lexicons, verbs stringList
	fs.Var(&actors, "actors", "actor `FILE` adding to the knowledge base (repeatable)")
	fs.Var(&lexicons, "lexicon", "event lexicon `FILE` merged over the embedded one (repeatable)")
	fs.Var(&verbs, "verbs", "PETRARCH/TABARI verb dictionary `FILE` whose verbs and patterns add to the event lexicon (repeatable)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if len(golds) == 0 {
		for _, rel := range []string{"data/plover/plover_gsr_dev.jsonl", "data/annotated/ngec_events_dev.jsonl"} {
			if p, ok := shared.Path(rel); ok {
				golds = append(golds, p)
			}
		}
	}
	if len(golds) == 0 {
		fmt.Fprintln(e.stderr, "annals eval events: --gold FILE is required (the dev sets in ../shared/data are not here)")
		return exitUsage
	}
	p, err := coder.New(coder.Options{ActorFiles: actors, Lexicons: lexicons, VerbFiles: verbs, Classify: *classify, RulesOnly: *rulesOnly, Warn: warnTo(e, "annals eval events")})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
		return exitUsage
	}
	keepAll = *all
	status := exitOK
	for i, path := range golds {
		if i > 0 && !*asJSON {
			fmt.Fprintln(e.stdout)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
			return exitUsage
		}
		var st int
		if eval.IsPassageFormat(firstLine(data)) {
			st = evalPassages(e, p, data, path, *workers, *asJSON, *misses)
		} else {
			st = evalRecords(e, p, data, path, *workers, *asJSON, *misses)
		}
		status = max(status, st)
	}
	return status
}

// writeJSONReport prints a report as one indented JSON object with the gold
// file, the seconds spent coding and the sentences coded a second.
func writeJSONReport(e *env, rep any, path string, sentences int, elapsed time.Duration) {
	b, err := json.Marshal(rep)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
		return
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
		return
	}
	out["gold"], out["seconds"], out["sentences_per_second"] = path, elapsed.Seconds(), float64(sentences)/elapsed.Seconds()
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

// codeReporting prints the errors of reading a gold file, codes its texts
// and prints the documents that failed; clean is false when there was
// either.
func codeReporting(e *env, p *pipeline.Pipeline, texts []textRecord, readErrs []error, workers int) (pred [][]record.Event, sentences int, elapsed time.Duration, clean bool) {
	for _, err := range readErrs {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
	}
	pred, sentences, elapsed, failures := codeGold(p, texts, workers)
	for _, err := range failures {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
	}
	return pred, sentences, elapsed, len(readErrs) == 0 && len(failures) == 0
}

// firstLine returns the first non-blank line of data.
func firstLine(data []byte) []byte {
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			return line
		}
		data = rest
	}
	return nil
}

// evalRecords scores PLOVER gold records (one event a record).
func evalRecords(e *env, p *pipeline.Pipeline, data []byte, path string, workers int, asJSON, misses bool) int {
	gold, errs := eval.ReadGold(bytes.NewReader(data), path)
	texts := make([]textRecord, len(gold))
	for i, g := range gold {
		texts[i] = textRecord{g.ID, g.Text}
	}
	pred, sentences, elapsed, clean := codeReporting(e, p, texts, errs, workers)
	rep := eval.ScoreEvents(gold, pred)
	if asJSON {
		writeJSONReport(e, rep, path, sentences, elapsed)
	} else {
		printEventReport(e, rep, path, sentences, elapsed)
		if misses {
			printMisses(e, gold, pred)
		}
	}
	if !clean {
		return exitFailed
	}
	return exitOK
}

// evalPassages scores annotated passages event by event.
func evalPassages(e *env, p *pipeline.Pipeline, data []byte, path string, workers int, asJSON, misses bool) int {
	gold, errs := eval.ReadPassages(bytes.NewReader(data), path)
	texts := make([]textRecord, len(gold))
	for i, g := range gold {
		texts[i] = textRecord{g.ID, g.Text}
	}
	pred, sentences, elapsed, clean := codeReporting(e, p, texts, errs, workers)
	isCountry, err := countryCodes()
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
		return exitFailed
	}
	rep := eval.ScorePassages(gold, pred, isCountry)
	if asJSON {
		writeJSONReport(e, rep, path, sentences, elapsed)
	} else {
		printPassageReport(e, rep, path, sentences, elapsed)
		if misses {
			printPassageMisses(e, gold, pred, isCountry)
		}
	}
	if !clean {
		return exitFailed
	}
	return exitOK
}

// countryCodes returns a test for the country codes of the actor knowledge
// base, by which gold codes are cut to country level.
func countryCodes() (func(string) bool, error) {
	kb, err := actor.Default()
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, id := range kb.Entries(actor.KindState) {
		if en, ok := kb.Entry(id); ok && len(en.Code) >= 3 {
			set[en.Code[:3]] = true
		}
	}
	return func(c string) bool { return set[c] }, nil
}

func printPassageReport(e *env, rep eval.PassageReport, gold string, sentences int, elapsed time.Duration) {
	fmt.Fprintf(e.stdout, "gold: %s\npassages: %d (%d with events, %d without), gold events: %d, events coded: %d\n",
		gold, rep.Passages, rep.WithEvents, rep.Empty, rep.GoldEvents, rep.Events)
	fmt.Fprintf(e.stdout, "event type:  P %.3f  R %.3f  F1 %.3f  (event by event)   macro F1 %.3f\n", rep.TypePrecision, rep.TypeRecall, rep.TypeF1, rep.MacroF1)
	fmt.Fprintf(e.stdout, "type+dyad:   P %.3f  R %.3f  F1 %.3f  (country level; an empty gold side matches anything)\n", rep.DyadPrecision, rep.DyadRecall, rep.DyadF1)
	fmt.Fprintf(e.stdout, "passages with every labelled type found: %.3f (%d/%d); passages without events given one: %d/%d\n",
		ratioOf(rep.TypeFound, rep.WithEvents), rep.TypeFound, rep.WithEvents, rep.EmptyWithFalse, rep.Empty)
	fmt.Fprintf(e.stdout, "speed: %d sentences in %.2fs (%.0f sentences/s, including model load: no)\n\n", sentences, elapsed.Seconds(), float64(sentences)/elapsed.Seconds())
	printPerType(e, rep.PerType)
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// printPassageMisses lists each passage whose gold and coded events differ
// in type or dyad, with both.
func printPassageMisses(e *env, gold []eval.GoldPassage, pred [][]record.Event, isCountry func(string) bool) {
	fmt.Fprintln(e.stdout, "\nmisses (passages whose type+dyad pairs are not all right):")
	for i, g := range gold {
		var evs []record.Event
		if i < len(pred) {
			evs = pred[i]
		}
		r := eval.ScorePassages([]eval.GoldPassage{g}, [][]record.Event{evs}, isCountry)
		if r.Dyad.FP == 0 && r.Dyad.FN == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "\n%s (line %d): %s\n", g.ID, g.Line, g.Text)
		for _, ge := range g.Events {
			fmt.Fprintf(e.stdout, "  gold  %s %s -> %s  [%s]\n", ge.Type, strings.Join(ge.Source, "+"), strings.Join(ge.Target, "+"), ge.Trigger)
		}
		for _, ev := range evs {
			fmt.Fprintf(e.stdout, "  coded %s %s -> %s  [%s]\n", ev.EventType, argCodes(ev.Source), argCodes(ev.Target), ev.Trigger.Text)
		}
	}
}

func argCodes(as []record.Argument) string {
	var out []string
	for _, a := range as {
		c := a.Actor.Code
		if c == "" {
			c = "?"
		}
		out = append(out, fmt.Sprintf("%s(%s)", c, a.Text))
	}
	return strings.Join(out, "+")
}

// keepAll makes codeGold keep events with no coded actor (eval events --all).
var keepAll bool

// textRecord is a gold text to code: its id and text.
type textRecord struct{ id, text string }

// codeGold codes each gold record's text as a document of its own.
func codeGold(p *pipeline.Pipeline, gold []textRecord, workers int) ([][]record.Event, int, time.Duration, []error) {
	pred := make([][]record.Event, len(gold))
	docs := make(chan *text.Document)
	go func() {
		defer close(docs)
		for _, g := range gold {
			docs <- text.New(g.id, g.text)
		}
	}()
	var failures []error
	sentences := 0
	start := time.Now()
	p.Run(context.Background(), workers, docs, func(r pipeline.Result) {
		if r.Err != nil {
			failures = append(failures, r.Err)
			return
		}
		sentences += len(r.Doc.Sentences)
		recs := record.FromDocument(r.Doc)
		if !keepAll {
			recs = record.Complete(recs)
		}
		pred[r.Index] = recs
	})
	return pred, sentences, time.Since(start), failures
}

func printEventReport(e *env, rep eval.EventReport, gold string, sentences int, elapsed time.Duration) {
	fmt.Fprintf(e.stdout, "gold: %s\nrecords: %d (%d with known faults), with events: %d, events coded: %d\n",
		gold, rep.Records, rep.Problems, rep.RecordsCoded, rep.Events)
	fmt.Fprintf(e.stdout, "event type:  P %.3f  R %.3f  F1 %.3f  (micro)   macro F1 %.3f\n", rep.Precision, rep.Recall, rep.F1, rep.MacroF1)
	fmt.Fprintf(e.stdout, "type+source+target recall: %.3f (%d/%d)\n", rep.TypeSourceTarget, rep.TypeSourceTgtN, rep.Records)
	fmt.Fprintf(e.stdout, "speed: %d sentences in %.2fs (%.0f sentences/s, including model load: no)\n\n", sentences, elapsed.Seconds(), float64(sentences)/elapsed.Seconds())
	printPerType(e, rep.PerType)
}

// printPerType prints one line per event type: gold and predicted counts,
// true positives, precision, recall and F1.
func printPerType(e *env, per []eval.TypeScore) {
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "type\tgold\tpredicted\tTP\tP\tR\tF1\t")
	for _, t := range per {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", t.Type, t.Gold, t.Predicted, t.TP, t.Precision, t.Recall, t.F1)
	}
	w.Flush()
}

// printMisses lists, for each record no coded event matches in type,
// source and target, the gold event and every event coded from its text.
func printMisses(e *env, gold []eval.GoldRecord, pred [][]record.Event) {
	codes := func(as []eval.GoldActor) string {
		var out []string
		for _, a := range as {
			out = append(out, a.Code)
		}
		return strings.Join(out, "+")
	}
	fmt.Fprintln(e.stdout, "\nmisses (type+source+target):")
	for i, g := range gold {
		if i < len(pred) && eval.Hit(g, pred[i]) {
			continue
		}
		fmt.Fprintf(e.stdout, "\n%s (line %d): %s\n  gold  %s %s -> %s\n", g.ID, g.Line, g.Text, g.Type, codes(g.Source), codes(g.Target))
		if i < len(pred) {
			for _, ev := range pred[i] {
				fmt.Fprintf(e.stdout, "  coded %s %s -> %s  [%s]\n", ev.EventType, argCodes(ev.Source), argCodes(ev.Target), ev.Trigger.Text)
			}
		}
	}
}
