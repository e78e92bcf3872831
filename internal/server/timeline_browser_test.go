package server

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTimelineRange sets a date range on the timeline page with its
// form, as a reader would: the page then counts only events in the range,
// keeps the other filters, shows the range in its fields, and offers the
// whole range back.
func TestBrowserTimelineRange(t *testing.T) {
	ctx := newBrowser(t, 1280, 900)
	base := serve(t, newTestServer(t, testReader(t)))
	rows := func() []string {
		t.Helper()
		js, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.prototype.map.call(document.querySelectorAll("table.counts tbody th"), function (th) { return th.textContent; }).join(" ")`))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Fields(js)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/timeline?basis=any"), chromedp.WaitVisible(chromedp.CSS(`form[aria-label="Date range"] input[name=from]`))); err != nil {
		t.Fatal(err)
	}
	all := rows()
	if len(all) < 2 || all[0] >= "2025" {
		t.Fatalf("timeline of the fixture: bins %v, want some before 2025", all)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name=from]`), "2025"),
		chromedp.SendKeys(chromedp.CSS(`input[name=to]`), "2025-12"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Date range"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[aria-label="Date range"] a[href^="/timeline"]`)),
	); err != nil {
		t.Fatalf("submitting the range: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	if q := u.Query(); q.Get("from") != "2025" || q.Get("to") != "2025-12" || q.Get("basis") != "any" {
		t.Errorf("the form went to %s, want from, to and the kept basis", loc)
	}
	in := rows()
	if len(in) == 0 {
		t.Fatal("no bins in 2025")
	}
	for _, r := range in {
		if !strings.HasPrefix(r, "2025") {
			t.Errorf("bin %s outside the range 2025 to 2025-12 (bins %v)", r, in)
		}
	}
	vals, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("input[name=from]").value + " " + document.querySelector("input[name=to]").value + " " + document.querySelector('form[aria-label="Date range"] a').getAttribute("href")`))
	if err != nil || vals != "2025 2025-12 /timeline?basis=any" {
		t.Errorf("fields and link after submitting: %q (%v)", vals, err)
	}
}
