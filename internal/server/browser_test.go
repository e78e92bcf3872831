package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium (or another Chrome). Without one
// the browser tests skip, except in CI (CI set), where a missing browser
// is a failure: .ci/chromium.sh installs it.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed and CI is set: run .ci/chromium.sh")
	}
	t.Skip("chromium is not installed: run .ci/chromium.sh (apt-get install chromium) to run the browser tests")
	return ""
}

// newBrowser starts a headless chromium with the flags DESIGN.md gives
// and returns a tab's context.
func newBrowser(t testing.TB, width, height int) context.Context {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return ctx
}

// serve starts s on 127.0.0.1 at a random port and returns its base URL.
func serve(t testing.TB, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := s.HTTPServer(ln.Addr().String())
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	}()
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}

// TestBrowserEvidence loads the explorer in headless chromium, opens a
// document from the list, selects an event trigger and checks that the
// event's evidence card appears with its attributes.
func TestBrowserEvidence(t *testing.T) {
	ctx := newBrowser(t, 1280, 900)
	base := serve(t, newTestServer(t, testReader(t)))

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("table.docs a")),
	); err != nil {
		t.Fatalf("loading the documents list: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || title != "Documents · annals" {
		t.Fatalf("title %q, %v", title, err)
	}
	// Open the first document by clicking its link, as a reader would.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("table.docs tbody tr:first-child a")),
		chromedp.WaitVisible(chromedp.ID("doctext")),
	); err != nil {
		t.Fatalf("opening a document: %v", err)
	}
	// Before any click, the script hides every card.
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#evidence .card.shown").length`))
	if err != nil || shown != 0 {
		t.Fatalf("cards shown before a click: %d, %v", shown, err)
	}
	trig, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#doctext a.trigger")))
	if err != nil {
		t.Fatalf("reading the first trigger: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#doctext a.trigger")),
		chromedp.WaitVisible(chromedp.CSS("#evidence .card.shown")),
	); err != nil {
		t.Fatalf("selecting a trigger: %v", err)
	}
	card, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#evidence .card.shown")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Source", "Target", "CAMEO", "Date", "basis", "Polarity", "Modality", "Certainty", "Speaker", "Rule", "Confidence", trig} {
		if !strings.Contains(card, want) {
			t.Errorf("evidence card lacks %q:\n%s", want, card)
		}
	}
	// The trigger itself is marked active in the text, and every span the
	// card names (source, target, date words...) is lit.
	active, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#doctext .active")||{}).textContent||""`))
	if err != nil || active != trig {
		t.Errorf("active span %q, want the trigger %q (%v)", active, trig, err)
	}
	unlit, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
		var card = document.querySelector("#evidence .card.shown"), text = document.getElementById("doctext").textContent, bad = [];
		card.getAttribute("data-spans").split(" ").forEach(function (s) {
			var p = s.split(":"), r = p[0].split("-"), kind = p[1];
			var cls = kind === "trigger" ? "active" : kind === "source" ? "lit-source" : kind === "target" ? "lit-target" : "lit";
			var lit = Array.prototype.map.call(document.querySelectorAll("#doctext ." + cls), function (el) { return el.textContent; }).join("");
			var want = new TextDecoder().decode(new TextEncoder().encode(text).slice(+r[0], +r[1]));
			if (lit.indexOf(want) < 0) bad.push(kind + " " + JSON.stringify(want));
		});
		return bad.join("; ");
	})()`))
	if err != nil || unlit != "" {
		t.Errorf("spans of the card not lit in the text: %s (%v)", unlit, err)
	}
}
