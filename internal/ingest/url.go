package ingest

import (
	"bufio"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"
)

// isURL reports whether a source names a web resource.
func isURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// ReadURL fetches a feed, a page, a JSON-lines file or an archive over
// HTTP(S) and reads it by its Content-Type (and first bytes when that
// does not tell). An HTML page keeps the URL as its identity. A failed
// fetch is reported to h.Error; the returned error is only the handler's
// stop.
func (o Options) ReadURL(url string, h Handler) error {
	client := o.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		h.fail(&Error{Source: url, Err: err})
		return nil
	}
	req.Header.Set("User-Agent", UserAgent)
	resp, err := client.Do(req)
	if err != nil {
		h.fail(&Error{Source: url, Err: err})
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		h.fail(&Error{Source: url, Err: fmt.Errorf("HTTP %s", resp.Status)})
		return nil
	}
	br := bufio.NewReaderSize(resp.Body, 1<<16)
	head, _ := br.Peek(4096)
	format := FormatUnknown
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		switch {
		case mt == "text/html" || mt == "application/xhtml+xml":
			format = FormatHTML
		case strings.Contains(mt, "rss") || strings.Contains(mt, "atom") || mt == "application/xml" || mt == "text/xml":
			format = FormatFeed
		case mt == "application/x-ndjson" || mt == "application/jsonl" || mt == "application/json":
			format = FormatJSONL
		case mt == "application/warc" || mt == "application/gzip":
			format = FormatWARC
		}
	}
	if format == FormatUnknown {
		format = FormatOf(url, head)
	}
	if format == FormatHTML {
		return o.ReadHTML(br, url, url, h)
	}
	return o.Read(br, url, format, h)
}
