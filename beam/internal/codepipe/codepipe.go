// Package codepipe builds the Beam pipeline that codes news into PLOVER
// events: it lists the input files through Beam's file systems, reads each
// as JSON lines or a WARC archive with the annals readers, codes every
// document with the annals coder, and writes the event records, one JSON
// object a line, to sharded files. A bad file, line or record is written
// to the errors file with its place and reason; the rest goes on.
package codepipe

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"time"

	"annals/beam/internal/shards"
	"annals/internal/coder"
	"annals/internal/ingest"
	"annals/internal/pipeline"
	"annals/internal/record"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*Doc)(nil)).Elem())
	register.DoFn4x0[context.Context, string, func(string), func(string)](&matchFn{})
	register.DoFn4x1[context.Context, string, func(Doc), func(string), error](&readFn{})
	register.DoFn3x0[Doc, func(shards.Block), func(string)](&codeFn{})
	register.Function1x1[string, shards.Block](messageBlock)
	register.Emitter1[string]()
	register.Emitter1[Doc]()
	register.Emitter1[shards.Block]()
}

// Metric names, in namespace Namespace.
const (
	Namespace      = "annals"
	MetricFiles    = "files"
	MetricDocs     = "documents"
	MetricEvents   = "events"
	MetricFailures = "failures"
	MetricSkipped  = "skipped"
)

// Config is what the pipeline reads, how it codes and where it writes.
type Config struct {
	Inputs       []string // files or globs, in any registered file system
	Output       string   // folder for events-*.jsonl and errors-*.txt
	Shards       int      // number of event files
	Published    string   // YYYY-MM-DD for documents that give no date; "" for none
	All          bool     // keep events with no coded actor (annals code --all)
	AllLanguages bool     // keep non-English WARC pages (JSON lines are never checked)
}

// EventSpec names the event files of c.
func (c Config) EventSpec() shards.Spec {
	return shards.Spec{Dir: c.Output, Prefix: "events", Ext: "jsonl", Count: c.Shards}
}

// ErrorSpec names the file of failures and skipped documents of c.
func (c Config) ErrorSpec() shards.Spec {
	return shards.Spec{Dir: c.Output, Prefix: "errors", Ext: "txt", Count: 1}
}

// Check validates c.
func (c Config) Check() error {
	if len(c.Inputs) == 0 {
		return fmt.Errorf("no input: give --input FILE or GLOB")
	}
	if c.Output == "" {
		return fmt.Errorf("no output folder: give --output DIR")
	}
	if c.Shards < 1 {
		return fmt.Errorf("--shards %d: want at least 1", c.Shards)
	}
	if c.Published != "" {
		if _, err := time.Parse("2006-01-02", c.Published); err != nil {
			return fmt.Errorf("--published %q: want YYYY-MM-DD", c.Published)
		}
	}
	return nil
}

// Build adds the pipeline described by c to s.
func Build(s beam.Scope, c Config) error {
	if err := c.Check(); err != nil {
		return err
	}
	globs := beam.CreateList(s.Scope("inputs"), c.Inputs)
	paths, matchErrs := beam.ParDo2(s.Scope("match"), &matchFn{}, globs)
	paths = beam.Reshuffle(s.Scope("spread.files"), paths)
	docs, readErrs := beam.ParDo2(s.Scope("read"), &readFn{AllLanguages: c.AllLanguages}, paths)
	docs = beam.Reshuffle(s.Scope("spread.documents"), docs)
	events, codeErrs := beam.ParDo2(s.Scope("code"), &codeFn{Published: c.Published, All: c.All}, docs)
	if err := shards.Write(s, c.EventSpec(), events); err != nil {
		return err
	}
	msgs := beam.Flatten(s.Scope("errors"), matchErrs, readErrs, codeErrs)
	return shards.Write(s, c.ErrorSpec(), beam.ParDo(s.Scope("errors"), messageBlock, msgs))
}

// messageBlock files an error message under itself.
func messageBlock(msg string) shards.Block {
	return shards.Block{Key: msg, Text: msg + "\n"}
}

// Doc is one document read from the input, before coding.
type Doc struct {
	ID        string
	Text      string
	URL       string
	Title     string
	Published string // RFC 3339 with nanoseconds; "" when unknown
	Origin    string // file:line or file#record, for messages
}

// docOf turns an item read by the annals readers into a Doc.
func docOf(it ingest.Item) Doc {
	d := Doc{ID: it.ID, Text: it.Text, URL: it.URL, Title: it.Title, Origin: it.Origin.String()}
	if !it.Published.IsZero() {
		d.Published = it.Published.Format(time.RFC3339Nano)
	}
	return d
}

// item turns d back into the item it was read as.
func (d Doc) item() (ingest.Item, error) {
	it := ingest.Item{ID: d.ID, Text: d.Text, URL: d.URL, Title: d.Title}
	if d.Published != "" {
		t, err := time.Parse(time.RFC3339Nano, d.Published)
		if err != nil {
			return it, fmt.Errorf("%s: published %q: %w", d.Origin, d.Published, err)
		}
		it.Published = t
	}
	return it, nil
}

// matchFn lists the files a glob names. A glob that names nothing is an
// error message, not a failure of the pipeline.
type matchFn struct {
	files beam.Counter
	fails beam.Counter
}

