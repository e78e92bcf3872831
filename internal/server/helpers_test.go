package server

import (
	"context"
	"log"
	"os"
	"strings"
	"testing"

	"annals/internal/text"
)

func newTestServer(t testing.TB, r Reader) *Server {
	t.Helper()
	s, err := New(r, Options{Log: log.New(os.Stderr, "server: ", 0)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testReader is the Reader the handler and browser tests use: the coded
// fixture documents.
func testReader(t testing.TB) Reader {
	t.Helper()
	var docs []DocDetail
	for _, d := range codedFixture(t) {
		docs = append(docs, FromDocument(d))
	}
	return NewMemory(docs)
}

func shotReader(t testing.TB, ds []*text.Document) Reader {
	var docs []DocDetail
	for _, d := range ds {
		docs = append(docs, FromDocument(d))
	}
	return NewMemory(docs)
}

// topDyad returns the pair with the most events.
func topDyad(t testing.TB, r Reader) (string, string) {
	ds, _, err := r.Dyads(context.Background(), "", Page{Limit: 1})
	if err != nil || len(ds) == 0 {
		t.Fatalf("no dyads: %v", err)
	}
	return ds[0].A, ds[0].B
}

var _ = strings.Contains
