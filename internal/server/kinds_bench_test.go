package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// BenchmarkPreloadedKinds serves each kind of request of the load test
// (TestLoad) from a preloaded store of 100,000 synthetic events (5,000
// documents), each request distinct so that the response cache does not
// answer it (run with -benchtime=Nx, N under 2,000): the CPU and memory
// one request of the kind costs.
func BenchmarkPreloadedKinds(b *testing.B) {
	db := syntheticStore(b, 100_000)
	sr := NewStoreReader(db)
	if err := sr.Preload(context.Background(), MaxPreloadEvents); err != nil {
		b.Fatal(err)
	}
	kinds := map[string]func(i int) string{
		"api_document":  func(i int) string { return fmt.Sprintf("/api/documents/syn%d", i%5000) },
		"page_document": func(i int) string { return fmt.Sprintf("/documents/syn%d", i%5000) },
		"api_events_actor": func(i int) string {
			d := benchDyads[i%len(benchDyads)]
			return "/api/events?actor=" + d[0] + "&offset=" + strconv.Itoa(i)
		},
		"api_documents_list": func(i int) string { return "/api/documents?offset=" + strconv.Itoa(i) },
	}
	for name, path := range kinds {
		b.Run(name, func(b *testing.B) {
			s, err := New(sr, Options{})
			if err != nil {
				b.Fatal(err)
			}
			h := s.Handler()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path(i), nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", path(i), rec.Code)
				}
			}
		})
	}
}