func (f *matchFn) Setup() {
	f.files = beam.NewCounter(Namespace, MetricFiles)
	f.fails = beam.NewCounter(Namespace, MetricFailures)
}

func (f *matchFn) ProcessElement(ctx context.Context, glob string, emit, fail func(string)) {
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		f.fails.Inc(ctx, 1)
		fail(fmt.Sprintf("%s: %v", glob, err))
		return
	}
	defer fsys.Close()
	names, err := fsys.List(ctx, glob)
	if err != nil {
		f.fails.Inc(ctx, 1)
		fail(fmt.Sprintf("%s: %v", glob, err))
		return
	}
	if len(names) == 0 {
		f.fails.Inc(ctx, 1)
		fail(fmt.Sprintf("%s: no such file", glob))
		return
	}
	for _, n := range names {
		f.files.Inc(ctx, 1)
		emit(n)
	}
}

// readFn reads one file as JSON lines or a WARC archive, told by its name
// or first bytes as annals ingest tells them.
type readFn struct {
	AllLanguages bool `json:"all_languages"`

	docs    beam.Counter
	fails   beam.Counter
	skipped beam.Counter
}

func (f *readFn) Setup() {
	f.docs = beam.NewCounter(Namespace, MetricDocs)
	f.fails = beam.NewCounter(Namespace, MetricFailures)
	f.skipped = beam.NewCounter(Namespace, MetricSkipped)
}

func (f *readFn) ProcessElement(ctx context.Context, path string, emit func(Doc), fail func(string)) error {
	report := func(msg string) {
		f.fails.Inc(ctx, 1)
		fail(msg)
	}
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		report(fmt.Sprintf("%s: %v", path, err))
		return nil
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, path)
	if err != nil {
		report(fmt.Sprintf("%s: %v", path, err))
		return nil
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<16)
	head, _ := br.Peek(4096)
	h := ingest.Handler{
		Item: func(it ingest.Item) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			f.docs.Inc(ctx, 1)
			emit(docOf(it))
			return nil
		},
		Error: func(e *ingest.Error) {
			report(fmt.Sprintf("%s: %v", ingest.Origin{File: e.Source, Line: e.Line, Record: e.Record}, e.Err))
		},
		Skip: func(s *ingest.Skip) {
			f.skipped.Inc(ctx, 1)
			fail(s.Error()) // "skip FILE:LINE: reason"
		},
	}
	switch format := ingest.FormatOf(path, head); format {
	case ingest.FormatJSONL:
		// As annals code reads JSON lines: every language is kept.
		err = ingest.Options{AllLanguages: true}.ReadJSONL(br, path, h)
	case ingest.FormatWARC:
		err = ingest.Options{AllLanguages: f.AllLanguages}.ReadWARC(br, path, h)
	default:
		report(fmt.Sprintf("%s: read as %s: want JSON lines (.jsonl) or a WARC archive (.warc, .warc.gz)", path, format))
	}
	return err // only a cancelled context stops a file
}

// The coder loads its models once per worker process and is shared by
// every codeFn in it (it is safe for concurrent use).
var (
	coderOnce sync.Once
	coderPipe *pipeline.Pipeline
	coderErr  error
)

func loadCoder() (*pipeline.Pipeline, error) {
	coderOnce.Do(func() {
		coderPipe, coderErr = coder.New(coder.Options{})
	})
	return coderPipe, coderErr
}

// codeFn codes one document and emits its event records as one block of
// JSON lines, exactly as annals code prints them.
type codeFn struct {
	Published string `json:"published"`
	All       bool   `json:"all"`

	pipe   *pipeline.Pipeline
	pub    time.Time
	events beam.Counter
	fails  beam.Counter
}

func (f *codeFn) Setup() error {
	p, err := loadCoder()
	if err != nil {
		return fmt.Errorf("codepipe: load coder: %w", err)
	}
	f.pipe = p
	if f.Published != "" {
		if f.pub, err = time.Parse("2006-01-02", f.Published); err != nil {
			return fmt.Errorf("codepipe: published %q: %w", f.Published, err)
		}
	}
	f.events = beam.NewCounter(Namespace, MetricEvents)
	f.fails = beam.NewCounter(Namespace, MetricFailures)
	return nil
}

func (f *codeFn) ProcessElement(doc Doc, emit func(shards.Block), fail func(string)) {
	ctx := context.Background()
	block, n, err := Code(f.pipe, doc, f.pub, f.All)
	if err != nil {
		f.fails.Inc(ctx, 1)
		fail(err.Error())
		return
	}
	if n == 0 {
		return
	}
	f.events.Inc(ctx, int64(n))
	emit(shards.Block{Key: doc.ID, Text: block})
}

// Code codes doc with p and returns its event records as JSON lines, as
// annals code prints them, and their number. pub stands in for a missing
// publication date; all keeps events with no coded actor.
func Code(p *pipeline.Pipeline, doc Doc, pub time.Time, all bool) (string, int, error) {
	it, err := doc.item()
	if err != nil {
		return "", 0, err
	}
	d := it.Document()
	if d.Published.IsZero() {
		d.Published = pub
	}
	if err := p.Process(d); err != nil {
		return "", 0, err
	}
	recs := record.FromDocument(d)
	if !all {
		recs = record.Complete(recs)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return "", 0, fmt.Errorf("%s: encode event %s: %w", doc.Origin, r.ID, err)
		}
	}
	return buf.String(), len(recs), nil
}
