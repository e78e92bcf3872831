package main

import (
	"context"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"annals/internal/demo"
	"annals/internal/server"
	"annals/internal/store"
	"annals/internal/store/pgtest"
)

// TestPostgresRoundTrip ingests the same corpus into a DuckDB file and a
// PostgreSQL database, through the command line, and compares what every
// query, every export and every API endpoint answers.
func TestPostgresRoundTrip(t *testing.T) {
	pg := pgtest.Start(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "demo.jsonl")
	if err := os.WriteFile(in, demo.CorpusJSONL, 0o644); err != nil {
		t.Fatal(err)
	}
	duck := filepath.Join(dir, "t.duckdb")
	for _, db := range []string{duck, pg} {
		code, _, errs := runCmd(t, "", "ingest", "--db", db, "--progress", "none", "--workers", "1", in)
		if code != exitOK {
			t.Fatalf("ingest into %s: exit %d\n%s", db, code, errs)
		}
		if !regexp.MustCompile(`events stored\s+[1-9]`).MatchString(errs) {
			t.Fatalf("ingest into %s stored no event:\n%s", db, errs)
		}
	}
	// The store given by ANNALS_DB when there is no --db.
	t.Setenv(store.EnvDB, pg)
	code, _, errs := runCmd(t, "", "ingest", "--progress", "none", in)
	if code != exitOK || !regexp.MustCompile(`already stored\s+[1-9]`).MatchString(errs) {
		t.Errorf("ingest again through %s: exit %d\n%s", store.EnvDB, code, errs)
	}

	// Pick a dyad and an actor that the corpus has.
	_, top, _ := runCmd(t, "", "query", "--db", duck, "--format", "csv", "dyads")
	lines := strings.Split(strings.TrimSpace(top), "\n")
	if len(lines) < 2 {
		t.Fatalf("no dyads in the demo store:\n%s", top)
	}
	pair := strings.Split(lines[1], ",")
	a, b := pair[0], pair[1]
	queries := [][]string{
		{"dyad", a, b}, {"dyad", b, a}, {"top-actors"}, {"top-actors", "3"}, {"network", a}, {"dyads"}, {"dyads", a},
		{"clusters"}, {"clusters", "disputed"}, {"sql", "SELECT count(*) AS n, sum(n_events) AS events FROM documents"},
	}
	for _, q := range queries {
		for _, format := range []string{"table", "jsonl"} {
			args := append([]string{"query", "--format", format}, q...)
			c1, o1, e1 := runCmd(t, "", append([]string{args[0], "--db", duck}, args[1:]...)...)
			c2, o2, e2 := runCmd(t, "", append([]string{args[0], "--db", pg}, args[1:]...)...)
			if c1 != exitOK || c2 != exitOK {
				t.Errorf("query %v: exits %d and %d\n%s\n%s", q, c1, c2, e1, e2)
				continue
			}
			if o1 != o2 || e1 != e2 {
				t.Errorf("query %v (%s) differs:\nDuckDB:\n%s%s\nPostgreSQL:\n%s%s", q, format, o1, e1, o2, e2)
			}
		}
	}
	// Without --db, ANNALS_DB (PostgreSQL here) is read.
	_, viaEnv, _ := runCmd(t, "", "query", "dyad", a, b)
	_, viaFlag, _ := runCmd(t, "", "query", "--db", duck, "dyad", a, b)
	if viaEnv != viaFlag || viaEnv == "" {
		t.Errorf("query through %s:\n%s\nwant\n%s", store.EnvDB, viaEnv, viaFlag)
	}
	for _, format := range []string{"csv", "jsonl"} {
		_, o1, _ := runCmd(t, "", "export", "--db", duck, "--format", format)
		_, o2, _ := runCmd(t, "", "export", "--db", pg, "--format", format)
		if o1 != o2 || len(o1) < 100 {
			t.Errorf("export %s differs (%d and %d bytes)", format, len(o1), len(o2))
		}
	}

	// The API over either store.
	ctx := context.Background()
	handlers := map[string]*httptest.Server{}
	for name, loc := range map[string]string{"DuckDB": duck, "PostgreSQL": pg} {
		db, err := store.OpenReadOnly(loc)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		sr := server.NewStoreReader(db)
		if err := sr.Preload(ctx, server.MaxPreloadEvents); err != nil {
			t.Fatal(err)
		}
		srv, err := server.New(sr, server.Options{})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv.Handler())
		defer hs.Close()
		handlers[name] = hs
	}
	get := func(name, path string) string {
		resp, err := handlers[name].Client().Get(handlers[name].URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.Status + "\n" + string(body)
	}
	events := get("DuckDB", "/api/events?limit=1")
	id := regexp.MustCompile(`"id":"([^"]+)"`).FindStringSubmatch(events)
	doc := regexp.MustCompile(`"doc_id":"([^"]+)"`).FindStringSubmatch(events)
	if id == nil || doc == nil {
		t.Fatalf("no event in /api/events: %s", events)
	}
	paths := []string{
		"/api/events", "/api/events?actor=" + a, "/api/events?dyad=" + a + "," + b, "/api/events?quad=4",
		"/api/events?from=2000-01-01&to=2030-12-31", "/api/events?offset=2&limit=3", "/api/events/" + url.PathEscape(id[1]),
		"/api/events/nope", "/api/documents", "/api/documents?q=minister", "/api/documents/" + url.PathEscape(doc[1]),
		"/api/dyads", "/api/dyads?actor=" + a, "/api/dyads/series?a=" + a + "&b=" + b, "/api/actors", "/api/clusters",
		"/api/clusters?disputed=1", "/api/timeline", "/api/timeline?actor=" + b, "/api/network", "/api/network?level=country",
	}
	// a second page by cursor (keyset pagination)
	if next := regexp.MustCompile(`"next_url":"([^"]+)"`).FindStringSubmatch(get("DuckDB", "/api/events?limit=2")); next != nil {
		paths = append(paths, strings.ReplaceAll(next[1], `\u0026`, "&"))
		t.Logf("cursor page: %s", paths[len(paths)-1])
	} else {
		t.Error("no next_url on a full page of /api/events")
	}
	for _, p := range paths {
		d, g := get("DuckDB", p), get("PostgreSQL", p)
		if d != g {
			t.Errorf("GET %s differs:\nDuckDB:     %.600s\nPostgreSQL: %.600s", p, d, g)
		}
	}
}
