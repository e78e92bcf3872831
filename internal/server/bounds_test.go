package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"annals/internal/analyze"
)

// countingReader counts the calls that reach the reader under the cache,
// and can hold them until released.
type countingReader struct {
	Reader
	dyads, links atomic.Int64
	docs         atomic.Int64
	hold         chan struct{} // nil: do not hold
}

func (c *countingReader) Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	c.dyads.Add(1)
	if c.hold != nil {
		<-c.hold
	}
	return c.Reader.Dyads(ctx, actor, pg)
}

func (c *countingReader) Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	c.docs.Add(1)
	return c.Reader.Documents(ctx, q, pg)
}

func (c *countingReader) Links(ctx context.Context, level string) ([]analyze.Link, error) {
	c.links.Add(1)
	return c.Reader.Links(ctx, level)
}

func TestAggregatesComputedOnce(t *testing.T) {
	cr := &countingReader{Reader: memoryOf(codedFixture(t))}
	h := newTestServer(t, cr).Handler()
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range []string{"/api/dyads?limit=5", "/api/network", "/network", "/api/dyads?limit=5"} {
				if code, _, body := get(t, h, p); code != http.StatusOK {
					t.Errorf("%s: %d %s", p, code, body)
				}
			}
		}()
	}
	wg.Wait()
	// The network page and the API ask for the same links.
	if d, l := cr.dyads.Load(), cr.links.Load(); d != 1 || l != 1 {
		t.Errorf("reader asked %d times for dyads and %d for links, want once each", d, l)
	}
	get(t, h, "/api/dyads?limit=6")
	if d := cr.dyads.Load(); d != 2 {
		t.Errorf("another page of dyads: reader asked %d times in all, want 2", d)
	}
}

func TestQueryQueue(t *testing.T) {
	cr := &countingReader{Reader: memoryOf(codedFixture(t)), hold: make(chan struct{})}
	s, err := New(cr, Options{MaxQueries: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	var done atomic.Int64
	var wg sync.WaitGroup
	for _, p := range []string{"/api/dyads?limit=1", "/api/dyads?limit=2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, _, body := get(t, h, p); code != http.StatusOK {
				t.Errorf("%s: %d %s", p, code, body)
			}
			done.Add(1)
		}()
	}
	// One request holds the only slot inside the reader; the other waits
	// in line and has not reached the reader.
	deadline := time.Now().Add(5 * time.Second)
	for cr.dyads.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if n, d := cr.dyads.Load(), done.Load(); n != 1 || d != 0 {
		t.Errorf("with one slot held: %d requests reached the reader, %d done; want 1 and 0", n, d)
	}
	close(cr.hold)
	wg.Wait()
	if n := cr.dyads.Load(); n != 2 {
		t.Errorf("%d requests reached the reader, want 2", n)
	}
}

