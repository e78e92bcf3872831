package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"annals/internal/coder"
	"annals/internal/ingest"
	"annals/internal/limits"
	"annals/internal/pipeline"
	"annals/internal/record"
	"annals/internal/text"
	"annals/internal/textenc"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
func (s *stringList) Type() string       { return "stringList" }

// codeFlags are the flags shared by the commands that run the coder.
type codeFlags struct {
	cmd       string // the command that runs the coder, for its messages
	published string
	input     string
	workers   int
	actors    stringList
	lexicons  stringList
	verbs     stringList
	all       bool
	classify  bool
}

func (c *codeFlags) register(fs *flagSet) {
	c.cmd = fs.name
	fs.StringVar(&c.published, "published", "", "publication date `YYYY-MM-DD` for documents that do not give one")
	fs.StringVar(&c.input, "input", "auto", "input format: text (each file one document), jsonl (one {\"id\",\"text\",\"published\"?,\"title\"?,\"url\"?} a line), or auto (jsonl for files named *.jsonl, text otherwise)")
	fs.IntVar(&c.workers, "workers", 0, "documents coded in parallel (0: one per core)")
	fs.Var(&c.actors, "actors", "actor `FILE` adding to or overriding the knowledge base (repeatable)")
	fs.Var(&c.lexicons, "lexicon", "event lexicon `FILE` merged over the embedded one (repeatable)")
	fs.Var(&c.verbs, "verbs", "PETRARCH/TABARI verb dictionary `FILE` whose verbs and patterns add to the event lexicon (repeatable)")
	fs.BoolVar(&c.classify, "classify", false, "let the trained event classifier decide each lexicon candidate's type or no event (annals train events)")
	fs.BoolVar(&c.all, "all", false, "also keep events with no coded actor on either side (marked \"incomplete\"); by default they are left out, as event datasets do")
}

// check validates the flags; it returns the default publication date.
func (c *codeFlags) check() (time.Time, error) {
	var pub time.Time
	if c.published != "" {
		t, err := time.Parse("2006-01-02", c.published)
		if err != nil {
			return pub, fmt.Errorf("--published %q: want YYYY-MM-DD", c.published)
		}
		pub = t
	}
	if c.input != "text" && c.input != "jsonl" && c.input != "auto" {
		return pub, fmt.Errorf("--input %q: want text, jsonl or auto", c.input)
	}
	return pub, nil
}

