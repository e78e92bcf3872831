package main

// Owned by the store work: ingest, query, export. serve and demo are the
// explorer's.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"annals/internal/coder"
	"annals/internal/ingest"
	"annals/internal/pipeline"
	"annals/internal/record"
	"annals/internal/reload"
	"annals/internal/store"
	"annals/internal/text"
)

// dbUsage is the help of every command's --db flag.
const dbUsage = "the store: a DuckDB file `PATH` or a postgres:// URL (default: $" + store.EnvDB + ", else " + store.DefaultPath + ")"

// dbFlag adds the --db flag to fs; storeLocation gives its value after
// parsing, the default filled in.
func dbFlag(fs *flagSet) *string { return fs.String("db", "", dbUsage) }

func storeLocation(p *string) string {
	if *p == "" {
		return store.Default()
	}
	return *p
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// ingestStats counts what an ingest did.
type ingestStats struct {
	read, known, coded, stored, events, failedCode atomic.Int64
	teasers, replaced                              atomic.Int64
	inputErrors                                    atomic.Int64
	mu                                             sync.Mutex
	skips                                          map[string]int // reason → count
	coderTime                                      atomic.Int64   // nanoseconds, summed over workers
	writeTime                                      time.Duration
}

// ingestGoMemory is the soft limit of an ingest's Go heap (the models
// take some 40 MB of it, 64 coded documents some more).
const ingestGoMemory = 120 << 20

func (s *ingestStats) skip(reason string) {
	s.mu.Lock()
	s.skips[reason]++
	s.mu.Unlock()
}

// timedStage measures the time a stage spends.
type timedStage struct {
	pipeline.Stage
	total *atomic.Int64
}

func (t timedStage) Process(d *text.Document) error {
	start := time.Now()
	err := t.Stage.Process(d)
	t.total.Add(int64(time.Since(start)))
	return err
}

// storeRows is the last stage of an ingest's pipeline: it builds each
// coded document's rows for the store (store.Prepare) in the coding
// workers, so that the one writer only appends them. A document whose rows
// cannot be built is left to Put, which reports why.
type storeRows struct{ rows *sync.Map }

func (storeRows) Name() string         { return "store rows" }
func (storeRows) Requires() text.Layer { return 0 }
func (storeRows) Provides() text.Layer { return 0 }
func (s storeRows) Process(d *text.Document) error {
	if r, err := store.Prepare(d); err == nil {
		s.rows.Store(d, r)
	}
	return nil
}

// pending is a document on its way to the store.
type pending struct {
	key, origin string
	replaces    string // key of a stored teaser it takes the place of
}

func cmdIngest(e *env, args []string) int {
	fs := newFlagSet(e, "ingest", "[flags] SOURCE...",
		"Reads files, folders and http(s) URLs (.txt, .html, .jsonl, RSS/Atom feeds,\n"+
			".warc, .warc.gz), codes every document and stores it with its events.\n"+
			"Documents already stored (same URL, else same text) are passed over.\n"+
			"A feed entry is read from the article it links to; when that cannot be\n"+
			"read (or with --no-fetch) the feed's teaser is stored, marked as one, and\n"+
			"is replaced when a later ingest reads the article.\n"+
			"With --input events, SOURCE... are event records (annals-beam --all's\n"+
			"events-*.jsonl) and --documents names their documents: they are stored\n"+
			"without coding again.")
	dbPath := dbFlag(fs)
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for documents that do not give one")
	workers := fs.Int("workers", 0, "documents coded in parallel (0: one per core)")
	allLang := fs.Bool("all-languages", false, "keep documents that do not look English")
	noFetch := fs.Bool("no-fetch", false, "do not fetch feed entries' articles: store the feeds' teasers")
	fetchPrivate := fs.Bool("fetch-private", false, "fetch feed entries' articles from loopback, private and link-local addresses too (refused by default: the entry keeps its teaser)")
	batch := fs.Int("batch", 64, "documents written per transaction (up to four times as many when the writer lags behind the coding)")
	progress := fs.String("progress", "auto", "progress display: auto (a bar on a terminal, log lines otherwise), bar, log, none")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the ingest to `FILE` (go tool pprof reads it)")
	rebuild := fs.Bool("rebuild", false, "rebuild the clusters and summaries over the whole store (an ingest otherwise updates those its documents touch)")
	var actors, lexicons, verbs stringList
	fs.Var(&actors, "actors", "actor `FILE` adding to or overriding the knowledge base (repeatable)")
	fs.Var(&lexicons, "lexicon", "event lexicon `FILE` merged over the embedded one (repeatable)")
	fs.Var(&verbs, "verbs", "PETRARCH/TABARI verb dictionary `FILE` whose verbs and patterns add to the event lexicon (repeatable)")
	input := fs.String("input", "documents", "what SOURCE... are: documents, or events (event records, stored with the --documents they belong to, without coding)")
	var docFiles stringList
	fs.Var(&docFiles, "documents", "with --input events: the documents' `FILE` or glob (annals-beam's documents-*.jsonl; repeatable)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	var pub time.Time
	if *published != "" {
		t, err := time.Parse("2006-01-02", *published)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals ingest: --published %q: want YYYY-MM-DD\n", *published)
			return exitUsage
		}
		pub = t
	}
	switch *progress {
	case "auto", "bar", "log", "none":
	default:
		fmt.Fprintf(e.stderr, "annals ingest: --progress %q: want auto, bar, log or none\n", *progress)
		return exitUsage
	}
	if *batch < 1 {
		*batch = 1
	}
	sources := fs.Args()
	var p *pipeline.Pipeline
	var err error
	var loaded *reload.Records
	badRecords := 0
	switch *input {
	case "documents":
		p, err = coder.New(coder.Options{ActorFiles: actors, Lexicons: lexicons, VerbFiles: verbs, Warn: warnTo(e, "annals ingest")})
	case "events":
		if len(docFiles) == 0 {
			fmt.Fprintf(e.stderr, "annals ingest: --input events needs --documents FILE (the documents of the events)\n")
			return exitUsage
		}
		loaded, badRecords = readRecords(e, sources)
		if err == nil {
			p, err = pipeline.New(reload.NewStage(loaded))
		}
		sources = expandGlobs(docFiles)
		*allLang = true // the pipeline that wrote the documents chose them
	default:
		fmt.Fprintf(e.stderr, "annals ingest: --input %q: want documents or events\n", *input)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "annals ingest: %v\n", err)
		return exitUsage
	}
	// Shared: a DuckDB file is held only while a batch is written, so
	// that "annals serve" can read it meanwhile.
	db, err := store.OpenShared(storeLocation(dbPath), false)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals ingest: %v\n", err)
		return exitFailed
	}
	defer db.Close()

	st := &ingestStats{skips: map[string]int{}}
	st.inputErrors.Add(int64(badRecords))
	var stages []pipeline.Stage
	for _, s := range p.Stages() {
		stages = append(stages, timedStage{Stage: s, total: &st.coderTime})
	}
	var prepared sync.Map // *text.Document → *store.Rows
	stages = append(stages, storeRows{&prepared})
	timed, err := pipeline.New(stages...)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals ingest: %v\n", err)
		return exitUsage
	}

	// Messages go through one goroutine so that they do not interleave
	// with the progress bar.
	var out io.Writer = e.stderr
	mode := *progress
	if mode == "auto" {
		mode = "log"
		if isTerminal(e.stderr) {
			mode = "bar"
		}
	}
	var bar *mpb.Bar
	var prog *mpb.Progress
	if mode == "bar" {
		prog = mpb.New(mpb.WithOutput(e.stderr), mpb.WithWidth(40), mpb.WithRefreshRate(200*time.Millisecond))
		bar = prog.AddBar(0,
			mpb.PrependDecorators(decor.Name("ingest "), decor.CountersNoUnit("%d/%d docs")),
			mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO), decor.Name(" "), decor.AverageSpeed(nil, "%.1f docs/s")))
		out = prog
	}
	var msgMu sync.Mutex
	say := func(format string, a ...any) {
		msgMu.Lock()
		fmt.Fprintf(out, "annals ingest: "+format+"\n", a...)
		msgMu.Unlock()
	}

	// The Go heap of an ingest holds the models and the documents in
	// flight, whatever the size of the store; a soft limit keeps the
	// collector from letting it double (GOMEMLIMIT, when set, wins).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestGoMemory)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "annals ingest: --cpuprofile: %v\n", err)
			return exitFailed
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	ctx := context.Background()
	start := time.Now()
	var meta sync.Map // *text.Document → pending
	docs := make(chan *text.Document, 64)
	go func() {
		defer close(docs)
		seenKeys := map[string]bool{}
		seenIDs := map[string]string{}
		h := ingest.Handler{
			Item: func(it ingest.Item) error {
				st.read.Add(1)
				if bar != nil {
					bar.SetTotal(st.read.Load(), false)
				}
				key := it.Key()
				// A teaser is known when it or its article is stored; an
				// article replaces its stored teaser.
				article, teaser := ingest.ArticleKey(key)
				known, replaces := seenKeys[key] || (teaser && seenKeys[article]), ""
				if !known {
					var err error
					known, err = db.HasKey(ctx, key)
					if err == nil && !known && teaser {
						known, err = db.HasKey(ctx, article)
					}
					if err == nil && !known && !teaser {
						had := seenKeys[ingest.TeaserKey(key)]
						if !had {
							had, err = db.HasKey(ctx, ingest.TeaserKey(key))
						}
						if had {
							replaces = ingest.TeaserKey(key)
						}
					}
					if err != nil {
						say("%s: %v", it.Origin, err)
						st.inputErrors.Add(1)
						return nil
					}
				}
				if known {
					st.known.Add(1)
					if bar != nil {
						bar.Increment()
					}
					return nil
				}
				seenKeys[key] = true
				id := it.ID
				other, taken := seenIDs[id]
				if !taken {
					other, _ = db.KeyOfID(ctx, id)
					taken = other != ""
				}
				if taken && other != key && other != replaces {
					sum := sha256.Sum256([]byte(key))
					id = id + "-" + hex.EncodeToString(sum[:4])
				}
				seenIDs[id] = key
				it.ID = id
				d := it.Document()
				if d.Published.IsZero() {
					d.Published = pub
				}
				if teaser {
					st.teasers.Add(1)
				}
				meta.Store(d, pending{key: key, origin: it.Origin.String(), replaces: replaces})
				docs <- d
				return nil
			},
			Error: func(err *ingest.Error) {
				st.inputErrors.Add(1)
				say("%v", err)
			},
			Skip: func(s *ingest.Skip) {
				st.read.Add(1)
				reason := "no text"
				if errors.Is(s.Reason, ingest.ErrNotEnglish) {
					reason = "not English"
				}
				st.skip(reason)
				say("skipped %s: %v", s.Origin, s.Reason)
				if bar != nil {
					bar.SetTotal(st.read.Load(), false)
					bar.Increment()
				}
			},
		}
		_ = ingest.Options{AllLanguages: *allLang, FetchArticles: !*noFetch, FetchPrivate: *fetchPrivate}.Walk(sources, h)
	}()

	// Periodic log lines when there is no bar.
	stopLog := make(chan struct{})
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		if mode != "log" {
			<-stopLog
			return
		}
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stopLog:
				return
			case <-tick.C:
				el := time.Since(start).Seconds()
				say("%d read, %d coded, %d stored, %d events, %.1f docs/s", st.read.Load(), st.coded.Load(), st.stored.Load(), st.events.Load(), float64(st.coded.Load())/el)
			}
		}
	}()

	// One writer goroutine stores batches while the workers code the next
	// ones; every write goes through it.
	batches := make(chan []store.Doc, 3)
	writeFailed := false
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		for b := range batches {
			// Batches that came while the last one was written go into
			// the same transaction (up to four): when the writer lags
			// behind the coders, it commits less often.
		group:
			for n := 1; n < 4; n++ {
				select {
				case more, ok := <-batches:
					if !ok {
						break group
					}
					b = append(b, more...)
				default:
					break group
				}
			}
			t0 := time.Now()
			res, err := db.Put(ctx, b)
			if err != nil {
				// Store the documents one by one, so that one bad
				// document does not lose the others.
				for _, d := range b {
					r, err1 := db.Put(ctx, []store.Doc{d})
					if err1 != nil {
						writeFailed = true
						say("%s: %v", d.Source, err1)
						continue
					}
					st.stored.Add(int64(count(r.Stored)))
					st.events.Add(int64(r.Events))
					st.replaced.Add(int64(r.Replaced))
				}
			} else {
				st.stored.Add(int64(count(res.Stored)))
				st.events.Add(int64(res.Events))
				st.replaced.Add(int64(res.Replaced))
			}
			st.writeTime += time.Since(t0)
		}
	}()
	var buf []store.Doc
	lastFlush := time.Now()
	flush := func() {
		if len(buf) > 0 {
			batches <- buf
			buf = nil
		}
		lastFlush = time.Now()
	}
	_ = timed.Run(ctx, *workers, docs, func(r pipeline.Result) {
		m, _ := meta.LoadAndDelete(r.Doc)
		pd, _ := m.(pending)
		rm, _ := prepared.LoadAndDelete(r.Doc)
		rows, _ := rm.(*store.Rows)
		if bar != nil {
			bar.Increment()
		}
		if r.Err != nil {
			st.failedCode.Add(1)
			say("%s: %v", pd.origin, r.Err)
			return
		}
		for _, w := range r.Doc.Warnings {
			say("warning: %s: %s", pd.origin, w)
		}
		st.coded.Add(1)
		buf = append(buf, store.Doc{Doc: r.Doc, Key: pd.key, Source: pd.origin, Replaces: pd.replaces, Rows: rows})
		if len(buf) >= *batch || time.Since(lastFlush) > 2*time.Second {
			flush()
		}
	})
	flush()
	close(batches)
	<-wrote
	close(stopLog)
	<-logDone
	if bar != nil {
		bar.SetTotal(-1, true)
		prog.Wait()
	}
	wall := time.Since(start)
	if loaded != nil {
		if n := reportUnused(ctx, e, db, loaded); n > 0 {
			st.inputErrors.Add(int64(n))
		}
	}
	t0 := time.Now()
	var cs store.ClusterStats
	var cerr error
	refreshed := db.Stale(ctx) || *rebuild
	if *rebuild {
		cs, cerr = db.Rebuild(ctx)
	} else if refreshed {
		cs, cerr = db.Refresh(ctx)
	}
	clusterTime := time.Since(t0)
	if cerr != nil {
		fmt.Fprintf(e.stderr, "annals ingest: %v\n", cerr)
		writeFailed = true
	}

	// Summary.
	w := e.stderr
	nw := *workers
	if nw <= 0 {
		nw = runtime.NumCPU()
	}
	secs := wall.Seconds()
	rate, coderShare := 0.0, 0.0
	if secs > 0 {
		rate = float64(st.coded.Load()) / secs
		coderShare = time.Duration(st.coderTime.Load()).Seconds() / (secs * float64(nw))
	}
	fmt.Fprintf(w, "annals ingest: %s\n", db.Path())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(label string, format string, a ...any) {
		fmt.Fprintf(tw, "  %s\t"+format+"\n", append([]any{label}, a...)...)
	}
	line("documents read", "%d", st.read.Load())
	line("already stored", "%d", st.known.Load())
	st.mu.Lock()
	var reasons []string
	for r := range st.skips {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		line("skipped ("+r+")", "%d", st.skips[r])
	}
	st.mu.Unlock()
	line("coded", "%d", st.coded.Load())
	line("coding failed", "%d", st.failedCode.Load())
	line("stored", "%d", st.stored.Load())
	if n := st.teasers.Load(); n > 0 {
		line("feed teasers", "%d coded without their article (marked as teasers)", n)
	}
	if n := st.replaced.Load(); n > 0 {
		line("teasers replaced", "%d by their article", n)
	}
	line("events stored", "%d", st.events.Load())
	line("inputs failed", "%d", st.inputErrors.Load())
	if !refreshed {
		line("clusters", "unchanged (nothing new stored)")
	} else if cerr == nil {
		line("clusters", "%d (%d disputed; %d dated events considered; %s)", cs.Clusters, cs.Disputed, cs.Events, clusterTime.Round(time.Millisecond))
	}
	line("time", "%s: %.1f documents/s coded and stored", wall.Round(time.Millisecond), rate)
	line("coder", "%s summed over %d workers: busy %.0f%% of their time", time.Duration(st.coderTime.Load()).Round(time.Millisecond), nw, 100*coderShare)
	line("store writes", "%s (one writer, alongside the coding)", st.writeTime.Round(time.Millisecond))
	tw.Flush()
	if st.inputErrors.Load() > 0 || st.failedCode.Load() > 0 || writeFailed {
		return exitFailed
	}
	return exitOK
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// table is a query result: column names and rows of values.
type table struct {
	cols []string
	rows [][]any
}

