package server

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"annals/internal/record"
)

// get runs one request through the handler and returns status, content
// type and body.
func get(t *testing.T, h http.Handler, target string) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header().Get("Content-Type"), string(b)
}

func getJSON(t *testing.T, h http.Handler, target string, v any) int {
	t.Helper()
	code, ct, body := get(t, h, target)
	if !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: content type %q", target, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%s: %v\n%s", target, err, body)
	}
	return code
}

// testHandlers runs the handler tests against any Reader over the coded
// fixture.
func testHandlers(t *testing.T, r Reader) {
	h := newTestServer(t, r).Handler()

	var all eventList
	if code := getJSON(t, h, "/api/events?limit=1000", &all); code != 200 {
		t.Fatalf("/api/events: %d", code)
	}
	if all.Total == 0 || len(all.Events) != all.Total {
		t.Fatalf("/api/events: %d events of total %d", len(all.Events), all.Total)
	}
	// Every filter keeps exactly the events that satisfy it, and the
	// total counts them.
	filters := []string{
		"actor=RUS", "actor=UKR", "dyad=RUS,UKR", "dyad=UKR,RUS", "source=RUS", "target=UKR",
		"type=ACCUSE", "quad=4", "quad=verbal+cooperation", "from=2025-03", "to=2024", "from=2025-03-01&to=2025-03-31",
		"doc=t-grain", "actor=RUS&quad=4", "actor=NOBODY", "basis=text", "basis=published", "basis=explicit&actor=RUS",
	}
	for _, q := range filters {
		vals, _ := url.ParseQuery(q)
		f, err := ParseEventFilter(vals)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var want []string
		for _, e := range all.Events {
			if f.Matches(e) {
				want = append(want, e.ID)
			}
		}
		var got eventList
		if code := getJSON(t, h, "/api/events?limit=1000&"+q, &got); code != 200 {
			t.Errorf("%s: status %d", q, code)
			continue
		}
		var ids []string
		for _, e := range got.Events {
			ids = append(ids, e.ID)
		}
		if strings.Join(ids, " ") != strings.Join(want, " ") || got.Total != len(want) {
			t.Errorf("%s: got %v (total %d), want %v", q, ids, got.Total, want)
		}
	}
	// Paging: two pages of 3 are the first 6 events.
	var p1, p2 eventList
	getJSON(t, h, "/api/events?limit=3", &p1)
	getJSON(t, h, "/api/events?limit=3&offset=3", &p2)
	if len(p1.Events) != 3 || p1.Events[0].ID != all.Events[0].ID || len(p2.Events) != 3 || p2.Events[0].ID != all.Events[3].ID || p2.Total != all.Total {
		t.Errorf("paging: %d+%d events, totals %d %d", len(p1.Events), len(p2.Events), p1.Total, p2.Total)
	}

	// Bad parameters are 400 with a JSON message naming the parameter.
	for _, q := range []string{"limit=0", "limit=5000", "offset=-1", "quad=7", "type=HUG", "from=2025-13", "dyad=RUS", "actor=RUS%27%3B+DROP+TABLE+events", "from=2025&to=2024", "basis=guessed", "limit=" + strings.Repeat("9", 300)} {
		var e apiErr
		code := getJSON(t, h, "/api/events?"+q, &e)
		if code != 400 || e.Error == "" || e.Status != 400 {
			t.Errorf("%s: status %d, error %q", q, code, e.Error)
		}
	}
	var nf apiErr
	if code := getJSON(t, h, "/api/documents/no-such-doc", &nf); code != 404 || nf.Error == "" {
		t.Errorf("missing document: %d %q", code, nf.Error)
	}
	if code := getJSON(t, h, "/api/events/no:such:event", &nf); code != 404 {
		t.Errorf("missing event: %d", code)
	}
	if code := getJSON(t, h, "/api/nothing", &nf); code != 404 {
		t.Errorf("unknown API path: %d", code)
	}
	// Read-only: anything but GET is refused.
	req := httptest.NewRequest(http.MethodPost, "/api/events", strings.NewReader("{}"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
	if code, _, _ := get(t, h, "/api/events?q="+strings.Repeat("x", 5000)); code != http.StatusRequestURITooLong {
		t.Errorf("long query string: %d", code)
	}

	// A document: text, mentions and events, offsets that slice the text.
	var docs docList
	getJSON(t, h, "/api/documents", &docs)
	if docs.Total != 3 || len(docs.Documents) != 3 {
		t.Fatalf("documents: %+v", docs)
	}
	for _, ds := range docs.Documents {
		var d DocDetail
		if code := getJSON(t, h, "/api/documents/"+url.PathEscape(ds.ID), &d); code != 200 {
			t.Fatalf("document %s: %d", ds.ID, code)
		}
		if d.Bytes != len(d.Text) || len(d.Events) != ds.Events {
			t.Errorf("document %s: %d bytes for %d, %d events for %d", ds.ID, d.Bytes, len(d.Text), len(d.Events), ds.Events)
		}
		for _, m := range d.Mentions {
			if d.Text[m.Start:m.End] != m.Text {
				t.Errorf("document %s: mention %q at [%d,%d) is %q", ds.ID, m.Text, m.Start, m.End, d.Text[m.Start:m.End])
			}
		}
		for _, e := range d.Events {
			checkOffsets(t, d.Text, e)
		}
		// The page escapes the text and keeps every byte of it.
		code, ct, body := get(t, h, "/documents/"+url.PathEscape(ds.ID))
		if code != 200 || !strings.HasPrefix(ct, "text/html") {
			t.Fatalf("page of %s: %d %s", ds.ID, code, ct)
		}
		start := strings.Index(body, `<div class="doctext" id="doctext">`)
		end := strings.Index(body[start:], "</div>")
		inner := body[start+len(`<div class="doctext" id="doctext">`) : start+end]
		if got := html.UnescapeString(stripTags(inner)); got != d.Text {
			t.Errorf("page of %s: text not kept:\n got %q\nwant %q", ds.ID, got, d.Text)
		}
		if n := strings.Count(inner, `class="trigger`); len(d.Events) > 0 && n == 0 {
			t.Errorf("page of %s: no triggers marked", ds.ID)
		}
		if n := strings.Count(body, `class="card"`); n != len(d.Events) {
			t.Errorf("page of %s: %d cards for %d events", ds.ID, n, len(d.Events))
		}
	}
	var search docList
	getJSON(t, h, "/api/documents?q=GRAIN", &search)
	if search.Total != 1 || search.Documents[0].ID != "t-grain" {
		t.Errorf("search: %+v", search)
	}

	// Lists with their named keys.
	for _, path := range []string{"/api/dyads", "/api/actors", "/api/clusters", "/api/dyads/series?a=RUS&b=UKR", "/api/timeline", "/api/network", "/api/network?level=country"} {
		var m map[string]json.RawMessage
		if code := getJSON(t, h, path, &m); code != 200 {
			t.Errorf("%s: %d", path, code)
			continue
		}
		if _, ok := m["total"]; !ok {
			t.Errorf("%s: no total in %v", path, m)
		}
	}
	// /api/network is snake_case like the rest, its numbers rounded.
	var netRaw struct {
		Nodes []map[string]json.RawMessage `json:"nodes"`
		Links []map[string]json.RawMessage `json:"links"`
	}
	getJSON(t, h, "/api/network", &netRaw)
	if len(netRaw.Nodes) == 0 {
		t.Error("/api/network: no nodes")
	}
	for _, n := range netRaw.Nodes {
		for _, k := range []string{"code", "events", "x", "y"} {
			if _, ok := n[k]; !ok {
				t.Errorf("/api/network node without %q: %v", k, n)
			}
		}
		if x := string(n["x"]); len(x) > 6 {
			t.Errorf("/api/network x = %s: not rounded", x)
		}
	}
	for _, l := range netRaw.Links {
		if g := string(l["goldstein"]); strings.Count(g, ".") == 1 && len(g)-strings.Index(g, ".")-1 > 2 {
			t.Errorf("/api/network goldstein = %s: not rounded", g)
		}
	}
	var dy dyadList
	getJSON(t, h, "/api/dyads?actor=RUS", &dy)
	for _, d := range dy.Dyads {
		if d.A != "RUS" && d.B != "RUS" || d.AToB+d.BToA < d.Events {
			t.Errorf("dyad %+v", d)
		}
	}
	// The dyad series counts what the events list holds.
	var ser seriesOut
	getJSON(t, h, "/api/dyads/series?a=RUS&b=UKR", &ser)
	var between eventList
	getJSON(t, h, "/api/events?limit=1000&dyad=RUS,UKR", &between)
	sum := 0
	for _, m := range ser.Months {
		sum += m.Events
	}
	if sum+ser.Undated < between.Total {
		t.Errorf("series counts %d (+%d undated), events between: %d", sum, ser.Undated, between.Total)
	}

	// Every page renders.
	for _, path := range []string{"/documents", "/documents?q=talks", "/events", "/events?actor=RUS&quad=4", "/timeline", "/timeline?actor=UKR", "/timeline?basis=any", "/dyads", "/dyad?a=RUS&b=UKR", "/network", "/network?level=country&max=5", "/actors", "/clusters", "/clusters?disputed=true"} {
		code, ct, body := get(t, h, path)
		if code != 200 || !strings.HasPrefix(ct, "text/html") || !strings.Contains(body, "</html>") {
			t.Errorf("%s: %d %s", path, code, ct)
		}
	}
	for _, path := range []string{"/nowhere", "/documents/none"} {
		if code, _, body := get(t, h, path); code != 404 || !strings.Contains(body, "Not Found") {
			t.Errorf("%s: %d", path, code)
		}
	}
	if code, _, _ := get(t, h, "/dyad?a=RUS"); code != 400 {
		t.Errorf("dyad without b: %d", code)
	}
	if code, _, body := get(t, h, "/static/explorer.js"); code != 200 || !strings.Contains(body, "data-events") {
		t.Errorf("script: %d", code)
	}
}

// checkOffsets verifies that every span of an event slices the text to
// the words it carries.
func checkOffsets(t *testing.T, text string, e record.Event) {
	t.Helper()
	spans := []record.Span{e.Trigger}
	for _, a := range append(append([]record.Argument{}, e.Source...), e.Target...) {
		spans = append(spans, a.Span)
	}
	for _, ev := range e.Evidence {
		spans = append(spans, ev.Span)
	}
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
			t.Errorf("event %s: span %q at [%d,%d) does not slice the text", e.ID, s.Text, s.Start, s.End)
		}
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestHandlersMemory(t *testing.T) { testHandlers(t, memoryOf(codedFixture(t))) }

func TestHandlersStore(t *testing.T) { testHandlers(t, storeOf(t, codedFixture(t))) }

// TestEmptyStore serves a store with no documents: every page and list
// answers, empty.
func TestEmptyStore(t *testing.T) {
	h := newTestServer(t, storeOf(t, nil)).Handler()
	for _, path := range []string{"/documents", "/events", "/timeline", "/dyads", "/dyad?a=RUS&b=USA", "/network", "/actors", "/clusters"} {
		if code, _, body := get(t, h, path); code != 200 || !strings.Contains(body, "</html>") {
			t.Errorf("%s: %d", path, code)
		}
	}
	for _, path := range []string{"/api/events", "/api/documents", "/api/dyads", "/api/actors", "/api/clusters", "/api/timeline", "/api/network", "/api/dyads/series?a=RUS&b=USA"} {
		var m map[string]json.RawMessage
		if code := getJSON(t, h, path, &m); code != 200 || string(m["total"]) != "0" {
			t.Errorf("%s: %d, total %s", path, code, m["total"])
		}
	}
}
