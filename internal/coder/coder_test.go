package coder

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/internal/demo"
	"annals/internal/ingest"
	"annals/internal/pipeline"
	"annals/internal/record"
	"annals/internal/shared"
	"annals/internal/text"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func demoDocs(t testing.TB) []*text.Document {
	t.Helper()
	var docs []*text.Document
	ingest.Options{AllLanguages: true}.ReadJSONL(bytes.NewReader(demo.CorpusJSONL), demo.Name, ingest.Handler{
		Item: func(it ingest.Item) error { docs = append(docs, it.Document()); return nil },
	})
	if len(docs) == 0 {
		t.Fatal("no demo documents")
	}
	return docs
}

// TestPipelineInvariants codes the demo corpus and checks every layer of
// every document.
func TestPipelineInvariants(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range demoDocs(t) {
		if err := p.Process(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Check(); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
		if len(d.Events) == 0 {
			t.Errorf("%s: no events", d.ID)
		}
	}
}

// TestEssayGolden codes the reference essay (read from ../shared, never
// copied here) and compares the events with the reviewed golden file. The
// golden file holds offsets, trigger words, codes and attributes, not the
// essay's sentences. Regenerate with -update and review the diff.
func TestEssayGolden(t *testing.T) {
	path := shared.Require(t, "seed/essay.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := text.New("essay", string(b))
	d.Published = time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range record.FromDocument(d) {
		lines = append(lines, essayLine(r))
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "essay.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("essay events differ from %s; run go test ./internal/coder -run Essay -update and review the diff\n--- got\n%s", golden, got)
	}
}

// essayLine is one reviewable line: id, trigger word and offsets, type,
// codes of source and target, date, attributes and speaker's code.
func essayLine(r record.Event) string {
	codes := func(as []record.Argument) string {
		var s []string
		for _, a := range as {
			c := a.Actor.Code
			if c == "" {
				c = "?"
			}
			s = append(s, c)
		}
		return strings.Join(s, "+")
	}
	speaker := r.Attribution.Speaker
	if r.Attribution.Actor != nil {
		speaker = r.Attribution.Actor.Code
	} else if speaker != "author" {
		speaker = "?"
	}
	mode := r.EventType
	if r.Mode != "" {
		mode += "/" + r.Mode
	}
	return fmt.Sprintf("%s\t%q@%d\t%s\t%s\t%s → %s\t%s(%s,%s)\t%s/%s/%s\tby %s\tloc %s",
		r.ID, r.Trigger.Text, r.Trigger.Start, mode, r.CAMEO, codes(r.Source), codes(r.Target),
		r.Date.Value, r.Date.Precision, r.Date.Basis, r.Polarity, r.Modality, r.Certainty, speaker, r.Location.Country)
}

// BenchmarkCode measures the whole path, raw text to events, on one core:
// the demo corpus coded sequentially, sentences per second reported.
func BenchmarkCode(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchDemo(b, p)
}

// benchDemo codes the demo corpus with p sequentially, b.N times, and
// reports sentences per second.
func benchDemo(b *testing.B, p *pipeline.Pipeline) {
	docs := demoDocs(b)
	sentences := 0
	for _, d := range docs {
		c := text.New(d.ID, d.Text)
		c.Published = d.Published
		if err := p.Process(c); err != nil {
			b.Fatal(err)
		}
		sentences += len(c.Sentences)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			c := text.New(d.ID, d.Text)
			c.Published = d.Published
			if err := p.Process(c); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
