package server

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"annals/internal/plover"
	"annals/internal/store"
	"annals/internal/text"
)

// synthCountries are the countries of the synthetic actors, the most
// frequent first: the share of events falls off with the rank, as in real
// event data where a few dyads dominate.
var synthCountries = []string{"RUS", "UKR", "USA", "CHN", "ISR", "IRN", "TUR", "FRA", "DEU", "GBR",
	"IND", "PAK", "SYR", "IRQ", "SAU", "EGY", "JPN", "PRK", "KOR", "POL", "BLR", "GEO", "ARM", "AZE",
	"AFG", "YEM", "LBN", "JOR", "QAT", "ARE", "NGA", "ETH", "SDN", "SSD", "SOM", "KEN", "COD", "MLI",
	"NER", "BFA", "LBY", "DZA", "MAR", "TUN", "VEN", "COL", "MEX", "BRA", "ARG", "CUB", "MMR", "THA",
	"VNM", "PHL", "IDN", "MYS", "AUS", "CAN", "ITA", "ESP"}

// syntheticStore writes n synthetic events into a new store through the
// store's write API (Put, then Summarize), 20 events a document, each with
// one source and one target; dates over 1990-2025, 5% undated; and returns
// the store opened read-only.
//
// With ANNALS_BENCH_DB=FILE the store is kept in FILE and reused by later
// runs (delete it to regenerate, for example after a schema change).
func syntheticStore(b testing.TB, n int) *store.DB {
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
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	// Actor ranks fall off as the square of a uniform number: a few
	// dyads dominate, as in real event data.
	actor := func() text.Actor {
		c := synthCountries[int(float64(len(synthCountries))*math.Pow(rng.Float64(), 2))]
		a := text.Actor{Code: c, Country: c, Name: c, Kind: "state", Sector: []string{}}
		if s := []string{"", "GOV", "MIL", "REB"}[rng.IntN(4)]; s != "" {
			a.Code, a.Sector, a.Kind = c+s, []string{s}, "organization"
		}
		return a
	}
	types := plover.Types()
	const perDoc = 20
	const sentence = "Somebody did something to somebody else. "
	var batch []store.Doc
	for d := 0; d*perDoc < n; d++ {
		doc := text.New(fmt.Sprintf("syn%d", d), strings.Repeat(sentence, perDoc))
		doc.Published = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for k := 0; k < perDoc && d*perDoc+k < n; k++ {
			off := k * len(sentence)
			doc.Sentences = append(doc.Sentences, text.Sentence{Span: text.Span{Start: off, End: off + len(sentence) - 1}})
			t := types[rng.IntN(len(types))]
			e := text.Event{
				Sentence: text.SentenceID(k), Type: text.EventType(t.String()), Goldstein: float64(rng.IntN(21)-10) / 2,
				Trigger: text.Span{Start: off + 9, End: off + 12},
				Source:  []text.Argument{{Span: text.Span{Start: off, End: off + 8}, Mention: text.NoMention, Actor: actor()}},
				Target:  []text.Argument{{Span: text.Span{Start: off + 26, End: off + 34}, Mention: text.NoMention, Actor: actor()}},
				Date:    text.EventDate{Timex: text.NoTimex},
			}
			e.QuadClass = 1 + int(t-1)*4/len(types)
			if rng.IntN(20) != 0 {
				day := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(13000))
				e.Date = text.EventDate{Value: day.Format("2006-01-02"), Precision: text.PrecisionDay, Basis: text.BasisExplicit, Timex: text.NoTimex}
			}
			doc.Events = append(doc.Events, e)
		}
		doc.Mark(text.LayerSentences | text.LayerEvents)
		batch = append(batch, store.Doc{Doc: doc, Key: "synthetic:" + doc.ID, Source: "synthetic"})
		if len(batch) == 500 {
			if _, err := w.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if _, err := w.Put(ctx, batch); err != nil {
		b.Fatal(err)
	}
	if err := w.Summarize(ctx); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d synthetic events in %v", n, time.Since(t0).Round(time.Millisecond))
	return openSynthetic(b, path, n)
}

func openSynthetic(b testing.TB, path string, n int) *store.DB {
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
	s, err := New(NewStoreReader(syntheticStore(b, 1_000_000)), Options{})
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

// BenchmarkEventsActor1M is /api/events with an actor filter, or none,
// over 1,000,000 synthetic events.
func BenchmarkEventsActor1M(b *testing.B) {
	benchRequests(b, []string{"/api/events?actor=RUS", "/api/events?actor=CHNGOV", "/api/events", "/api/events?type=ASSAULT&from=2014&to=2015"})
}

// BenchmarkTimeline1M is /api/timeline for one actor and for all events
// over 1,000,000 synthetic events.
func BenchmarkTimeline1M(b *testing.B) {
	benchRequests(b, []string{"/api/timeline?actor=UKR", "/api/timeline"})
}

// BenchmarkTimelineBasis1M is the timeline page's default query: events
// dated by the text.
func BenchmarkTimelineBasis1M(b *testing.B) {
	benchRequests(b, []string{"/api/timeline?actor=UKR&basis=text", "/api/timeline?basis=text"})
}

// BenchmarkPages1M renders the explorer's pages (queries, SVG, HTML) over
// 1,000,000 synthetic events.
func BenchmarkPages1M(b *testing.B) {
	for _, p := range []string{"/timeline", "/network", "/dyads", "/dyad?a=RUS&b=UKR", "/events?dyad=RUS,UKR", "/actors", "/documents", "/documents/syn4242"} {
		b.Run(strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "_", ",", "_").Replace(p), func(b *testing.B) { benchRequests(b, []string{p}) })
	}
}
