package codepipe_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"annals/beam/internal/codepipe"
	"annals/beam/internal/flat"
	"annals/internal/coder"
	"annals/internal/ingest"
	"annals/internal/pipeline"
	"annals/internal/record"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/nlnwa/gowarc/v2"
)

func TestMain(m *testing.M) {
	ptest.MainWithDefault(m, "prism")
}

// newsPage is an HTML page of a news site, for the WARC input.
const newsPage = `<html><head><title>Ceasefire talks resume</title>
<meta property="article:published_time" content="2025-05-10T08:00:00Z"></head><body>
<nav><a href="/">Front page</a></nav>
<article><h1>Ceasefire talks resume</h1>
<p>Negotiators from Sudan and South Sudan met in Addis Ababa on Saturday to resume talks on a ceasefire along their shared border.</p>
<p>The African Union, which hosts the talks, called on both armies to withdraw their troops from the contested oil fields.</p>
</article></body></html>`

// writeWARC writes a small archive: one news page, one image and one
// request record, which the reader passes over.
func writeWARC(t *testing.T, path string) {
	t.Helper()
	type rec struct {
		typ  gowarc.RecordType
		uri  string
		body string
	}
	resp := func(ctype, body string) string {
		return "HTTP/1.1 200 OK\r\nContent-Type: " + ctype + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	}
	recs := []rec{
		{gowarc.Request, "https://paper.example.net/ceasefire", "GET /ceasefire HTTP/1.1\r\nHost: paper.example.net\r\n\r\n"},
		{gowarc.Response, "https://paper.example.net/ceasefire", resp("text/html; charset=utf-8", newsPage)},
		{gowarc.Response, "https://paper.example.net/map.png", resp("image/png", "\x89PNG\r\n")},
	}
	var out bytes.Buffer
	m := gowarc.NewMarshaler()
	for i, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true),
			gowarc.WithAddMissingRecordId(true), gowarc.WithFixContentLength(true))
		if _, err := b.WriteString(r.body); err != nil {
			t.Fatal(err)
		}
		b.AddWarcHeader(gowarc.WarcDate, "2025-05-11T00:00:00Z")
		b.AddWarcHeader(gowarc.WarcTargetURI, r.uri)
		if r.typ == gowarc.Response {
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		} else {
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		}
		wr, _, err := b.Build()
		if err != nil {
			t.Fatalf("warc record %d: %v", i, err)
		}
		if _, _, err := m.Marshal(&out, wr, 0); err != nil {
			t.Fatalf("warc record %d: %v", i, err)
		}
		wr.Close()
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpus copies the test inputs to a fresh folder, adds the archive, and
// returns the folder.
func corpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"wire.jsonl", "more.jsonl", "notes.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeWARC(t, filepath.Join(dir, "crawl.warc"))
	return dir
}

// coded is what the coder library makes of the test files: the records as
// JSON lines, their flat export rows, and the documents, each sorted.
type coded struct {
	lines []string
	rows  []string // record.CSVRow, joined with tabs
	docs  []codepipe.DocumentJSON
}

// direct codes the files with the coder library, as annals code does.
func direct(t *testing.T, p *pipeline.Pipeline, files []string, published string, all bool) coded {
	t.Helper()
	var pub time.Time
	if published != "" {
		var err error
		if pub, err = time.Parse("2006-01-02", published); err != nil {
			t.Fatal(err)
		}
	}
	var out coded
	h := ingest.Handler{Item: func(it ingest.Item) error {
		d := it.Document()
		if d.Published.IsZero() {
			d.Published = pub
		}
		dj := codepipe.DocumentJSON{ID: it.ID, Title: it.Title, URL: it.URL, Text: it.Text}
		if !d.Published.IsZero() {
			dj.Published = d.Published.UTC().Format(time.RFC3339Nano)
		}
		out.docs = append(out.docs, dj)
		if err := p.Process(d); err != nil {
			t.Errorf("code %s: %v", it.ID, err)
			return nil
		}
		recs := record.FromDocument(d)
		if !all {
			recs = record.Complete(recs)
		}
		for _, r := range recs {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			out.lines = append(out.lines, strings.TrimSuffix(buf.String(), "\n"))
			out.rows = append(out.rows, strings.Join(record.CSVRow(r, it.URL), "\t"))
		}
		return nil
	}}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".warc") {
			err = ingest.Options{}.ReadWARC(fh, f, h)
		} else {
			err = ingest.Options{AllLanguages: true}.ReadJSONL(fh, f, h)
		}
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(out.lines)
	sort.Strings(out.rows)
	sort.Slice(out.docs, func(i, j int) bool { return out.docs[i].ID < out.docs[j].ID })
	return out
}

