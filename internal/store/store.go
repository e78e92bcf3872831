// Package store keeps documents, their mentions and their coded events in
// an embedded DuckDB database (one file, default annals.duckdb) or in a
// PostgreSQL database that a team shares (a postgres:// URL), finds
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
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// DefaultPath is the database file used when none is given.
const DefaultPath = "annals.duckdb"

// EnvDB names the environment variable whose value, when set, is the
// store used when none is given: a DuckDB file or a postgres:// URL.
const EnvDB = "ANNALS_DB"

// Default returns the store to use when none is given: $ANNALS_DB, else
// DefaultPath.
func Default() string {
	if v := os.Getenv(EnvDB); v != "" {
		return v
	}
	return DefaultPath
}

// IsPostgres reports whether location names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a DuckDB file.
func IsPostgres(location string) bool {
	return strings.HasPrefix(location, "postgres://") || strings.HasPrefix(location, "postgresql://")
}

// redact returns a PostgreSQL URL without its password, for messages.
func redact(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.User == nil {
		return location
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// SchemaVersion is the version of schema.sql, kept in the meta table.
const SchemaVersion = "5"

//go:embed schema.sql
var schema string

//go:embed schema_pg.sql
var schemaPG string

// ErrNotFound is wrapped by errors for a missing document or event.
var ErrNotFound = errors.New("not found")

// DB is an open store.
type DB struct {
	db       sqlDB
	keys     *keyIndex // a shared DuckDB store's keys and ids, for ingest
	d        dialect
	path     string // the file, or the URL without its password
	readOnly bool
}

// Open opens (creating when needed) the store at path for reading and
// writing: a DuckDB file, or a PostgreSQL database given as a postgres://
// URL (whose tables are created when missing).
func Open(path string) (*DB, error) {
	if IsPostgres(path) {
		return openPG(path, false)
	}
	return open(path, false)
}

// OpenReadOnly opens an existing store for reading only (for the server).
func OpenReadOnly(path string) (*DB, error) {
	if IsPostgres(path) {
		return openPG(path, true)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return open(path, true)
}

// openPG connects to a PostgreSQL store. A read-only store's sessions are
// read-only transactions, so that "annals query sql" cannot write either.
func openPG(location string, readOnly bool) (*DB, error) {
	shown := redact(location)
	cfg, err := pgx.ParseConfig(location)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", shown, err)
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	// PostgreSQL's JIT compilation costs more than it saves on the
	// store's queries (a summary query: 620 ms with it, 74 ms without);
	// a URL that sets jit keeps its setting.
	if _, ok := cfg.RuntimeParams["jit"]; !ok {
		cfg.RuntimeParams["jit"] = "off"
	}
	raw := stdlib.OpenDB(*cfg)
	d := dialect{pg: true}
	s := &DB{db: sqlDB{fixed: raw, d: d}, d: d, path: shown, readOnly: readOnly}
	ctx := context.Background()
	if err := raw.PingContext(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("store %s: %w", shown, err)
	}
	check := migratePG
	if readOnly {
		check = checkVersion
	}
	if err := check(ctx, s.db); err != nil {
		raw.Close()
		return nil, fmt.Errorf("store %s: %w", shown, err)
	}
	return s, nil
}

func open(path string, readOnly bool) (*DB, error) {
	return openDuck(path, readOnly, true)
}

// openDuck opens a DuckDB store; with migrateIt false a store opened for
// writing has its version checked only (a lease's later opens).
func openDuck(path string, readOnly, migrateIt bool) (*DB, error) {
	dsn := path
	if readOnly {
		dsn += "?" + url.Values{"access_mode": {"READ_ONLY"}}.Encode()
	}
	conn, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	db := sqlDB{fixed: sql.OpenDB(conn)}
	s := &DB{db: db, d: db.d, path: path, readOnly: readOnly}
	// The schema version is checked on every open; a store opened for
	// writing is migrated forward by versioned steps (migrate.go), never
	// overwritten.
	check := migrate
	if readOnly || !migrateIt {
		check = checkVersion
	}
	if err := check(context.Background(), db); err != nil {
		db.fixed.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	if !readOnly {
		if _, err := db.fixed.Exec(`SET checkpoint_threshold = '` + writeCheckpoint + `'`); err != nil {
			db.fixed.Close()
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
	}
	return s, nil
}

// writeCheckpoint is the size of write-ahead log at which a store open
// for writing folds the log into the file (DuckDB's default is 16 MB). A
// checkpoint costs more the larger the store; with 64 MB an ingest
// checkpoints a quarter as often (README: ingest throughput).
const writeCheckpoint = "64MB"

// Path returns the file of the store, or its URL without the password.
func (s *DB) Path() string { return s.path }

// Backend returns "DuckDB" or "PostgreSQL".
func (s *DB) Backend() string { return s.d.name() }

// SQL returns the underlying database for queries of one's own (annals
// query sql), in the backend's own SQL. Do not write through it.
func (s *DB) SQL() *sql.DB {
	x, err := s.db.get(context.Background())
	if err != nil {
		return failing(err)
	}
	return x
}

// Close closes the store.
func (s *DB) Close() error {
	if s.db.lease != nil {
		return s.db.lease.close()
	}
	return s.db.fixed.Close()
}

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
