// Package codepipe builds the Beam pipeline that codes news into PLOVER
// events: it lists the input files through Beam's file systems, reads each
// as JSON lines or a WARC archive with the annals readers, codes every
// document with the annals coder, and writes the event records to sharded
// files: JSON lines (one record an object), Parquet in the flat export's
// columns, or both, and optionally the documents themselves as JSON lines.
// A bad file, line or record is written to the errors file with its place
// and reason; the rest goes on.
package codepipe

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"

	"annals/beam/internal/flat"
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
	register.DoFn6x0[context.Context, Doc, func(shards.Block), func(shards.Block), func(shards.Block), func(string)](&codeFn{})
	register.Function1x1[string, shards.Block](messageBlock)
	register.Emitter1[string]()
	register.Emitter1[Doc]()
	register.Emitter1[shards.Block]()
	shards.RegisterEncoder("parquet", writeParquet)
}

// writeParquet writes a shard of flat rows (blocks of flat.Line lines) as
// one Parquet file.
func writeParquet(w io.Writer, blocks []shards.Block) error {
	pw := flat.NewWriter(w)
	for _, b := range blocks {
		if err := pw.WriteLines(b.Text); err != nil {
			return fmt.Errorf("document %s: %w", b.Key, err)
		}
	}
	return pw.Close()
}

// The output formats of the events.
const (
	FormatJSONL   = "jsonl"
	FormatParquet = "parquet"
	FormatBoth    = "both"
)

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
	Output       string   // folder for events-*.jsonl|parquet, documents-*.jsonl and errors-*.txt
	Shards       int      // number of event files (of each format) and of document files
	Format       string   // jsonl, parquet or both; "" is jsonl
	Documents    bool     // also write the documents (documents-*.jsonl)
	Published    string   // YYYY-MM-DD for documents that give no date; "" for none
	All          bool     // keep events with no coded actor (annals code --all)
	AllLanguages bool     // keep non-English WARC pages (JSON lines are never checked)
}

// EventSpec names the event files of c in JSON lines.
func (c Config) EventSpec() shards.Spec {
	return shards.Spec{Dir: c.Output, Prefix: "events", Ext: "jsonl", Count: c.Shards}
}

// ParquetSpec names the event files of c in Parquet.
func (c Config) ParquetSpec() shards.Spec {
	return shards.Spec{Dir: c.Output, Prefix: "events", Ext: "parquet", Count: c.Shards}
}

// DocumentSpec names the document files of c.
func (c Config) DocumentSpec() shards.Spec {
	return shards.Spec{Dir: c.Output, Prefix: "documents", Ext: "jsonl", Count: c.Shards}
}

// JSONL reports whether c writes the events as JSON lines.
func (c Config) JSONL() bool {
	return c.Format == "" || c.Format == FormatJSONL || c.Format == FormatBoth
}

// Parquet reports whether c writes the events as Parquet.
func (c Config) Parquet() bool { return c.Format == FormatParquet || c.Format == FormatBoth }

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
	switch c.Format {
	case "", FormatJSONL, FormatParquet, FormatBoth:
	default:
		return fmt.Errorf("--format %q: want jsonl, parquet or both", c.Format)
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
	code := &codeFn{Published: c.Published, All: c.All, JSONL: c.JSONL(), Parquet: c.Parquet(), Documents: c.Documents}
	events, rows, texts, codeErrs := beam.ParDo4(s.Scope("code"), code, docs)
	outs := []struct {
		on   bool
		spec shards.Spec
		col  beam.PCollection
	}{{c.JSONL(), c.EventSpec(), events}, {c.Parquet(), c.ParquetSpec(), rows}, {c.Documents, c.DocumentSpec(), texts}}
	for _, o := range outs {
		if !o.on {
			continue
		}
		if err := shards.Write(s, o.spec, o.col); err != nil {
			return err
		}
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
			return it, fmt.Errorf("published %q: %w", d.Published, err)
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

// codeFn codes one document and emits, each as one block filed under the
// document's id: its event records as JSON lines, exactly as annals code
// prints them; its flat rows (flat.Line), for the Parquet files; and the
// document itself as a JSON line ({id,title,url,published,text}). Each
// output is made only when the pipeline writes it.
type codeFn struct {
	Published string `json:"published"`
	All       bool   `json:"all"`
	JSONL     bool   `json:"jsonl"`
	Parquet   bool   `json:"parquet"`
	Documents bool   `json:"documents"`

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

func (f *codeFn) ProcessElement(ctx context.Context, doc Doc, events, rows, texts func(shards.Block), fail func(string)) {
	recs, published, err := Code(f.pipe, doc, f.pub, f.All)
	if err == nil && f.Documents {
		var line string
		if line, err = DocumentLine(doc, published); err == nil {
			texts(shards.Block{Key: doc.ID, Text: line})
		}
	}
	var block, flatRows string
	if err == nil && f.JSONL && len(recs) > 0 {
		block, err = JSONLines(recs)
	}
	if err == nil && f.Parquet && len(recs) > 0 {
		flatRows, err = FlatLines(recs, doc.URL)
	}
	if err != nil {
		f.fails.Inc(ctx, 1)
		fail(fmt.Sprintf("%s: %v", doc.Origin, err))
		return
	}
	f.events.Inc(ctx, int64(len(recs)))
	if block != "" {
		events(shards.Block{Key: doc.ID, Text: block})
	}
	if flatRows != "" {
		rows(shards.Block{Key: doc.ID, Text: flatRows})
	}
}

// Code codes doc with p and returns its event records, as annals code
// makes them, and the publication time they were coded with. pub stands
// in for a missing publication date; all keeps events with no coded actor.
func Code(p *pipeline.Pipeline, doc Doc, pub time.Time, all bool) ([]record.Event, time.Time, error) {
	it, err := doc.item()
	if err != nil {
		return nil, time.Time{}, err
	}
	d := it.Document()
	if d.Published.IsZero() {
		d.Published = pub
	}
	if err := p.Process(d); err != nil {
		return nil, d.Published, err
	}
	recs := record.FromDocument(d)
	if !all {
		recs = record.Complete(recs)
	}
	return recs, d.Published, nil
}

// JSONLines returns recs as JSON lines, as annals code prints them.
func JSONLines(recs []record.Event) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return "", fmt.Errorf("encode event %s: %w", r.ID, err)
		}
	}
	return buf.String(), nil
}

// FlatLines returns the flat export rows of recs (record.CSVRow with the
// document's url), one flat.Line each.
func FlatLines(recs []record.Event, url string) (string, error) {
	var b strings.Builder
	for _, r := range recs {
		l, err := flat.Line(r, url)
		if err != nil {
			return "", fmt.Errorf("flatten event %s: %w", r.ID, err)
		}
		b.WriteString(l)
	}
	return b.String(), nil
}

// DocumentJSON is one line of documents-*.jsonl: the document as annals
// code and annals ingest read JSON lines, with the publication date it was
// coded with (RFC 3339; "" when it had none).
type DocumentJSON struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// DocumentLine returns doc, published at published, as one JSON line.
func DocumentLine(doc Doc, published time.Time) (string, error) {
	j := DocumentJSON{ID: doc.ID, Title: doc.Title, URL: doc.URL, Text: doc.Text}
	if !published.IsZero() {
		j.Published = published.UTC().Format(time.RFC3339Nano)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return "", fmt.Errorf("encode document: %w", err)
	}
	return buf.String(), nil
}
