package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodeVerbsFlag runs annals code with a verb dictionary written for
// this test: the dictionary's verb adds an event the embedded lexicon does
// not code, a bad line is a warning naming file and line, and the run
// goes on with exit 0.
func TestCodeVerbsFlag(t *testing.T) {
	dir := t.TempDir()
	verbs := filepath.Join(dir, "mine.verbs")
	os.WriteFile(verbs, []byte("--- HECKLE [141] ---\nHECKLE\n- * (WITH [141]\n"), 0o644)
	src := "Angry Kenyan farmers heckled the police convoy near Nakuru."
	code, out, _ := runCmd(t, src, "code", "--format", "csv", "-")
	if code != exitOK || strings.Contains(out, "heckled") {
		t.Fatalf("without --verbs: exit %d, output %q; the test needs a verb the lexicon lacks", code, out)
	}
	code, out, errs := runCmd(t, src, "code", "--format", "csv", "--verbs", verbs, "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "PROTEST") || !strings.Contains(out, "141") || !strings.Contains(out, "heckled") {
		t.Errorf("no PROTEST 141 at \"heckled\" in:\n%s", out)
	}
	if !strings.Contains(errs, "mine.verbs:3: pattern:") {
		t.Errorf("stderr lacks the bad line's file:line:\n%s", errs)
	}
	empty := filepath.Join(dir, "empty.verbs")
	os.WriteFile(empty, []byte("# nothing\n"), 0o644)
	if code, _, errs := runCmd(t, src, "code", "--verbs", empty, "-"); code != exitUsage || !strings.Contains(errs, "nothing loaded") {
		t.Errorf("a file with nothing to load: exit %d, stderr %q", code, errs)
	}
}
