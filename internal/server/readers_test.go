package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"testing"

	"annals/internal/store"
)

// TestStoreMatchesMemory asks the DuckDB store and the in-memory reader
// the same questions over the same coded documents: the SQL must mean
// what the plain Go says.
func TestStoreMatchesMemory(t *testing.T) {
	docs := codedFixture(t)
	mem, st := memoryOf(docs), storeOf(t, docs)
	ctx := context.Background()
	same := func(what string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s differ:\nmemory %s\nstore  %s", what, ja, jb)
		}
	}
	for _, q := range []string{"", "actor=RUS", "actor=UKRGOV", "dyad=RUS,UKR", "source=RUS&target=UKR", "type=SANCTION", "quad=3",
		"from=2025-03-01", "to=2023-12-31", "from=2025-03-01&to=2025-03-31", "doc=t-border", "limit=2&offset=3", "basis=text", "basis=relative"} {
		v, _ := url.ParseQuery(q)
		f, err := ParseEventFilter(v)
		if err != nil {
			t.Fatal(err)
		}
		me, mt, err1 := mem.Events(ctx, f)
		se, stt, err2 := st.Events(ctx, f)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", q, err1, err2)
		}
		same("events "+q, me, se)
		same("total "+q, mt, stt)
		mtl, mu, _ := mem.Timeline(ctx, f)
		stl, su, _ := st.Timeline(ctx, f)
		same("timeline "+q, mtl, stl)
		same("undated "+q, mu, su)
	}
	for _, d := range docs {
		md, err1 := mem.Document(ctx, d.ID)
		sd, err2 := st.Document(ctx, d.ID)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", d.ID, err1, err2)
		}
		same("document "+d.ID, md, sd)
	}
	pg := Page{Limit: 100}
	for _, q := range []string{"", "grain", "ZZZ"} {
		md, mt, _ := mem.Documents(ctx, q, pg)
		sd, stt, _ := st.Documents(ctx, q, pg)
		same("documents "+q, md, sd)
		same("documents total "+q, mt, stt)
	}
	for _, a := range []string{"", "RUS", "UKR"} {
		md, mt, _ := mem.Dyads(ctx, a, pg)
		sd, stt, _ := st.Dyads(ctx, a, pg)
		same("dyads "+a, md, sd)
		same("dyads total "+a, mt, stt)
	}
	for _, p := range [][2]string{{"RUS", "UKR"}, {"UKR", "RUS"}, {"USA", "UKR"}, {"RUS", "RUS"}} {
		ms, mu, _ := mem.DyadSeries(ctx, p[0], p[1])
		ss, su, _ := st.DyadSeries(ctx, p[0], p[1])
		same("series "+p[0]+"-"+p[1], ms, ss)
		same("series undated "+p[0]+"-"+p[1], mu, su)
	}
	for _, level := range []string{"code", "country"} {
		ml, _ := mem.Links(ctx, level)
		sl, _ := st.Links(ctx, level)
		same("links "+level, ml, sl)
	}
	ma, mt, _ := mem.Actors(ctx, pg)
	sa, stt, _ := st.Actors(ctx, pg)
	same("actors total", mt, stt)
	if len(ma) == len(sa) {
		for i := range ma {
			// Names may differ on a tie between two names of one code.
			ma[i].Name, sa[i].Name = "", ""
		}
	}
	same("actors", ma, sa)
}

// TestPreloadMatchesStore checks that a preloaded store reader answers as
// the store does, and that a store over the bound is not loaded.
func TestPreloadMatchesStore(t *testing.T) {
	docs := codedFixture(t)
	st := storeOf(t, docs)
	ctx := context.Background()
	if err := NewStoreReader(st.db).Preload(ctx, 0); !errors.Is(err, store.ErrTooLarge) {
		t.Errorf("Preload with a bound of 0 events: %v, want ErrTooLarge", err)
	}
	pre := NewStoreReader(st.db)
	if err := pre.Preload(ctx, MaxPreloadEvents); err != nil {
		t.Fatal(err)
	}
	same := func(what string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s differ:\npreloaded %s\nstore     %s", what, ja, jb)
		}
	}
	for _, q := range []string{"", "actor=RUS", "dyad=RUS,UKR", "type=SANCTION", "from=2025-03-01&to=2025-03-31", "limit=2&offset=3"} {
		v, _ := url.ParseQuery(q)
		f, err := ParseEventFilter(v)
		if err != nil {
			t.Fatal(err)
		}
		pe, pt, err1 := pre.Events(ctx, f)
		se, stt, err2 := st.Events(ctx, f)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", q, err1, err2)
		}
		same("events "+q, pe, se)
		same("total "+q, pt, stt)
	}
	for _, d := range docs {
		pd, err1 := pre.Document(ctx, d.ID)
		sd, err2 := st.Document(ctx, d.ID)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", d.ID, err1, err2)
		}
		same("document "+d.ID, pd, sd)
	}
	if _, err := pre.Document(ctx, "no-such-doc"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing document: %v", err)
	}
	for _, q := range []string{"", "grain"} {
		pd, pt, _ := pre.Documents(ctx, q, Page{Limit: 100})
		sd, stt, _ := st.Documents(ctx, q, Page{Limit: 100})
		same("documents "+q, pd, sd)
		same("documents total "+q, pt, stt)
	}
}
