package store

import (
	"context"
	"os"
	"os/exec"
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

// TestSharedKeysSeeOtherWriters: a shared store's key index is read again
// when another program has written the file meanwhile, so that a document
// that program stored is not stored a second time (nor refused by the
// unique key) when this one puts it too. The other program is this test
// binary again, running TestOtherWriter.
func TestSharedKeysSeeOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "two.duckdb")
	a, err := OpenShared(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	first := Doc{Doc: mkDoc(t, "vote", "Ghana thanked Togo.", "2019-05-02",
		ev{typ: "COOPERATE", trigger: "thanked", src: "Ghana", srcCode: "GHA", tgt: "Togo", tgtCode: "TGO", date: "2019-05", quad: 1, goldstein: 2}), Key: "url:https://news.example/vote"}
	put(t, a, first)
	// a's index now knows its keys; the other program asks for the file
	// (a lets it go) and stores a document that a has not seen.
	cmd := exec.Command(os.Args[0], "-test.run", "^TestOtherWriter$")
	cmd.Env = append(os.Environ(), "ANNALS_TEST_OTHER_WRITER="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the other writer: %v\n%s", err, out)
	}
	// a gets the file back and puts the same key under another id, as
	// an ingest that had not looked would.
	r, err := a.Put(ctx, []Doc{otherDoc(t, "border-2")})
	if err != nil {
		t.Fatalf("put of a key another writer stored: %v", err)
	}
	if r.Stored[0] {
		t.Error("a stored again a key that the other writer had stored")
	}
	if ok, err := a.HasKey(ctx, otherDoc(t, "x").Key); !ok || err != nil {
		t.Errorf("HasKey of the other writer's key: %v, %v", ok, err)
	}
	if c, err := a.Counts(ctx); err != nil || c.Documents != 2 {
		t.Errorf("counts %+v, %v; want 2 documents", c, err)
	}
}

func otherDoc(t testing.TB, id string) Doc {
	return Doc{Doc: mkDoc(t, id, "Mali criticized Niger.", "2019-06-03",
		ev{typ: "ACCUSE", trigger: "criticized", src: "Mali", srcCode: "MLI", tgt: "Niger", tgtCode: "NER", date: "2019-06", quad: 3, goldstein: -2}), Key: "url:https://news.example/border"}
}

// TestOtherWriter is the other program of TestSharedKeysSeeOtherWriters.
func TestOtherWriter(t *testing.T) {
	path := os.Getenv("ANNALS_TEST_OTHER_WRITER")
	if path == "" {
		t.Skip("run by TestSharedKeysSeeOtherWriters only")
	}
	b, err := OpenShared(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := put(t, b, otherDoc(t, "border")); !r.Stored[0] {
		t.Fatal("the other writer did not store its document")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}
