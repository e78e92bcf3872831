package server

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"testing"

	"annals/internal/store"
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

// testReader is the Reader the browser test uses: the coded fixture
// documents in a DuckDB store.
func testReader(t testing.TB) Reader {
	t.Helper()
	return storeOf(t, codedFixture(t))
}

func memoryOf(ds []*text.Document) *Memory {
	var docs []DocDetail
	for _, d := range ds {
		docs = append(docs, FromDocument(d))
	}
	return NewMemory(docs)
}

// topDyad returns the pair with the most events, or RUS and USA (the
// seed essay's subject) when no event has both a source and a target.
func topDyad(t testing.TB, r Reader) (string, string) {
	ds, _, err := r.Dyads(context.Background(), "", Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		t.Log("no dyads: drawing RUS and USA")
		return "RUS", "USA"
	}
	return ds[0].A, ds[0].B
}

// storeOf writes coded documents into a new DuckDB store through the
// store's write API, clusters them, and returns a Reader over the same
// file opened read-only, as annals serve opens it.
func storeOf(t testing.TB, docs []*text.Document) *StoreReader {
	t.Helper()
	path := filepath.Join(t.TempDir(), "annals.duckdb")
	w, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var batch []store.Doc
	for _, d := range docs {
		batch = append(batch, store.Doc{Doc: d, Source: "testdata/docs.jsonl"})
	}
	ctx := context.Background()
	if _, err := w.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Recluster(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return NewStoreReader(r)
}
