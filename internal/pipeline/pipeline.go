// Package pipeline runs an ordered list of stages over documents, many
// documents at a time, and keeps the output in input order.
package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"annals/internal/text"
)

// A Stage annotates one document. It declares the layers it needs and the
// layers it assigns; a stage must be safe for concurrent use (models are
// loaded once, before the pipeline runs).
type Stage interface {
	Name() string
	Requires() text.Layer
	Provides() text.Layer
	Process(doc *text.Document) error
}

// Pipeline is a checked, ordered list of stages.
type Pipeline struct {
	stages   []Stage
	provides text.Layer
}

// New checks that every stage's requirements are provided by an earlier
// stage (or by the documents themselves, see Given) and returns the
// pipeline. The error names the missing layer and, when another stage in
// the list provides it later, that stage.
func New(stages ...Stage) (*Pipeline, error) {
	return NewGiven(0, stages...)
}

// NewGiven is New for documents that arrive with the layers in given
// already assigned (for example a CoNLL-U file with gold tokens).
func NewGiven(given text.Layer, stages ...Stage) (*Pipeline, error) {
	have := given
	for i, s := range stages {
		missing := s.Requires() &^ have
		if missing != 0 {
			var errs []string
			missing.Each(func(l text.Layer) {
				by := ""
				for _, later := range stages[i+1:] {
					if later.Provides()&l != 0 {
						by = fmt.Sprintf("; stage %q provides it but runs later: move it before %q", later.Name(), s.Name())
						break
					}
				}
				if by == "" {
					by = "; no stage in the pipeline provides it: add one that does"
				}
				errs = append(errs, fmt.Sprintf("stage %q requires layer %q%s", s.Name(), l, by))
			})
			return nil, fmt.Errorf("pipeline: %s", strings.Join(errs, "\n"))
		}
		have |= s.Provides()
	}
	return &Pipeline{stages: stages, provides: have &^ given}, nil
}

// Stages returns the stages in order.
func (p *Pipeline) Stages() []Stage { return p.stages }

// Provides returns the layers the pipeline assigns.
func (p *Pipeline) Provides() text.Layer { return p.provides }

// StageError is a failure of one stage on one document.
type StageError struct {
	Doc   string
	Stage string
	Err   error
}

func (e *StageError) Error() string {
	return fmt.Sprintf("document %s: stage %s: %v", e.Doc, e.Stage, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }

// Process runs every stage on doc in order and stops at the first error.
// A panic in a stage is turned into an error for this document.
func (p *Pipeline) Process(doc *text.Document) (err error) {
	for _, s := range p.stages {
		if err := runStage(s, doc); err != nil {
			return &StageError{Doc: doc.ID, Stage: s.Name(), Err: err}
		}
		doc.Mark(s.Provides())
	}
	return nil
}

func runStage(s Stage, doc *text.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return s.Process(doc)
}

// Result is one processed document and its error, if any.
type Result struct {
	Index int // position in the input
	Doc   *text.Document
	Err   error
}

// Run processes the documents read from in with workers goroutines
// (runtime.NumCPU() when workers <= 0) and calls emit for each in input
// order. A stage error on one document is passed to emit with that
// document; the others go on. Run returns when in is closed and every
// document has been emitted, or when ctx is done.
func (p *Pipeline) Run(ctx context.Context, workers int, in <-chan *text.Document, emit func(Result)) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type job struct {
		i   int
		doc *text.Document
	}
	jobs := make(chan job)
	results := make(chan Result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				err := p.Process(j.doc)
				select {
				case results <- Result{Index: j.i, Doc: j.doc, Err: err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		i := 0
		for doc := range in {
			select {
			case jobs <- job{i, doc}:
				i++
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Reorder: hold results that arrive early until their turn.
	pending := map[int]Result{}
	next := 0
	for r := range results {
		pending[r.Index] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(r)
			next++
		}
	}
	return ctx.Err()
}
