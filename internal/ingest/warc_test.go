package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v2"

	"annals/internal/limits"
)

// longPage returns an HTML article of about size bytes of paragraphs made
// from the words below, varied so that no two paragraphs are alike.
func longPage(size int) string {
	subjects := []string{"The harbour authority", "A delegation of farmers", "The regional council", "Two opposition deputies", "The coastguard", "A panel of judges", "The finance ministry"}
	verbs := []string{"announced new rules for", "asked for a review of", "met officials to discuss", "criticised the plan for", "approved the budget of", "postponed a decision on"}
	objects := []string{"the northern ferry route", "grain exports", "the bridge repairs", "fishing quotas", "the customs office", "wage talks at the port"}
	var b strings.Builder
	b.WriteString("<html><head><title>Port town weighs a season of changes</title></head><body>\n")
	b.WriteString(`<nav><a href="/">Home</a> <a href="/region">Region</a></nav><article><h1>Port town weighs a season of changes</h1>` + "\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<p>%s %s %s on day %d, and %s %s %s a week later.</p>\n",
			subjects[i%len(subjects)], verbs[i%len(verbs)], objects[i%len(objects)], i+1,
			strings.ToLower(subjects[(i+3)%len(subjects)][:1])+subjects[(i+3)%len(subjects)][1:],
			verbs[(i+2)%len(verbs)], objects[(i+5)%len(objects)])
	}
	b.WriteString("</article><footer>All rights reserved</footer></body></html>")
	return b.String()
}

func pageRecords(pages ...string) []testRecord {
	var recs []testRecord
	for i, p := range pages {
		uri := fmt.Sprintf("https://port.example.org/story-%d", i+1)
		recs = append(recs,
			testRecord{typ: gowarc.Request, uri: uri, date: "2025-03-02T08:00:00Z", content: "GET / HTTP/1.1\r\nHost: port.example.org\r\n\r\n"},
			testRecord{typ: gowarc.Response, uri: uri, date: "2025-03-02T08:00:01Z", content: httpMessage("200 OK", "text/html; charset=utf-8", p)})
	}
	return recs
}

// TestReadWARCWholeRecords checks that pages far larger than any read
// buffer come out of an archive with the same text as from a file.
func TestReadWARCWholeRecords(t *testing.T) {
	for _, size := range []int{5 << 10, 40 << 10, 300 << 10} {
		page := longPage(size)
		want, err := ExtractHTML([]byte(page), "text/html; charset=utf-8", "https://port.example.org/story-1")
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Text) < size/2 {
			t.Fatalf("size %d: the page itself yields only %d bytes of text", size, len(want.Text))
		}
		for _, gz := range []bool{false, true} {
			var c collect
			data := writeWARC(t, pageRecords(page, longPage(size/2)), gz)
			if err := (Options{}).ReadWARC(bytes.NewReader(data), "big.warc", c.handler()); err != nil {
				t.Fatal(err)
			}
			if len(c.errs) != 0 || len(c.items) != 2 {
				t.Fatalf("size %d gz=%v: %d items, errors %v", size, gz, len(c.items), c.errs)
			}
			if got := c.items[0].Text; got != want.Text {
				t.Errorf("size %d gz=%v: archive text has %d bytes, the page %d", size, gz, len(got), len(want.Text))
			}
		}
	}
}

