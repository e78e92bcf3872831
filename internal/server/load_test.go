package server

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestLoad is a bounded load generator, run only on request:
//
//	ANNALS_LOAD=200 [ANNALS_LOAD_EVENTS=100000] [ANNALS_LOAD_REQUESTS=25] [ANNALS_BENCH_DB=FILE] [ANNALS_LOAD_PRELOAD=0] \
//	  go test ./internal/server -run TestLoad -v
//
// It serves a synthetic store (20 events a document: 100,000 events are
// 5,000 documents) on 127.0.0.1 and has ANNALS_LOAD clients each send
// ANNALS_LOAD_REQUESTS requests, drawn from a mix of API calls and pages,
// one after the other, the server's store reader preloaded and the server
// warmed (Server.Warm) as "annals serve" does (ANNALS_LOAD_PRELOAD=0: not); ANNALS_LOAD_CPUPROFILE=FILE
// writes a CPU profile of the run (go tool pprof FILE). It logs the latency percentiles, the throughput and
// the errors; it asserts nothing about time.
func TestLoad(t *testing.T) {
	clients, _ := strconv.Atoi(os.Getenv("ANNALS_LOAD"))
	if clients <= 0 {
		t.Skip("set ANNALS_LOAD=<clients> to run the load generator")
	}
	events := envInt("ANNALS_LOAD_EVENTS", 100_000)
	perClient := envInt("ANNALS_LOAD_REQUESTS", 25)
	db := syntheticStore(t, events)
	sr := NewStoreReader(db)
	if os.Getenv("ANNALS_LOAD_PRELOAD") != "0" {
		t0 := time.Now()
		if err := sr.Preload(context.Background(), MaxPreloadEvents); err != nil {
			t.Logf("not preloaded: %v", err)
		} else {
			t.Logf("preloaded in %v", time.Since(t0).Round(time.Millisecond))
		}
	}
	s, err := New(sr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("warmed (default pages and aggregates) in %v", time.Since(t1).Round(time.Millisecond))
	if p, l, ok := s.TuneGC(); ok { // as "annals serve" does
		t.Logf("collector: GOGC %d, memory limit %d MB", p, l>>20)
	}
	ts := httptest.NewServer(s.Handler()) // listens on 127.0.0.1
	defer ts.Close()
	docs := events / 20
	rng := rand.New(rand.NewPCG(7, 8))
	paths := func() string {
		d := benchDyads[rng.IntN(len(benchDyads))]
		switch rng.IntN(12) {
		case 0:
			return "/api/events?dyad=" + d[0] + "," + d[1]
		case 1:
			return "/api/events?actor=" + d[0] + "&offset=" + strconv.Itoa(rng.IntN(2000))
		case 2:
			return "/api/dyads?limit=20"
		case 3:
			return "/api/dyads/series?a=" + d[0] + "&b=" + d[1]
		case 4:
			return "/api/actors"
		case 5:
			return "/api/timeline?actor=" + d[1]
		case 6:
			return "/api/network"
		case 7:
			return "/api/documents?offset=" + strconv.Itoa(rng.IntN(docs))
		case 8, 9:
			return fmt.Sprintf("/api/documents/syn%d", rng.IntN(docs))
		case 10:
			return fmt.Sprintf("/documents/syn%d", rng.IntN(docs))
		}
		return []string{"/timeline", "/network", "/dyads", "/actors"}[rng.IntN(4)]
	}
	work := make([][]string, clients)
	for c := range work {
		for range perClient {
			work[c] = append(work[c], paths())
		}
	}
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	var mu sync.Mutex
	var lat []time.Duration
	errs := map[string]int{}
	byKind := map[string][]time.Duration{}
	type slow struct {
		path       string
		start, dur time.Duration
	}
	var slowest []slow
	var wg sync.WaitGroup
	if path := os.Getenv("ANNALS_LOAD_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	if path := os.Getenv("ANNALS_LOAD_MEMPROFILE"); path != "" {
		// What the run allocates (go tool pprof -sample_index=alloc_space FILE).
		runtime.MemProfileRate = 4096
		runtime.GC()
		defer func() {
			f, err := os.Create(path)
			if err != nil {
				t.Error(err)
				return
			}
			defer f.Close()
			runtime.GC() // the profile is as of the last collection
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				t.Error(err)
			}
		}()
	}
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	gc0 := gcSeconds()
	var ru0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	t0 := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range work[c] {
				start := time.Now()
				resp, err := client.Get(ts.URL + p)
				status := ""
				if err != nil {
					status = err.Error()
				} else {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						status = resp.Status
					}
				}
				d := time.Since(start)
				mu.Lock()
				lat = append(lat, d)
				kind, _, _ := strings.Cut(p, "?")
				if strings.HasPrefix(kind, "/api/documents/") || strings.HasPrefix(kind, "/documents/") {
					kind = kind[:strings.LastIndexByte(kind, '/')+1] + "ID"
				}
				byKind[kind] = append(byKind[kind], d)
				slowest = append(slowest, slow{p, start.Sub(t0), d})
				if status != "" {
					errs[status]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	wall := time.Since(t0)
	var ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	var ms1 runtime.MemStats
	runtime.ReadMemStats(&ms1)
	gcCPU := gcSeconds() - gc0
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(time.Millisecond)
	}
	t.Logf("%d clients × %d requests on %d events (%d documents): %d requests in %v, %.0f requests/s",
		clients, perClient, events, docs, len(lat), wall.Round(time.Millisecond), float64(len(lat))/wall.Seconds())
	t.Logf("CPU (server and clients, one process) %v: %.0f%% of a core on average, %.0f requests per CPU-second",
		cpu.Round(time.Millisecond), 100*cpu.Seconds()/wall.Seconds(), float64(len(lat))/cpu.Seconds())
	t.Logf("latency p50 %v  p90 %v  p99 %v  max %v", pct(0.50), pct(0.90), pct(0.99), lat[len(lat)-1].Round(time.Millisecond))
	t.Logf("memory: %.0f KB allocated a request (server and clients), %d garbage collections during the run (%.2f s of CPU, %.0f%%), heap %d MB after it",
		float64(ms1.TotalAlloc-ms0.TotalAlloc)/1024/float64(len(lat)), ms1.NumGC-ms0.NumGC, gcCPU, 100*gcCPU/cpu.Seconds(), ms1.HeapAlloc>>20)
	t.Logf("errors: %v", errs)
	sort.Slice(slowest, func(i, j int) bool { return slowest[i].dur > slowest[j].dur })
	for _, x := range slowest[:min(5, len(slowest))] {
		t.Logf("  slow: %v for %s, sent at %v", x.dur.Round(time.Millisecond), x.path, x.start.Round(time.Millisecond))
	}
	var kinds []string
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		ls := byKind[k]
		sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
		t.Logf("  %-22s %5d requests  p50 %v  p99 %v", k, len(ls), ls[len(ls)/2].Round(time.Millisecond), ls[min(len(ls)-1, len(ls)*99/100)].Round(time.Millisecond))
	}
}

// gcSeconds is the CPU the garbage collector has used so far (the
// runtime's estimate).
func gcSeconds() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return s[0].Value.Float64()
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
