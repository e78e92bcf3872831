package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"annals/internal/analyze"
	"annals/internal/record"
	"annals/internal/text"
)

// randomMemory makes a Memory of n documents with random events: a few
// actors (some with a sector code beside their country, some
// international with no country), several arguments on a side at times,
// dates of every precision, undated events and several date bases.
func randomMemory(seed uint64, n int) *Memory {
	rng := rand.New(rand.NewPCG(seed, 3))
	actors := []text.Actor{
		{Code: "AAA", Country: "AAA"}, {Code: "AAAGOV", Country: "AAA"}, {Code: "BBB", Country: "BBB"},
		{Code: "BBBMIL", Country: "BBB"}, {Code: "CCC", Country: "CCC"}, {Code: "IGOUNO"}, {Code: "DDD", Country: "DDD"},
	}
	args := func() []record.Argument {
		out := []record.Argument{}
		for range rng.IntN(3) {
			out = append(out, record.Argument{Actor: actors[rng.IntN(len(actors))]})
		}
		return out
	}
	dates := func() record.Date {
		basis := []string{"explicit", "relative", "published"}[rng.IntN(3)]
		y, m, d := 2000+rng.IntN(4), 1+rng.IntN(12), 1+rng.IntN(28)
		switch rng.IntN(5) {
		case 0:
			return record.Date{}
		case 1:
			return record.Date{Value: fmt.Sprintf("%04d-%02d", y, m), Basis: basis}
		case 2:
			return record.Date{Value: fmt.Sprintf("%04d-%02d-%02d/%04d-%02d-%02d", y, m, d, y, m, d+1), Basis: basis}
		}
		return record.Date{Value: fmt.Sprintf("%04d-%02d-%02d", y, m, d), Basis: basis}
	}
	var docs []DocDetail
	for i := range n {
		id := fmt.Sprintf("d%03d", rng.IntN(n*2)) // ids out of order, some shared by two documents' events
		d := DocDetail{DocSummary: DocSummary{ID: fmt.Sprintf("doc%d", i)}}
		for k := range rng.IntN(6) {
			d.Events = append(d.Events, record.Event{
				ID: fmt.Sprintf("%s:%d", id, k), DocID: d.ID, Sentence: rng.IntN(4), EventType: []string{"ASSAULT", "AID", "ACCUSE"}[rng.IntN(3)],
				QuadClass: 1 + rng.IntN(4), Goldstein: float64(rng.IntN(21) - 10), Source: args(), Target: args(), Date: dates(),
			})
		}
		docs = append(docs, d)
	}
	return NewMemory(docs)
}

// walkEvents is the meaning of Events without the index: every event, in
// order, through the filter.
func walkEvents(m *Memory, f EventFilter) ([]record.Event, int) {
	out := []record.Event{}
	total, skip := 0, f.Offset
	for _, e := range m.events {
		if !f.Matches(*e) {
			continue
		}
		total++
		if f.After != nil && !f.After.Less(KeyOf(*e)) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(out) < f.Limit {
			out = append(out, *e)
		}
	}
	return out, total
}

func randomFilter(rng *rand.Rand) EventFilter {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	f := EventFilter{Page: Page{Limit: 1 + rng.IntN(8)}}
	if rng.IntN(3) == 0 {
		f.Offset = rng.IntN(20)
	}
	switch rng.IntN(6) {
	case 0:
		f.Actor = pick("AAA", "BBBMIL", "IGOUNO", "ZZZ")
	case 1:
		f.DyadA, f.DyadB = pick("AAA", "BBB", "IGOUNO"), pick("BBB", "CCC", "AAA")
	case 2:
		f.Source = pick("AAA", "CCC")
		if rng.IntN(2) == 0 {
			f.Target = pick("BBB", "DDD")
		}
	case 3:
		f.Doc = fmt.Sprintf("doc%d", rng.IntN(40))
	}
	if rng.IntN(3) == 0 {
		f.Type = pick("ASSAULT", "AID")
	}
	if rng.IntN(4) == 0 {
		f.Quad = analyze.Quad(1 + rng.IntN(4))
	}
	if rng.IntN(3) == 0 {
		f.From = fmt.Sprintf("%04d-%02d-01", 2000+rng.IntN(4), 1+rng.IntN(12))
	}
	if rng.IntN(3) == 0 {
		f.To = fmt.Sprintf("%04d-%02d-28", 2001+rng.IntN(4), 1+rng.IntN(12))
	}
	if rng.IntN(4) == 0 {
		f.Basis = pick("text", "published", "relative")
	}
	return f
}

// TestIndexedEventsMatchWalk checks the indexed event lists, timelines
// and dyad series against a walk over every event, for random filters,
// pages and cursors.
func TestIndexedEventsMatchWalk(t *testing.T) {
	m := randomMemory(11, 300)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		f := randomFilter(rng)
		if i%3 == 0 && len(m.events) > 0 {
			k := KeyOf(*m.events[rng.IntN(len(m.events))])
			f.After, f.Offset = &k, 0
		}
		got, total, err := m.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, wantTotal := walkEvents(m, f)
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) || total != wantTotal {
			t.Fatalf("filter %+v after %v: total %d, want %d\ngot  %s\nwant %s", f, f.After, total, wantTotal, gj, wj)
		}
		tl, undated, _ := m.Timeline(ctx, f)
		wantTL := map[string]int{}
		wantUndated := 0
		for _, e := range m.events {
			if !f.Matches(*e) {
				continue
			}
			if ds := analyze.DateStart(e.Date.Value); ds == "" {
				wantUndated++
			} else {
				wantTL[fmt.Sprintf("%s/%d", ds[:7], e.QuadClass)]++
			}
		}
		gotTL := map[string]int{}
		for _, c := range tl {
			gotTL[fmt.Sprintf("%s/%d", c.Month, c.Quad)] += c.Events
		}
		if fmt.Sprint(gotTL) != fmt.Sprint(wantTL) || undated != wantUndated {
			t.Fatalf("timeline of %+v: %v undated %d, want %v undated %d", f, gotTL, undated, wantTL, wantUndated)
		}
	}
}

