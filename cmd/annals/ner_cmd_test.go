package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nerFixture is a small IOB2 file of sentences written for annals' tests.
const nerFixture = "../../internal/ner/testdata/tiny.iob2"

func TestEvalNER(t *testing.T) {
	for _, ctx := range []string{"sentence", "document"} {
		code, out, errs := runCmd(t, "", "eval", "ner", "--iob2", nerFixture, "--context", ctx)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"PER", "ORG", "LOC", "overall", "tokens/s", "10 sentences"} {
			if !strings.Contains(out, want) {
				t.Errorf("--context %s: output lacks %q:\n%s", ctx, want, out)
			}
		}
	}
}

func TestEvalNERJSON(t *testing.T) {
	code, out, errs := runCmd(t, "", "eval", "ner", "--json", "--iob2", nerFixture)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Sentences int `json:"sentences"`
		Tokens    int `json:"tokens"`
		Overall   struct {
			F1     float64 `json:"f1"`
			TP, FN int
		} `json:"overall"`
		Labels       map[string]json.RawMessage `json:"labels"`
		TokensPerSec float64                    `json:"tokens_per_second"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	if got.Sentences != 10 || got.Tokens == 0 || len(got.Labels) != 3 || got.TokensPerSec <= 0 {
		t.Errorf("JSON output %+v", got)
	}
	if got.Overall.TP+got.Overall.FN != 18 {
		t.Errorf("gold spans %d, want the fixture's 18", got.Overall.TP+got.Overall.FN)
	}
}

func TestEvalNERBadInput(t *testing.T) {
	if code, _, _ := runCmd(t, "", "eval", "ner"); code != exitUsage {
		t.Errorf("no --iob2: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCmd(t, "", "eval", "ner", "--iob2", nerFixture, "--context", "page"); code != exitUsage {
		t.Errorf("bad --context: exit %d, want %d", code, exitUsage)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.iob2")
	data := "1\tOslo\tB-LOC\n\n1\tBergen\tB-TOWN\n\n1\tAnna\tB-PER\n\n"
	if err := os.WriteFile(bad, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "eval", "ner", "--iob2", bad)
	if code != exitFailed {
		t.Errorf("bad line: exit %d, want %d", code, exitFailed)
	}
	if !strings.Contains(errs, "line 3") || !strings.Contains(errs, "TOWN") {
		t.Errorf("stderr %q does not name the bad line", errs)
	}
	if !strings.Contains(out, "2 sentences") {
		t.Errorf("the good sentences were not scored:\n%s", out)
	}
	if code, _, _ := runCmd(t, "", "eval", "ner", "--iob2", filepath.Join(dir, "missing.iob2")); code != exitFailed {
		t.Errorf("missing file: exit %d, want %d", code, exitFailed)
	}
}

func TestTrainNERSmall(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ner.bin")
	code, stdout, errs := runCmd(t, "", "train", "ner", "--train", nerFixture, "--dev", "none",
		"--unlabelled", "none", "--epochs", "2", "--document", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "wrote "+out) {
		t.Errorf("stdout %q", stdout)
	}
	code, stdout, errs = runCmd(t, "", "eval", "ner", "--iob2", nerFixture, "--model", out, "--context", "document")
	if code != exitOK || !strings.Contains(stdout, "overall") || !strings.Contains(stdout, "context document") {
		t.Errorf("eval of the trained model: exit %d\n%s%s", code, stdout, errs)
	}
	if code, _, _ := runCmd(t, "", "train", "ner", "--train", nerFixture, "extra"); code != exitUsage {
		t.Errorf("stray argument: exit %d, want %d", code, exitUsage)
	}
}
