package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"annals/internal/store/pgtest"
)

// incrBatches are batches of documents of our own, stored one after the
// other with a Refresh after each: reports that join clusters stored
// earlier, a source that disputes one, a report that names two targets
// (bridging two groups), a document that replaces an earlier one (its
// cluster loses a report), and a last batch about actors nobody else
// names.
func incrBatches(t *testing.T) [][]Doc {
	one := func(id, url, s string, e ev) Doc {
		d := mkDoc(t, id, s, "2021-06-01", e)
		d.URL = url
		return Doc{Doc: d, Key: "url:" + url, Source: "wire.jsonl:1"}
	}
	raid := func(id, url, src, srcCode, date string, negated bool) Doc {
		return one(id, url, src+" raided the Kenyan border posts.",
			ev{typ: "ASSAULT", trigger: "raided", src: src, srcCode: srcCode, tgt: "Kenyan", tgtCode: "KEN", date: date, quad: 4, goldstein: -8, negated: negated})
	}
	two := mkDoc(t, "w2", "Somalia thanked Kenya and Ethiopia thanked Kenya too.", "2021-06-03",
		ev{typ: "COOPERATE", trigger: "thanked", src: "Somalia", srcCode: "SOMGOV", tgt: "Kenya", tgtCode: "KEN", date: "2021-06-02", quad: 1, goldstein: 3},
		ev{typ: "COOPERATE", trigger: "thanked", src: "Ethiopia", srcCode: "ETH", tgt: "Kenya", tgtCode: "KENGOV", date: "2021-06-02", quad: 1, goldstein: 3})
	two.URL = "https://east.example/w2"
	replaced := raid("r1", "https://south.example/r1", "Somalia", "SOMREB", "2021-05-30", false)
	replaced.Replaces = "url:https://north.example/x2"
	return [][]Doc{
		{
			raid("x1", "https://north.example/x1", "Somalia", "SOMREB", "2021-05-29", false),
			raid("x2", "https://north.example/x2", "Somalia", "SOMREB", "2021-05", false),
			one("x3", "https://west.example/x3", "Ethiopia thanked Kenya for the talks.",
				ev{typ: "COOPERATE", trigger: "thanked", src: "Ethiopia", srcCode: "ETH", tgt: "Kenya", tgtCode: "KEN", date: "2021-06-01", quad: 1, goldstein: 3}),
		},
		{
			raid("y1", "https://east.example/y1", "Somalia", "SOMREB", "2021-05-29", true),
			raid("y2", "https://west.example/y2", "Uganda", "UGAMIL", "2021-05-29", false),
			{Doc: two, Key: "url:" + two.URL, Source: "wire.jsonl:2"},
		},
		{replaced},
		{
			one("z1", "https://far.example/z1", "Chile criticized Peru over the fishing rules.",
				ev{typ: "ACCUSE", trigger: "criticized", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2021-07-04", quad: 3, goldstein: -2}),
		},
	}
}

// derivedDump returns every row of the clusters and summary tables of
// db, as sorted text, so that two ways of building them can be compared
// whatever the order of their rows.
func derivedDump(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range []string{"clusters", "cluster_events", "sum_dyads", "sum_links", "sum_dyad_months", "sum_actors"} {
		rs, err := db.SQL().Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
			}
			out[table] = append(out[table], fmt.Sprint(vals...))
		}
		rs.Close()
		sort.Strings(out[table])
	}
	return out
}

func compareDumps(t *testing.T, when string, got, want map[string][]string) {
	t.Helper()
	for table, w := range want {
		g := got[table]
		if strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s: table %s differs\n got %q\nwant %q", when, table, g, w)
		}
	}
}

// testIncremental stores the batches into db with a Refresh after each
// (incremental from the second on) and checks, after each, that the
// derived tables and every answer are those of a full rebuild.
func testIncremental(t *testing.T, db *DB) {
	ctx := context.Background()
	batches := incrBatches(t)
	for i, b := range batches {
		put(t, db, b...)
		st, err := db.Refresh(ctx)
		if err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		if db.Stale(ctx) {
			t.Fatalf("batch %d: stale after Refresh", i)
		}
		var left int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM dirty`).Scan(&left); err != nil || left != 0 {
			t.Errorf("batch %d: %d dirty rows left (%v)", i, left, err)
		}
		if i == len(batches)-1 && st.Events != 1 {
			// The last batch names actors no earlier one does: only its
			// own event needs clustering.
			t.Errorf("last batch: %d events considered, want 1 (incremental)", st.Events)
		}
		inc, incAnswers := derivedDump(t, db), answers(t, db)
		full, err := db.Rebuild(ctx)
		if err != nil {
			t.Fatalf("batch %d: rebuild: %v", i, err)
		}
		if full.Clusters != st.Clusters || full.Disputed != st.Disputed {
			t.Errorf("batch %d: incremental %+v, full rebuild %+v", i, st, full)
		}
		when := fmt.Sprintf("%s, after batch %d", db.Backend(), i)
		compareDumps(t, when, inc, derivedDump(t, db))
		compareAnswers(t, when, answers(t, db), incAnswers)
	}
	// The replaced document's report (dated to the month) left its
	// cluster, and the one that replaced it (a day later) does not join
	// it: the first raid and the negated one still make one disputed
	// cluster.
	var reports int
	var disputed bool
	err := db.SQL().QueryRow(`SELECT reports, disputed FROM clusters WHERE source = 'SOMREB' AND target = 'KEN'`).Scan(&reports, &disputed)
	if err != nil || reports != 2 || !disputed {
		t.Errorf("%s: SOMREB-KEN cluster: %d reports, disputed %v (%v); want 2, disputed", db.Backend(), reports, disputed, err)
	}
}

// bothPaths runs f with the refresh always incremental (fullShare 0),
// then as it is (small changes incremental, large ones in full).
func bothPaths(t *testing.T, f func(t *testing.T)) {
	keep := fullShare
	defer func() { fullShare = keep }()
	for _, share := range []int{0, keep} {
		fullShare = share
		t.Run(fmt.Sprint("fullShare=", share), f)
	}
}

// TestIncrementalRefresh: a Refresh after each batch gives the clusters,
// summaries and answers that a full rebuild gives, in DuckDB.
func TestIncrementalRefresh(t *testing.T) {
	bothPaths(t, func(t *testing.T) { testIncremental(t, openTemp(t)) })
}

// TestPostgresIncrementalRefresh: the same in PostgreSQL.
func TestPostgresIncrementalRefresh(t *testing.T) {
	url := pgtest.Start(t)
	bothPaths(t, func(t *testing.T) {
		db, err := Open(url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		// A clean database for each run.
		for _, q := range []string{"DROP SCHEMA public CASCADE", "CREATE SCHEMA public"} {
			if _, err := db.SQL().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		if db, err = Open(url); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		testIncremental(t, db)
	})
}
