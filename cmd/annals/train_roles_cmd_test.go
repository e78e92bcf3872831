package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/event"
	"annals/internal/shared"
)

// TestTrainRolesDeterministic trains the role ranker twice from the
// annotated NGEC passages and compares the files: the same data and seed
// must give the same bytes, and the model must load.
func TestTrainRolesDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("codes 400 passages twice")
	}
	if _, ok := shared.Path(eventsTrainFile); !ok {
		t.Skipf("../shared/%s is absent: the role ranker has nothing to train on", eventsTrainFile)
	}
	dir := t.TempDir()
	var models, settings [2][]byte
	for i := range 2 {
		out := filepath.Join(dir, []string{"a.bin", "b.bin"}[i])
		code, stdout, stderr := runCmd(t, "", "train", "roles", "--folds", "0", "--mode", "fill", "--epochs", "3", "--out", out)
		if code != exitOK {
			t.Fatalf("train roles: exit %d\n%s%s", code, stdout, stderr)
		}
		var err error
		if models[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
		if settings[i], err = os.ReadFile(strings.TrimSuffix(out, ".bin") + ".tsv"); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(models[0], models[1]) || !bytes.Equal(settings[0], settings[1]) {
		t.Fatalf("two trainings differ: models %d and %d bytes", len(models[0]), len(models[1]))
	}
	r, err := event.ReadRoleRanker(bytes.NewReader(models[0]), bytes.NewReader(settings[0]))
	if err != nil {
		t.Fatal(err)
	}
	if md, _ := r.Mode(); md != event.RankFill {
		t.Errorf("mode %s, want fill as asked", md)
	}
	if code, _, _ := runCmd(t, "", "train", "roles", "--mode", "often"); code != exitUsage {
		t.Errorf("a bad mode: exit %d, want %d", code, exitUsage)
	}
}

// TestTrainRolesBadLines trains on passages written for this test, with a
// broken line and a passage without text among them: each is reported by
// file and line, the others are trained on.
func TestTrainRolesBadLines(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "passages.jsonl")
	lines := []string{
		`{"id":"p1","text":"Chile accused Peru of spying on its navy, officials in Bolivia said.","events":[{"type":"ACCUSE","source":["CHL"],"target":["PER"],"trigger":"accused"}]}`,
		`{"id": "p2", "text": `,
		`{"id":"p3","events":[]}`,
		`{"id":"p4","text":"Kenyan troops attacked a camp held by Somali militants near the border with Ethiopia.","events":[{"type":"ASSAULT","source":["KENMIL"],"target":["SOMINS"],"trigger":"attacked"}]}`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.bin")
	code, stdout, stderr := runCmd(t, "", "train", "roles", "--train", in, "--folds", "0", "--mode", "fill", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{in + ":2:", in + ":3:", `record p3: no text`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "2 passages") {
		t.Errorf("the two good passages were not all read:\n%s", stdout)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no model written: %v", err)
	}
	empty := filepath.Join(dir, "empty.jsonl")
	if err := os.WriteFile(empty, []byte("{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "", "train", "roles", "--train", empty, "--folds", "0", "--out", filepath.Join(dir, "e.bin")); code != exitFailed || !strings.Contains(stderr, "no passages") {
		t.Errorf("a file with no passage: exit %d, stderr %q", code, stderr)
	}
}
