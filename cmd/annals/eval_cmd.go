package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"annals/internal/coder"
	"annals/internal/eval"
	"annals/internal/pipeline"
	"annals/internal/record"
	"annals/internal/shared"
	"annals/internal/text"
)

func cmdEvalEvents(e *env, args []string) int {
	fs := newFlagSet(e, "eval events", "[--gold FILE] [--json] [--misses] [--workers N] [--actors FILE]...",
		"Codes each gold record's text and scores the events coded against the gold\n"+
			"events: event type, mode, source and target actors, date and attributes.")
	def, _ := shared.Path("data/plover/plover_gsr_dev.jsonl")
	goldPath := fs.String("gold", def, "PLOVER gold records `FILE` (one JSON a line)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	workers := fs.Int("workers", 0, "records coded in parallel (0: one per core)")
	misses := fs.Bool("misses", false, "also list the records whose type, source and target no coded event matches, with what was coded")
	var actors stringList
	fs.Var(&actors, "actors", "actor `FILE` adding to the knowledge base (repeatable)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *goldPath == "" {
		fmt.Fprintln(e.stderr, "annals eval events: --gold FILE is required (../shared/data/plover/plover_gsr_dev.jsonl is not here)")
		return exitUsage
	}
	f, err := os.Open(*goldPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
		return exitUsage
	}
	gold, errs := eval.ReadGold(f, *goldPath)
	f.Close()
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
	}
	p, err := coder.New(coder.Options{ActorFiles: actors})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
		return exitUsage
	}
	pred, sentences, elapsed, failures := codeGold(p, gold, *workers)
	for _, err := range failures {
		fmt.Fprintf(e.stderr, "annals eval events: %v\n", err)
	}
	rep := eval.ScoreEvents(gold, pred)
	if *asJSON {
		out := struct {
			eval.EventReport
			Gold         string  `json:"gold"`
			Seconds      float64 `json:"seconds"`
			SentencesSec float64 `json:"sentences_per_second"`
		}{rep, *goldPath, elapsed.Seconds(), float64(sentences) / elapsed.Seconds()}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		printEventReport(e, rep, *goldPath, sentences, elapsed)
		if *misses {
			printMisses(e, gold, pred)
		}
	}
	if len(errs) > 0 || len(failures) > 0 {
		return exitFailed
	}
	return exitOK
}

// codeGold codes each gold record's text as a document of its own.
func codeGold(p *pipeline.Pipeline, gold []eval.GoldRecord, workers int) ([][]record.Event, int, time.Duration, []error) {
	pred := make([][]record.Event, len(gold))
	docs := make(chan *text.Document)
	go func() {
		defer close(docs)
		for _, g := range gold {
			docs <- text.New(g.ID, g.Text)
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
		pred[r.Index] = record.FromDocument(r.Doc)
	})
	return pred, sentences, time.Since(start), failures
}

func printEventReport(e *env, rep eval.EventReport, gold string, sentences int, elapsed time.Duration) {
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(e.stdout, "gold: %s\nrecords: %d (%d with known faults), with events: %d, events coded: %d\n",
		gold, rep.Records, rep.Problems, rep.RecordsCoded, rep.Events)
	fmt.Fprintf(e.stdout, "event type:  P %.3f  R %.3f  F1 %.3f  (micro)   macro F1 %.3f\n", rep.Precision, rep.Recall, rep.F1, rep.MacroF1)
	fmt.Fprintf(e.stdout, "type+source+target recall: %.3f (%d/%d)\n", rep.TypeSourceTarget, rep.TypeSourceTgtN, rep.Records)
	fmt.Fprintf(e.stdout, "speed: %d sentences in %.2fs (%.0f sentences/s, including model load: no)\n\n", sentences, elapsed.Seconds(), float64(sentences)/elapsed.Seconds())
	fmt.Fprintln(w, "type\tgold\tpredicted\tTP\tP\tR\tF1\t")
	for _, t := range rep.PerType {
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
	args := func(as []record.Argument) string {
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
	fmt.Fprintln(e.stdout, "\nmisses (type+source+target):")
	for i, g := range gold {
		if i < len(pred) && eval.Hit(g, pred[i]) {
			continue
		}
		fmt.Fprintf(e.stdout, "\n%s (line %d): %s\n  gold  %s %s -> %s\n", g.ID, g.Line, g.Text, g.Type, codes(g.Source), codes(g.Target))
		if i < len(pred) {
			for _, ev := range pred[i] {
				fmt.Fprintf(e.stdout, "  coded %s %s -> %s  [%s]\n", ev.EventType, args(ev.Source), args(ev.Target), ev.Trigger.Text)
			}
		}
	}
}
