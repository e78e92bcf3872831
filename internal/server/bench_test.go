package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"annals/internal/store"
)

// synthCountries are the countries of the synthetic actors, the most
// frequent first: the share of events falls off with the rank, as in real
// event data where a few dyads dominate.
var synthCountries = []string{"RUS", "UKR", "USA", "CHN", "ISR", "IRN", "TUR", "FRA", "DEU", "GBR",
	"IND", "PAK", "SYR", "IRQ", "SAU", "EGY", "JPN", "PRK", "KOR", "POL", "BLR", "GEO", "ARM", "AZE",
	"AFG", "YEM", "LBN", "JOR", "QAT", "ARE", "NGA", "ETH", "SDN", "SSD", "SOM", "KEN", "COD", "MLI",
	"NER", "BFA", "LBY", "DZA", "MAR", "TUN", "VEN", "COL", "MEX", "BRA", "ARG", "CUB", "MMR", "THA",
	"VNM", "PHL", "IDN", "MYS", "AUS", "CAN", "ITA", "ESP"}

// syntheticStore writes n synthetic events (20 per document, one source
// and one target each, dates over 1990-2025 with 5% undated) into a new
// store with SQL of its own, and returns it opened read-only.
//
// With ANNALS_BENCH_DB=FILE the store is kept in FILE and reused by later
// runs (delete it to regenerate).
func syntheticStore(b *testing.B, n int) *store.DB {
	b.Helper()
	path := os.Getenv("ANNALS_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "synthetic.duckdb")
	} else if _, err := os.Stat(path); err == nil {
		return openSynthetic(b, path, n)
	}
	t0 := time.Now()
	w, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	countries := "["
	for i, c := range synthCountries {
		if i > 0 {
			countries += ", "
		}
		countries += "'" + c + "'"
	}
	countries += "]"
	const types = `['AGREE','CONSULT','SUPPORT','CONCEDE','COOPERATE','AID','RETREAT','REQUEST','ACCUSE','REJECT','THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT']`
	const quads = `[1,1,1,2,2,2,2,1,3,3,3,3,4,4,4,4]`
	const gold = `[4.0,1.0,3.0,5.0,6.0,7.0,4.0,-1.0,-2.0,-4.0,-6.0,-5.0,-7.0,-7.5,-8.0,-10.0]`
	stmts := []string{
		fmt.Sprintf(`INSERT INTO documents SELECT 'syn' || i, 'sha256:syn' || i, NULL, 'Synthetic document ' || i,
			DATE '1990-01-01' + (i %% 13000)::INTEGER, 'Synthetic text.', md5(i::VARCHAR), 'synthetic', now(), 20
			FROM range(%d) t(i)`, (n+19)/20),
		fmt.Sprintf(`CREATE TEMP TABLE syn AS SELECT i,
			1 + (hash(i, 1) %% 16)::INTEGER AS ty,
			1 + floor(%[2]d * pow((hash(i, 2) %% 1000000) / 1000000.0, 2))::INTEGER AS sc,
			1 + floor(%[2]d * pow((hash(i, 3) %% 1000000) / 1000000.0, 2))::INTEGER AS tc,
			(hash(i, 4) %% 4)::INTEGER AS ss, (hash(i, 5) %% 4)::INTEGER AS ts,
			CASE WHEN hash(i, 6) %% 20 = 0 THEN NULL ELSE DATE '1990-01-01' + (hash(i, 7) %% 13000)::INTEGER END AS d
			FROM range(%[1]d) t(i)`, n, len(synthCountries)),
		fmt.Sprintf(`INSERT INTO events SELECT
			'syn' || (i // 20) || ':' || (i %% 20) || ':0', 'syn' || (i // 20), (i %% 20)::INTEGER, (i %% 20)::INTEGER,
			'A synthetic sentence.', %[1]s[ty], '', []::VARCHAR[], '', %[2]s[ty], %[3]s[ty],
			'acted', 2, 7, coalesce(strftime(d, '%%Y-%%m-%%d'), ''), CASE WHEN d IS NULL THEN '' ELSE 'day' END,
			CASE WHEN d IS NULL THEN '' ELSE 'explicit' END, '', d, d, '2025-01-01', '', '',
			'asserted', 'actual', 'certain', '{"speaker":"author"}', 0.5, 'synthetic', '[]'
			FROM syn`, types, quads, gold),
		fmt.Sprintf(`INSERT INTO event_args
			SELECT 'syn' || (i // 20) || ':' || (i %% 20) || ':0', 'syn' || (i // 20), 'source', 0, 'Someone', 0, 1,
				%[1]s[sc] || ['', 'GOV', 'MIL', 'REB'][ss + 1], %[1]s[sc], CASE WHEN ss = 0 THEN []::VARCHAR[] ELSE [['', 'GOV', 'MIL', 'REB'][ss + 1]] END, 'Source', 'state'
			FROM syn
			UNION ALL
			SELECT 'syn' || (i // 20) || ':' || (i %% 20) || ':0', 'syn' || (i // 20), 'target', 0, 'Other', 8, 13,
				%[1]s[tc] || ['', 'GOV', 'MIL', 'REB'][ts + 1], %[1]s[tc], CASE WHEN ts = 0 THEN []::VARCHAR[] ELSE [['', 'GOV', 'MIL', 'REB'][ts + 1]] END, 'Target', 'state'
			FROM syn`, countries),
	}
	for _, s := range stmts {
		if _, err := w.SQL().Exec(s); err != nil {
			b.Fatalf("generating: %v\n%s", err, s)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d synthetic events in %v", n, time.Since(t0).Round(time.Millisecond))
	return openSynthetic(b, path, n)
}

func openSynthetic(b *testing.B, path string, n int) *store.DB {
	r, err := store.OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })
	var events int
	if err := r.SQL().QueryRow(`SELECT count(*) FROM events`).Scan(&events); err != nil || events != n {
		b.Fatalf("synthetic store has %d events (%v), want %d", events, err, n)
	}
	return r
}

