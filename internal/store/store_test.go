package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"annals/internal/analyze"
	"annals/internal/record"
)

func TestRoundTrip(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	s := "Officials in Kyiv said Russia shelled Ukraine in March 2014, and Poland criticized Russia."
	d := mkDoc(t, "doc1", s, "2025-11-20",
		ev{typ: "ASSAULT", trigger: "shelled", src: "Russia", srcCode: "RUS", tgt: "Ukraine", tgtCode: "UKR", date: "2014-03", quad: 4, goldstein: -9, speaker: "Officials in Kyiv", cue: "said"},
		ev{typ: "ACCUSE", trigger: "criticized", src: "Poland", srcCode: "POLGOV", tgt: "Russia", tgtCode: "RUS", date: "", quad: 3, goldstein: -2, negated: true})
	d.Title, d.URL = "A report", "https://example.org/r"
	r := put(t, db, Doc{Doc: d, Key: "url:https://example.org/r", Source: "in.jsonl:1"})
	if !r.Stored[0] || r.Events != 2 || r.Mentions != 4 || r.Sentences != 1 {
		t.Fatalf("put: %+v", r)
	}
	want := record.FromDocument(d)
	got, err := db.Document(ctx, "doc1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != s || got.Title != "A report" || got.URL != "https://example.org/r" || got.Published != "2025-11-20" || got.DocSummary.Events != 2 || got.Bytes != len(s) || got.Source != "in.jsonl:1" {
		t.Errorf("document summary: %+v", got.DocSummary)
	}
	if len(got.Mentions) != 4 || got.Mentions[0].Text != "Russia" || got.Mentions[0].Actor.Code != "RUS" || got.Mentions[3].Actor.Name != "Poland" {
		t.Errorf("mentions: %+v", got.Mentions)
	}
	order := d.MentionOrder() // documents list their mentions in text order
	for i, m := range got.Mentions {
		if w := d.Mentions[order[i]]; m.Start < 0 || m.End > len(s) || m.Start > m.End || s[m.Start:m.End] != m.Text || m.Start != w.Span.Start || m.End != w.Span.End {
			t.Errorf("mention %d: [%d,%d) %q does not match the document", i, m.Start, m.End, m.Text)
		}
	}
	var ss, se int
	if err := db.SQL().QueryRow(`SELECT start_byte, end_byte FROM sentences WHERE doc_id = 'doc1' AND idx = 0`).Scan(&ss, &se); err != nil || ss != 0 || se != len(s) {
		t.Errorf("sentence 0 stored as [%d,%d), %v; want [0,%d)", ss, se, err, len(s))
	}
	if !reflect.DeepEqual(got.Events, want) {
		gj, _ := json.MarshalIndent(got.Events, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("events differ:\n got %s\nwant %s", gj, wj)
	}
	e, err := db.Event(ctx, want[1].ID)
	if err != nil || !reflect.DeepEqual(e, want[1]) {
		t.Errorf("Event(%s) = %+v, %v", want[1].ID, e, err)
	}
	if _, err := db.Event(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing event: %v, want ErrNotFound", err)
	}
	if _, err := db.Document(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing document: %v, want ErrNotFound", err)
	}
}

func TestIdempotent(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	a := mkDoc(t, "a", "Russia attacked Ukraine in 2022.", "2022-02-25",
		ev{typ: "ASSAULT", trigger: "attacked", src: "Russia", srcCode: "RUS", tgt: "Ukraine", tgtCode: "UKR", date: "2022-02", quad: 4, goldstein: -10})
	b := mkDoc(t, "b", "Ukraine asked Poland for help.", "2022-03-01",
		ev{typ: "REQUEST", trigger: "asked", src: "Ukraine", srcCode: "UKR", tgt: "Poland", tgtCode: "POL", date: "2022-03", quad: 1, goldstein: 3})
	r := put(t, db, Doc{Doc: a}, Doc{Doc: b}, Doc{Doc: a})
	if !reflect.DeepEqual(r.Stored, []bool{true, true, false}) {
		t.Errorf("first put stored %v, want the repeat passed over", r.Stored)
	}
	r = put(t, db, Doc{Doc: a}, Doc{Doc: b})
	if !reflect.DeepEqual(r.Stored, []bool{false, false}) || r.Events != 0 {
		t.Errorf("second put: %+v, want a no-op", r)
	}
	c, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != 2 || c.Events != 2 || c.Mentions != 4 || c.Sentences != 2 {
		t.Errorf("counts after re-ingest: %+v", c)
	}
	if ok, _ := db.HasKey(ctx, "sha256:"+contentHash(a.Text)); !ok {
		t.Error("HasKey: the text hash of a stored document is not found")
	}
	if k, _ := db.KeyOfID(ctx, "b"); k != "sha256:"+contentHash(b.Text) {
		t.Errorf("KeyOfID(b) = %q", k)
	}
	// Another text under a taken id fails as a whole.
	other := mkDoc(t, "a", "Poland thanked Ukraine.", "", ev{typ: "SUPPORT", trigger: "thanked", src: "Poland", srcCode: "POL", tgt: "Ukraine", tgtCode: "UKR", quad: 1, goldstein: 2})
	if _, err := db.Put(ctx, []Doc{{Doc: b}, {Doc: other}}); err == nil {
		t.Error("a new document under a taken id was accepted")
	}
	if c2, _ := db.Counts(ctx); c2 != c {
		t.Errorf("failed put changed the store: %+v -> %+v", c, c2)
	}
}

func TestQueries(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	put(t, db,
		Doc{Doc: mkDoc(t, "d1", "Russia shelled Ukraine near the border.", "2014-03-20",
			ev{typ: "ASSAULT", trigger: "shelled", src: "Russia", srcCode: "RUSMIL", tgt: "Ukraine", tgtCode: "UKR", date: "2014-03-18", quad: 4, goldstein: -9})},
		Doc{Doc: mkDoc(t, "d2", "Ukraine accused Russia of lying, and the UN urged Russia to stop.", "2014-04-02",
			ev{typ: "ACCUSE", trigger: "accused", src: "Ukraine", srcCode: "UKRGOV", tgt: "Russia", tgtCode: "RUS", date: "2014-04", quad: 3, goldstein: -2},
			ev{typ: "REQUEST", trigger: "urged", src: "UN", srcCode: "IGOUNO", tgt: "Russia", tgtCode: "RUS", date: "", quad: 1, goldstein: 1})},
		Doc{Doc: mkDoc(t, "d3", "Poland met Ukraine.", "2015-01-10",
			ev{typ: "CONSULT", trigger: "met", src: "Poland", srcCode: "POL", tgt: "Ukraine", tgtCode: "UKR", date: "2015-01", quad: 1, goldstein: 1})},
	)
	evs, total, err := db.Events(ctx, EventFilter{DyadA: "RUS", DyadB: "UKR"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 2 || len(evs) != 2 || evs[0].DocID != "d1" || evs[1].DocID != "d2" {
		t.Errorf("dyad RUS-UKR: %d events %v", total, ids(evs))
	}
	if evs, total, err := db.Events(ctx, EventFilter{Actor: "UKR", Page: Page{Limit: 10, Offset: 50}}); err != nil || len(evs) != 0 || total != 3 {
		t.Errorf("page past the end: %d events, total %d, %v; want 0 of 3", len(evs), total, err)
	}
	if _, total, _ := db.Events(ctx, EventFilter{Actor: "UKR", Page: Page{Limit: 1}}); total != 3 {
		t.Errorf("total with a one-event page = %d, want 3", total)
	}
	tests := []struct {
		name string
		f    EventFilter
		want []string
	}{
		{"all in date order, undated last", EventFilter{}, []string{"d1:0:0", "d2:0:0", "d3:0:0", "d2:0:1"}},
		{"actor by country", EventFilter{Actor: "UKR"}, []string{"d1:0:0", "d2:0:0", "d3:0:0"}},
		{"actor by full code", EventFilter{Actor: "RUSMIL"}, []string{"d1:0:0"}},
		{"source", EventFilter{Source: "RUS"}, []string{"d1:0:0"}},
		{"target", EventFilter{Target: "RUS"}, []string{"d2:0:0", "d2:0:1"}},
		{"type", EventFilter{Type: "CONSULT"}, []string{"d3:0:0"}},
		{"quad", EventFilter{Quad: 1}, []string{"d3:0:0", "d2:0:1"}},
		{"from", EventFilter{From: "2014-04-01"}, []string{"d2:0:0", "d3:0:0"}},
		{"to", EventFilter{To: "2014-03-31"}, []string{"d1:0:0"}},
		{"document", EventFilter{Doc: "d2"}, []string{"d2:0:0", "d2:0:1"}},
		{"basis", EventFilter{Basis: "explicit", Actor: "POL"}, []string{"d3:0:0"}},
		{"basis from the text", EventFilter{Basis: "text", To: "2014-03-31"}, []string{"d1:0:0"}},
		{"basis published", EventFilter{Basis: "published"}, []string{}},
		{"page", EventFilter{Page: Page{Limit: 2, Offset: 1}}, []string{"d2:0:0", "d3:0:0"}},
	}
	for _, tt := range tests {
		evs, _, err := db.Events(ctx, tt.f)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := ids(evs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}

	for _, summarized := range []bool{false, true} {
		if summarized {
			if err := db.Summarize(ctx); err != nil {
				t.Fatal(err)
			}
		}
		checkAggregates(t, db, summarized)
	}
	tl, undated, err := db.Timeline(ctx, EventFilter{Actor: "RUS"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 2 || undated != 1 || tl[0].Month != (analyze.Month{Year: 2014, Month: 3}) || tl[0].Quad != 4 {
		t.Errorf("timeline: %+v undated %d", tl, undated)
	}

	docs, n, err := db.Documents(ctx, "", Page{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || docs[0].ID != "d3" || docs[2].ID != "d1" {
		t.Errorf("documents newest first: %+v", docs)
	}
	if docs, n, _ := db.Documents(ctx, "POLAND", Page{}); n != 1 || docs[0].ID != "d3" {
		t.Errorf("document search: %+v", docs)
	}
	// A put after the summaries makes them stale: the answers stay right.
	put(t, db, Doc{Doc: mkDoc(t, "d4", "Chile met Peru.", "2015-02-01",
		ev{typ: "CONSULT", trigger: "met", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2015-02", quad: 1, goldstein: 1})})
	if _, n, _ := db.Actors(ctx, Page{}); n != 8 {
		t.Errorf("after a put, %d actors, want 8 (summaries stale)", n)
	}
	if _, n, _ := db.Dyads(ctx, "", Page{}); n != 4 {
		t.Errorf("after a put, %d dyads, want 4 (summaries stale)", n)
	}
}

// checkAggregates checks the overview queries, computed live or from the
// summary tables.
func checkAggregates(t *testing.T, db *DB, summarized bool) {
	t.Helper()
	ctx := context.Background()
	series, undated, err := db.DyadSeries(ctx, "RUS", "UKR")
	if err != nil {
		t.Fatalf("summarized=%v: %v", summarized, err)
	}
	wantSeries := []analyze.MonthCount{
		{Month: analyze.Month{Year: 2014, Month: 3}, Dir: analyze.AToB, Quad: 4, Events: 1, Goldstein: -9},
		{Month: analyze.Month{Year: 2014, Month: 4}, Dir: analyze.BToA, Quad: 3, Events: 1, Goldstein: -2},
	}
	if !reflect.DeepEqual(series, wantSeries) || undated != 0 {
		t.Errorf("summarized=%v: dyad series: %+v undated %d", summarized, series, undated)
	}
	if _, undated, _ := db.DyadSeries(ctx, "IGOUNO", "RUS"); undated != 1 {
		t.Errorf("summarized=%v: UN-Russia undated = %d, want 1", summarized, undated)
	}

	dyads, n, err := db.Dyads(ctx, "", Page{})
	if err != nil {
		t.Fatalf("summarized=%v: %v", summarized, err)
	}
	if n != 3 || dyads[0] != (Dyad{A: "RUS", B: "UKR", AToB: 1, BToA: 1, Events: 2, Goldstein: -11, First: "2014-03-18", Last: "2014-04-01"}) {
		t.Errorf("summarized=%v: dyads (%d): %+v", summarized, n, dyads)
	}
	if _, n, _ := db.Dyads(ctx, "POL", Page{}); n != 1 {
		t.Errorf("summarized=%v: dyads with POL: %d, want 1", summarized, n)
	}

	actors, n, err := db.Actors(ctx, Page{Limit: 1})
	if err != nil {
		t.Fatalf("summarized=%v: %v", summarized, err)
	}
	if n != 6 || len(actors) != 1 || actors[0] != (ActorCount{Code: "RUS", Name: "Russia", Country: "RUS", AsSource: 0, AsTarget: 2, Events: 2}) {
		t.Errorf("summarized=%v: actors (%d): %+v", summarized, n, actors)
	}

	links, err := db.Links(ctx, "country")
	if err != nil {
		t.Fatalf("summarized=%v: %v", summarized, err)
	}
	if len(links) != 4 || links[0].Events != 1 {
		t.Errorf("summarized=%v: country links: %+v", summarized, links)
	}
}

func ids(evs []record.Event) []string {
	out := []string{}
	for _, e := range evs {
		out = append(out, e.ID)
	}
	return out
}

func TestDateBounds(t *testing.T) {
	tests := []struct{ in, start, end string }{
		{"2014-03-18", "2014-03-18", "2014-03-18"},
		{"2014-03", "2014-03-01", "2014-03-31"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2014", "2014-01-01", "2014-12-31"},
		{"199X", "1990-01-01", "1999-12-31"},
		{"1999/2009", "1999-01-01", "2009-12-31"},
		{"2014-03/2014-05", "2014-03-01", "2014-05-31"},
		{"", "", ""},
		{"soon", "", ""},
	}
	for _, tt := range tests {
		if s, e := DateBounds(tt.in); s != tt.start || e != tt.end {
			t.Errorf("DateBounds(%q) = %q, %q; want %q, %q", tt.in, s, e, tt.start, tt.end)
		}
	}
}

// TestIncompleteEventsKeptApart checks that an event with no coded actor is
// stored beside the dataset: not in events (nor counted in n_events), and
// given back by Document as Incomplete.
func TestIncompleteEventsKeptApart(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	s := "Gunmen raided a depot and Chile condemned Peru."
	d := mkDoc(t, "inc1", s, "2025-03-02",
		ev{typ: "ASSAULT", trigger: "raided", src: "Gunmen", srcCode: "", tgt: "depot", tgtCode: "", quad: 4, goldstein: -9},
		ev{typ: "ACCUSE", trigger: "condemned", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", quad: 3, goldstein: -2})
	r := put(t, db, Doc{Doc: d, Key: "hash:inc1", Source: "t"})
	if r.Events != 1 {
		t.Fatalf("put stored %d events in the dataset, want 1", r.Events)
	}
	got, err := db.Document(ctx, "inc1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 1 || got.Events[0].EventType != "ACCUSE" || got.DocSummary.Events != 1 {
		t.Errorf("dataset events: %+v", got.Events)
	}
	if len(got.Incomplete) != 1 || got.Incomplete[0].EventType != "ASSAULT" || !got.Incomplete[0].Incomplete || got.Incomplete[0].Trigger.Text != "raided" {
		t.Errorf("incomplete events: %+v", got.Incomplete)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM events`).Scan(&n)
	if n != 1 {
		t.Errorf("events table holds %d rows, want 1", n)
	}
}

// TestAggregateActorsNamedByCode checks that a country-and-sector code is
// not named after the one mention that gave it, while a country is.
func TestAggregateActorsNamedByCode(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	d := mkDoc(t, "agg", "Washington warned Chile.", "2022-02-02",
		ev{typ: "THREATEN", trigger: "warned", src: "Washington", srcCode: "USAGOV", tgt: "Chile", tgtCode: "CHL", quad: 3, goldstein: -4})
	d.Events[0].Source[0].Actor.Kind = "state" // a seat of government standing for the government
	put(t, db, Doc{Doc: d, Key: "hash:agg", Source: "t"})
	actors, _, err := db.Actors(ctx, Page{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, a := range actors {
		names[a.Code] = a.Name
	}
	if names["USAGOV"] != "" || names["CHL"] != "Chile" {
		t.Errorf("actor names %q: want USAGOV unnamed and CHL named Chile", names)
	}
}