// readParquet returns the rows of every file matching pattern, each
// joined with tabs, sorted, and the number of files. Every file must have
// exactly the columns of the flat export.
func readParquet(t *testing.T, pattern string) ([]string, int) {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		cols, rs, err := flat.Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if !slices.Equal(cols, record.Columns) {
			t.Errorf("%s: columns %v, want %v", n, cols, record.Columns)
		}
		for _, r := range rs {
			rows = append(rows, strings.Join(r, "\t"))
		}
	}
	sort.Strings(rows)
	return rows, len(names)
}

// rereadDocuments reads the document files as annals ingest reads JSON
// lines and checks that they give back docs: same ids, texts, titles,
// URLs and publication times, and no error.
func rereadDocuments(t *testing.T, pattern string, docs []codepipe.DocumentJSON) {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var got []codepipe.DocumentJSON
	for _, n := range names {
		fh, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		err = ingest.Options{AllLanguages: true}.ReadJSONL(fh, n, ingest.Handler{
			Item: func(it ingest.Item) error {
				d := codepipe.DocumentJSON{ID: it.ID, Title: it.Title, URL: it.URL, Text: it.Text}
				if !it.Published.IsZero() {
					d.Published = it.Published.UTC().Format(time.RFC3339Nano)
				}
				got = append(got, d)
				return nil
			},
			Error: func(e *ingest.Error) { t.Errorf("annals ingest would reject %s:%d: %v", e.Source, e.Line, e.Err) },
		})
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].ID < got[j].ID })
	if !slices.Equal(got, docs) {
		t.Errorf("document files read by annals ingest's reader:\n got %+v\nwant %+v", got, docs)
	}
}

// readDocuments returns the documents of every file matching pattern,
// sorted by id, and the number of files.
func readDocuments(t *testing.T, pattern string) ([]codepipe.DocumentJSON, int) {
	t.Helper()
	lines, n := readShards(t, pattern)
	var docs []codepipe.DocumentJSON
	for _, l := range lines {
		var d codepipe.DocumentJSON
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("document line %q: %v", l, err)
		}
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, n
}

// readShards returns the lines of every file matching pattern, sorted, and
// the number of files.
func readShards(t *testing.T, pattern string) ([]string, int) {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l != "" {
				lines = append(lines, l)
			}
		}
	}
	sort.Strings(lines)
	return lines, len(names)
}

