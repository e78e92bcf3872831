package server

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"annals/internal/analyze"
	"annals/internal/record"
)

// MaxCached bounds the answers the server keeps in memory; when full, the
// cache is emptied and fills again.
const MaxCached = 4096

// cachedReader answers the list and aggregate queries (events, documents,
// dyads, series, actors, clusters, timeline, network) from memory after
// the first time. The server's store is opened read-only and does not
// change while it serves, so an answer holds for the store's whole
// lifetime: each is computed once per store. Concurrent requests for an
// answer not yet known wait for one computation. Single documents and
// events are read from the store each time (they are cheap by key, and a
// document can be large).
type cachedReader struct {
	Reader
	mu sync.Mutex
	m  map[string]*cacheEntry
}

type cacheEntry struct {
	done chan struct{}
	val  any
	err  error
}

func newCachedReader(r Reader) *cachedReader {
	return &cachedReader{Reader: r, m: map[string]*cacheEntry{}}
}

// answer returns the answer for key, computing it once with compute. The
// computation is not cancelled by the request that started it (others may
// wait for it) but is bounded by QueryTimeout; a failed computation is
// not kept.
func (c *cachedReader) answer(ctx context.Context, key string, compute func(context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	e, ok := c.m[key]
	if !ok {
		if len(c.m) >= MaxCached {
			clear(c.m)
		}
		e = &cacheEntry{done: make(chan struct{})}
		c.m[key] = e
		c.mu.Unlock()
		go func() {
			qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), QueryTimeout)
			defer cancel()
			e.val, e.err = compute(qctx)
			if e.err != nil {
				c.mu.Lock()
				if c.m[key] == e {
					delete(c.m, key)
				}
				c.mu.Unlock()
			}
			close(e.done)
		}()
	} else {
		c.mu.Unlock()
	}
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// eventsKey is the cache key of a filter: its fields, and its cursor's
// rather than the pointer.
func eventsKey(what string, f EventFilter) string {
	after := EventKey{}
	if f.After != nil {
		after = *f.After
	}
	has := f.After != nil
	f.After = nil
	return fmt.Sprintf("%s|%#v|%v|%#v", what, f, has, after)
}

// list is a cached page of results with its total.
type list[T any] struct {
	items []T
	total int
}

// cachedList returns a copy of the cached list for key (callers may sort
// or change what they get).
func cachedList[T any](c *cachedReader, ctx context.Context, key string, compute func(context.Context) ([]T, int, error)) ([]T, int, error) {
	v, err := c.answer(ctx, key, func(ctx context.Context) (any, error) {
		items, total, err := compute(ctx)
		return list[T]{items, total}, err
	})
	if err != nil {
		return nil, 0, err
	}
	l := v.(list[T])
	return slices.Clone(l.items), l.total, nil
}

func (c *cachedReader) Events(ctx context.Context, f EventFilter) ([]record.Event, int, error) {
	return cachedList(c, ctx, eventsKey("events", f), func(ctx context.Context) ([]record.Event, int, error) {
		return c.Reader.Events(ctx, f)
	})
}

// maxListed bounds the documents whose summaries the list of all
// documents keeps in memory.
const maxListed = 200_000

// allDocumentsKept reports whether the list of all documents is in memory.
func (c *cachedReader) allDocumentsKept() bool {
	c.mu.Lock()
	e, ok := c.m["documents|all"]
	c.mu.Unlock()
	if !ok {
		return false
	}
	select {
	case <-e.done:
		all, _ := e.val.([]DocSummary)
		return e.err == nil && all != nil
	default:
		return false
	}
}

// Documents answers the list of all documents (no search) from one read of
// every summary, kept (a store of at most maxListed documents); a search,
// or a larger store, is read a page at a time.
func (c *cachedReader) Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	if q == "" {
		v, err := c.answer(ctx, "documents|all", func(ctx context.Context) (any, error) {
			ds, _, err := c.Reader.Documents(ctx, "", Page{Limit: maxListed + 1})
			if err != nil || len(ds) > maxListed {
				return []DocSummary(nil), err // too many: not kept in full
			}
			if ds == nil {
				ds = []DocSummary{}
			}
			return ds, nil
		})
		if err != nil {
			return nil, 0, err
		}
		if all := v.([]DocSummary); all != nil {
			return slices.Clone(window(all, pg)), len(all), nil
		}
	}
	return cachedList(c, ctx, fmt.Sprintf("documents|%q|%#v", q, pg), func(ctx context.Context) ([]DocSummary, int, error) {
		return c.Reader.Documents(ctx, q, pg)
	})
}

func (c *cachedReader) Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	return cachedList(c, ctx, fmt.Sprintf("dyads|%q|%#v", actor, pg), func(ctx context.Context) ([]DyadOut, int, error) {
		return c.Reader.Dyads(ctx, actor, pg)
	})
}

