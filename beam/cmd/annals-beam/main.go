// Command annals-beam codes news into PLOVER events on Apache Beam: it
// reads JSON lines ({"id","text","published"?,"title"?,"url"?}) and WARC
// archives through Beam's file systems (local paths, gs://, s3://), codes
// every document with the annals coder, and writes DIR/events-*.jsonl with
// the records annals code prints for the same input, one JSON object a line,
// or DIR/events-*.parquet in the columns of annals export --format parquet,
// or both (--format); --documents also writes DIR/documents-*.jsonl.
// Failures and skipped documents go to DIR/errors-00000-of-00001.txt and,
// after the run, to standard error.
//
//	annals-beam --runner prism --input 'news/*.jsonl' --output out/
//
// The runner flags (--runner, --endpoint, --project, --region,
// --staging_location, ...) are Beam's own; see the README.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"annals/beam/internal/codepipe"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

// inputs is the repeatable --input flag; a value may also list several
// files or globs separated by commas.
type inputs []string

func (in *inputs) String() string { return strings.Join(*in, ",") }
func (in *inputs) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*in = append(*in, p)
		}
	}
	return nil
}

// Exit statuses, as annals uses them.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

func main() {
	var cfg codepipe.Config
	var in inputs
	flag.Var(&in, "input", "input `FILE` or glob: JSON lines (.jsonl) or WARC (.warc, .warc.gz), local, gs:// or s3:// (repeatable, or comma-separated)")
	flag.StringVar(&cfg.Output, "output", "", "output `DIR` for events-*.jsonl|parquet, documents-*.jsonl and errors-*.txt (local, gs:// or s3://)")
	flag.IntVar(&cfg.Shards, "shards", 4, "number of events-* files of each format (and of documents-*.jsonl files)")
	flag.StringVar(&cfg.Format, "format", codepipe.FormatJSONL, "events as `jsonl` (the records of annals code), parquet (the columns of annals export --format parquet) or both")
	flag.BoolVar(&cfg.Documents, "documents", false, "also write the documents to documents-*.jsonl ({id,title,url,published,text}), to load them into a store")
	flag.StringVar(&cfg.Published, "published", "", "publication date `YYYY-MM-DD` for documents that do not give one")
	flag.BoolVar(&cfg.All, "all", false, "also keep events with no coded actor on either side (as annals code --all)")
	flag.BoolVar(&cfg.AllLanguages, "all_languages", false, "keep WARC pages that do not look English (JSON lines are always kept, as annals code keeps them)")
	flag.Parse()
	beam.Init() // on a worker, runs the worker and does not return
	cfg.Inputs = in
	os.Exit(run(context.Background(), cfg, os.Stderr))
}

// run builds and runs the pipeline, then reports its counters and errors.
func run(ctx context.Context, cfg codepipe.Config, stderr io.Writer) int {
	if err := cfg.Check(); err != nil {
		fmt.Fprintf(stderr, "annals-beam: %v\n", err)
		return exitUsage
	}
	p, s := beam.NewPipelineWithRoot()
	if err := codepipe.Build(s, cfg); err != nil {
		fmt.Fprintf(stderr, "annals-beam: %v\n", err)
		return exitUsage
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fmt.Fprintf(stderr, "annals-beam: run: %v\n", err)
		return exitFailed
	}
	if res != nil {
		reportMetrics(stderr, res.Metrics())
	}
	failed, err := reportErrors(ctx, cfg.ErrorSpec().Name(0), stderr)
	if err != nil {
		fmt.Fprintf(stderr, "annals-beam: %v\n", err)
		return exitFailed
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// reportMetrics prints the pipeline's counters, when the runner gives them.
func reportMetrics(w io.Writer, m metrics.Results) {
	totals := map[string]int64{}
	for _, c := range m.AllMetrics().Counters() {
		if c.Namespace() == codepipe.Namespace {
			totals[c.Name()] += c.Result()
		}
	}
	if len(totals) == 0 {
		return
	}
	fmt.Fprintf(w, "annals-beam: %d files, %d documents, %d events, %d failures, %d skipped\n",
		totals[codepipe.MetricFiles], totals[codepipe.MetricDocs], totals[codepipe.MetricEvents],
		totals[codepipe.MetricFailures], totals[codepipe.MetricSkipped])
}

// reportErrors copies the errors file to w, each line after "annals-beam: ",
// and reports whether any line is a failure (not a skipped document).
func reportErrors(ctx context.Context, name string, w io.Writer) (bool, error) {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return false, fmt.Errorf("errors file %s: %w", name, err)
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, name)
	if err != nil {
		return false, fmt.Errorf("errors file %s: %w", name, err)
	}
	defer rc.Close()
	failed := false
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "skip ") {
			failed = true
		}
		fmt.Fprintf(w, "annals-beam: %s\n", line)
	}
	if err := sc.Err(); err != nil {
		return failed, fmt.Errorf("errors file %s: %w", name, err)
	}
	return failed, nil
}
