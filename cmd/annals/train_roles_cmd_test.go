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