func (c *cachedReader) DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	return cachedList(c, ctx, fmt.Sprintf("series|%q|%q", a, b), func(ctx context.Context) ([]analyze.MonthCount, int, error) {
		return c.Reader.DyadSeries(ctx, a, b)
	})
}

func (c *cachedReader) Actors(ctx context.Context, pg Page) ([]ActorOut, int, error) {
	return cachedList(c, ctx, fmt.Sprintf("actors|%#v", pg), func(ctx context.Context) ([]ActorOut, int, error) {
		return c.Reader.Actors(ctx, pg)
	})
}

func (c *cachedReader) Clusters(ctx context.Context, disputed bool, pg Page) ([]ClusterOut, int, error) {
	return cachedList(c, ctx, fmt.Sprintf("clusters|%v|%#v", disputed, pg), func(ctx context.Context) ([]ClusterOut, int, error) {
		return c.Reader.Clusters(ctx, disputed, pg)
	})
}

func (c *cachedReader) Timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error) {
	f.Page = Page{} // the timeline ignores paging
	return cachedList(c, ctx, eventsKey("timeline", f), func(ctx context.Context) ([]analyze.TimeCount, int, error) {
		return c.Reader.Timeline(ctx, f)
	})
}

func (c *cachedReader) Links(ctx context.Context, level string) ([]analyze.Link, error) {
	ls, _, err := cachedList(c, ctx, fmt.Sprintf("links|%q", level), func(ctx context.Context) ([]analyze.Link, int, error) {
		ls, err := c.Reader.Links(ctx, level)
		return ls, 0, err
	})
	return ls, err
}

// Network returns the actor network at level with at most max actors,
// laid out once per store and level and kept (the layout is the costly
// part of the network page and API). Callers get their own copy.
func (c *cachedReader) Network(ctx context.Context, level string, max int) (analyze.Network, error) {
	v, err := c.answer(ctx, fmt.Sprintf("network|%q|%d", level, max), func(ctx context.Context) (any, error) {
		links, err := c.Links(ctx, level)
		if err != nil {
			return nil, err
		}
		return analyze.NewNetwork(links, max, 1), nil
	})
	if err != nil {
		return analyze.Network{}, err
	}
	n := v.(analyze.Network)
	return analyze.Network{Nodes: slices.Clone(n.Nodes), Links: slices.Clone(n.Links), Self: slices.Clone(n.Self)}, nil
}

// warmPaths are the explorer's default pages and the API's unfiltered
// lists and aggregates: what most visits start with.
var warmPaths = []string{
	"/api/network", "/network", "/api/network?level=country", "/network?level=country",
	"/api/dyads", "/dyads", "/api/actors", "/actors", "/api/timeline", "/timeline",
	"/api/clusters", "/clusters", "/api/documents", "/documents", "/api/events", "/events",
}

// Warm answers the default pages and lists once (warmPaths) so that their
// aggregates, the network layouts and the pages are computed before the
// first client asks; "annals serve" calls it before it listens. It
// returns the first failure. It ends with a garbage collection, so that
// the garbage of loading and warming is not collected while the first
// clients wait: the next collection comes when the heap has grown by
// what is live now.
func (s *Server) Warm(ctx context.Context) error {
	defer runtime.GC()
	h := s.Handler()
	for _, p := range warmPaths {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, p, nil)
		if err != nil {
			return err
		}
		w := &discardWriter{h: http.Header{}}
		h.ServeHTTP(w, req)
		if w.code != 0 && w.code != http.StatusOK {
			return fmt.Errorf("warming %s: status %d", p, w.code)
		}
	}
	return nil
}

// discardWriter is a ResponseWriter that keeps the status only.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return len(b), nil
}
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

// The collector's budget while serving a preloaded store (TuneGC).
const (
	servingGCPercent = 400
	minServingMemory = 1 << 30
)

// TuneGC sets the garbage collector for serving, after Warm, when the
// reader holds the whole store in memory and the user has set neither
// GOGC nor GOMEMLIMIT. Each collection marks the preloaded store again
// (0.3-0.6 s of CPU for 100,000 events on this 2-core machine), and the
// requests that meet one wait: with the default GOGC of 100 one came
// every 5,000 requests or so under load. The heap may now grow to five
// times what is live before a collection, within a memory limit of three
// times the live heap and at least 1 GiB, past which the collector works
// harder again. It reports what it set.
func (s *Server) TuneGC() (percent int, limit int64, ok bool) {
	if !s.docsInMemory {
		return 0, 0, false
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	percent, limit, ok = gcBudget(ms.HeapAlloc, os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT"))
	if ok {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
	return percent, limit, ok
}

// gcBudget is TuneGC's choice for a live heap of live bytes and the
// variables GOGC and GOMEMLIMIT: none when either is set.
func gcBudget(live uint64, gogc, memlimit string) (percent int, limit int64, ok bool) {
	if gogc != "" || memlimit != "" {
		return 0, 0, false
	}
	return servingGCPercent, max(minServingMemory, 3*int64(live)), true
}