// cell renders a value for a table or CSV.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case []any, map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// jsonValue makes a value encodable as JSON.
func jsonValue(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case time.Time:
		return cell(x)
	case []any:
		out := make([]any, len(x))
		for i, y := range x {
			out[i] = jsonValue(y)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, y := range x {
			out[k] = jsonValue(y)
		}
		return out
	}
	return v
}

// write prints t in format: table, csv or jsonl.
func (t table) write(w io.Writer, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(t.cols)
		for _, r := range t.rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = cell(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range t.rows {
			// Keep the column order: encode the object by hand.
			var b strings.Builder
			b.WriteByte('{')
			for i, v := range r {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(t.cols[i])
				val, err := json.Marshal(jsonValue(v))
				if err != nil {
					return err
				}
				b.Write(k)
				b.WriteByte(':')
				b.Write(val)
			}
			b.WriteString("}\n")
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.cols, "\t")))
	for _, r := range t.rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = strings.ReplaceAll(cell(v), "\t", " ")
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

const queryUsage = "[--db PATH|URL] [--format table|csv|jsonl] QUERY"

const queryAbout = `Queries:
  dyad A B            events per month by quad class and summed Goldstein, both directions
                      (A and B match an actor's full code or its country)
  top-actors [N]      actors by the number of events they take part in (default 20)
  network ACTOR       who acts on whom around ACTOR (by code, or by country when
                      ACTOR is a country code): events and summed Goldstein per link
  dyads [ACTOR]       pairs of countries by the number of events between them
  clusters [disputed] reports of the same event across documents
  sql "SELECT ..."    any read-only SQL over the tables documents, sentences,
                      mentions, events, event_args, clusters, cluster_events, actors
                      (in the store's own SQL: DuckDB's, or PostgreSQL's)`

