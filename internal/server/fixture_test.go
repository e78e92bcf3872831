package server

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"annals/internal/coder"
	"annals/internal/ingest"
	"annals/internal/text"
)

var (
	fixtureOnce sync.Once
	fixtureDocs []*text.Document
	fixtureErr  error
)

// codedFixture codes testdata/docs.jsonl (texts written for these tests)
// through the default pipeline, once per test binary.
func codedFixture(t testing.TB) []*text.Document {
	t.Helper()
	fixtureOnce.Do(func() {
		raw, err := os.ReadFile("testdata/docs.jsonl")
		if err != nil {
			fixtureErr = err
			return
		}
		p, err := coder.New(coder.Options{})
		if err != nil {
			fixtureErr = err
			return
		}
		var docs []*text.Document
		ingest.Options{AllLanguages: true}.ReadJSONL(bytes.NewReader(raw), "testdata/docs.jsonl", ingest.Handler{
			Item:  func(it ingest.Item) error { docs = append(docs, it.Document()); return nil },
			Error: func(err *ingest.Error) { fixtureErr = err },
		})
		for _, d := range docs {
			if err := p.Process(d); err != nil {
				fixtureErr = err
				return
			}
		}
		fixtureDocs = docs
	})
	if fixtureErr != nil {
		t.Fatalf("coding the fixture: %v", fixtureErr)
	}
	return fixtureDocs
}

func TestFixturePrint(t *testing.T) {
	for _, d := range codedFixture(t) {
		dd := FromDocument(d)
		t.Logf("%s: %d mentions, %d events", d.ID, len(dd.Mentions), len(dd.Events))
		for _, e := range dd.Events {
			t.Logf("  %s %s %v -> %v date=%+v trig=%q", e.ID, e.EventType, e.Source, e.Target, e.Date, e.Trigger.Text)
		}
	}
}
