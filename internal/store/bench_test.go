package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// synthActors are the countries of the synthetic events.
var synthActors = []string{"RUS", "UKR", "USA", "CHN", "POL", "DEU", "FRA", "GBR", "IRN", "ISR", "TUR", "IND", "PAK", "SYR", "IRQ", "EGY", "SAU", "JPN", "KOR", "PRK"}

// fillSynthetic writes n synthetic events (random types, quad classes,
// dates from 1990 to 2025, one source and one target among synthActors,
// half of them with a GOV or MIL sector) in n/10 documents, one sentence
// each, with SQL.
func fillSynthetic(tb testing.TB, db *DB, n int) {
	tb.Helper()
	ctx := context.Background()
	list := "["
	for i, a := range synthActors {
		if i > 0 {
			list += ", "
		}
		list += "'" + a + "'"
	}
	list += "]"
	stmts := []string{
		fmt.Sprintf(`INSERT INTO documents SELECT 'syn' || i, 'sha256:syn' || i, NULL, 'synthetic ' || i, DATE '2025-01-01',
			'synthetic text', 'x', 'synthetic', now(), 10 FROM range(%d) t(i)`, n/10),
		fmt.Sprintf(`CREATE TEMP TABLE syn AS SELECT i, (hash(i) %% 20)::INTEGER AS s, (hash(i * 7 + 3) %% 20)::INTEGER AS t,
			DATE '1990-01-01' + INTERVAL ((hash(i * 13 + 5) %% 13000)::INTEGER) DAY AS d, (1 + hash(i * 17 + 1) %% 4)::INTEGER AS q,
			(hash(i * 19) %% 3)::INTEGER AS sect FROM range(%d) t(i)`, n),
		fmt.Sprintf(`INSERT INTO sentences SELECT 'syn' || (i // 10), (i %% 10)::INTEGER, 0, 21, 'A synthetic sentence.' FROM range(%d) t(i)`, n),
		`INSERT INTO events SELECT 'syn' || (i // 10) || ':' || (i % 10) || ':0', 'syn' || (i // 10), (i % 10)::INTEGER, (i % 10)::INTEGER,
			['AGREE','CONSULT','SUPPORT','REQUEST','ACCUSE','THREATEN','PROTEST','ASSAULT'][1 + (q - 1) * 2 + (i % 2)],
			'', [], '010', q, (CASE q WHEN 1 THEN 3.0 WHEN 2 THEN 6.0 WHEN 3 THEN -4.0 ELSE -9.0 END), 'did', 0, 3,
			strftime(d, '%Y-%m-%d'), 'day', 'explicit', '', d, d, '2025-01-01', '', '', 'asserted', 'actual', 'certain',
			'{"speaker":"author"}', 0.5, 'synthetic', '[]',
			[` + list + `[s + 1] || (CASE sect WHEN 1 THEN 'GOV' WHEN 2 THEN 'MIL' ELSE '' END)], [` + list + `[s + 1]], [` + list + `[s + 1]],
			[` + list + `[t + 1]], [` + list + `[t + 1]], [` + list + `[t + 1]],
			'|' || ` + list + `[s + 1] || (CASE sect WHEN 1 THEN '|' || ` + list + `[s + 1] || 'GOV' WHEN 2 THEN '|' || ` + list + `[s + 1] || 'MIL' ELSE '' END) || '|',
			'|' || ` + list + `[t + 1] || '|',
			'[{"text":"x","start":0,"end":1,"actor":{"code":"' || ` + list + `[s + 1] || (CASE sect WHEN 1 THEN 'GOV' WHEN 2 THEN 'MIL' ELSE '' END) ||
				'","country":"' || ` + list + `[s + 1] || '","sector":[],"name":"x","kind":"state"}}]',
			'[{"text":"y","start":0,"end":1,"actor":{"code":"' || ` + list + `[t + 1] || '","country":"' || ` + list + `[t + 1] || '","sector":[],"name":"y","kind":"state"}}]'
			FROM syn`,
		`INSERT INTO event_args SELECT 'syn' || (i // 10) || ':' || (i % 10) || ':0', 'syn' || (i // 10), 'source', 0, 'x', 0, 1,
			` + list + `[s + 1] || (CASE sect WHEN 1 THEN 'GOV' WHEN 2 THEN 'MIL' ELSE '' END), ` + list + `[s + 1], [], 'x', 'state' FROM syn`,
		`INSERT INTO event_args SELECT 'syn' || (i // 10) || ':' || (i % 10) || ':0', 'syn' || (i // 10), 'target', 0, 'y', 0, 1,
			` + list + `[t + 1], ` + list + `[t + 1], [], 'y', 'state' FROM syn`,
		`DROP TABLE syn`,
	}
	for _, q := range stmts {
		if _, err := db.db.ExecContext(ctx, q); err != nil {
			tb.Fatalf("%v\n%s", err, q)
		}
	}
}

