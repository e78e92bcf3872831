package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/coder"
	"annals/internal/record"
	"annals/internal/store"
)

func TestDemoPrintsEvents(t *testing.T) {
	code, out, errs := runCmd(t, "", "demo", "--no-serve")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"TRIGGER", "demo-01:", "demo-10:", "RETREAT/release"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

// TestDemoStore stores the coded demo corpus the way "annals demo" does
// and reads it back through the store.
func TestDemoStore(t *testing.T) {
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var e env
	var b strings.Builder
	e.stderr = &b
	docs, failed := demoDocuments(&e)
	if failed || len(docs) != 10 {
		t.Fatalf("read %d demo documents, failed %v: %s", len(docs), failed, b.String())
	}
	var coded []store.Doc
	events := 0
	for _, d := range docs {
		if err := p.Process(d.doc); err != nil {
			t.Fatal(err)
		}
		events += len(record.Complete(record.FromDocument(d.doc))) // the dataset: events with a coded actor
		coded = append(coded, store.Doc{Doc: d.doc, Key: d.key, Source: d.origin})
	}
	path := filepath.Join(t.TempDir(), "demo.duckdb")
	if err := storeDemo(path, coded); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n.Documents != 10 || n.Events != events {
		t.Errorf("counts %+v, want 10 documents and %d events", n, events)
	}
	evs, total, err := db.Events(context.Background(), store.EventFilter{})
	if err != nil || total != events || len(evs) == 0 {
		t.Errorf("stored %d events (page %d, err %v), coded %d", total, len(evs), err, events)
	}
}
