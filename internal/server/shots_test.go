package server

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/demo"
	"annals/internal/ingest"
	"annals/internal/pipeline"
	"annals/internal/shared"
	"annals/internal/text"

	"github.com/chromedp/chromedp"
)

// TestScreenshots codes the seed essay (../shared, published 2025-11-20)
// through the real pipeline, serves it, and saves PNGs of the document
// view, the timeline, a dyad page and the network into the directory named
// by ANNALS_SHOTS. It is for looking at, not an assertion; it skips unless
// ANNALS_SHOTS is set.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("ANNALS_SHOTS")
	if dir == "" {
		t.Skip("set ANNALS_SHOTS=DIR to save screenshots of the explorer on the seed essay")
	}
	path := shared.Require(t, "seed/essay.txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := text.New("essay", string(raw))
	d.Title = "Seed essay: Russia and the United States, 1990–2025"
	d.Published = time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	r := storeOf(t, []*text.Document{d})
	base := serve(t, newTestServer(t, r))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a, b := topDyad(t, r)
	shots := []struct {
		name, url, click string
		full             bool
	}{
		{"document.png", "/documents/essay", "#doctext a.trigger", false},
		{"document-full.png", "/documents/essay", "", true},
		{"timeline.png", "/timeline", "", true},
		{"dyad.png", dyadURL(a, b), "", true},
		{"network.png", "/network", "", true},
		{"network-country.png", "/network?level=country", "", true},
		{"events.png", "/events", "", false},
	}
	// The demo corpus (ten short texts written for annals) has more
	// dyads than one essay: the same views over it.
	demoDocs := demoCorpus(t, p)
	demoBase := serve(t, newTestServer(t, storeOf(t, demoDocs)))
	da, db := topDyad(t, memoryOf(demoDocs))
	for _, s := range []struct {
		name, url, click string
		full             bool
	}{
		{"demo-timeline.png", demoBase + "/timeline?basis=any", "", true},
		{"demo-dyad.png", demoBase + dyadURL(da, db), "", true},
		{"demo-network.png", demoBase + "/network?level=country", "", true},
		{"demo-document.png", demoBase + "/documents/" + demoDocs[0].ID, "#doctext a.trigger", false},
	} {
		shots = append(shots, s)
	}
	ctx := newBrowser(t, 1400, 1000)
	for _, s := range shots {
		if !strings.HasPrefix(s.url, "http") {
			s.url = base + s.url
		}
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS("main"))}
		if s.click != "" {
			steps = append(steps, chromedp.Click(chromedp.CSS(s.click)), chromedp.WaitVisible(chromedp.CSS("#evidence .card.shown")))
		}
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", s.url, err)
		}
		shot := chromedp.CaptureScreenshot()
		if s.full {
			shot = chromedp.FullScreenshot(100)
		}
		png, err := chromedp.Run(ctx, shot)
		if err != nil {
			t.Fatalf("%s: screenshot: %v", s.url, err)
		}
		out := filepath.Join(dir, s.name)
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s → %s", s.url, out)
	}
}

// demoCorpus codes the embedded demo corpus.
func demoCorpus(t testing.TB, p *pipeline.Pipeline) []*text.Document {
	var docs []*text.Document
	ingest.Options{AllLanguages: true}.ReadJSONL(bytes.NewReader(demo.CorpusJSONL), demo.Name, ingest.Handler{
		Item:  func(it ingest.Item) error { docs = append(docs, it.Document()); return nil },
		Error: func(err *ingest.Error) { t.Errorf("demo corpus: %v", err) },
	})
	for _, d := range docs {
		if err := p.Process(d); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}
