package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A DuckDB file is locked by the process that opens it: one writer, or
// any number of readers, never both. A store opened with OpenShared holds
// the file only while it is in use (a lease): an ingest between its
// batches, a server between bursts of requests. A process that finds the
// file locked asks for it (want) and waits; the holder lets it go at its
// next pause (no query running), or once idle for long. So "annals
// ingest" runs while "annals serve" serves the same file, and an ingest
// that nobody waits for keeps the file open from batch to batch (opening
// and closing it for each batch would cost a checkpoint each).

// Lease timings: how long a store stays open after its last use when
// nobody asks for it, how long an open waits for a lock that another
// process holds, and how often a holder looks whether it is asked for.
const (
	WriteIdle = 2 * time.Second
	ReadIdle  = 250 * time.Millisecond
	LockWait  = 2 * time.Minute
	leaseTick = 25 * time.Millisecond
)

// OpenShared opens a store that other annals processes may use at the
// same time. A PostgreSQL store is opened as by Open or OpenReadOnly (the
// server shares it). A DuckDB file is opened only while in use (see
// above); it must exist when readOnly.
func OpenShared(location string, readOnly bool) (*DB, error) {
	if IsPostgres(location) {
		if readOnly {
			return OpenReadOnly(location)
		}
		return Open(location)
	}
	if readOnly {
		if _, err := os.Stat(location); err != nil {
			return nil, fmt.Errorf("store %s: %w", location, err)
		}
	}
	l := &lease{path: location, readOnly: readOnly, idle: ReadIdle, wait: LockWait}
	if !readOnly {
		l.idle = WriteIdle
	}
	s := &DB{db: sqlDB{lease: l}, path: location, readOnly: readOnly}
	if !readOnly {
		s.keys = &keyIndex{lease: l}
	}
	if _, err := l.get(context.Background()); err != nil {
		return nil, err
	}
	return s, nil
}

// lease keeps a DuckDB file open while it is in use.
type lease struct {
	path     string
	readOnly bool
	idle     time.Duration
	wait     time.Duration

	mu       sync.Mutex
	db       *sql.DB
	opened   bool // opened once: later opens check the version only
	openedAt time.Time
	last     time.Time
	timer    *time.Timer
	closed   bool

	// closedStamp is the file's stamp (fileStamp) when this process last
	// let it go; foreign counts the reopenings that found another stamp:
	// another program wrote the file meanwhile.
	closedStamp string
	foreign     atomic.Int64
}

// wantFile is where processes ask for the file at path: a file in the
// temporary folder (writable even when the store's folder is not) named
// after the store's absolute path.
func wantFile(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	h := sha256.Sum256([]byte(path))
	return filepath.Join(os.TempDir(), "annals-want-"+hex.EncodeToString(h[:8]))
}

// want asks the holder of the file to let it go.
func (l *lease) want() {
	p := wantFile(l.path)
	now := time.Now()
	if err := os.Chtimes(p, now, now); err != nil {
		if f, err := os.Create(p); err == nil {
			f.Close()
		}
	}
}

// wanted reports whether another process has asked for the file since it
// was opened here.
func (l *lease) wanted() bool {
	fi, err := os.Stat(wantFile(l.path))
	return err == nil && fi.ModTime().After(l.openedAt)
}

// get returns the open database, opening it when needed.
func (l *lease) get(ctx context.Context) (*sql.DB, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, fmt.Errorf("store %s: closed", l.path)
	}
	l.last = time.Now()
	if l.db != nil {
		return l.db, nil
	}
	deadline := time.Now().Add(l.wait)
	delay := 10 * time.Millisecond
	for {
		s, err := openDuck(l.path, l.readOnly, !l.opened)
		if err == nil {
			if l.closedStamp != "" && fileStamp(l.path) != l.closedStamp {
				l.foreign.Add(1)
			}
			l.db, l.opened, l.last, l.openedAt = s.db.fixed, true, time.Now(), time.Now()
			if l.timer == nil {
				l.timer = time.AfterFunc(leaseTick, l.expire)
			} else {
				l.timer.Reset(leaseTick)
			}
			return l.db, nil
		}
		if !isLockError(err) {
			return nil, err
		}
		l.want()
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w\n(another program holds the file: annals waited %s for it. An ingest writes batch by batch and a serve reads request by request, so the two share a file; a program that keeps it open, such as the duckdb shell or a Go program of one's own, must be stopped first. For a store that several people write at once, use PostgreSQL: --db postgres://...)", err, l.wait)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("store %s: waiting for another program's lock: %w", l.path, ctx.Err())
		case <-time.After(delay):
		}
		if delay < 200*time.Millisecond {
			delay *= 2
		}
	}
}