func cmdCode(e *env, args []string) int {
	fs := newFlagSet(e, "code", "[flags] [FILE|-]...",
		"Codes each document into PLOVER events and prints them, by default one JSON\n"+
			"object a line (the event record of docs/DESIGN.md). Files named *.jsonl are\n"+
			"read as JSON lines, one document a line, and keep their records' ids; any\n"+
			"other file is one document of plain text. With no FILE, or FILE -, reads\n"+
			"standard input. Exit status: 0 on success, 1 when some inputs failed (each\n"+
			"reported on standard error with its file, line and reason), 2 on bad usage.")
	var cf codeFlags
	cf.register(fs)
	format := fs.String("format", "jsonl", "output format: jsonl, table, csv")
	explain := fs.Bool("explain", false, "show the pattern, tree path and evidence behind every field (table: under each event; jsonl: an \"explain\" field of each record; csv: on standard error)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	pub, err := cf.check()
	if err != nil {
		return fs.usageError("%v", err)
	}
	switch *format {
	case "jsonl", "table", "csv":
	default:
		return fs.usageError("--format %q: want jsonl, table or csv", *format)
	}
	p, err := newCoder(coder.Options{ActorFiles: cf.actors, Lexicons: cf.lexicons, VerbFiles: cf.verbs, Classify: cf.classify, Warn: warnTo(e, "annals code")})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals code: %v\n", err)
		return exitUsage
	}
	out := newEventWriter(e.stdout, *format, *explain)
	out.notes = e.stderr
	out.all = cf.all
	failed := runCoder(e, p, cf, pub, fs.Args(), func(d *text.Document) {
		out.write(d)
	})
	if err := out.close(); err != nil {
		fmt.Fprintf(e.stderr, "annals code: %v\n", err)
		return exitFailed
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// jsonl reports whether the input named arg is read as JSON lines: as
// --input says, or under "auto" when its name ends in .jsonl.
func (c *codeFlags) jsonl(arg string) bool {
	switch c.input {
	case "jsonl":
		return true
	case "auto":
		return arg != "-" && strings.EqualFold(filepath.Ext(arg), ".jsonl")
	}
	return false
}

// runCoder reads the inputs named by args (standard input when none or
// "-"), codes them through p in parallel, and calls emit for each coded
// document in input order. Every input that fails is reported on stderr
// with its file, line and reason; it reports whether any failed.
func runCoder(e *env, p *pipeline.Pipeline, cf codeFlags, pub time.Time, args []string, emit func(*text.Document)) bool {
	if len(args) == 0 {
		args = []string{"-"}
	}
	failed := false
	report := func(format string, a ...any) {
		failed = true
		fmt.Fprintf(e.stderr, "annals "+cf.cmd+": "+format+"\n", a...)
	}
	docs := make(chan *text.Document, 16)
	errc := make(chan string, 64)
	go func() {
		defer close(docs)
		seen := map[string]int{}
		for _, arg := range args {
			name := arg
			var r io.Reader
			if arg == "-" {
				name, r = "stdin", e.stdin
			} else {
				f, err := os.Open(arg)
				if err != nil {
					errc <- err.Error()
					continue
				}
				defer f.Close()
				if st, err := f.Stat(); err == nil && st.IsDir() {
					errc <- fmt.Sprintf("%s: is a directory (annals ingest reads folders)", arg)
					continue
				}
				r = f
			}
			if cf.jsonl(arg) {
				h := ingest.Handler{
					Item: func(it ingest.Item) error {
						d := it.Document()
						if d.Published.IsZero() {
							d.Published = pub
						}
						docs <- d
						return nil
					},
					Error: func(err *ingest.Error) {
						errc <- fmt.Sprintf("%s: %v", ingest.Origin{File: err.Source, Line: err.Line, Record: err.Record}, err.Err)
					},
					Skip: func(s *ingest.Skip) { errc <- s.Error() }, // "skip FILE:LINE: reason"
				}
				_ = ingest.Options{AllLanguages: true}.ReadJSONL(r, name, h)
				continue
			}
			b, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), limits.DocumentBytes+1))
			if err != nil {
				errc <- fmt.Sprintf("%s: %v", name, err)
				continue
			}
			if len(b) > limits.DocumentBytes {
				errc <- fmt.Sprintf("%s: larger than the limit of %d bytes a document", name, limits.DocumentBytes)
				continue
			}
			txt, enc, err := textenc.Decode(b)
			if err != nil {
				errc <- fmt.Sprintf("%s: %v", name, err)
				continue
			}
			if enc != textenc.UTF8 {
				errc <- fmt.Sprintf("note: %s: not UTF-8: read as %v; byte offsets are into its UTF-8 text", name, enc)
			}
			id := docID(name, seen)
			d := text.New(id, txt)
			d.Published = pub
			docs <- d
		}
	}()
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for msg := range errc {
			if strings.HasPrefix(msg, "skip ") || strings.HasPrefix(msg, "warning: ") || strings.HasPrefix(msg, "note: ") {
				fmt.Fprintf(e.stderr, "annals %s: %s\n", cf.cmd, msg)
				continue
			}
			report("%s", msg)
		}
	}()
	_ = p.Run(ctx, cf.workers, docs, func(r pipeline.Result) {
		if r.Err != nil {
			errc <- r.Err.Error()
			return
		}
		for _, w := range r.Doc.Warnings {
			errc <- fmt.Sprintf("warning: document %s: %s", r.Doc.ID, w)
		}
		emit(r.Doc)
	})
	close(errc)
	<-done
	return failed
}

// docID names a document read from a file: its base name without extension,
// made unique within the run.
func docID(name string, seen map[string]int) string {
	id := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if id == "" {
		id = "doc"
	}
	seen[id]++
	if n := seen[id]; n > 1 {
		id = fmt.Sprintf("%s-%d", id, n)
	}
	return id
}

// eventWriter prints events in one of the output formats.
type eventWriter struct {
	w       io.Writer
	format  string
	explain bool
	notes   io.Writer // where CSV's explanations go (standard error); nil: left out
	enc     *json.Encoder
	tab     *tabwriter.Writer
	csv     *csv.Writer
	err     error
	all     bool // also events with no coded actor
}

