package main

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"annals/internal/demo"
	"annals/internal/record"
)

// TestIngestQueryExport ingests the demo corpus and a folder with a bad
// line, then queries and exports the store.
func TestIngestQueryExport(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "demo.jsonl"), demo.CorpusJSONL, 0o644); err != nil {
		t.Fatal(err)
	}
	extra := `{"id": "x1", "text": "The foreign minister of Chile met her Argentine counterpart in Santiago on Monday.", "published": "2024-09-02"}
{"id": "x2", "text": broken}
`
	if err := os.WriteFile(filepath.Join(src, "extra.jsonl"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "t.duckdb")
	code, _, errs := runCmd(t, "", "ingest", "--db", db, "--progress", "none", src)
	if code != exitFailed {
		t.Fatalf("ingest with a bad line: exit %d, want %d\n%s", code, exitFailed, errs)
	}
	if !strings.Contains(errs, "extra.jsonl:2: bad JSON") {
		t.Errorf("the bad line is not reported with its file and line:\n%s", errs)
	}
	demoDocs := strings.Count(strings.TrimSpace(string(demo.CorpusJSONL)), "\n") + 1
	for _, want := range []string{`documents read\s+11\n`, `coded\s+11\n`, `events stored\s+[1-9]`, `inputs failed\s+1\n`} {
		if !regexp.MustCompile(want).MatchString(errs) {
			t.Errorf("summary lacks %q:\n%s", want, errs)
		}
	}

	// Ingesting again stores nothing new.
	code, _, errs2 := runCmd(t, "", "ingest", "--db", db, "--progress", "none", filepath.Join(src, "demo.jsonl"))
	if code != exitOK {
		t.Fatalf("re-ingest: exit %d\n%s", code, errs2)
	}
	if !regexp.MustCompile(`already stored\s+10\n`).MatchString(errs2) || !regexp.MustCompile(`\n\s+stored\s+0\n`).MatchString(errs2) {
		t.Errorf("re-ingest stored something:\n%s", errs2)
	}

	code, out, errs := runCmd(t, "", "query", "--db", db, "--format", "jsonl", "sql", "SELECT count(*) AS n, sum(n_events) AS events FROM documents")
	if code != exitOK {
		t.Fatalf("query sql: exit %d\n%s", code, errs)
	}
	var counts struct{ N, Events int }
	if err := json.Unmarshal([]byte(out), &counts); err != nil {
		t.Fatalf("query sql output %q: %v", out, err)
	}
	if counts.N != demoDocs+1 || counts.Events == 0 {
		t.Errorf("stored %d documents with %d events, want %d documents", counts.N, counts.Events, demoDocs+1)
	}

	code, out, errs = runCmd(t, "", "query", "--db", db, "--format", "csv", "top-actors", "5")
	if code != exitOK {
		t.Fatalf("top-actors: exit %d\n%s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "code,name,country,as_source,as_target,events" || len(rows) > 6 {
		t.Errorf("top-actors CSV: %v %q", err, out)
	}

	// The busiest dyad has a series.
	code, out, _ = runCmd(t, "", "query", "--db", db, "--format", "csv", "dyads")
	if code != exitOK {
		t.Fatal("dyads failed")
	}
	rows, _ = csv.NewReader(strings.NewReader(out)).ReadAll()
	if len(rows) < 1 || strings.Join(rows[0], ",") != "a,b,a_to_b,b_to_a,events,goldstein,first,last" {
		t.Fatalf("dyads: %q", out)
	}
	// The dyads depend on the coder's actors; when it finds a pair, its
	// series must have rows.
	if len(rows) >= 2 {
		code, out, errs = runCmd(t, "", "query", "--db", db, "--format", "csv", "dyad", rows[1][0], rows[1][1])
		series, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != exitOK || len(series) < 2 || strings.Join(series[0], ",") != "month,source,target,quad_class,events,goldstein" {
			t.Errorf("dyad %s %s: exit %d %q %s", rows[1][0], rows[1][1], code, out, errs)
		}
	}

	// Exports: every event, in each format.
	code, out, errs = runCmd(t, "", "export", "--db", db, "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("export jsonl: exit %d\n%s", code, errs)
	}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r record.Event
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("export line %d: %v", n+1, err)
		}
		if r.ID == "" || r.Source == nil || r.Target == nil || r.Evidence == nil {
			t.Errorf("exported record incomplete: %s", sc.Text())
		}
		n++
	}
	if n != counts.Events {
		t.Errorf("exported %d events, the store has %d", n, counts.Events)
	}
	code, out, _ = runCmd(t, "", "export", "--db", db, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != exitOK || err != nil || len(recs) != counts.Events+1 || strings.Join(recs[0], ",") != strings.Join(record.CSVHeader, ",") {
		t.Errorf("export csv: exit %d, %v, %d rows", code, err, len(recs))
	}
	pq := filepath.Join(dir, "events.parquet")
	if code, _, errs := runCmd(t, "", "export", "--db", db, "--format", "parquet", "--out", pq); code != exitOK {
		t.Fatalf("export parquet: exit %d\n%s", code, errs)
	}
	mem, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	var pn, srcs int
	if err := mem.QueryRow(`SELECT count(*), count(source_name) FROM read_parquet(?)`, pq).Scan(&pn, &srcs); err != nil || pn != counts.Events || srcs == 0 {
		t.Errorf("parquet has %d events with %d sources (%v), want %d", pn, srcs, err, counts.Events)
	}
}

func TestStoreCommandsUsage(t *testing.T) {
	tests := [][]string{
		{"ingest"},
		{"query"},
		{"query", "nonsense"},
		{"query", "dyad", "RUS"},
		{"query", "--format", "xml", "top-actors"},
		{"export", "--format", "xml"},
		{"export", "--format", "parquet"},
	}
	for _, args := range tests {
		if code, _, _ := runCmd(t, "", args...); code != exitUsage {
			t.Errorf("annals %s: exit %d, want %d", strings.Join(args, " "), code, exitUsage)
		}
	}
	if code, _, errs := runCmd(t, "", "query", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "top-actors"); code != exitFailed || !strings.Contains(errs, "none.duckdb") {
		t.Errorf("query of a missing store: exit %d %q", code, errs)
	}
}
