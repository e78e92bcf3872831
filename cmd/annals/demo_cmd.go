package main

import (
	"bytes"
	"flag"
	"fmt"

	"annals/internal/coder"
	"annals/internal/demo"
	"annals/internal/ingest"
	"annals/internal/text"
)

// cmdDemoMain codes the embedded demo corpus and prints its events as a
// table: the README's first command.
func cmdDemoMain(e *env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "table", "output format: table, jsonl, csv")
	if err := parseFlags(fs, args); err != nil {
		return exitUsage
	}
	p, err := coder.New(coder.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
		return exitUsage
	}
	docs, failed := demoDocuments(e)
	out := newEventWriter(e.stdout, *format, false)
	for _, d := range docs {
		if err := p.Process(d); err != nil {
			fmt.Fprintf(e.stderr, "annals demo: %v\n", err)
			failed = true
			continue
		}
		out.write(d)
	}
	if err := out.close(); err != nil || failed {
		return exitFailed
	}
	return exitOK
}

// demoDocuments reads the embedded demo corpus.
func demoDocuments(e *env) ([]*text.Document, bool) {
	var docs []*text.Document
	failed := false
	ingest.Options{AllLanguages: true}.ReadJSONL(bytes.NewReader(demo.CorpusJSONL), demo.Name, ingest.Handler{
		Item:  func(it ingest.Item) error { docs = append(docs, it.Document()); return nil },
		Error: func(err *ingest.Error) { fmt.Fprintf(e.stderr, "annals demo: %v\n", err); failed = true },
	})
	return docs, failed
}
