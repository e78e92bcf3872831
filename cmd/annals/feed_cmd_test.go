package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// TestIngestFeedArticles ingests a feed served locally: an entry whose
// article answers is stored with the article's text; one whose article
// fails is stored as a teaser; ingesting the feed again once the article
// answers replaces the teaser with it, under the same id. --no-fetch
// stores teasers without asking for any page.
func TestIngestFeedArticles(t *testing.T) {
	var ready, pages atomic.Bool
	var fetched atomic.Int64
	page := func(title string, ps ...string) string {
		return "<!doctype html><html><head><title>" + title + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + title +
			"</h1><p>" + strings.Join(ps, "</p><p>") + "</p></article><footer>Lakeside Post</footer></body></html>"
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Post</title>
<item><title>Mayors sign water pact</title><link>%[1]s/pact</link><pubDate>Thu, 02 Oct 2025 08:00:00 GMT</pubDate><description>Two mayors signed a pact.</description></item>
<item><title>Fishermen protest quotas</title><link>%[1]s/quotas</link><pubDate>Fri, 03 Oct 2025 08:00:00 GMT</pubDate><description>Fishermen protested in the harbour on Friday.</description></item>
</channel></rss>`, "http://"+r.Host)
			return
		case "/pact":
			fetched.Add(1)
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page("Mayors sign water pact",
				"The mayors of the two lakeside towns signed a pact on Thursday to share the cost of a new water plant.",
				"Both councils approved the plan last month after a dry summer left wells in the northern villages empty."))
			return
		case "/quotas":
			fetched.Add(1)
			if !ready.Load() {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page("Fishermen protest quotas",
				"Hundreds of fishermen blocked the harbour entrance on Friday to protest against the new catch quotas set by the fisheries ministry.",
				"The ministry said it would meet their union next week but would not suspend the quotas."))
			return
		}
		pages.Store(true)
		http.NotFound(w, r)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "feed.duckdb")
	docs := func() map[string][3]string { // id → key, title, text
		t.Helper()
		code, out, errs := runCmd(t, "", "query", "--db", db, "--format", "jsonl", "sql", "SELECT id, key, title, text FROM documents ORDER BY id")
		if code != exitOK {
			t.Fatalf("query: exit %d\n%s", code, errs)
		}
		m := map[string][3]string{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var r struct{ ID, Key, Title, Text string }
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			m[r.ID] = [3]string{r.Key, r.Title, r.Text}
		}
		return m
	}

	code, _, errs := runCmd(t, "", "ingest", "--db", db, "--progress", "none", "--fetch-private", srv.URL+"/feed.rss")
	if code != exitOK {
		t.Fatalf("first ingest: exit %d\n%s", code, errs)
	}
	for _, want := range []string{`\n\s+stored\s+2\n`, `feed teasers\s+1 `, `warning: .*feed.rss#2: teaser only: .*503`} {
		if !regexp.MustCompile(want).MatchString(errs) {
			t.Errorf("first ingest: output lacks %q:\n%s", want, errs)
		}
	}
	first := docs()
	var teaserID string
	for id, d := range first {
		switch {
		case strings.HasPrefix(d[0], "teaser:url:"):
			teaserID = id
			if d[2] != "Fishermen protested in the harbour on Friday." {
				t.Errorf("teaser text %q", d[2])
			}
		case strings.HasPrefix(d[0], "url:"):
			if !strings.Contains(d[2], "share the cost of a new water plant") || strings.Contains(d[2], "Lakeside Post") {
				t.Errorf("article text %q", d[2])
			}
		}
	}
	if len(first) != 2 || teaserID == "" {
		t.Fatalf("stored %v, want an article and a teaser", first)
	}

	ready.Store(true)
	code, _, errs = runCmd(t, "", "ingest", "--db", db, "--progress", "none", "--fetch-private", srv.URL+"/feed.rss")
	if code != exitOK {
		t.Fatalf("second ingest: exit %d\n%s", code, errs)
	}
	for _, want := range []string{`already stored\s+1\n`, `teasers replaced\s+1 `} {
		if !regexp.MustCompile(want).MatchString(errs) {
			t.Errorf("second ingest: output lacks %q:\n%s", want, errs)
		}
	}
	second := docs()
	d, ok := second[teaserID]
	if len(second) != 2 || !ok || !strings.HasPrefix(d[0], "url:") || !strings.Contains(d[2], "blocked the harbour entrance") {
		t.Errorf("after the article arrived: %v; want the teaser %s replaced by its article under the same id", second, teaserID)
	}

	// --no-fetch asks for the feed only; its entries are teasers.
	before := fetched.Load()
	db = filepath.Join(t.TempDir(), "nofetch.duckdb")
	code, _, errs = runCmd(t, "", "ingest", "--db", db, "--progress", "none", "--no-fetch", srv.URL+"/feed.rss")
	if code != exitOK || fetched.Load() != before || !regexp.MustCompile(`feed teasers\s+2 `).MatchString(errs) {
		t.Errorf("--no-fetch: exit %d, %d pages fetched:\n%s", code, fetched.Load()-before, errs)
	}
	if pages.Load() {
		t.Error("a page other than the feed's links was requested")
	}
}
