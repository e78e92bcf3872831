package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"annals/internal/record"
)

// derived are the event columns that versions 2 and 3 added.
var derived = []string{"src_codes", "src_countries", "src_ckeys", "tgt_codes", "tgt_countries", "tgt_ckeys", "src_keys", "tgt_keys", "source", "target"}

// rawExec runs statements on the store file without the store's checks.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func rawVersion(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(`SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// derivedValues returns every event's derived columns as text, by id.
func derivedValues(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rs, err := db.SQL().Query(`SELECT id, concat_ws(' ', ` + strings.Join(derived, "::VARCHAR, ") + `::VARCHAR) FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	out := map[string]string{}
	for rs.Next() {
		var id, v string
		if err := rs.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	return out
}

// TestMigrateForward: a store of schema version 1 or 2 (made by removing
// what later versions added) is migrated on open to the current version,
// with the same events and derived columns a fresh store has.
func TestMigrateForward(t *testing.T) {
	for _, from := range []int{1, 2} {
		path := filepath.Join(t.TempDir(), "old.duckdb")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		s := "Chile and Peru protested to Bolivia, which thanked Brazil."
		put(t, db,
			Doc{Doc: mkDoc(t, "m1", s, "2023-04-05",
				ev{typ: "PROTEST", trigger: "protested", src: "Chile", srcCode: "CHLGOV", tgt: "Bolivia", tgtCode: "BOL", date: "2023-04", quad: 3, goldstein: -2}), Key: "sha256:m1"},
			Doc{Doc: mkDoc(t, "m2", "Brazil thanked Bolivia.", "",
				ev{typ: "COOPERATE", trigger: "thanked", src: "Brazil", srcCode: "BRA", tgt: "Bolivia", tgtCode: "IGOBOL", date: "", quad: 1, goldstein: 2}), Key: "sha256:m2"},
		)
		want := derivedValues(t, db)
		var wantEvents []record.Event
		for id := range want {
			e, err := db.Event(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			wantEvents = append(wantEvents, e)
		}
		db.Close()

		drop := derived[6:] // version 3's
		if from == 1 {
			drop = derived
		}
		stmts := []string{`DROP VIEW actors`}
		for _, c := range drop {
			stmts = append(stmts, "ALTER TABLE events DROP COLUMN "+c)
		}
		stmts = append(stmts, "UPDATE meta SET value = '"+string(rune('0'+from))+"' WHERE key = 'schema_version'")
		rawExec(t, path, stmts...)

		if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "annals migrate") {
			t.Errorf("from %d: read-only open of an old store: %v, want an error naming annals migrate", from, err)
		}
		db, err = Open(path)
		if err != nil {
			t.Fatalf("from %d: %v", from, err)
		}
		if v := rawVersionOf(t, db); v != SchemaVersion {
			t.Errorf("from %d: version %s after migrating, want %s", from, v, SchemaVersion)
		}
		if got := derivedValues(t, db); !reflect.DeepEqual(got, want) {
			t.Errorf("from %d: derived columns after migrating\n got %v\nwant %v", from, got, want)
		}
		for _, w := range wantEvents {
			if got, err := db.Event(ctx, w.ID); err != nil || !reflect.DeepEqual(got, w) {
				t.Errorf("from %d: event %s after migrating: %+v, %v; want %+v", from, w.ID, got, err, w)
			}
		}
		var actors int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM actors`).Scan(&actors); err != nil || actors == 0 {
			t.Errorf("from %d: actors view: %d rows, %v", from, actors, err)
		}
		db.Close()
	}
}

func rawVersionOf(t *testing.T, db *DB) string {
	t.Helper()
	var v string
	if err := db.SQL().QueryRow(`SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMigrateRefuses: a store from a newer annals, or a database that is
// not a store, is refused on open and left as it was.
func TestMigrateRefuses(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.duckdb")
	db, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	rawExec(t, newer, `UPDATE meta SET value = '99' WHERE key = 'schema_version'`)
	for _, open := range []func(string) (*DB, error){Open, OpenReadOnly} {
		if _, err := open(newer); err == nil || !strings.Contains(err.Error(), "newer annals") {
			t.Errorf("store of version 99: %v, want refused as newer", err)
		}
	}
	if v := rawVersion(t, newer); v != "99" {
		t.Errorf("version overwritten: %s", v)
	}

	other := filepath.Join(dir, "other.duckdb")
	rawExec(t, other, `CREATE TABLE readings (x INTEGER)`, `INSERT INTO readings VALUES (7)`)
	if _, err := Open(other); err == nil || !strings.Contains(err.Error(), "not an annals store") {
		t.Errorf("foreign database: %v, want not an annals store", err)
	}
	raw, err := sql.Open("duckdb", other)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var tables int
	if err := raw.QueryRow(`SELECT count(*) FROM information_schema.tables`).Scan(&tables); err != nil || tables != 1 {
		t.Errorf("foreign database now has %d tables (%v); want it untouched", tables, err)
	}

	fresh := filepath.Join(dir, "fresh.duckdb")
	db, err = Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if v := rawVersion(t, fresh); v != SchemaVersion {
		t.Errorf("new store stamped %s, want %s", v, SchemaVersion)
	}
	if db, err := Open(fresh); err != nil {
		t.Errorf("reopening a current store: %v", err)
	} else {
		db.Close()
	}
}
