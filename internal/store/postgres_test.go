package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"annals/internal/record"
	"annals/internal/store/pgtest"
)

// crossCorpus is a small corpus of our own: reports that cluster, one
// that disputes another's source, a negated one, an undated one, an
// international actor, a decade date.
func crossCorpus(t *testing.T) []Doc {
	shell := func(id, url, src, srcCode, date string, negated bool) Doc {
		s := src + " shelled Ukraine."
		d := mkDoc(t, id, s, "2014-04-01", ev{typ: "ASSAULT", trigger: "shelled", src: src, srcCode: srcCode, tgt: "Ukraine", tgtCode: "UKR", date: date, quad: 4, goldstein: -9, negated: negated})
		d.URL = url
		return Doc{Doc: d, Key: "url:" + url, Source: "feed.xml#1"}
	}
	return []Doc{
		shell("a", "https://one.example/a", "Russia", "RUS", "2014-03-18", false),
		shell("b", "https://two.example/b", "Russia", "RUS", "2014-03", false),
		shell("c", "https://two.example/c", "Russia", "RUS", "2014-03-20", true),
		shell("d", "https://three.example/d", "Rebels", "UKRREB", "2014-03-19", false),
		shell("e", "https://one.example/e", "Russia", "RUS", "2016-07-02", false),
		shell("f", "https://one.example/f", "Russia", "RUS", "199X", false),
		{Doc: mkDoc(t, "g", "Ukraine's foreign minister accused Russia, and the UN urged Moscow to stop.", "2014-04-02",
			ev{typ: "ACCUSE", trigger: "accused", src: "foreign minister", srcCode: "UKRGOV", tgt: "Russia", tgtCode: "RUS", date: "2014-04", quad: 3, goldstein: -2},
			ev{typ: "REQUEST", trigger: "urged", src: "UN", srcCode: "IGOUNO", tgt: "Moscow", tgtCode: "RUSGOV", date: "", quad: 1, goldstein: 1,
				speaker: "foreign minister", cue: "accused"}), Source: "notes.jsonl:3"},
		{Doc: mkDoc(t, "h", "Warsaw hosted Kyiv's envoys for talks.", "2015-01-10",
			ev{typ: "CONSULT", trigger: "hosted", src: "Warsaw", srcCode: "POLGOV", tgt: "envoys", tgtCode: "UKRGOV", date: "2015-01-09", quad: 1, goldstein: 1}), Source: "talks.txt"},
	}
}

// answers returns every read answer of db, as JSON, by query.
func answers(t *testing.T, db *DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	add := func(name string, v ...any) {
		js, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(js)
	}
	filters := map[string]EventFilter{
		"all": {}, "actor": {Actor: "UKR"}, "code": {Actor: "RUSGOV"}, "dyad": {DyadA: "RUS", DyadB: "UKR"},
		"source": {Source: "RUS"}, "target": {Target: "RUS"}, "type": {Type: "ASSAULT"}, "quad": {Quad: 1},
		"from": {From: "2014-03-19"}, "to": {To: "2014-03-31"}, "bad date": {From: "March"}, "basis": {Basis: "text"},
		"doc": {Doc: "g"}, "page": {Page: Page{Limit: 2, Offset: 1}}, "past the end": {Page: Page{Limit: 5, Offset: 50}},
	}
	for name, f := range filters {
		evs, n, err := db.Events(ctx, f)
		add("events "+name, evs, n, errString(err))
		tl, undated, err := db.Timeline(ctx, f)
		add("timeline "+name, tl, undated, errString(err))
	}
	for _, id := range []string{"a:0:0", "g:0:1", "nope"} {
		e, err := db.Event(ctx, id)
		add("event "+id, e, errString(err))
	}
	for _, q := range []string{"", "ukraine", "WARSAW", "nothing such"} {
		ds, n, err := db.Documents(ctx, q, Page{})
		add("documents "+q, ds, n, errString(err))
	}
	ds, n, err := db.Documents(ctx, "", Page{Limit: 3, Offset: 2})
	add("documents page", ds, n, errString(err))
	for _, id := range []string{"a", "g", "h", "nope"} {
		d, err := db.Document(ctx, id)
		add("document "+id, d, errString(err))
	}
	for _, a := range []string{"", "UKR", "IGOUNO"} {
		dy, n, err := db.Dyads(ctx, a, Page{})
		add("dyads "+a, dy, n, errString(err))
	}
	for _, p := range [][2]string{{"RUS", "UKR"}, {"UKR", "RUS"}, {"RUSGOV", "IGOUNO"}, {"UKR", "UKR"}} {
		s, undated, err := db.DyadSeries(ctx, p[0], p[1])
		add("series "+p[0]+" "+p[1], s, undated, errString(err))
	}
	as, n, err := db.Actors(ctx, Page{})
	add("actors", as, n, errString(err))
	as, n, err = db.Actors(ctx, Page{Limit: 2, Offset: 1})
	add("actors page", as, n, errString(err))
	for _, level := range []string{"code", "country"} {
		ls, err := db.Links(ctx, level)
		add("links "+level, ls, errString(err))
	}
	for _, disputed := range []bool{false, true} {
		cs, n, err := db.Clusters(ctx, disputed, Page{})
		add(fmt.Sprint("clusters ", disputed), cs, n, errString(err))
	}
	all, err := db.AllDocuments(ctx, 1000)
	add("all documents", all, errString(err))
	var exported []string
	err = db.ForEachEvent(ctx, func(e record.Event, url string) error {
		js, _ := json.Marshal(e)
		exported = append(exported, url+" "+string(js))
		return nil
	})
	add("export", exported, errString(err))
	c, err := db.Counts(ctx)
	add("counts", c, errString(err))
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	// The store's location differs; what went wrong must not.
	return "error"
}

