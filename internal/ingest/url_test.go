package ingest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func TestReadURL(t *testing.T) {
	rss, err := os.ReadFile("testdata/corpus/wire.rss")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("testdata/corpus/article.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(rss)
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	var c collect
	if err := Walk([]string{srv.URL + "/feed", srv.URL + "/page", srv.URL + "/gone"}, c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 3 {
		t.Fatalf("got %d items, want 2 feed entries and the page; errors %v", len(c.items), c.errs)
	}
	if c.items[0].Origin.File != srv.URL+"/feed" || c.items[0].Origin.Record != 1 {
		t.Errorf("feed item origin %v", c.items[0].Origin)
	}
	if c.items[2].Title != "Harbour talks resume after two-year pause" {
		t.Errorf("page title %q", c.items[2].Title)
	}
	if len(c.errs) != 1 || c.errs[0].Source != srv.URL+"/gone" {
		t.Errorf("errors %v, want the 404", c.errs)
	}
}
