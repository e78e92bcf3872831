package main

import (
	"runtime/debug"

	"annals/internal/coder"
	"annals/internal/pipeline"
)

// newCoder builds the coder with the collector paused: loading builds
// tables that all stay live, so a collection during it frees almost
// nothing and costs start-up time (a one-sentence `annals code` takes
// about a tenth less CPU). The collector's setting is restored after.
func newCoder(o coder.Options) (*pipeline.Pipeline, error) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	return coder.New(o)
}