func cmdQuery(e *env, args []string) int {
	fs := newFlagSet(e, "query", queryUsage, queryAbout)
	dbPath := dbFlag(fs)
	format := fs.String("format", "table", "output format: table, csv, jsonl")
	if code, stop := fs.parse(args); stop {
		return code
	}
	switch *format {
	case "table", "csv", "jsonl":
	default:
		fmt.Fprintf(e.stderr, "annals query: --format %q: want table, csv or jsonl\n", *format)
		return exitUsage
	}
	q := fs.Args()
	if len(q) == 0 {
		fs.Usage()
		return exitUsage
	}
	need := map[string][2]int{"dyad": {2, 2}, "top-actors": {0, 1}, "network": {1, 1}, "dyads": {0, 1}, "clusters": {0, 1}, "sql": {1, 1}}
	n, ok := need[q[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "annals query: unknown query %q\n\n", q[0])
		fs.Usage()
		return exitUsage
	}
	if len(q)-1 < n[0] || len(q)-1 > n[1] {
		fmt.Fprintf(e.stderr, "annals query %s: wrong number of arguments\n\n", q[0])
		fs.Usage()
		return exitUsage
	}
	db, err := store.OpenShared(storeLocation(dbPath), true)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals query: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	ctx := context.Background()
	var t table
	var note string
	switch q[0] {
	case "dyad":
		a, b := strings.ToUpper(q[1]), strings.ToUpper(q[2])
		rows, undated, err := db.DyadSeries(ctx, a, b)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals query: %v\n", err)
			return exitFailed
		}
		t.cols = []string{"month", "source", "target", "quad_class", "events", "goldstein"}
		for _, r := range rows {
			s, tg := a, b
			if r.Dir != 0 {
				s, tg = b, a
			}
			t.rows = append(t.rows, []any{r.Month.String(), s, tg, int(r.Quad), r.Events, r.Goldstein})
		}
		if undated > 0 {
			note = fmt.Sprintf("%d events between %s and %s have no date", undated, a, b)
		}
	case "top-actors":
		limit := 20
		if len(q) > 1 {
			if limit, err = strconv.Atoi(q[1]); err != nil || limit < 1 {
				fmt.Fprintf(e.stderr, "annals query top-actors: %q is not a positive number\n", q[1])
				return exitUsage
			}
		}
		rows, total, err := db.Actors(ctx, store.Page{Limit: limit})
		if err != nil {
			fmt.Fprintf(e.stderr, "annals query: %v\n", err)
			return exitFailed
		}
		t.cols = []string{"code", "name", "country", "as_source", "as_target", "events"}
		for _, r := range rows {
			t.rows = append(t.rows, []any{r.Code, r.Name, r.Country, r.AsSource, r.AsTarget, r.Events})
		}
		note = fmt.Sprintf("%d of %d actors", len(rows), total)
	case "network":
		actor := strings.ToUpper(q[1])
		level := "code"
		if len(actor) == 3 {
			level = "country"
		}
		links, err := db.Links(ctx, level)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals query: %v\n", err)
			return exitFailed
		}
		t.cols = []string{"source", "target", "events", "goldstein"}
		for _, l := range links {
			if l.Source == actor || l.Target == actor {
				t.rows = append(t.rows, []any{l.Source, l.Target, l.Events, l.Goldstein})
			}
		}
	case "dyads":
		actor := ""
		if len(q) > 1 {
			actor = strings.ToUpper(q[1])
		}
		rows, _, err := db.Dyads(ctx, actor, store.Page{})
		if err != nil {
			fmt.Fprintf(e.stderr, "annals query: %v\n", err)
			return exitFailed
		}
		t.cols = []string{"a", "b", "a_to_b", "b_to_a", "events", "goldstein", "first", "last"}
		for _, r := range rows {
			t.rows = append(t.rows, []any{r.A, r.B, r.AToB, r.BToA, r.Events, r.Goldstein, r.First, r.Last})
		}
	case "clusters":
		disputed := len(q) > 1
		if disputed && q[1] != "disputed" {
			fmt.Fprintf(e.stderr, "annals query clusters: %q: the only option is \"disputed\"\n", q[1])
			return exitUsage
		}
		rows, _, err := db.Clusters(ctx, disputed, store.Page{})
		if err != nil {
			fmt.Fprintf(e.stderr, "annals query: %v\n", err)
			return exitFailed
		}
		t.cols = []string{"id", "event_type", "source", "target", "date", "reports", "documents", "outlets", "disputed", "conflicts", "events"}
		for _, r := range rows {
			t.rows = append(t.rows, []any{r.ID, r.EventType, r.Source, r.Target, r.Date, r.Reports, r.Documents, r.Outlets, r.Disputed,
				strings.Join(r.Conflicts, "; "), strings.Join(r.Events, " ")})
		}
	case "sql":
		t, err = sqlTable(ctx, db, q[1])
		if err != nil {
			fmt.Fprintf(e.stderr, "annals query sql: %v\n", err)
			return exitFailed
		}
	}
	if err := t.write(e.stdout, *format); err != nil {
		fmt.Fprintf(e.stderr, "annals query: %v\n", err)
		return exitFailed
	}
	if note != "" {
		fmt.Fprintf(e.stderr, "annals query: %s\n", note)
	}
	return exitOK
}