// benchRequests serves the requests round-robin, b.N in all, through the
// whole handler (parameters, store query, JSON), and reports the median
// and 99th percentile latency.
func benchRequests(b *testing.B, paths []string) {
	db := syntheticStore(b, 1_000_000)
	s, err := New(NewStoreReader(db), Options{})
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	do := func(p string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", p, rec.Code, rec.Body.String())
		}
	}
	for _, p := range paths { // warm up
		do(p)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		do(paths[i%len(paths)])
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}

var benchDyads = [][2]string{{"RUS", "UKR"}, {"USA", "CHN"}, {"ISR", "IRN"}, {"TURGOV", "SYR"}, {"FRA", "DEUGOV"}}

// BenchmarkEventsDyad1M is /api/events with a dyad filter over 1,000,000
// synthetic events: the first page of 50, with the total.
func BenchmarkEventsDyad1M(b *testing.B) {
	var paths []string
	for _, d := range benchDyads {
		paths = append(paths, "/api/events?dyad="+d[0]+","+d[1])
	}
	benchRequests(b, paths)
}

// BenchmarkDyadSeries1M is /api/dyads/series (events per month, direction
// and quad class, with summed Goldstein) over 1,000,000 synthetic events.
func BenchmarkDyadSeries1M(b *testing.B) {
	var paths []string
	for _, d := range benchDyads {
		paths = append(paths, "/api/dyads/series?a="+d[0]+"&b="+d[1])
	}
	benchRequests(b, paths)
}

// BenchmarkDocument1M is /api/documents/{id} (text, mentions, 20 events
// with their arguments) in a store of 1,000,000 synthetic events.
func BenchmarkDocument1M(b *testing.B) {
	benchRequests(b, []string{"/api/documents/syn17", "/api/documents/syn4242", "/api/documents/syn31337"})
}