// TestPrismMatchesCoder runs the pipeline on the prism runner and compares
// its records with the coder library's for the same input.
func TestPrismMatchesCoder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Beam pipeline on prism")
	}
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := corpus(t)
	jsonl := []string{filepath.Join(in, "more.jsonl"), filepath.Join(in, "wire.jsonl")}
	cases := []struct {
		name      string
		inputs    []string
		files     []string // what the inputs name, for the direct coding
		shards    int
		published string
		all       bool
		format    string
		documents bool
		errs      []string // substrings the errors file must hold
	}{
		{"jsonl glob, warc, bad inputs", []string{filepath.Join(in, "*.jsonl"), filepath.Join(in, "crawl.warc"), filepath.Join(in, "notes.txt"), filepath.Join(in, "absent.jsonl")},
			append(jsonl, filepath.Join(in, "crawl.warc")), 3, "", false, "both", true,
			[]string{"more.jsonl:2: ", "notes.txt: read as text: want JSON lines", "absent.jsonl: no such file"}},
		{"one shard, default date, all events", []string{filepath.Join(in, "wire.jsonl")},
			[]string{filepath.Join(in, "wire.jsonl")}, 1, "2025-01-15", true, "", false, nil},
		{"parquet only, documents", []string{filepath.Join(in, "wire.jsonl"), filepath.Join(in, "crawl.warc")},
			[]string{filepath.Join(in, "wire.jsonl"), filepath.Join(in, "crawl.warc")}, 2, "2024-12-01", false, "parquet", true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			cfg := codepipe.Config{Inputs: c.inputs, Output: out, Shards: c.shards, Published: c.published, All: c.all, Format: c.format, Documents: c.documents}
			bp, s := beam.NewPipelineWithRoot()
			if err := codepipe.Build(s, cfg); err != nil {
				t.Fatal(err)
			}
			if err := ptest.Run(bp); err != nil {
				t.Fatalf("pipeline: %v", err)
			}
			want := direct(t, p, c.files, c.published, c.all)
			if len(want.lines) == 0 {
				t.Fatal("the coder finds no event in the test corpus: the comparison would prove nothing")
			}
			got, n := readShards(t, filepath.Join(out, "events-*.jsonl"))
			if wantFiles := map[bool]int{true: c.shards}[cfg.JSONL()]; n != wantFiles {
				t.Errorf("%d JSON lines event files, want %d", n, wantFiles)
			}
			if cfg.JSONL() && strings.Join(got, "\n") != strings.Join(want.lines, "\n") {
				t.Errorf("pipeline records differ from the coder's:\n got %d:\n%s\nwant %d:\n%s", len(got), strings.Join(got, "\n"), len(want.lines), strings.Join(want.lines, "\n"))
			}
			rows, n := readParquet(t, filepath.Join(out, "events-*.parquet"))
			if wantFiles := map[bool]int{true: c.shards}[cfg.Parquet()]; n != wantFiles {
				t.Errorf("%d Parquet event files, want %d", n, wantFiles)
			}
			if cfg.Parquet() && strings.Join(rows, "\n") != strings.Join(want.rows, "\n") {
				t.Errorf("Parquet rows differ from the export's rows of the coder's records:\n got %d:\n%s\nwant %d:\n%s", len(rows), strings.Join(rows, "\n"), len(want.rows), strings.Join(want.rows, "\n"))
			}
			docs, n := readDocuments(t, filepath.Join(out, "documents-*.jsonl"))
			if wantFiles := map[bool]int{true: c.shards}[c.documents]; n != wantFiles {
				t.Errorf("%d document files, want %d", n, wantFiles)
			}
			if c.documents && !slices.Equal(docs, want.docs) {
				t.Errorf("documents differ:\n got %+v\nwant %+v", docs, want.docs)
			}
			if c.documents {
				rereadDocuments(t, filepath.Join(out, "documents-*.jsonl"), docs)
			}
			errs, _ := readShards(t, filepath.Join(out, "errors-*.txt"))
			joined := strings.Join(errs, "\n")
			for _, e := range c.errs {
				if !strings.Contains(joined, e) {
					t.Errorf("errors file lacks %q; it holds:\n%s", e, joined)
				}
			}
			if len(c.errs) == 0 && len(errs) > 0 {
				t.Errorf("unexpected errors:\n%s", joined)
			}
		})
	}
}

func TestConfigCheck(t *testing.T) {
	ok := codepipe.Config{Inputs: []string{"a.jsonl"}, Output: "out", Shards: 2}
	cases := []struct {
		name string
		edit func(*codepipe.Config)
		want string // "" for valid
	}{
		{"valid", func(*codepipe.Config) {}, ""},
		{"valid with date", func(c *codepipe.Config) { c.Published = "2024-02-29" }, ""},
		{"no input", func(c *codepipe.Config) { c.Inputs = nil }, "no input"},
		{"no output", func(c *codepipe.Config) { c.Output = "" }, "no output"},
		{"zero shards", func(c *codepipe.Config) { c.Shards = 0 }, "--shards 0"},
		{"bad date", func(c *codepipe.Config) { c.Published = "2024-02-30" }, "--published"},
		{"parquet", func(c *codepipe.Config) { c.Format = "parquet" }, ""},
		{"both", func(c *codepipe.Config) { c.Format = "both" }, ""},
		{"bad format", func(c *codepipe.Config) { c.Format = "csv" }, `--format "csv"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.edit(&cfg)
			err := cfg.Check()
			if c.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