// compareAnswers reports every query whose answers differ.
func compareAnswers(t *testing.T, when string, duck, pg map[string]string) {
	t.Helper()
	if len(duck) != len(pg) {
		t.Fatalf("%s: %d answers from DuckDB, %d from PostgreSQL", when, len(duck), len(pg))
	}
	for k, d := range duck {
		if p := pg[k]; p != d {
			t.Errorf("%s: %s differs\nDuckDB:     %s\nPostgreSQL: %s", when, k, d, p)
		}
	}
}

// TestPostgresSameAnswers stores one corpus in DuckDB and in PostgreSQL
// and compares the answer of every read, before the summaries and
// clusters are built (live SQL), after (summary tables), and after a
// later put that makes them stale again.
func TestPostgresSameAnswers(t *testing.T) {
	url := pgtest.Start(t)
	ctx := context.Background()
	duck := openTemp(t)
	pg, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if pg.Backend() != "PostgreSQL" || duck.Backend() != "DuckDB" {
		t.Fatalf("backends %s and %s", pg.Backend(), duck.Backend())
	}
	docs := crossCorpus(t)
	for _, db := range []*DB{duck, pg} {
		r := put(t, db, docs[:5]...)
		if n := stored(r); n != 5 {
			t.Fatalf("%s: stored %d of 5", db.Backend(), n)
		}
	}
	compareAnswers(t, "stale", answers(t, duck), answers(t, pg))
	for _, db := range []*DB{duck, pg} {
		r := put(t, db, docs...) // the first five again: passed over
		if n := stored(r); n != len(docs)-5 {
			t.Fatalf("%s: stored %d, want %d", db.Backend(), n, len(docs)-5)
		}
		if _, err := db.Refresh(ctx); err != nil {
			t.Fatalf("%s: %v", db.Backend(), err)
		}
		if db.Stale(ctx) {
			t.Fatalf("%s: stale after Refresh", db.Backend())
		}
	}
	d, p := answers(t, duck), answers(t, pg)
	compareAnswers(t, "refreshed", d, p)
	if !strings.Contains(p["clusters false"], "polarity: 2 reports assert it, 1 deny it") {
		t.Errorf("PostgreSQL clusters lack the disputed polarity: %s", p["clusters false"])
	}
	if !strings.Contains(p["dyads "], `"a":"RUS","b":"UKR"`) {
		t.Errorf("PostgreSQL dyads lack RUS-UKR: %s", p["dyads "])
	}
	late := Doc{Doc: mkDoc(t, "i", "Chile met Peru.", "2015-02-01",
		ev{typ: "CONSULT", trigger: "met", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2015-02", quad: 1, goldstein: 1})}
	for _, db := range []*DB{duck, pg} {
		put(t, db, late)
	}
	compareAnswers(t, "stale again", answers(t, duck), answers(t, pg))

	dir := t.TempDir()
	for _, db := range []*DB{duck, pg} {
		if err := db.ExportParquet(ctx, filepath.Join(dir, db.Backend()+".parquet")); err != nil {
			t.Fatalf("%s: %v", db.Backend(), err)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dir, "DuckDB.parquet"))
	b, _ := os.ReadFile(filepath.Join(dir, "PostgreSQL.parquet"))
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("Parquet exports differ: %d and %d bytes", len(a), len(b))
	}
}

// TestPostgresReadOnly: a store opened read-only cannot be written, even
// through SQL of one's own; a database that is not a store is refused.
func TestPostgresReadOnly(t *testing.T) {
	url := pgtest.Start(t)
	ctx := context.Background()
	if _, err := OpenReadOnly(url); err == nil || !strings.Contains(err.Error(), "not an annals store") {
		t.Errorf("read-only open of an empty database: %v", err)
	}
	w, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	put(t, w, crossCorpus(t)[:2]...)
	w.Close()
	// Opening again is idempotent: the schema is there.
	w, err = Open(url)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	w.Close()
	r, err := OpenReadOnly(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.SQL().ExecContext(ctx, "DELETE FROM events"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("delete through a read-only store: %v", err)
	}
	if c, err := r.Counts(ctx); err != nil || c.Documents != 2 {
		t.Errorf("counts %+v, %v", c, err)
	}
	if strings.Contains(r.Path(), "secret") {
		t.Errorf("path shows the password: %s", r.Path())
	}
	if got := redact("postgres://ann:secret@db.example:5432/annals"); strings.Contains(got, "secret") || !strings.Contains(got, "db.example") {
		t.Errorf("redact: %s", got)
	}
}

func stored(r PutResult) int {
	n := 0
	for _, b := range r.Stored {
		if b {
			n++
		}
	}
	return n
}

// TestPostgresConcurrentPuts: two writers (two connections, as two
// ingests) store the same batches at the same moments; every document is
// stored once and neither fails.
func TestPostgresConcurrentPuts(t *testing.T) {
	url := pgtest.Start(t)
	const rounds, batch = 10, 4
	var dbs [2]*DB
	for w := range dbs {
		db, err := Open(url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[w] = db
	}
	total := 0
	for r := 0; r < rounds; r++ {
		var docs []Doc
		for i := 0; i < batch; i++ {
			id := fmt.Sprintf("r%d-%d", r, i)
			docs = append(docs, Doc{Doc: mkDoc(t, id, "Chile met Peru in round "+id+".", "2015-02-01",
				ev{typ: "CONSULT", trigger: "met", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2015-02", quad: 1, goldstein: 1})})
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		var results [2]PutResult
		var errs [2]error
		for w, db := range dbs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[w], errs[w] = db.Put(context.Background(), docs)
			}()
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", r, err)
			}
		}
		total += stored(results[0]) + stored(results[1])
	}
	if total != rounds*batch {
		t.Errorf("%d documents stored by the two writers, want %d", total, rounds*batch)
	}
}

// TestPostgresVersions: a PostgreSQL store carries its schema version; a
// store from a newer annals, or with a version this one has no step from,
// is refused and left as it is.
func TestPostgresVersions(t *testing.T) {
	url := pgtest.Start(t)
	ctx := context.Background()
	db, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	var v string
	if err := db.SQL().QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("schema version %q, %v; want %s", v, err, SchemaVersion)
	}
	for _, tc := range []struct{ version, want string }{
		{"99", "newer annals"},
		{"2", "no migration from schema version 2"},
	} {
		if _, err := db.SQL().ExecContext(ctx, `UPDATE meta SET value = $1 WHERE key = 'schema_version'`, tc.version); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(url); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("open of a store at version %s: %v; want an error saying %q", tc.version, err, tc.want)
		}
		if err := db.SQL().QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil || v != tc.version {
			t.Errorf("the refused store's version became %q (%v)", v, err)
		}
	}
	db.Close()
}