func newEventWriter(w io.Writer, format string, explain bool) *eventWriter {
	ew := &eventWriter{w: w, format: format, explain: explain}
	switch format {
	case "jsonl":
		ew.enc = json.NewEncoder(w)
		ew.enc.SetEscapeHTML(false)
	case "table":
		ew.tab = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(ew.tab, "ID\tDATE\tSOURCE\tEVENT\tTARGET\tPOL/MOD/CERT\tSPEAKER\tTRIGGER")
	case "csv":
		ew.csv = csv.NewWriter(w)
		ew.err = ew.csv.Write(record.CSVHeader)
	}
	return ew
}

func (ew *eventWriter) write(d *text.Document) {
	recs := record.FromDocument(d)
	if !ew.all {
		recs = record.Complete(recs)
	}
	for _, r := range recs {
		switch ew.format {
		case "jsonl":
			var v any = r
			if ew.explain {
				v = explained{Event: r, Explain: explanation(r)}
			}
			if err := ew.enc.Encode(v); err != nil && ew.err == nil {
				ew.err = err
			}
		case "table":
			fmt.Fprintf(ew.tab, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, dateCell(r.Date), argCell(r.Source),
				eventCell(r), argCell(r.Target), r.Polarity+"/"+r.Modality+"/"+r.Certainty, speakerCell(r.Attribution), r.Trigger.Text)
		case "csv":
			if err := ew.csv.Write(record.CSVRow(r, d.URL)); err != nil && ew.err == nil {
				ew.err = err
			}
		}
		if ew.explain && ew.format != "jsonl" {
			ew.explainEvent(r)
		}
	}
}

// explained is an event record with its explanation, as --explain
// --format jsonl prints it: the record's fields and one more, "explain".
type explained struct {
	record.Event
	Explain []string `json:"explain"`
}

// explanation is what --explain shows for r, one line a string: the rule
// and confidence, the sentence, then each field's evidence.
func explanation(r record.Event) []string {
	lines := []string{
		fmt.Sprintf("%s  %s %s  rule %s  confidence %.2f", r.ID, r.EventType, r.Mode, r.Rule, r.Confidence),
		fmt.Sprintf("sentence %d: %s", r.Sentence, r.SentenceText),
	}
	for _, ev := range r.Evidence {
		lines = append(lines, fmt.Sprintf("%-12s %-30q [%d,%d)  %s", ev.Field, ev.Text, ev.Start, ev.End, ev.Rule))
	}
	if len(r.Evidence) == 0 {
		lines = append(lines, "(no evidence recorded)")
	}
	return lines
}

// explainEvent writes r's explanation indented under its line in a table,
// or to the notes writer (standard error) beside CSV, so that the CSV on
// standard output stays parseable.
func (ew *eventWriter) explainEvent(r record.Event) {
	w := ew.w
	if ew.tab != nil {
		ew.tab.Flush()
	}
	if ew.format == "csv" {
		if ew.notes == nil {
			return
		}
		w = ew.notes
	}
	for i, line := range explanation(r) {
		indent := "    "
		if i == 0 {
			indent = "  "
		}
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
}

func (ew *eventWriter) close() error {
	if ew.tab != nil {
		if err := ew.tab.Flush(); err != nil && ew.err == nil {
			ew.err = err
		}
	}
	if ew.csv != nil {
		ew.csv.Flush()
		if err := ew.csv.Error(); err != nil && ew.err == nil {
			ew.err = err
		}
	}
	if ew.err != nil && errors.Is(ew.err, os.ErrClosed) {
		return nil
	}
	return ew.err
}

func dateCell(d record.Date) string {
	if d.Value == "" {
		return "?"
	}
	switch d.Basis {
	case "published":
		return d.Value + "(pub)"
	case "relative":
		return d.Value + "~"
	}
	return d.Value
}

func argCell(args []record.Argument) string {
	if len(args) == 0 {
		return "-"
	}
	var parts []string
	for _, a := range args {
		s := a.Text
		if len(s) > 28 {
			s = s[:25] + "..."
		}
		if a.Actor.Code != "" {
			s += "[" + a.Actor.Code + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func eventCell(r record.Event) string {
	s := r.EventType
	if r.Mode != "" {
		s += "/" + r.Mode
	}
	return s + " " + r.CAMEO
}

func speakerCell(a record.Attribution) string {
	if a.Actor != nil && a.Actor.Code != "" {
		return a.Speaker + "[" + a.Actor.Code + "]"
	}
	return a.Speaker
}

// warnTo returns a coder warning function writing "prefix: msg" lines to
// the command's standard error.
func warnTo(e *env, prefix string) func(string) {
	return func(msg string) { fmt.Fprintf(e.stderr, "%s: %s\n", prefix, msg) }
}
