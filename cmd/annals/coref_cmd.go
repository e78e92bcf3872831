package main

// Owned by the coreference work: eval coref.

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"annals/internal/coref/gum"
	"annals/internal/shared"
)

func cmdEvalCoref(e *env, args []string) int {
	fs := newFlagSet(e, "eval coref", "[--gum DIR] [--split test] [--json] [-v]",
		"Pronoun resolution on GUM: for each third-person personal, possessive or\n"+
			"reflexive pronoun whose gold entity is a person mentioned earlier, whether the\n"+
			"antecedent chosen by the coreference stage lies in a gold mention of the same\n"+
			"entity. The pipeline (tagger, parser, entity recognizer, actors, coref) runs\n"+
			"over GUM's own tokens.")
	def, _ := shared.Path("data/gum/dep")
	dir := fs.String("gum", def, "GUM's CoNLL-U `DIR` (dep/, with splits.md beside it)")
	split := fs.String("split", "test", "GUM split to score: dev, test, test2 or train")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	verbose := fs.BoolP("verbose", "v", false, "list every pronoun missed, with our antecedent and the gold one")
	workers := fs.Int("workers", 0, "documents processed in parallel (0: one per core)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *dir == "" {
		fmt.Fprintln(e.stderr, "annals eval coref: --gum DIR is required (../shared/data/gum/dep is not here)")
		return exitUsage
	}
	rep, err := gum.Evaluate(gum.Options{Dir: filepath.Clean(*dir), Split: *split, Workers: *workers, Misses: *verbose})
	if rep == nil {
		fmt.Fprintf(e.stderr, "annals eval coref: %v\n", err)
		return exitUsage
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(rep)
	} else {
		fmt.Fprintf(e.stdout, "gum: %s, split %s: %d documents, %d sentences, %d tokens\n", rep.Dir, rep.Split, rep.Docs, rep.Sentences, rep.Tokens)
		fmt.Fprintf(e.stdout, "person pronouns with an earlier mention: %d\n", rep.All.Pronouns)
		fmt.Fprintf(e.stdout, "accuracy %.1f%% (%d correct)   coverage %.1f%% (%d resolved)   precision %.1f%%\n",
			100*rep.Accuracy, rep.All.Correct, 100*rep.Coverage, rep.All.Resolved, 100*rep.Precision)
		fmt.Fprintf(e.stdout, "%-12s %8s %8s %8s %9s %9s\n", "pronoun", "count", "resolved", "correct", "accuracy", "coverage")
		for _, f := range gum.Forms(rep.ByPronoun) {
			c := rep.ByPronoun[f]
			fmt.Fprintf(e.stdout, "%-12s %8d %8d %8d %8.1f%% %8.1f%%\n", f, c.Pronouns, c.Resolved, c.Correct, 100*c.Accuracy(), 100*c.Coverage())
		}
		fmt.Fprintf(e.stdout, "time: %.2fs (%.0f sentences/s, whole pipeline)\n", rep.Seconds, float64(rep.Sentences)/max(rep.Seconds, 1e-9))
		if rep.Note != "" {
			fmt.Fprintf(e.stdout, "note: %s\n", rep.Note)
		}
		for _, s := range rep.Skipped {
			fmt.Fprintf(e.stdout, "skipped: %s\n", s)
		}
		for _, m := range rep.Misses {
			fmt.Fprintf(e.stdout, "miss %s@%d %q: ours %q, gold %q | %s\n", m.Doc, m.Start, m.Pronoun, m.Ours, m.Gold, m.Sentence)
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval coref: %v\n", err)
		return exitFailed
	}
	return exitOK
}
