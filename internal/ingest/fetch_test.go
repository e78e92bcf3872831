package ingest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"annals/internal/limits"
)

// articlePage is an article page of our own: navigation and a footer
// around the story, which the extractor should drop.
func articlePage(title string, paragraphs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s | Valley Courier</title></head><body>", title)
	b.WriteString(`<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav><article>`)
	fmt.Fprintf(&b, "<h1>%s</h1>", title)
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString(`</article><footer>Copyright the Valley Courier. All rights reserved.</footer></body></html>`)
	return b.String()
}

// feedOf is an RSS feed whose entries link to base+path with a teaser.
func feedOf(base string, entries ...[2]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>`)
	for i, e := range entries {
		fmt.Fprintf(&b, "<item><title>Story %d</title><link>%s%s</link><pubDate>Wed, 0%d Oct 2025 09:00:00 GMT</pubDate><description>%s</description></item>",
			i+1, base, e[0], i+1, e[1])
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// TestFeedFetchesArticles: with FetchArticles, each entry is the main
// text of its article; an entry whose article cannot be read (missing,
// not a web page, over the size cap, no answer in time) keeps its teaser,
// marked as one, with a note naming why. Entries come in feed order, and
// the site sees annals's user agent and never more fetches at once than
// FetchWorkers.
func TestFeedFetchesArticles(t *testing.T) {
	release := make(chan struct{})
	var inFlight, maxInFlight atomic.Int64
	var agents sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		agents.Store(r.Header.Get("User-Agent"), true)
		switch r.URL.Path {
		case "/bridge":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			time.Sleep(20 * time.Millisecond) // lets fetches overlap
			fmt.Fprint(w, articlePage("Engineers inspect the river bridge",
				"Engineers from the regional transport office inspected the old river bridge on Wednesday after residents reported cracks in its eastern pillar.",
				"The office said the bridge would stay open to cars while the inspection continued, but heavy lorries must take the northern road until further notice.",
				"A full report is expected before the end of the month, when the council will decide whether to fund repairs."))
		case "/market":
			w.Header().Set("Content-Type", "text/html")
			time.Sleep(20 * time.Millisecond)
			fmt.Fprint(w, articlePage("Farmers return to the square",
				"Farmers sold apples, cheese and honey in the town square on Saturday for the first time since the spring floods closed the market.",
				"The mayor thanked the volunteers who had cleared the square of mud and said the market would now run every week until December."))
		case "/leaflet":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4 not a page")
		case "/huge":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, articlePage("Long", strings.Repeat("The committee met again and adjourned without a vote on the budget. ", 400)))
		case "/stuck":
			<-release // never answers while the test runs
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	defer close(release)

	feed := feedOf(srv.URL,
		[2]string{"/bridge", "Cracks found in the river bridge."},
		[2]string{"/gone", "Police close the old quarry road after a landslide."},
		[2]string{"/market", "The market is back."},
		[2]string{"/leaflet", "The council publishes its flood leaflet."},
		[2]string{"/huge", "The budget committee meets again."},
		[2]string{"/stuck", "Ferry services resume on the lake after the storm."},
	)
	o := Options{AllLanguages: true, FetchArticles: true, FetchPrivate: true, FetchWorkers: 2, FetchTimeout: 300 * time.Millisecond,
		Limits: limits.Limits{DocumentBytes: 16 << 10}}
	var c collect
	if err := o.ReadFeed(strings.NewReader(feed), "courier.rss", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 6 || len(c.errs) != 0 {
		t.Fatalf("items %d, errors %v, skips %v; want 6 items", len(c.items), c.errs, c.skips)
	}
	for i, it := range c.items {
		if it.Origin.Record != i+1 {
			t.Errorf("item %d read as record %d: not in feed order", i, it.Origin.Record)
		}
		if it.Title != fmt.Sprintf("Story %d", i+1) {
			t.Errorf("item %d: title %q, want the feed's", i, it.Title)
		}
		if it.ID != DeriveID("url:"+srv.URL+[]string{"/bridge", "/gone", "/market", "/leaflet", "/huge", "/stuck"}[i]) {
			t.Errorf("item %d: id %s is not derived from its article's URL", i, it.ID)
		}
	}
	full := map[int]string{0: "residents reported cracks in its eastern pillar", 2: "every week until December"}
	for i, want := range full {
		it := c.items[i]
		if it.Teaser || !strings.Contains(it.Text, want) || strings.Contains(it.Text, "All rights reserved") || it.Note != "" {
			t.Errorf("item %d: teaser %v, note %q, text %q; want the article's main text", i, it.Teaser, it.Note, it.Text)
		}
		if !strings.Contains(it.Text, "\n\n") {
			t.Errorf("item %d: paragraphs lost: %q", i, it.Text)
		}
		if it.Key() != "url:"+it.URL {
			t.Errorf("item %d: key %q", i, it.Key())
		}
	}
	why := map[int]string{1: "404", 3: "application/pdf", 4: "limit", 5: "within"}
	for i, want := range why {
		it := c.items[i]
		if !it.Teaser || !strings.Contains(it.Note, want) || !strings.Contains(it.Note, "teaser") {
			t.Errorf("item %d: teaser %v, note %q; want a teaser whose note names %q", i, it.Teaser, it.Note, want)
		}
		if it.Key() != TeaserKey("url:"+it.URL) {
			t.Errorf("item %d: key %q, want the teaser key of its URL", i, it.Key())
		}
		if k, ok := ArticleKey(it.Key()); !ok || k != "url:"+it.URL {
			t.Errorf("item %d: ArticleKey(%q) = %q, %v", i, it.Key(), k, ok)
		}
	}
	if c.items[1].Text != "Police close the old quarry road after a landslide." {
		t.Errorf("a failed fetch keeps the feed's teaser; got %q", c.items[1].Text)
	}
	if m := maxInFlight.Load(); m > 2 {
		t.Errorf("%d fetches at once, want at most FetchWorkers (2)", m)
	}
	agents.Range(func(k, _ any) bool {
		if k.(string) != UserAgent {
			t.Errorf("user agent %q, want %q", k, UserAgent)
		}
		return true
	})
}

// TestFeedWithoutFetching: with fetching off no page is requested; each
// entry with a link is its feed teaser, marked as one, and an entry with
// no text of its own is skipped.
func TestFeedWithoutFetching(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, articlePage("x", "A page that must not be read."))
	}))
	defer srv.Close()
	feed := feedOf(srv.URL, [2]string{"/one", "Nurses in the capital end their three-day strike."}, [2]string{"/two", ""})
	var c collect
	if err := (Options{AllLanguages: true}).ReadFeed(strings.NewReader(feed), "f.rss", c.handler()); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 0 {
		t.Errorf("%d pages fetched with fetching off", hits.Load())
	}
	if len(c.items) != 1 || !c.items[0].Teaser || c.items[0].Note != "" || len(c.skips) != 1 {
		t.Fatalf("items %+v, skips %v; want one teaser without a note and one skip", c.items, c.skips)
	}
}

// TestFeedStopsFetching: a handler that asks to stop ends the reading;
// the reader returns its error and does not wait for the rest.
func TestFeedStopsFetching(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, articlePage("Talks", "Delegates from the two provinces met in the border town and agreed to share the water of the river for another year."))
	}))
	defer srv.Close()
	var entries [][2]string
	for i := 0; i < 9; i++ {
		entries = append(entries, [2]string{fmt.Sprintf("/s%d", i), "Talks."})
	}
	stop := fmt.Errorf("enough")
	n := 0
	err := (Options{AllLanguages: true, FetchArticles: true, FetchPrivate: true}).ReadFeed(strings.NewReader(feedOf(srv.URL, entries...)), "f.rss", Handler{
		Item: func(Item) error {
			n++
			if n == 3 {
				return stop
			}
			return nil
		},
	})
	if err != stop || n != 3 {
		t.Errorf("err %v after %d items, want the handler's stop after 3", err, n)
	}
}