func TestStaticHardened(t *testing.T) {
	h := newTestServer(t, memoryOf(nil)).Handler()
	tests := []struct {
		path string
		code int
	}{
		{"/static/", http.StatusNotFound},
		{"/static/%c0%ae%c0%ae/", http.StatusNotFound},
		{"/static/%c0%ae%c0%ae/templates/top.html", http.StatusNotFound},
		{"/static/../server.go", http.StatusTemporaryRedirect}, // the mux cleans the path: to /server.go, not found
		{"/static/no-such-file.css", http.StatusNotFound},
		{"/static/%ff", http.StatusNotFound},
	}
	for _, tt := range tests {
		code, _, body := get(t, h, tt.path)
		if code != tt.code || strings.Contains(body, "<pre>") {
			t.Errorf("%s: status %d, want %d (body %.80q)", tt.path, code, tt.code, body)
		}
	}
	entries, err := staticFS.ReadDir("static")
	if err != nil || len(entries) == 0 {
		t.Fatalf("no static files: %v", err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if code, _, _ := get(t, h, "/static/"+e.Name()); code != http.StatusOK {
			t.Errorf("/static/%s: status %d", e.Name(), code)
		}
	}
}

func TestDocumentRequest(t *testing.T) {
	tests := []struct {
		target string
		want   bool
	}{
		{"/api/documents/d1", true},
		{"/documents/d1?text_from=100", true},
		{"/api/documents?offset=40", true},
		{"/documents", true},
		{"/api/documents?q=grain", false},
		{"/api/events?doc=d1", false},
		{"/timeline", false},
		{"/api/dyads", false},
	}
	for _, tt := range tests {
		r, _ := http.NewRequest(http.MethodGet, tt.target, nil)
		if got := documentRequest(r); got != tt.want {
			t.Errorf("documentRequest(%s) = %v, want %v", tt.target, got, tt.want)
		}
	}
}

// TestSameRequestWaitsForTheFirst sends a request while the same one is
// being answered: the second waits and is answered from the first's
// response, without a query slot of its own.
func TestSameRequestWaitsForTheFirst(t *testing.T) {
	cr := &countingReader{Reader: memoryOf(codedFixture(t)), hold: make(chan struct{})}
	s, err := New(cr, Options{MaxQueries: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	recs := make([]*httptest.ResponseRecorder, 2)
	var wg sync.WaitGroup
	for i := range recs {
		if i == 1 {
			// The first is inside the reader, holding the only slot.
			deadline := time.Now().Add(5 * time.Second)
			for cr.dyads.Load() < 1 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
		}
		recs[i] = httptest.NewRecorder()
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(recs[i], httptest.NewRequest(http.MethodGet, "/dyads?limit=3", nil))
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(cr.hold)
	wg.Wait()
	for i, rec := range recs {
		if rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	if recs[0].Header().Get("X-Cache") != "" || recs[1].Header().Get("X-Cache") != "hit" {
		t.Errorf("X-Cache %q and %q, want the second answered from the first", recs[0].Header().Get("X-Cache"), recs[1].Header().Get("X-Cache"))
	}
	if recs[0].Body.String() != recs[1].Body.String() {
		t.Error("the two answers differ")
	}
	if n := cr.dyads.Load(); n != 1 {
		t.Errorf("the reader was asked %d times, want once", n)
	}
}

// TestWarm checks that after Warm the default pages are answered from
// memory and the links were read once a level.
func TestWarm(t *testing.T) {
	cr := &countingReader{Reader: memoryOf(codedFixture(t))}
	s := newTestServer(t, cr)
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := cr.links.Load(); n != 2 {
		t.Errorf("Warm read the links %d times, want twice (by code and by country)", n)
	}
	for _, p := range []string{"/network", "/api/dyads", "/timeline", "/documents"} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK || rec.Header().Get("X-Cache") != "hit" {
			t.Errorf("%s after Warm: %d, X-Cache %q", p, rec.Code, rec.Header().Get("X-Cache"))
		}
	}
}

// TestDocumentListReadOnce pages through the list of all documents: the
// reader is asked once, and the pages are the windows of its answer; a
// search is asked each time.
func TestDocumentListReadOnce(t *testing.T) {
	m := memoryOf(codedFixture(t))
	cr := &countingReader{Reader: m}
	h := newTestServer(t, cr).Handler()
	all, total, _ := m.Documents(context.Background(), "", Page{Limit: 1000})
	if total < 3 {
		t.Fatalf("the fixture has %d documents; want at least 3", total)
	}
	for off := range total {
		var l docList
		if code := getJSON(t, h, fmt.Sprintf("/api/documents?limit=1&offset=%d", off), &l); code != http.StatusOK {
			t.Fatalf("offset %d: %d", off, code)
		}
		if l.Total != total || len(l.Documents) != 1 || l.Documents[0].ID != all[off].ID {
			t.Fatalf("offset %d: %+v, want %s of %d", off, l, all[off].ID, total)
		}
	}
	if n := cr.docs.Load(); n != 1 {
		t.Errorf("the reader was asked %d times for the list, want once", n)
	}
	getJSON(t, h, "/api/documents?q=a", &docList{})
	getJSON(t, h, "/api/documents?q=b", &docList{})
	if n := cr.docs.Load(); n != 3 {
		t.Errorf("after two searches the reader was asked %d times, want 3", n)
	}
}

// TestKeptListTakesNoSlot holds the only query slot and asks for a page
// of the document list, which is in memory once read: it is answered.
func TestKeptListTakesNoSlot(t *testing.T) {
	cr := &countingReader{Reader: memoryOf(codedFixture(t)), hold: make(chan struct{})}
	s, err := New(cr, Options{MaxQueries: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	if code, _, body := get(t, h, "/api/documents?limit=1"); code != http.StatusOK {
		t.Fatalf("%d %s", code, body)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		get(t, h, "/api/dyads?limit=1") // holds the slot until released
	}()
	deadline := time.Now().Add(5 * time.Second)
	for cr.dyads.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	done := make(chan int)
	go func() {
		code, _, _ := get(t, h, "/api/documents?limit=1&offset=1")
		done <- code
	}()
	select {
	case code := <-done:
		if code != http.StatusOK {
			t.Errorf("a page of the kept list: %d", code)
		}
	case <-time.After(5 * time.Second):
		t.Error("a page of the kept list waited for the query slot")
		close(cr.hold)
		wg.Wait()
		return
	}
	close(cr.hold)
	wg.Wait()
}

// stuckWriter is a client that does not read: Write blocks until free
// is closed, after saying on writing that it was called.
type stuckWriter struct {
	h       http.Header
	code    int
	writing chan struct{}
	free    chan struct{}
	body    []byte
}

func (w *stuckWriter) Header() http.Header  { return w.h }
func (w *stuckWriter) WriteHeader(code int) { w.code = code }
func (w *stuckWriter) Write(b []byte) (int, error) {
	select {
	case <-w.writing:
	default:
		close(w.writing)
	}
	<-w.free
	w.body = append(w.body, b...)
	return len(b), nil
}

// TestSlotFreeBeforeWriting: a request gives back its query slot once its
// answer is made, before the answer is written, so that a client that
// does not read keeps nobody else from a slot; the answer it finally
// gets is whole, and the same as another client's.
func TestSlotFreeBeforeWriting(t *testing.T) {
	s, err := New(memoryOf(codedFixture(t)), Options{MaxQueries: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, p := range []string{"/api/events?limit=3", "/events?limit=2", "/api/no-such-thing"} {
		w := &stuckWriter{h: http.Header{}, writing: make(chan struct{}), free: make(chan struct{})}
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p, nil))
		}()
		<-w.writing
		if n := len(s.slots); n != 0 {
			t.Errorf("%s: %d query slots taken while the answer is written, want 0", p, n)
		}
		// Another client meanwhile gets its answer (from the cache or not).
		code, _, want := get(t, h, p)
		close(w.free)
		<-done
		if w.code != code || string(w.body) != want {
			t.Errorf("%s: the stuck client got %d and %d bytes; another got %d and %d bytes", p, w.code, len(w.body), code, len(want))
		}
	}
}

// TestGCBudget: the collector's budget while serving grows with the live
// heap, never below 1 GiB, and is left to the user who set GOGC or
// GOMEMLIMIT.
func TestGCBudget(t *testing.T) {
	for _, tc := range []struct {
		live           uint64
		gogc, memlimit string
		percent        int
		limit          int64
		ok             bool
	}{
		{live: 50 << 20, percent: 400, limit: 1 << 30, ok: true},
		{live: 600 << 20, percent: 400, limit: 1800 << 20, ok: true},
		{live: 600 << 20, gogc: "100"},
		{live: 600 << 20, memlimit: "2GiB"},
		{live: 600 << 20, gogc: "off", memlimit: "4GiB"},
	} {
		p, l, ok := gcBudget(tc.live, tc.gogc, tc.memlimit)
		if p != tc.percent || l != tc.limit || ok != tc.ok {
			t.Errorf("live %d MB, GOGC %q, GOMEMLIMIT %q: %d, %d, %v; want %d, %d, %v",
				tc.live>>20, tc.gogc, tc.memlimit, p, l, ok, tc.percent, tc.limit, tc.ok)
		}
	}
	// A server over a reader that is not preloaded sets nothing.
	s := newTestServer(t, memoryOf(nil))
	if _, _, ok := s.TuneGC(); ok {
		t.Errorf("TuneGC on a server whose documents are not preloaded changed the collector")
	}
}
