package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"annals/internal/coder"
	"annals/internal/server"
	"annals/internal/store"
)

// cmdServeImpl is "annals serve": the JSON API and the web explorer over a
// store opened read-only, on a loopback address unless told otherwise.
func cmdServeImpl(e *env, args []string) int {
	fs := newFlagSet(e, "serve", "[--db PATH|URL] [--addr 127.0.0.1:8080]",
		"Serves the JSON API and the web explorer over a store opened read-only, on a\n"+
			"loopback address unless told otherwise (Ctrl-C stops it).")
	dbFlag := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; loopback by default")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError("unexpected arguments %q", fs.Args())
	}
	db := storeLocation(dbFlag)
	// Shared: a DuckDB file is held only while requests are answered, so
	// that "annals ingest" can write it meanwhile; the handler reads the
	// store afresh when it has changed.
	st, err := store.OpenShared(db, true)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals serve: %v\n", err)
		if !store.IsPostgres(db) {
			fmt.Fprintf(e.stderr, "(create the store with: annals ingest --db %s SOURCE...)\n", db)
		}
		return exitFailed
	}
	defer st.Close()
	logger := log.New(e.stderr, "annals serve: ", log.LstdFlags)
	var first *server.Server
	build := func(ctx context.Context) (http.Handler, error) {
		sr := server.NewStoreReader(st)
		if err := sr.Preload(ctx, server.MaxPreloadEvents); err != nil && !errors.Is(err, store.ErrTooLarge) {
			return nil, err
		}
		srv, err := server.New(sr, server.Options{Log: logger})
		if err != nil {
			return nil, err
		}
		if first == nil {
			// Before listening, answer the default pages once so the first
			// visitors find them ready (a store read afresh later is not
			// warmed: that would hold up the request that noticed it).
			if err := srv.Warm(ctx); err != nil {
				fmt.Fprintf(e.stderr, "annals serve: %v (serving anyway)\n", err)
			}
			srv.TuneGC()
			first = srv
		}
		return srv.Handler(), nil
	}
	live := &liveHandler{st: st, build: build, log: logger.Printf}
	live.stamp = st.Stamp(context.Background())
	if live.h, err = build(context.Background()); err != nil {
		fmt.Fprintf(e.stderr, "annals serve: %v\n", err)
		return exitFailed
	}
	hs := first.HTTPServer(*addr)
	hs.Handler = live
	return listenAndServe(e, "serve", hs, *addr, st.Path())
}

// liveCheck is how often the server looks whether the store has changed.
const liveCheck = 500 * time.Millisecond

// liveHandler serves through a handler built over the store, and builds it
// afresh (preloaded documents, caches) when the store's stamp changes: an
// ingest running beside the server adds documents, and the next request
// after it sees them.
type liveHandler struct {
	st    *store.DB
	build func(context.Context) (http.Handler, error)
	log   func(format string, v ...any)

	mu      sync.Mutex
	h       http.Handler
	stamp   string
	checked time.Time
}

func (l *liveHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	if time.Since(l.checked) >= liveCheck {
		l.checked = time.Now()
		if s := l.st.Stamp(r.Context()); s != l.stamp {
			if h, err := l.build(r.Context()); err != nil {
				l.log("reading the changed store: %v (serving what was read before)", err)
			} else {
				l.h, l.stamp = h, s
			}
		}
	}
	h := l.h
	l.mu.Unlock()
	h.ServeHTTP(w, r)
}

// cmdDemoServe is "annals demo serve": it codes the embedded demo corpus
// and serves it in the explorer from memory (server.Memory, which means
// what the store's queries mean), with no store file to create; it has no
// clusters ("annals demo" stores and clusters).
func cmdDemoServe(e *env, args []string) int {
	fs := newFlagSet(e, "demo serve", "[--addr 127.0.0.1:8080]",
		"Codes the demo corpus and serves it in the explorer from memory, with no store\n"+
			"file (and no clusters: \"annals demo\" stores and clusters).")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; loopback by default")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		fmt.Fprintf(e.stderr, "annals demo serve: bad --addr %q: %v\n", *addr, err)
		return exitUsage
	}
	p, err := coder.New(coder.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals demo serve: %v\n", err)
		return exitFailed
	}
	docs, failed := demoDocuments(e)
	var details []server.DocDetail
	for _, d := range docs {
		if err := p.Process(d.doc); err != nil {
			fmt.Fprintf(e.stderr, "annals demo serve: %v\n", err)
			failed = true
			continue
		}
		details = append(details, server.FromDocument(d.doc))
	}
	srv, err := server.New(server.NewMemory(details), server.Options{Log: log.New(e.stderr, "annals demo: ", log.LstdFlags)})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals demo serve: %v\n", err)
		return exitFailed
	}
	code := listenAndServe(e, "demo serve", srv.HTTPServer(*addr), *addr, fmt.Sprintf("the demo corpus (%d documents)", len(details)))
	if code == exitOK && failed {
		return exitFailed
	}
	return code
}

// listenAndServe serves hs on addr until interrupted (SIGINT, SIGTERM),
// then shuts down gracefully.
func listenAndServe(e *env, name string, hs *http.Server, addr, what string) int {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals %s: bad --addr %q: %v\n", name, addr, err)
		return exitUsage
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(e.stderr, "annals %s: warning: listening on %s, not a loopback address: anyone who can reach it can read the store\n", name, addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals %s: %v\n", name, err)
		return exitFailed
	}
	fmt.Fprintf(e.stderr, "annals %s: serving %s at http://%s/ (Ctrl-C to stop)\n", name, what, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(e.stderr, "annals %s: %v\n", name, err)
			return exitFailed
		}
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil {
			fmt.Fprintf(e.stderr, "annals %s: shutting down: %v\n", name, err)
			return exitFailed
		}
		fmt.Fprintf(e.stderr, "annals %s: stopped\n", name)
	}
	return exitOK
}
