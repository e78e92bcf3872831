package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestSharedKeys: a shared store answers HasKey and KeyOfID from its index
// as an ordinary store does from its table, before and after a reopen.
func TestSharedKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.duckdb")
	db, err := OpenShared(path, false)
	if err != nil {
		t.Fatal(err)
	}
	a := Doc{Doc: mkDoc(t, "talks", "Chile met Peru.", "2015-02-01",
		ev{typ: "CONSULT", trigger: "met", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2015-02", quad: 1, goldstein: 1}), Key: "url:https://news.example/talks"}
	if ok, err := db.HasKey(ctx, a.Key); ok || err != nil {
		t.Fatalf("HasKey before the put: %v, %v", ok, err)
	}
	put(t, db, a)
	check := func(db *DB) {
		t.Helper()
		if ok, err := db.HasKey(ctx, a.Key); !ok || err != nil {
			t.Errorf("HasKey of a stored key: %v, %v", ok, err)
		}
		if ok, _ := db.HasKey(ctx, "url:https://news.example/other"); ok {
			t.Error("HasKey of a key never stored: true")
		}
		if k, err := db.KeyOfID(ctx, "talks"); k != a.Key || err != nil {
			t.Errorf("KeyOfID of a stored id: %q, %v", k, err)
		}
		if k, _ := db.KeyOfID(ctx, "no-such-id"); k != "" {
			t.Errorf("KeyOfID of an id never stored: %q", k)
		}
	}
	check(db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = OpenShared(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check(db)
}

// TestLeaseLetsGoWhenAsked: a writer that nobody asks keeps the file open
// while idle; asked, it closes it at its next pause.
func TestLeaseLetsGoWhenAsked(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "asked.duckdb")
	db, err := OpenShared(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	l := db.db.lease
	open := func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.db != nil
	}
	time.Sleep(10 * leaseTick)
	if !open() {
		t.Fatalf("closed after %s idle, before WriteIdle (%s) and unasked", 10*leaseTick, WriteIdle)
	}
	time.Sleep(leaseTick) // the ask must come after the open
	l.want()
	deadline := time.Now().Add(WriteIdle / 2)
	for open() {
		if time.Now().After(deadline) {
			t.Fatalf("still open %s after being asked", WriteIdle/2)
		}
		time.Sleep(leaseTick)
	}
	// It opens again when used.
	if c, err := db.Counts(ctx); err != nil || c.Documents != 0 {
		t.Errorf("counts after the reopen: %+v, %v", c, err)
	}
}