func TestReadWARCBounds(t *testing.T) {
	small, big := longPage(6<<10), longPage(64<<10)
	cut := writeWARC(t, pageRecords(small, big), false)
	tests := []struct {
		name      string
		data      []byte
		opt       Options
		items     int
		errRecord []int // records reported, in order
		errText   string
	}{
		{"over the document cap", writeWARC(t, pageRecords(big, small), false),
			Options{Limits: limits.Limits{DocumentBytes: 32 << 10}}, 1, []int{2}, "larger than the limit"},
		{"over the document cap, gzip", writeWARC(t, pageRecords(small, big, small), true),
			Options{Limits: limits.Limits{DocumentBytes: 32 << 10}}, 2, []int{4}, "larger than the limit"},
		{"plain archive cut in the last body", cut[:len(cut)-3000], Options{}, 1, []int{4}, "cut short"},
		{"plain archive cut in a header", cut[:bytes.LastIndex(cut, []byte("WARC-Date"))], Options{}, 1, []int{4}, "cut short"},
		{"gzip archive cut", func() []byte { d := writeWARC(t, pageRecords(small, big), true); return d[:len(d)-500] }(), Options{}, 1, []int{4}, "unexpected EOF"},
		{"long header line", append(append([]byte("WARC/1.1\r\nWARC-Type: warcinfo\r\nX-Note: "), bytes.Repeat([]byte("z"), 200<<10)...),
			append([]byte("\r\nContent-Length: 0\r\n\r\n\r\n\r\n"), writeWARC(t, pageRecords(small), false)...)...), Options{}, 1, []int{1}, "longer than"},
		{"long version line", append(append([]byte("WARC/"), bytes.Repeat([]byte("9"), 1<<20)...), writeWARC(t, pageRecords(small), false)...),
			Options{}, 1, nil, ""},
		{"bad length", []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"), Options{}, 0, []int{1}, "Content-Length"},
	}
	for _, tt := range tests {
		var c collect
		if err := tt.opt.ReadWARC(bytes.NewReader(tt.data), "a.warc", c.handler()); err != nil {
			t.Fatal(err)
		}
		var recs []int
		for _, e := range c.errs {
			recs = append(recs, e.Record)
		}
		if len(c.items) != tt.items || fmt.Sprint(recs) != fmt.Sprint(tt.errRecord) {
			t.Errorf("%s: %d items, errors %v; want %d items, errors at records %v", tt.name, len(c.items), c.errs, tt.items, tt.errRecord)
			continue
		}
		if len(c.errs) > 0 && !strings.Contains(c.errs[0].Error(), tt.errText) {
			t.Errorf("%s: error %q does not say %q", tt.name, c.errs[0], tt.errText)
		}
	}
}

// TestReadWARCHeaderBomb feeds a gzip member whose header line inflates to
// far more than the line limit; it must be reported, not held.
func TestReadWARCHeaderBomb(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte("WARC/1.1\r\nWARC-Type: response\r\nX-Pad: "))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for i := 0; i < 64; i++ {
		zw.Write(chunk)
	}
	zw.Write([]byte("\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	zw.Close()
	buf.Write(writeWARC(t, pageRecords(longPage(8<<10)), true))
	var c collect
	if err := (Options{}).ReadWARC(&buf, "bomb.warc.gz", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 1 || len(c.errs) != 1 || c.errs[0].Record != 1 {
		t.Errorf("items %d, errors %v: want the page and one error for record 1", len(c.items), c.errs)
	}
}

func TestReadWARCChunked(t *testing.T) {
	page := longPage(12 << 10)
	var body strings.Builder
	for rest := page; rest != ""; {
		n := min(len(rest), 3000)
		fmt.Fprintf(&body, "%x\r\n%s\r\n", n, rest[:n])
		rest = rest[n:]
	}
	body.WriteString("0\r\n\r\n")
	msg := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + body.String()
	data := writeWARC(t, []testRecord{{typ: gowarc.Response, uri: "https://port.example.org/c", date: "2025-03-02T08:00:01Z", content: msg}}, false)
	var c collect
	if err := (Options{}).ReadWARC(bytes.NewReader(data), "chunked.warc", c.handler()); err != nil {
		t.Fatal(err)
	}
	want, _ := ExtractHTML([]byte(page), "text/html", "https://port.example.org/c")
	if len(c.items) != 1 || c.items[0].Text != want.Text {
		t.Errorf("chunked page: items %d errors %v", len(c.items), c.errs)
	}
}
