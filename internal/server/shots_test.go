package server

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"annals/internal/coder"
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
	ctx := newBrowser(t, 1400, 1000)
	for _, s := range shots {
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + s.url), chromedp.WaitVisible(chromedp.CSS("main"))}
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
