// Package coder assembles the default annals pipeline: segmentation,
// tagging and parsing, mentions and actors, temporal expressions and
// events. Models load once; the pipeline is safe for concurrent use.
package coder

import (
	"fmt"

	"annals/internal/event"
	"annals/internal/pipeline"
	"annals/internal/segment"
)

// Options configure the default pipeline.
type Options struct {
	// ActorFiles are user actor files that add to or override the
	// embedded knowledge base (annals code --actors FILE).
	ActorFiles []string
	// Lexicons are user event lexicons merged over the embedded one.
	Lexicons []string
}

// New returns the default pipeline.
func New(opt Options) (*pipeline.Pipeline, error) {
	ev, err := event.New(event.Options{})
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	return pipeline.New(
		segment.New(),
		ev,
	)
}