// TestCursorWalksWholeList pages through lists by cursor and checks that
// the pages, joined, are the list.
func TestCursorWalksWholeList(t *testing.T) {
	m := randomMemory(12, 200)
	ctx := context.Background()
	for _, q := range []string{"", "actor=AAA", "dyad=AAA,BBB", "from=2001&to=2002", "type=AID&quad=2", "actor=QQQ"} {
		v, _ := url.ParseQuery(q)
		all, _ := ParseEventFilter(v)
		all.Limit = len(m.events) + 1
		want, total, _ := m.Events(ctx, all)
		for _, limit := range []int{1, 3, 50} {
			f := all
			f.Limit = limit
			var got []record.Event
			for pages := 0; ; pages++ {
				if pages > len(m.events)+1 {
					t.Fatalf("%s: the cursor does not advance", q)
				}
				page, n, _ := m.Events(ctx, f)
				if n != total {
					t.Fatalf("%s: a later page counts %d, the first %d", q, n, total)
				}
				got = append(got, page...)
				if len(page) < limit {
					break
				}
				k := KeyOf(page[len(page)-1])
				f.After = &k
			}
			if len(got) != len(want) {
				t.Fatalf("%s by %d: %d events by cursor, %d in the list", q, limit, len(got), len(want))
			}
			for i := range got {
				if got[i].ID != want[i].ID || got[i].DocID != want[i].DocID {
					t.Fatalf("%s by %d: event %d is %s, want %s", q, limit, i, got[i].ID, want[i].ID)
				}
			}
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, k := range []EventKey{{}, {Start: "1999-12-31", Doc: "a b/c", Sentence: 7, ID: "x:1:2"}, {Doc: "\u00e9\u00e8", ID: "q"}} {
		got, err := ParseCursor(k.Cursor())
		if err != nil || got != k {
			t.Errorf("%+v: read back %+v, %v", k, got, err)
		}
	}
	for _, bad := range []string{"", "!!", "bm90IGpzb24", "WzEsMiwzXQ", `WyIyMDIwLTEzLTQwIiwiZCIsMSwiZSJd`, strings.Repeat("A", maxCursor+1)} {
		if _, err := ParseCursor(bad); err == nil {
			t.Errorf("cursor %q read without an error", bad)
		}
	}
}

// TestAPIEventsNext follows next_url from the first page of /api/events
// to the last, over the store and over memory, and checks the client's
// errors for cursors.
func TestAPIEventsNext(t *testing.T) {
	docs := codedFixture(t)
	for name, r := range map[string]Reader{"memory": memoryOf(docs), "store": storeOf(t, docs)} {
		h := newTestServer(t, r).Handler()
		get := func(p string) (int, eventList) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
			var l eventList
			json.Unmarshal(rec.Body.Bytes(), &l)
			return rec.Code, l
		}
		_, whole := get("/api/events?limit=1000")
		if len(whole.Events) < 3 {
			t.Fatalf("%s: the fixture has %d events; want at least 3", name, len(whole.Events))
		}
		var ids []string
		p := "/api/events?limit=2"
		for p != "" {
			code, l := get(p)
			if code != http.StatusOK || l.Total != whole.Total {
				t.Fatalf("%s %s: %d, total %d (want %d)", name, p, code, l.Total, whole.Total)
			}
			for _, e := range l.Events {
				ids = append(ids, e.ID)
			}
			if len(ids) > len(whole.Events) {
				t.Fatalf("%s: more events by next_url than in the list", name)
			}
			p = l.NextURL
		}
		var want []string
		for _, e := range whole.Events {
			want = append(want, e.ID)
		}
		if strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Errorf("%s: by next_url %v, want %v", name, ids, want)
		}
		for _, q := range []string{"after=xyz", "after=" + KeyOf(whole.Events[0]).Cursor() + "&offset=2"} {
			if code, _ := get("/api/events?" + q); code != http.StatusBadRequest {
				t.Errorf("%s: /api/events?%s answered %d, want 400", name, q, code)
			}
		}
	}
}

// TestEventsPageByCursor follows the explorer's Next links from a page
// reached by cursor to the end, and wants every event once, in order.
func TestEventsPageByCursor(t *testing.T) {
	m := memoryOf(codedFixture(t))
	h := newTestServer(t, m).Handler()
	all, _, _ := m.Events(context.Background(), EventFilter{Page: Page{Limit: 1000}})
	if len(all) < 3 {
		t.Fatalf("the fixture has %d events; want at least 3", len(all))
	}
	next := regexp.MustCompile(`rel="next" href="([^"]+)"`)
	p := "/events?limit=1&after=" + KeyOf(all[0]).Cursor()
	seen := []string{all[0].ID}
	for p != "" {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "First page") {
			t.Fatalf("%s: %d, or no link to the first page", p, rec.Code)
		}
		for _, e := range all {
			if strings.Contains(body, `href="`+eventURL(e)+`"`) {
				seen = append(seen, e.ID)
			}
		}
		p = ""
		if mm := next.FindStringSubmatch(body); mm != nil {
			p = html.UnescapeString(mm[1])
		}
		if len(seen) > len(all)+1 {
			t.Fatal("the Next links do not end")
		}
	}
	var want []string
	for _, e := range all {
		want = append(want, e.ID)
	}
	if strings.Join(seen, " ") != strings.Join(want, " ") {
		t.Errorf("by the Next links: %v\nwant %v", seen, want)
	}
}
