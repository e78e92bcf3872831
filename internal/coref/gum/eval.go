package gum

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"annals/internal/actor"
	"annals/internal/coref"
	"annals/internal/depparse"
	"annals/internal/ner"
	"annals/internal/pipeline"
	"annals/internal/postag"
	"annals/internal/text"
)

// Report is the result of Evaluate.
type Report struct {
	Dir       string           `json:"dir"`
	Split     string           `json:"split"`
	Docs      int              `json:"docs"`
	Skipped   []string         `json:"skipped,omitempty"` // documents not read, with the reason
	Sentences int              `json:"sentences"`
	Tokens    int              `json:"tokens"`
	All       Count            `json:"all"`
	Accuracy  float64          `json:"accuracy"`
	Coverage  float64          `json:"coverage"`
	Precision float64          `json:"precision"`
	ByPronoun map[string]Count `json:"by_pronoun"`
	Seconds   float64          `json:"seconds"`
	Note      string           `json:"note,omitempty"`
	Misses    []Miss           `json:"misses,omitempty"`
}

// Options configure Evaluate.
type Options struct {
	Dir     string // GUM's dep folder
	Split   string // dev, test, test2 or train (see splits.md)
	Workers int    // documents processed in parallel (0: one per core)
	Misses  bool   // list the pronouns missed
}

// Pipeline returns the pipeline run over GUM's gold tokens: tagger,
// parser, entity recognizer, knowledge-base actors and coreference. When
// the entity recognizer cannot be loaded the pipeline goes without it and
// note says why.
func Pipeline() (p *pipeline.Pipeline, note string, err error) {
	tagger, err := postag.Load()
	if err != nil {
		return nil, "", err
	}
	parser, err := depparse.Load()
	if err != nil {
		return nil, "", err
	}
	kb, err := actor.Default()
	if err != nil {
		return nil, "", err
	}
	stages := []pipeline.Stage{tagger, parser}
	if rec, err := ner.Load(); err != nil {
		note = fmt.Sprintf("entity recognizer not used: %v", err)
	} else {
		stages = append(stages, ner.NewStage(rec))
	}
	stages = append(stages, actor.NewStage(kb), coref.New(kb))
	p, err = pipeline.NewGiven(text.LayerTokens|text.LayerSentences, stages...)
	return p, note, err
}

// Evaluate reads the documents of a split, runs Pipeline over them and
// scores the pronouns. Documents that cannot be read are listed in
// Report.Skipped; stage failures are returned joined, with the report of
// the rest.
func Evaluate(opt Options) (*Report, error) {
	names, err := Split(opt.Dir, opt.Split)
	if err != nil {
		return nil, err
	}
	p, note, err := Pipeline()
	if err != nil {
		return nil, fmt.Errorf("gum: %w", err)
	}
	rep := &Report{Dir: opt.Dir, Split: opt.Split, ByPronoun: map[string]Count{}, Note: note}
	var docs []*Doc
	for _, n := range names {
		path := filepath.Join(opt.Dir, n+".conllu")
		if _, err := os.Stat(path); err != nil {
			rep.Skipped = append(rep.Skipped, n+": not in "+opt.Dir)
			continue
		}
		d, err := ReadFile(path)
		if err != nil {
			rep.Skipped = append(rep.Skipped, err.Error())
			continue
		}
		docs = append(docs, d)
	}
	start := time.Now()
	in := make(chan *text.Document)
	go func() {
		defer close(in)
		for _, d := range docs {
			in <- d.Doc
		}
	}()
	var errs []error
	_ = p.Run(context.Background(), opt.Workers, in, func(r pipeline.Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			return
		}
		by, misses := Score(docs[r.Index], r.Doc)
		for f, c := range by {
			cur := rep.ByPronoun[f]
			cur.add(c)
			rep.ByPronoun[f] = cur
			rep.All.add(c)
		}
		if opt.Misses {
			rep.Misses = append(rep.Misses, misses...)
		}
		rep.Docs++
		rep.Sentences += len(r.Doc.Sentences)
		rep.Tokens += len(r.Doc.Tokens)
	})
	rep.Seconds = time.Since(start).Seconds()
	rep.Accuracy, rep.Coverage, rep.Precision = rep.All.Accuracy(), rep.All.Coverage(), rep.All.Precision()
	return rep, errors.Join(errs...)
}
