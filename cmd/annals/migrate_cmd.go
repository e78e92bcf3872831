package main

import (
	"fmt"
	"os"

	"annals/internal/store"
)

// cmdMigrate is "annals migrate": it opens an existing store for writing,
// which brings it to this version's schema by versioned steps.
func cmdMigrate(e *env, args []string) int {
	fs := newFlagSet(e, "migrate", "[--db PATH|URL]",
		"Brings a store written by an earlier annals to this version's schema, step by\n"+
			"step, each step in one transaction. (Opening a store for writing, as ingest\n"+
			"does, migrates it too; serve, query and export open it read-only and ask for\n"+
			"this.) A store from a newer annals, or a database that is not a store, is left\n"+
			"as it is.")
	dbPath := dbFlag(fs)
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError("unexpected arguments %q", fs.Args())
	}
	loc := storeLocation(dbPath)
	if !store.IsPostgres(loc) {
		if _, err := os.Stat(loc); err != nil {
			fmt.Fprintf(e.stderr, "annals migrate: %v\n", err)
			return exitFailed
		}
	}
	db, err := store.Open(loc)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals migrate: %v\n", err)
		return exitFailed
	}
	if err := db.Close(); err != nil {
		fmt.Fprintf(e.stderr, "annals migrate: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "%s: schema version %s\n", db.Path(), store.SchemaVersion)
	return exitOK
}
