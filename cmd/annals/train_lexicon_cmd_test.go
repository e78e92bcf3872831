package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/event"
)

// TestTrainLexicon derives a table from the lexgen package's fixtures (a
// small verb dictionary, codebook and WordNet written for its tests) and
// checks that it is written, loads, and that a missing WordNet is an
// error naming the fix.
func TestTrainLexicon(t *testing.T) {
	fix := filepath.Join("..", "..", "internal", "lexgen", "testdata")
	out := filepath.Join(t.TempDir(), "lexicon.tsv")
	args := []string{"train", "lexicon", "--verbs", filepath.Join(fix, "verbs.txt"),
		"--codebook", filepath.Join(fix, "codebook.csv"), "--wordnet", filepath.Join(fix, "wordnet"), "--out", out}
	code, _, errs := runCmd(t, "", args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	l, err := event.LoadLexicon(strings.NewReader(string(b)), "lexicon.tsv")
	if err != nil {
		t.Fatalf("the written table does not load: %v", err)
	}
	var verb *event.Entry
	for _, e := range l.Candidates("raid", "raided") {
		if !e.Noun && e.Objects == nil {
			verb = e
		}
	}
	if verb == nil || !strings.Contains(verb.Source, " cameo-verbs:") {
		t.Errorf("raid: %+v, want a bare verb entry from the dictionary", verb)
	}
	args[len(args)-3] = filepath.Join(t.TempDir(), "no-wordnet")
	if code, _, errs := runCmd(t, "", args...); code != exitFailed || !strings.Contains(errs, "scripts/wordnet.sh") {
		t.Errorf("no WordNet: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCmd(t, "", "train", "lexicon", "extra"); code != exitUsage {
		t.Errorf("a stray argument: exit %d, want %d", code, exitUsage)
	}
}
