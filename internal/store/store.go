// Package store keeps documents, their mentions and their coded events in
// an embedded DuckDB database (one file, default annals.duckdb), finds
// reports of the same event across documents (clusters), and answers the
// queries of the command line and the explorer.
//
// Writes are idempotent (a document's identity is its key: URL, else
// content hash) and transactional (a document is stored with all its
// mentions and events, or not at all). Write from one goroutine; read from
// any number.
package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"os"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// DefaultPath is the database file used when none is given.
const DefaultPath = "annals.duckdb"

// SchemaVersion is the version of schema.sql, kept in the meta table.
const SchemaVersion = "3"

//go:embed schema.sql
var schema string

// ErrNotFound is wrapped by errors for a missing document or event.
var ErrNotFound = errors.New("not found")

// DB is an open store.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
}

// Open opens (creating when needed) the store at path for reading and
// writing.
func Open(path string) (*DB, error) {
	return open(path, false)
}

// OpenReadOnly opens an existing store for reading only (for the server).
func OpenReadOnly(path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return open(path, true)
}

func open(path string, readOnly bool) (*DB, error) {
	dsn := path
	if readOnly {
		dsn += "?" + url.Values{"access_mode": {"READ_ONLY"}}.Encode()
	}
	conn, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	db := sql.OpenDB(conn)
	s := &DB{db: db, path: path, readOnly: readOnly}
	// The schema version is checked on every open; a store opened for
	// writing is migrated forward by versioned steps (migrate.go), never
	// overwritten.
	check := migrate
	if readOnly {
		check = checkVersion
	}
	if err := check(context.Background(), db); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return s, nil
}

// Path returns the file of the store.
func (s *DB) Path() string { return s.path }

// SQL returns the underlying database for queries of one's own (annals
// query sql). Do not write through it.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the store.
func (s *DB) Close() error { return s.db.Close() }

// Counts are the sizes of the main tables.
type Counts struct {
	Documents, Sentences, Mentions, Events, Clusters int
}

// Counts returns the number of rows of the main tables.
func (s *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),
		(SELECT count(*) FROM mentions), (SELECT count(*) FROM events),
		(SELECT count(*) FROM clusters)`).Scan(&c.Documents, &c.Sentences, &c.Mentions, &c.Events, &c.Clusters)
	if err != nil {
		return c, fmt.Errorf("store %s: counts: %w", s.path, err)
	}
	return c, nil
}