// sqlTable runs a query of the user's over a read-only store.
func sqlTable(ctx context.Context, db *store.DB, q string) (table, error) {
	var t table
	rs, err := db.SQL().QueryContext(ctx, q)
	if err != nil {
		return t, err
	}
	defer rs.Close()
	if t.cols, err = rs.Columns(); err != nil {
		return t, err
	}
	for rs.Next() {
		vals := make([]any, len(t.cols))
		ptrs := make([]any, len(t.cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return t, err
		}
		t.rows = append(t.rows, vals)
	}
	return t, rs.Err()
}

func cmdExport(e *env, args []string) int {
	fs := newFlagSet(e, "export", "[--db PATH|URL] --format parquet|csv|jsonl [--out FILE]",
		"Writes every stored event: parquet and csv in the same flat columns, one row an\n"+
			"event (docs/export.md lists them with their ICEWS, GDELT and POLECAT\n"+
			"equivalents); jsonl as the full nested event record.")
	dbPath := dbFlag(fs)
	format := fs.String("format", "", "export format: parquet or csv (the flat columns of docs/export.md), or jsonl (the event record)")
	outPath := fs.String("out", "", "output `FILE` (standard output when empty; required for parquet)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError("unexpected arguments %q", fs.Args())
	}
	switch *format {
	case "csv", "jsonl":
	case "parquet":
		if *outPath == "" {
			fmt.Fprintln(e.stderr, "annals export: --format parquet needs --out FILE")
			return exitUsage
		}
	default:
		fmt.Fprintf(e.stderr, "annals export: --format %q: want parquet, csv or jsonl\n", *format)
		return exitUsage
	}
	db, err := store.OpenShared(storeLocation(dbPath), true)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals export: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	ctx := context.Background()
	if *format == "parquet" {
		if err := db.ExportParquet(ctx, *outPath); err != nil {
			fmt.Fprintf(e.stderr, "annals export: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	var f *os.File
	dst := e.stdout
	if *outPath != "" {
		f, err = os.Create(*outPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals export: %v\n", err)
			return exitFailed
		}
		dst = f
	}
	bw := bufio.NewWriterSize(dst, 1<<16)
	w := io.Writer(bw)
	var werr error
	switch *format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(record.CSVHeader)
		werr = db.ForEachEvent(ctx, func(ev record.Event, url string) error {
			return cw.Write(record.CSVRow(ev, url))
		})
		cw.Flush()
		if werr == nil {
			werr = cw.Error()
		}
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		werr = db.ForEachEvent(ctx, func(ev record.Event, _ string) error { return enc.Encode(ev) })
	}
	if err := bw.Flush(); err != nil && werr == nil {
		werr = err
	}
	if f != nil {
		if err := f.Close(); err != nil && werr == nil {
			werr = err
		}
	}
	if werr != nil {
		fmt.Fprintf(e.stderr, "annals export: %v\n", werr)
		return exitFailed
	}
	return exitOK
}
