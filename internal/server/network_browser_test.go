package server

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"annals/internal/coder"
	"annals/internal/ingest"
	"annals/internal/shared"
	"annals/internal/text"

	"github.com/chromedp/chromedp"
)

// netMeasure is what the browser measures of a drawn network.
type netMeasure struct {
	Nodes int      `json:"n"`
	Min   float64  `json:"min"`  // least distance between two node centres
	Diag  float64  `json:"diag"` // the drawing's diagonal
	Bad   []string `json:"bad"`  // overlapping labels, labels over other nodes
}

// measureNetwork reads the network page open in the browser: node centres
// and radii from the SVG, label boxes as the browser laid them out.
const measureNetwork = `(function () {
	var svg = document.querySelector("svg.network");
	if (!svg) return JSON.stringify({n: 0, min: 0, diag: 0, bad: []});
	var vb = svg.viewBox.baseVal, diag = Math.hypot(vb.width, vb.height);
	var cs = Array.prototype.map.call(svg.querySelectorAll("g.nodes circle"), function (c) {
		return {x: c.cx.baseVal.value, y: c.cy.baseVal.value, r: c.r.baseVal.value};
	});
	var ls = Array.prototype.map.call(svg.querySelectorAll("g.nodes text"), function (t) {
		var b = t.getBBox();
		return {x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height, t: t.textContent};
	});
	var min = Infinity, bad = [];
	for (var i = 0; i < cs.length; i++) {
		for (var j = i + 1; j < cs.length; j++) {
			min = Math.min(min, Math.hypot(cs[i].x - cs[j].x, cs[i].y - cs[j].y));
			var a = ls[i], b = ls[j];
			if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) bad.push("label " + a.t + " overlaps label " + b.t);
		}
	}
	for (i = 0; i < ls.length; i++) {
		for (j = 0; j < cs.length; j++) {
			if (i === j) continue;
			var l = ls[i], c = cs[j];
			var nx = Math.max(l.x1, Math.min(c.x, l.x2)), ny = Math.max(l.y1, Math.min(c.y, l.y2));
			if (Math.hypot(nx - c.x, ny - c.y) < c.r) bad.push("label " + l.t + " covers node " + ls[j].t);
		}
	}
	return JSON.stringify({n: cs.length, min: cs.length > 1 ? min : 0, diag: diag, bad: bad});
})()`

// TestBrowserNetworkReadable draws the actor network of two corpora in
// headless chromium, by full code and by country and with more actors
// than the default: no two nodes closer than 4% of the drawing's
// diagonal, no label over another label or over another node. The
// corpora: texts written for annals (the demo corpus and the test
// fixture), always; and, when ../shared is present, the annotated dev
// passages with the seed essay, read as annals ingest reads them (the
// essay, a text file, must get a title with "essay" in it).
func TestBrowserNetworkReadable(t *testing.T) {
	ctx := newBrowser(t, 1400, 1000)
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	corpora := []struct {
		name string
		docs func(t *testing.T) []*text.Document
	}{
		{"own texts", func(t *testing.T) []*text.Document {
			return append(demoCorpus(t, p), codedFixture(t)...)
		}},
		{"dev passages and essay", func(t *testing.T) []*text.Document {
			dev := shared.Require(t, "data/annotated/ngec_events_dev.jsonl")
			essay := shared.Require(t, "seed/essay.txt")
			var docs []*text.Document
			ingest.Options{AllLanguages: true}.Walk([]string{dev, essay}, ingest.Handler{
				Item: func(it ingest.Item) error {
					if it.Origin.File == essay && !strings.Contains(strings.ToLower(it.Title), "essay") {
						t.Errorf("the essay's title is %q, want one with \"essay\"", it.Title)
					}
					docs = append(docs, it.Document())
					return nil
				},
				Error: func(err *ingest.Error) { t.Errorf("reading: %v", err) },
			})
			for _, d := range docs {
				if err := p.Process(d); err != nil {
					t.Fatal(err)
				}
			}
			return docs
		}},
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			base := serve(t, newTestServer(t, storeOf(t, c.docs(t))))
			for _, u := range []string{"/network", "/network?level=country", "/network?max=60"} {
				if err := chromedp.Do(ctx, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				js, err := chromedp.Run(ctx, chromedp.Evaluate[string](measureNetwork))
				if err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				var m netMeasure
				if err := json.Unmarshal([]byte(js), &m); err != nil {
					t.Fatalf("%s: %v in %s", u, err, js)
				}
				if m.Nodes < 2 {
					t.Fatalf("%s: %d nodes drawn", u, m.Nodes)
				}
				t.Logf("%s: %d nodes, closest %.1f apart = %.1f%% of the %.0f diagonal; %d overlaps", u, m.Nodes, m.Min, 100*m.Min/m.Diag, m.Diag, len(m.Bad))
				if m.Min < 0.04*m.Diag || math.IsNaN(m.Min) {
					t.Errorf("%s: two nodes %.1f apart, under 4%% of the diagonal (%.1f)", u, m.Min, 0.04*m.Diag)
				}
				for _, b := range m.Bad {
					t.Errorf("%s: %s", u, b)
				}
			}
		})
	}
}
