package main

import (
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/store"
)

func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.duckdb")
	if code, _, errs := runCmd(t, "", "migrate", "--db", missing); code != exitFailed || !strings.Contains(errs, "annals migrate:") {
		t.Errorf("missing store: exit %d, %q; want 1 and an error (no store created)", code, errs)
	}
	path := filepath.Join(dir, "s.duckdb")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errs := runCmd(t, "", "migrate", "--db", path)
	if code != exitOK || !strings.Contains(out, "schema version "+store.SchemaVersion) {
		t.Errorf("current store: exit %d, out %q, err %q", code, out, errs)
	}
}