// percentiles runs f n times and reports p50 and p99 in milliseconds.
func percentiles(b *testing.B, f func() error) {
	var ds []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(p float64) float64 {
		return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkQueries1M measures query latency over 1,000,000 synthetic
// events: go test -run XXX -bench Queries1M -benchtime 50x ./internal/store/
func BenchmarkQueries1M(b *testing.B) {
	// ANNALS_BENCH_DB keeps the synthetic store between runs.
	path := os.Getenv("ANNALS_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.duckdb")
	}
	_, statErr := os.Stat(path)
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if statErr != nil {
		t0 := time.Now()
		fillSynthetic(b, db, 1_000_000)
		b.Logf("1,000,000 synthetic events written in %s", time.Since(t0).Round(time.Millisecond))
		t0 = time.Now()
		if err := db.Summarize(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.Logf("summaries built in %s", time.Since(t0).Round(time.Millisecond))
	}
	ctx := context.Background()
	pairs := [][2]string{{"RUS", "UKR"}, {"USA", "CHN"}, {"RUSGOV", "UKR"}, {"IRN", "ISR"}}
	b.Run("DyadSeries", func(b *testing.B) {
		i := 0
		percentiles(b, func() error {
			p := pairs[i%len(pairs)]
			i++
			rows, _, err := db.DyadSeries(ctx, p[0], p[1])
			if err == nil && len(rows) == 0 {
				err = fmt.Errorf("no rows for %v", p)
			}
			return err
		})
	})
	b.Run("EventsDyadPage", func(b *testing.B) {
		i := 0
		percentiles(b, func() error {
			p := pairs[i%len(pairs)]
			i++
			evs, total, err := db.Events(ctx, EventFilter{DyadA: p[0], DyadB: p[1], Page: Page{Limit: 50, Offset: 100}})
			if err == nil && (len(evs) != 50 || total < 150 || len(evs[0].Source) != 1) {
				err = fmt.Errorf("%d events of %d for %v", len(evs), total, p)
			}
			return err
		})
	})
	b.Run("Dyads", func(b *testing.B) {
		percentiles(b, func() error { _, _, err := db.Dyads(ctx, "", Page{Limit: 20}); return err })
	})
	b.Run("Links", func(b *testing.B) {
		percentiles(b, func() error { _, err := db.Links(ctx, "country"); return err })
	})
	b.Run("Actors", func(b *testing.B) {
		percentiles(b, func() error { _, _, err := db.Actors(ctx, Page{Limit: 20}); return err })
	})
}

// BenchmarkPut measures storing coded documents (5 events each) in
// batches of 64.
func BenchmarkPut(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "put.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n := 0
	for b.Loop() {
		var batch []Doc
		for range 64 {
			d := crashDoc(b, n*4+3)
			d.Doc.ID = fmt.Sprintf("p%d", n)
			d.Key = d.Doc.ID
			batch = append(batch, d)
			n++
		}
		if _, err := db.Put(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}
