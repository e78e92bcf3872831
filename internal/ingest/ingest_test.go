package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v2"
)

func TestWalkCorpus(t *testing.T) {
	var c collect
	if err := Walk([]string{"testdata/corpus", "testdata/missing.txt"}, c.handler()); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range c.items {
		got = append(got, it.Origin.String())
		if it.ID == "" || it.Text == "" {
			t.Errorf("%s: empty ID or text", it.Origin)
		}
		if it.Text != strings.TrimSpace(it.Text) {
			t.Errorf("%s: text not trimmed", it.Origin)
		}
	}
	want := []string{
		"testdata/corpus/article.html",
		"testdata/corpus/batch.jsonl:1",
		"testdata/corpus/batch.jsonl:3",
		"testdata/corpus/notes.txt",
		"testdata/corpus/updates.atom#1",
		"testdata/corpus/wire.rss#1",
		"testdata/corpus/wire.rss#2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var errs []string
	for _, e := range c.errs {
		errs = append(errs, (Origin{File: e.Source, Line: e.Line, Record: e.Record}).String())
	}
	wantErrs := []string{"testdata/corpus/batch.jsonl:2", "testdata/corpus/sub/blob.bin", "testdata/missing.txt"}
	if strings.Join(errs, " ") != strings.Join(wantErrs, " ") {
		t.Errorf("errors at %v, want %v", errs, wantErrs)
	}
	var skips []string
	for _, s := range c.skips {
		skips = append(skips, s.Origin.String())
	}
	wantSkips := []string{"testdata/corpus/sub/bulletin.txt", "testdata/corpus/wire.rss#3"}
	if strings.Join(skips, " ") != strings.Join(wantSkips, " ") {
		t.Errorf("skips at %v, want %v", skips, wantSkips)
	}
	if !errors.Is(c.skips[0].Reason, ErrNotEnglish) || !errors.Is(c.skips[1].Reason, ErrEmpty) {
		t.Errorf("skip reasons %v, %v: want not English, no text", c.skips[0].Reason, c.skips[1].Reason)
	}
}

func TestReadHTML(t *testing.T) {
	f, err := os.Open("testdata/corpus/article.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var c collect
	if err := (Options{}).ReadHTML(f, "article.html", "", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 1 {
		t.Fatalf("got %d items, errors %v", len(c.items), c.errs)
	}
	it := c.items[0]
	if it.Title != "Harbour talks resume after two-year pause" {
		t.Errorf("title %q: want the article's, not the site's", it.Title)
	}
	if it.URL != "https://courier.example.com/world/harbour-talks-resume" {
		t.Errorf("URL %q: want the canonical URL", it.URL)
	}
	if y, m, d := it.Published.Date(); y != 2024 || m != time.March || d != 14 {
		t.Errorf("published %v, want 2024-03-14", it.Published)
	}
	paras := strings.Split(it.Text, "\n\n")
	if len(paras) < 4 {
		t.Errorf("got %d paragraphs, want the article's paragraphs separated by blank lines:\n%s", len(paras), it.Text)
	}
	for _, p := range paras {
		if strings.Contains(p, "\n") || strings.Contains(p, "  ") {
			t.Errorf("paragraph with a line break or double space: %q", p)
		}
	}
	for _, junk := range []string{"Home", "Sport", "Great article", "All rights reserved", "Market report"} {
		if strings.Contains(it.Text, junk) {
			t.Errorf("boilerplate %q kept in the text:\n%s", junk, it.Text)
		}
	}
	for _, keep := range []string{"port city of Varel on Wednesday", "without preconditions and would propose", "seize their nets"} {
		if !strings.Contains(it.Text, keep) {
			t.Errorf("article text %q missing:\n%s", keep, it.Text)
		}
	}
	if it.Key() != "url:"+it.URL {
		t.Errorf("key %q, want the URL", it.Key())
	}
}

func TestBlockText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"<p>One  two\nthree.</p><p>Four.</p>", "One two three.\n\nFour."},
		{"<p>A <b>bold</b>move.</p>", "A boldmove."},
		{"<p>A <b>bold</b> move.</p>", "A bold move."},
		{"<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"},
		{"<p>line one<br>line two</p>", "line one\nline two"},
		{"<div>outer <p>inner</p> tail</div>", "outer\n\ninner\n\ntail"},
		{"<script>var x = 1;</script><p>kept</p>", "kept"},
		{"plain &amp; simple", "plain & simple"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := htmlFragmentText(tt.in); got != tt.want {
			t.Errorf("htmlFragmentText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
	}{
		{"a.txt", "", FormatText},
		{"a.HTML", "", FormatHTML},
		{"a.jsonl", "", FormatJSONL},
		{"a.rss", "", FormatFeed},
		{"a.atom", "", FormatFeed},
		{"a.warc.gz", "", FormatWARC},
		{"a.warc", "", FormatWARC},
		{"a.xml", `<?xml version="1.0"?><rss version="2.0">`, FormatFeed},
		{"a.xml", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`, FormatFeed},
		{"page", "<!DOCTYPE html><html>", FormatHTML},
		{"data", `{"id": "x"}`, FormatJSONL},
		{"arc", "WARC/1.1\r\n", FormatWARC},
		{"gz", "\x1f\x8b\x08", FormatWARC},
		{"notes", "Just some words.", FormatText},
		{"blob", "a\x00b", FormatUnknown},
	}
	for _, tt := range tests {
		if got := FormatOf(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("FormatOf(%q, %q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

// testRecord is a record for writeWARC.
type testRecord struct {
	typ     gowarc.RecordType
	uri     string
	date    string
	content string // the HTTP message for responses and requests
}

// writeWARC serializes records as a WARC file, each record its own gzip
// member when gz is set (as CC-NEWS does).
func writeWARC(t testing.TB, records []testRecord, gz bool) []byte {
	t.Helper()
	var out bytes.Buffer
	m := gowarc.NewMarshaler()
	for i, r := range records {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true),
			gowarc.WithAddMissingRecordId(true), gowarc.WithFixContentLength(true))
		if _, err := b.WriteString(r.content); err != nil {
			t.Fatal(err)
		}
		b.AddWarcHeader(gowarc.WarcDate, r.date)
		if r.uri != "" {
			b.AddWarcHeader(gowarc.WarcTargetURI, r.uri)
		}
		if r.typ == gowarc.Response {
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		} else if r.typ == gowarc.Request {
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		} else {
			b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
		}
		rec, _, err := b.Build()
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		var w bytes.Buffer
		if _, _, err := m.Marshal(&w, rec, 0); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		rec.Close()
		if gz {
			zw := gzip.NewWriter(&out)
			zw.Write(w.Bytes())
			zw.Close()
		} else {
			out.Write(w.Bytes())
		}
	}
	return out.Bytes()
}

func httpMessage(status, ctype, body string) string {
	return "HTTP/1.1 " + status + "\r\nContent-Type: " + ctype + "\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

const pageOne = `<html><head><title>Ministers sign water accord</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers sign water accord</h1>
<p>The water ministers of the three river states signed an accord on Thursday that sets quotas for the dry season.</p>
<p>Farmers' groups in the lower valley welcomed the accord, but said they would watch whether the upstream dams release enough water in August.</p>
<p>The accord replaces an older arrangement that had lapsed when one of the states withdrew from the basin commission.</p>
</article><footer>Copyright Example News</footer></body></html>`

const pageTwo = `<html><head><title>Protesters gather outside the court</title>
<meta property="article:published_time" content="2023-11-05T12:00:00Z"></head><body>
<article><h1>Protesters gather outside the court</h1>
<p>Several hundred protesters gathered outside the supreme court on Sunday to demand the release of the detained journalists.</p>
<p>Police closed the square for several hours but made no arrests, a spokesman for the city said in the evening.</p>
</article></body></html>`

func warcFixture(t testing.TB, gz bool) []byte {
	return writeWARC(t, []testRecord{
		{typ: gowarc.Warcinfo, date: "2024-07-01T00:00:00Z", content: "software: annals test\r\nformat: WARC File Format 1.1\r\n"},
		{typ: gowarc.Request, uri: "https://news.example.com/water-accord", date: "2024-07-01T10:00:00Z", content: "GET /water-accord HTTP/1.1\r\nHost: news.example.com\r\n\r\n"},
		{typ: gowarc.Response, uri: "https://news.example.com/water-accord", date: "2024-07-01T10:00:01Z", content: httpMessage("200 OK", "text/html; charset=utf-8", pageOne)},
		{typ: gowarc.Response, uri: "https://news.example.com/logo.png", date: "2024-07-01T10:00:02Z", content: httpMessage("200 OK", "image/png", "\x89PNG....")},
		{typ: gowarc.Response, uri: "https://news.example.com/gone", date: "2024-07-01T10:00:03Z", content: httpMessage("404 Not Found", "text/html", "<p>gone</p>")},
		{typ: gowarc.Response, uri: "https://news.example.com/court-protest", date: "2024-07-01T10:00:04Z", content: httpMessage("200 OK", "text/html", pageTwo)},
	}, gz)
}

func TestReadWARC(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data := warcFixture(t, gz)
		var c collect
		if err := (Options{}).ReadWARC(bytes.NewReader(data), "news.warc", c.handler()); err != nil {
			t.Fatal(err)
		}
		if len(c.errs) != 0 {
			t.Errorf("gz=%v: errors %v", gz, c.errs)
		}
		if len(c.items) != 2 {
			t.Fatalf("gz=%v: got %d items, want 2", gz, len(c.items))
		}
		a, b := c.items[0], c.items[1]
		if a.URL != "https://news.example.com/water-accord" || a.Origin.Record != 3 || a.Title != "Ministers sign water accord" {
			t.Errorf("gz=%v: first item %s %q %q", gz, a.Origin, a.URL, a.Title)
		}
		if !strings.Contains(a.Text, "signed an accord on Thursday") || strings.Contains(a.Text, "Copyright") {
			t.Errorf("gz=%v: first text %q", gz, a.Text)
		}
		if !a.Published.Equal(time.Date(2024, 7, 1, 10, 0, 1, 0, time.UTC)) {
			t.Errorf("gz=%v: first published %v, want the capture date", gz, a.Published)
		}
		if y, m, d := b.Published.Date(); y != 2023 || m != time.November || d != 5 || b.Origin.Record != 6 {
			t.Errorf("gz=%v: second item %s published %v, want record 6 of 2023-11-05", gz, b.Origin, b.Published)
		}
	}
}

func TestReadWARCDamaged(t *testing.T) {
	data := warcFixture(t, true)
	// Cut the archive in the middle of its last record.
	cut := data[:len(data)-40]
	var c collect
	if err := (Options{}).ReadWARC(bytes.NewReader(cut), "cut.warc.gz", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 1 || len(c.errs) == 0 {
		t.Errorf("got %d items and errors %v: want the first page and an error for the cut record", len(c.items), c.errs)
	}
	for _, e := range c.errs {
		if e.Record == 0 || e.Source != "cut.warc.gz" {
			t.Errorf("error %v does not name the record", e)
		}
	}
	// Garbage between records: the reader finds the next one.
	plain := warcFixture(t, false)
	i := bytes.Index(plain[10:], []byte("WARC/1.1")) + 10
	junk := append(append(append([]byte{}, plain[:i]...), []byte("garbage garbage\r\n")...), plain[i:]...)
	c = collect{}
	if err := (Options{}).ReadWARC(bytes.NewReader(junk), "junk.warc", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 2 {
		t.Errorf("with junk between records got %d items, errors %v", len(c.items), c.errs)
	}
}

func TestWalkWARCFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(p, warcFixture(t, true), 0o644); err != nil {
		t.Fatal(err)
	}
	var c collect
	if err := Walk([]string{dir}, c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 2 || c.items[0].Origin.File != p {
		t.Errorf("walk over a .warc.gz: items %+v, errors %v", c.items, c.errs)
	}
}

func TestReadFeed(t *testing.T) {
	f, err := os.Open("testdata/corpus/wire.rss")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var c collect
	if err := (Options{}).ReadFeed(f, "wire.rss", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 2 || len(c.skips) != 1 || len(c.errs) != 0 {
		t.Fatalf("items %d skips %v errors %v, want 2, 1, 0", len(c.items), c.skips, c.errs)
	}
	first := c.items[0]
	if first.Text != "The two governments reopened the mountain crossing on Monday.\n\nTrucks had waited for weeks at the checkpoint while the ministers argued over customs fees." {
		t.Errorf("first text %q", first.Text)
	}
	if !first.Published.Equal(time.Date(2024, 5, 6, 12, 0, 0, 0, time.UTC)) || first.Published.Location() != time.UTC {
		t.Errorf("first published %v, want 2024-05-06 12:00 UTC", first.Published)
	}
	var bad collect
	if err := (Options{}).ReadFeed(strings.NewReader("<rss><channel><item>"), "broken.rss", bad.handler()); err != nil {
		t.Fatal(err)
	}
	if len(bad.errs) != 1 || bad.errs[0].Source != "broken.rss" {
		t.Errorf("broken feed: errors %v", bad.errs)
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(pageOne), "text/html", "https://x.example/a")
	f.Add([]byte(pageTwo), "", "")
	f.Add([]byte("<html><body><p>\xff\xfe broken <b>tags</p></i>"), "text/html; charset=iso-8859-1", "not a url")
	f.Add([]byte("<meta charset=\"shift_jis\"><p>abc</p>"), "", "https://x.example/b#frag")
	f.Fuzz(func(t *testing.T, data []byte, ctype, url string) {
		it, err := ExtractHTML(data, ctype, url)
		if err != nil {
			return
		}
		if it.URL != "" && !strings.HasPrefix(it.URL, "http") {
			t.Errorf("URL %q is not http(s)", it.URL)
		}
		if it.Text != strings.TrimSpace(it.Text) {
			t.Errorf("text not trimmed: %q", it.Text)
		}
	})
}

func FuzzReadFeed(f *testing.F) {
	for _, name := range []string{"testdata/corpus/wire.rss", "testdata/corpus/updates.atom"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;x</description><pubDate>yesterday</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c collect
		if err := (Options{AllLanguages: true}).ReadFeed(bytes.NewReader(data), "fuzz.rss", c.handler()); err != nil {
			t.Fatalf("ReadFeed returned %v without a handler stop", err)
		}
		for _, it := range c.items {
			if it.Origin.Record < 1 || it.ID == "" || it.Text == "" {
				t.Errorf("bad item %+v", it)
			}
		}
	})
}

func FuzzReadWARC(f *testing.F) {
	f.Add(warcFixture(f, false), "")
	f.Add(warcFixture(f, true), "")
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/"), "")
	f.Add([]byte(nil), "The ferry company said on Monday that it would add two sailings.\n\nUnions at the port asked for talks.")
	f.Add([]byte("WARC/1.1\r\n"), longPage(9<<10))
	f.Fuzz(func(t *testing.T, data []byte, page string) {
		// Arbitrary bytes: no failure without a record number.
		var c collect
		if err := (Options{AllLanguages: true}).ReadWARC(bytes.NewReader(data), "fuzz.warc", c.handler()); err != nil {
			t.Fatalf("ReadWARC returned %v without a handler stop", err)
		}
		for _, e := range c.errs {
			if e.Record < 1 {
				t.Errorf("error without a record number: %v", e)
			}
		}
		// A page stored in an archive comes out as it would from a file.
		if page == "" {
			return
		}
		if !strings.Contains(page, "<") {
			page = "<html><body><article><p>" + html.EscapeString(page) + "</p></article></body></html>"
		}
		want, werr := ExtractHTML([]byte(page), "text/html", "https://x.example/p")
		for _, gz := range []bool{false, true} {
			arch := writeWARC(t, []testRecord{{typ: gowarc.Response, uri: "https://x.example/p", date: "2025-01-01T00:00:00Z", content: httpMessage("200 OK", "text/html", page)}}, gz)
			var c collect
			if err := (Options{AllLanguages: true}).ReadWARC(bytes.NewReader(arch), "page.warc", c.handler()); err != nil {
				t.Fatal(err)
			}
			if len(c.errs) != 0 {
				t.Fatalf("gz=%v: errors %v", gz, c.errs)
			}
			got := ""
			if len(c.items) == 1 {
				got = c.items[0].Text
			}
			if werr == nil && got != strings.TrimSpace(want.Text) {
				t.Errorf("gz=%v: archive text %q, page text %q", gz, got, want.Text)
			}
		}
	})
}