// expire closes the database when no query is running and it has been
// idle for l.idle, or for a moment when another process asks for it;
// else it looks again a tick later.
func (l *lease) expire() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.db == nil || l.closed {
		return
	}
	idle := time.Since(l.last)
	if l.db.Stats().InUse == 0 && (idle >= l.idle || idle >= leaseTick && l.wanted()) {
		l.db.Close()
		l.db = nil
		// Taken at once: a program waiting for the file polls every
		// 10–200 ms and must then open it before it can write.
		l.closedStamp = fileStamp(l.path)
		return
	}
	l.timer.Reset(leaseTick)
}

// close closes the database for good.
func (l *lease) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.timer != nil {
		l.timer.Stop()
	}
	if l.db == nil {
		return nil
	}
	err := l.db.Close()
	l.db = nil
	return err
}

// isLockError reports whether err is DuckDB's refusal to open a file that
// another process has locked.
func isLockError(err error) bool {
	s := err.Error()
	return strings.Contains(s, "Could not set lock") || strings.Contains(s, "Conflicting lock")
}

// keyIndex holds 64-bit hashes of a shared store's keys and ids, so that
// an ingest's check of each document it reads (HasKey, KeyOfID) does not
// hold the file: they are read once, then kept up to date by Put. A hash
// that is absent answers at once ("not stored", by far the most common
// answer); one that is present is confirmed in the store. About 30 bytes a
// document (a million documents: some 30 MB). Put asks the index too, in
// its transaction, and looks up in the store only the keys it may hold.
// The index is read again when another program has written the file since
// (lease.foreign), so that its "not stored" stays certain.
type keyIndex struct {
	lease   *lease
	mu      sync.Mutex
	loaded  bool
	foreign int64 // lease.foreign when loaded
	seed    maphash.Seed
	keys    map[uint64]struct{}
	ids     map[uint64]struct{}
}

func (k *keyIndex) hash(s string) uint64 { return maphash.String(k.seed, s) }

// load reads the keys and ids of the stored documents, once, and again
// after another program has written the file.
func (k *keyIndex) load(ctx context.Context, s *DB) error {
	foreign := k.lease.foreign.Load()
	if k.loaded && k.foreign == foreign {
		return nil
	}
	k.loaded = false
	rs, err := s.db.QueryContext(ctx, `SELECT key, id FROM documents`)
	if err != nil {
		return err
	}
	defer rs.Close()
	k.seed = maphash.MakeSeed()
	k.keys, k.ids = map[uint64]struct{}{}, map[uint64]struct{}{}
	for rs.Next() {
		var key, id string
		if err := rs.Scan(&key, &id); err != nil {
			return err
		}
		k.keys[k.hash(key)], k.ids[k.hash(id)] = struct{}{}, struct{}{}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	k.loaded, k.foreign = true, foreign
	return nil
}

// mayHave reports whether the key (or, with id, the id) may be stored:
// false is certain.
func (k *keyIndex) mayHave(ctx context.Context, s *DB, x string, id bool) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(ctx, s); err != nil {
		return false, fmt.Errorf("store %s: %w", s.path, err)
	}
	set := k.keys
	if id {
		set = k.ids
	}
	_, ok := set[k.hash(x)]
	return ok, nil
}

// candidates returns the keys that may be stored (the others are
// certainly not), for Put, which holds the file meanwhile.
func (k *keyIndex) candidates(ctx context.Context, s *DB, keys []string) ([]string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(ctx, s); err != nil {
		return nil, err
	}
	var out []string
	for _, x := range keys {
		if _, ok := k.keys[k.hash(x)]; ok {
			out = append(out, x)
		}
	}
	return out, nil
}

// add records the documents of docs that Put stored.
func (k *keyIndex) add(docs []Doc, stored []bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.loaded {
		return
	}
	for i, d := range docs {
		if i < len(stored) && stored[i] {
			k.keys[k.hash(d.key())], k.ids[k.hash(d.Doc.ID)] = struct{}{}, struct{}{}
		}
	}
}

// Stamp changes whenever the store's contents may have: the size and
// modification time of a DuckDB file (and its write-ahead log), the
// generation a PostgreSQL store counts in its meta table. A server
// compares stamps to know when to read the store afresh.
func (s *DB) Stamp(ctx context.Context) string {
	if s.d.pg {
		var v string
		if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'generation'`).Scan(&v); err != nil {
			return ""
		}
		return v
	}
	return fileStamp(s.path)
}

// fileStamp is the size and modification time of a DuckDB file and of its
// write-ahead log.
func fileStamp(path string) string {
	var b strings.Builder
	for _, p := range []string{path, path + ".wal"} {
		if fi, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%d/%d;", fi.Size(), fi.ModTime().UnixNano())
		} else {
			b.WriteString("-;")
		}
	}
	return b.String()
}
