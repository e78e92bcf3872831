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
	"syscall"
	"time"

	"annals/internal/coder"
	"annals/internal/server"
	"annals/internal/store"
)

// cmdServeImpl is "annals serve": the JSON API and the web explorer over a
// store opened read-only, on a loopback address unless told otherwise.
func cmdServeImpl(e *env, args []string) int {
	fs := newFlagSet(e, "serve", "[--db PATH] [--addr 127.0.0.1:8080]",
		"Serves the JSON API and the web explorer over a store opened read-only, on a\n"+
			"loopback address unless told otherwise (Ctrl-C stops it).")
	db := fs.String("db", store.DefaultPath, "the store to serve (opened read-only)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; loopback by default")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError("unexpected arguments %q", fs.Args())
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals serve: %v\n(create the store with: annals ingest --db %s SOURCE...)\n", err, *db)
		return exitFailed
	}
	defer st.Close()
	sr := server.NewStoreReader(st)
	if err := sr.Preload(context.Background(), server.MaxPreloadEvents); err != nil && !errors.Is(err, store.ErrTooLarge) {
		fmt.Fprintf(e.stderr, "annals serve: %v\n", err)
		return exitFailed
	}
	srv, err := server.New(sr, server.Options{Log: log.New(e.stderr, "annals serve: ", log.LstdFlags)})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals serve: %v\n", err)
		return exitFailed
	}
	if err := srv.Warm(context.Background()); err != nil {
		fmt.Fprintf(e.stderr, "annals serve: %v (serving anyway)\n", err)
	}
	return listenAndServe(e, "serve", srv, *addr, *db)
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
	code := listenAndServe(e, "demo serve", srv, *addr, fmt.Sprintf("the demo corpus (%d documents)", len(details)))
	if code == exitOK && failed {
		return exitFailed
	}
	return code
}

// listenAndServe serves srv on addr until interrupted (SIGINT, SIGTERM),
// then shuts down gracefully.
func listenAndServe(e *env, name string, srv *server.Server, addr, what string) int {
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
	hs := srv.HTTPServer(addr)
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
