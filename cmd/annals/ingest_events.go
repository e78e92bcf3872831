package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"annals/internal/reload"
	"annals/internal/store"
)

// expandGlobs replaces each pattern among paths with the files it matches,
// in lexical order. A pattern that matches nothing is kept as it is, so
// that reading it reports the missing file.
func expandGlobs(paths []string) []string {
	var out []string
	for _, p := range paths {
		if strings.ContainsAny(p, "*?[") {
			if m, err := filepath.Glob(p); err == nil && len(m) > 0 {
				out = append(out, m...)
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// readRecords reads the event records of ingest --input events from the
// files (or globs) srcs. Each bad file or line is reported on standard
// error with its place and reason; it returns the records and how many
// failures it reported.
func readRecords(e *env, srcs []string) (*reload.Records, int) {
	recs := reload.NewRecords()
	bad := 0
	report := func(err error) {
		bad++
		fmt.Fprintf(e.stderr, "annals ingest: %v\n", err)
	}
	for _, name := range expandGlobs(srcs) {
		f, err := os.Open(name)
		if err != nil {
			report(err)
			continue
		}
		if err := recs.Read(f, name, report); err != nil {
			report(err)
		}
		f.Close()
	}
	return recs, bad
}

// reportUnused reports the documents that have event records but were not
// among the documents read, and returns their number. Documents already in
// the store (a load run again) are not reported.
func reportUnused(ctx context.Context, e *env, db *store.DB, recs *reload.Records) int {
	var ids []string
	for _, id := range recs.Unused() {
		if k, err := db.KeyOfID(ctx, id); err == nil && k != "" {
			continue
		}
		ids = append(ids, id)
	}
	for i, id := range ids {
		if i == 10 {
			fmt.Fprintf(e.stderr, "annals ingest: ... and %d more documents with event records not loaded\n", len(ids)-i)
			break
		}
		fmt.Fprintf(e.stderr, "annals ingest: events of document %q not loaded: it is not in --documents\n", id)
	}
	return len(ids)
}
