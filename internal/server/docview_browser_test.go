package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/text"

	"github.com/chromedp/chromedp"
)

// longReport is a long plain-text report of our own, one paragraph a line
// and blank lines at the end: an event at the start, many paragraphs of
// weather, and events at the end.
func longReport() string {
	var b strings.Builder
	b.WriteString("The foreign minister of Peru met her Chilean counterpart in Lima on Monday.\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "On day %d of the dry season the river fell a little further, and the boats stayed tied up along the quay while the farmers waited for rain.\n", i)
	}
	b.WriteString("Late on Friday, the government of Ecuador accused Colombia of violating its airspace, and Colombia rejected the charge.\n\n\n")
	return b.String() // the blank lines at the end must not make single line breaks mere wraps
}

// TestBrowserDocumentView opens a long plain-text document in chromium:
// its paragraphs are shown apart (one line, one paragraph), the text
// starts right under the page's help line (no blank band), and a link to
// its last event (…#ev-N-M) shows that event's card and scrolls its
// trigger into the window.
func TestBrowserDocumentView(t *testing.T) {
	ctx := newBrowser(t, 1280, 700)
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := text.New("long", longReport())
	d.Title = "A long dry season"
	d.Published = time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC)
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	r := memoryOf([]*text.Document{d})
	doc, err := r.Document(t.Context(), "long")
	if err != nil || len(doc.Events) == 0 {
		t.Fatalf("the report has no events (%v)", err)
	}
	last := doc.Events[0]
	for _, e := range doc.Events {
		if e.Trigger.Start > last.Trigger.Start {
			last = e
		}
	}
	if last.Trigger.Start < len(d.Text)/2 {
		t.Fatalf("no event in the last part of the report: the last trigger is %q at %d", last.Trigger.Text, last.Trigger.Start)
	}
	base := serve(t, newTestServer(t, r))

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/documents/long"), chromedp.WaitVisible(chromedp.ID("doctext"))); err != nil {
		t.Fatal(err)
	}
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
		paras: document.querySelectorAll("#doctext > p").length,
		gap: document.getElementById("doctext").getBoundingClientRect().top - document.querySelector("p.help").getBoundingClientRect().bottom,
		first: (function () { var ps = document.querySelectorAll("#doctext > p"); return ps.length > 1 ? ps[1].getBoundingClientRect().top - ps[0].getBoundingClientRect().bottom : 0; })()
	})`))
	if err != nil {
		t.Fatal(err)
	}
	var view struct{ Paras, Gap, First float64 }
	if err := json.Unmarshal([]byte(js), &view); err != nil {
		t.Fatal(err)
	}
	if view.Paras != 62 {
		t.Errorf("%v paragraphs shown, want the report's 62", view.Paras)
	}
	if view.Gap < 0 || view.Gap > 32 {
		t.Errorf("%.0f px between the help line and the text, want a small gap (no blank band)", view.Gap)
	}
	if view.First < 8 {
		t.Errorf("paragraphs %.0f px apart, want them set apart", view.First)
	}

	link := fmt.Sprintf("%s/documents/long#%s", base, anchor(last))
	// A fresh load (from another page), as when the link is followed from
	// elsewhere; the event is found within a few seconds or never.
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(wait, chromedp.Navigate("about:blank"), chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#evidence .card.shown")),
		chromedp.WaitReady(chromedp.CSS("html[data-settled]"))); err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	js, err = chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`JSON.stringify((function () {
		var card = document.querySelector("#evidence .card.shown"), trig = null;
		document.querySelectorAll("#doctext a.trigger").forEach(function (a) {
			if (!trig && a.getAttribute("data-s") <= %[1]d && a.getAttribute("data-e") >= %[2]d) trig = a;
		});
		var r = trig ? trig.getBoundingClientRect() : {top: -1, bottom: -1};
		var c = card.getBoundingClientRect();
		return {card: card.id, top: r.top, bottom: r.bottom, height: innerHeight, cardTop: c.top, scrolled: scrollY};
	})())`, last.Trigger.Start, last.Trigger.End)))
	if err != nil {
		t.Fatal(err)
	}
	var at struct {
		Card                                   string
		Top, Bottom, Height, CardTop, Scrolled float64
	}
	if err := json.Unmarshal([]byte(js), &at); err != nil {
		t.Fatal(err)
	}
	t.Logf("deep link: trigger at %.0f-%.0f px of a %.0f px window, card at %.0f, page scrolled %.0f px", at.Top, at.Bottom, at.Height, at.CardTop, at.Scrolled)
	if at.Card != anchor(last) {
		t.Errorf("card %q shown, want %q", at.Card, anchor(last))
	}
	if at.Top < 0 || at.Bottom > at.Height {
		t.Errorf("the trigger %q is off-screen: %.0f-%.0f px of %.0f", last.Trigger.Text, at.Top, at.Bottom, at.Height)
	}
	if at.CardTop < 0 || at.CardTop > at.Height/2 {
		t.Errorf("the card starts at %.0f px, want it in the upper half of the window", at.CardTop)
	}
}
