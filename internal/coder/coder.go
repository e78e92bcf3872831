// Package coder assembles the default annals pipeline: segmentation,
// tagging and parsing, the enhanced dependency graph, mentions and actors,
// temporal expressions and events. Models load once; the pipeline is safe
// for concurrent use.
package coder

import (
	"fmt"
	"os"

	"annals/internal/actor"
	"annals/internal/coref"
	"annals/internal/depparse"
	"annals/internal/enhanced"
	"annals/internal/event"
	"annals/internal/limits"
	"annals/internal/ner"
	"annals/internal/pipeline"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/timex"
)

// Options configure the default pipeline.
type Options struct {
	// ActorFiles are user actor files (the knowledge base's TSV tables or
	// PETRARCH/TABARI dictionaries) that add to or override the embedded
	// knowledge base (annals code --actors FILE).
	ActorFiles []string
	// Lexicons are user event lexicons merged over the embedded one.
	Lexicons []string
	// Classify has the trained event classifier (annals train events)
	// decide each lexicon candidate's type or no event. Off by default:
	// with the derived lexicon it lowers both dev sets' event F1 (README).
	Classify bool
	// RulesOnly keeps the role rules' choice of each event's source and
	// target, without the trained role ranker (annals train roles).
	RulesOnly bool
	// VerbFiles are PETRARCH/TABARI verb dictionaries whose verbs and
	// patterns are merged over the lexicons (annals code --verbs FILE).
	VerbFiles []string
	// Warn, when set, receives the problems of user files that still
	// loaded (bad lines skipped) and notes on what they held; when nil,
	// any such problem is an error.
	Warn func(string)
}

// New returns the default pipeline.
func New(opt Options) (*pipeline.Pipeline, error) {
	tagger, err := postag.Load()
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	parser, err := depparse.Load()
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	rec, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	kb, err := loadActors(opt.ActorFiles, opt.Warn)
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	lex, err := event.DefaultLexicon()
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	for _, path := range opt.Lexicons {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("coder: %w", err)
		}
		user, err := event.LoadLexicon(f, path)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("coder: %w", err)
		}
		lex.Merge(user)
	}
	if err := loadVerbs(lex, opt.VerbFiles, opt.Warn); err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	dates := timex.New()
	ev, err := event.New(event.Options{Lexicon: lex, Actors: kb, Dater: dater{kb}, NoClassifier: !opt.Classify, NoRanker: opt.RulesOnly})
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	return pipeline.New(
		segment.New(),
		tagger,
		parser,
		enhanced.New(),
		ner.NewStage(rec),
		actor.NewStage(kb),
		coref.New(kb),
		dates,
		ev,
		limits.EventCap{},
	)
}
