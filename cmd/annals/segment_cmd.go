package main

// Owned by the segmenter work: eval segment.

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"annals/internal/segment"
)

// cmdEvalSegment measures the tokenizer and sentence splitter against a
// CoNLL-U treebank whose raw text is rebuilt from its "# text" lines.
func cmdEvalSegment(e *env, args []string) int {
	fs := newFlagSet(e, "eval segment", "--conllu FILE [--json] [--errors N]",
		"Measures the tokenizer and sentence splitter against a CoNLL-U treebank whose\n"+
			"raw text is rebuilt from its \"# text\" lines.")
	conllu := fs.String("conllu", "", "CoNLL-U `FILE` with # newdoc, # newpar and # text lines (UD English EWT)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	errs := fs.Int("errors", 0, "also print up to `N` wrong boundaries of each kind, in context")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *conllu == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	f, err := os.Open(*conllu)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval segment: %v\n", err)
		return exitFailed
	}
	docs, readErr := segment.ReadGold(f, *conllu)
	f.Close()
	status := exitOK
	if readErr != nil {
		fmt.Fprintf(e.stderr, "annals eval segment: %v\n", readErr)
		status = exitFailed
	}
	if len(docs) == 0 {
		fmt.Fprintf(e.stderr, "annals eval segment: %s: no documents\n", *conllu)
		return exitFailed
	}
	seg := segment.New()
	rep, misses := segment.Evaluate(seg, docs, *errs)
	mbs, toks := segment.Throughput(seg, docs, time.Second)
	if *asJSON {
		type score struct {
			Gold      int     `json:"gold"`
			Predicted int     `json:"predicted"`
			Matched   int     `json:"matched"`
			Precision float64 `json:"precision"`
			Recall    float64 `json:"recall"`
			F1        float64 `json:"f1"`
		}
		sc := func(s segment.Score) score {
			return score{s.Gold, s.Pred, s.Match, s.Precision(), s.Recall(), s.F1()}
		}
		out := map[string]any{
			"file":         *conllu,
			"documents":    rep.Documents,
			"bytes":        rep.Bytes,
			"tokens":       sc(rep.Tokens),
			"words":        sc(rep.Words),
			"sentences":    sc(rep.Sentences),
			"mb_per_s":     mbs,
			"tokens_per_s": toks,
		}
		enc := json.NewEncoder(e.stdout)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(e.stderr, "annals eval segment: %v\n", err)
			return exitFailed
		}
	} else {
		fmt.Fprintf(e.stdout, "segment on %s: %d documents, %d bytes\n", *conllu, rep.Documents, rep.Bytes)
		fmt.Fprintf(e.stdout, "%-10s %8s %8s %8s %9s %7s %7s\n", "boundary", "gold", "pred", "match", "precision", "recall", "F1")
		for _, r := range []struct {
			name string
			s    segment.Score
		}{{"tokens", rep.Tokens}, {"words", rep.Words}, {"sentences", rep.Sentences}} {
			fmt.Fprintf(e.stdout, "%-10s %8d %8d %8d %8.2f%% %6.2f%% %6.2f%%\n", r.name, r.s.Gold, r.s.Pred, r.s.Match,
				100*r.s.Precision(), 100*r.s.Recall(), 100*r.s.F1())
		}
		fmt.Fprintf(e.stdout, "speed: %.1f MB/s, %.0f tokens/s (segmenting only, one goroutine, wall time over 1 s)\n", mbs, toks)
	}
	for _, m := range misses {
		d := docs[m.Doc]
		what := "extra"
		if m.Missed {
			what = "missed"
		}
		lo, hi := max(0, m.Span.Start-40), min(len(d.Text), m.Span.End+40)
		ctx := d.Text[lo:m.Span.Start] + "[" + d.Text[m.Span.Start:m.Span.End] + "]" + d.Text[m.Span.End:hi]
		if m.Layer == "sentence" {
			ctx = d.Text[lo:m.Span.Start] + "||" + d.Text[m.Span.End:hi]
		}
		fmt.Fprintf(e.stdout, "%s %s %s: %s\n", m.Layer, what, d.ID, strings.ReplaceAll(ctx, "\n", "¶"))
	}
	return status
}
