package main

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"annals/internal/coder"
	"annals/internal/demo"
	"annals/internal/ingest"
	"annals/internal/server"
	"annals/internal/store"
	"annals/internal/text"
)

// cmdDemoMain is the README's first command: it codes the embedded demo
// corpus, prints its events, stores them in a DuckDB file and opens the
// explorer on it. "annals demo serve" is the same explorer without the
// store file (everything kept in memory).
func cmdDemoMain(e *env, args []string) int {
	if len(args) > 0 && args[0] == "serve" {
		return cmdDemoServe(e, args[1:])
	}
	fs := newFlagSet(e, "demo", "[--no-serve] [--db PATH] [--addr HOST:PORT] [--format table|jsonl|csv]\nserve [--addr HOST:PORT]",
		"Codes the demo corpus (ten short news-like texts written for annals), prints its\n"+
			"events, stores them and opens the explorer (Ctrl-C stops it). \"annals demo serve\"\n"+
			"serves the coded corpus from memory, without a store file.")
	format := fs.String("format", "table", "output format of the events: table, jsonl, csv")
	dbPath := fs.String("db", "", "store `PATH` for the demo (default: annals.duckdb in a new temporary folder)")
	addr := fs.String("addr", "127.0.0.1:8080", "address of the explorer; loopback by default")
	noServe := fs.Bool("no-serve", false, "print the events and stop, without storing or serving them")
	if code, stop := fs.parse(args); stop {
		return code
	}
	p, err := coder.New(coder.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
		return exitFailed
	}
	docs, failed := demoDocuments(e)
	out := newEventWriter(e.stdout, *format, false)
	var coded []store.Doc
	for _, d := range docs {
		if err := p.Process(d.doc); err != nil {
			fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
			failed = true
			continue
		}
		out.write(d.doc)
		coded = append(coded, store.Doc{Doc: d.doc, Key: d.key, Source: d.origin})
	}
	if err := out.close(); err != nil {
		fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
		failed = true
	}
	if *noServe {
		if failed {
			return exitFailed
		}
		return exitOK
	}

	path := *dbPath
	if path == "" {
		dir, err := os.MkdirTemp("", "annals-demo-")
		if err != nil {
			fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
			return exitFailed
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, store.DefaultPath)
	}
	if err := storeDemo(path, coded); err != nil {
		fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
		return exitFailed
	}
	db, err := store.OpenReadOnly(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	srv, err := server.New(server.NewStoreReader(db), server.Options{Log: log.New(e.stderr, "annals demo: ", log.LstdFlags)})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
		return exitFailed
	}
	code := listenAndServe(e, "demo", srv.HTTPServer(*addr), *addr, fmt.Sprintf("the demo corpus (%d documents, store %s)", len(coded), path))
	if code == exitOK && failed {
		return exitFailed
	}
	return code
}

// storeDemo writes the coded demo documents to the store at path and
// computes its clusters and summaries.
func storeDemo(path string, docs []store.Doc) error {
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := db.Put(ctx, docs); err != nil {
		db.Close()
		return err
	}
	if _, err := db.Refresh(ctx); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

// demoDoc is a document of the demo corpus with its identity and origin.
type demoDoc struct {
	doc    *text.Document
	key    string
	origin string
}

// demoDocuments reads the embedded demo corpus.
func demoDocuments(e *env) ([]demoDoc, bool) {
	var docs []demoDoc
	failed := false
	ingest.Options{AllLanguages: true}.ReadJSONL(bytes.NewReader(demo.CorpusJSONL), demo.Name, ingest.Handler{
		Item: func(it ingest.Item) error {
			docs = append(docs, demoDoc{doc: it.Document(), key: it.Key(), origin: it.Origin.String()})
			return nil
		},
		Error: func(err *ingest.Error) { fmt.Fprintf(e.stderr, "annals demo: %v\n", err); failed = true },
	})
	return docs, failed
}
