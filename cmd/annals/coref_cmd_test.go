package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalCorefUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"eval", "coref", "--nope"}},
		{"no splits.md", []string{"eval", "coref", "--gum", dir}},
		{"unknown split", []string{"eval", "coref", "--gum", filepath.Join(dir, "dep"), "--split", "nope"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "unknown split" {
				os.MkdirAll(filepath.Join(dir, "dep"), 0o755)
				os.WriteFile(filepath.Join(dir, "splits.md"), []byte("## test\n\n  * GUM_x\n"), 0o644)
			}
			code, _, errs := runCmd(t, "", tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d (%s)", code, exitUsage, errs)
			}
		})
	}
}

// TestEvalCorefJSON runs the evaluation over a one-document corpus of our
// own and reads the JSON report.
func TestEvalCorefJSON(t *testing.T) {
	dir := t.TempDir()
	dep := filepath.Join(dir, "dep")
	os.MkdirAll(dep, 0o755)
	os.WriteFile(filepath.Join(dir, "splits.md"), []byte("## test\n\n  * mine\n  * absent\n"), 0o644)
	doc := "# text = Anna met Tom.\n" +
		"1\tAnna\t_\t_\t_\t_\t_\t_\t_\tEntity=(1-person-new-x)\n" +
		"2\tmet\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"3\tTom\t_\t_\t_\t_\t_\t_\t_\tEntity=(2-person-new-x)|SpaceAfter=No\n" +
		"4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n" +
		"# text = She thanked him.\n" +
		"1\tShe\t_\t_\t_\t_\t_\t_\t_\tEntity=(1-person-giv-x)\n" +
		"2\tthanked\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"3\thim\t_\t_\t_\t_\t_\t_\t_\tEntity=(2-person-giv-x)|SpaceAfter=No\n" +
		"4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	os.WriteFile(filepath.Join(dep, "mine.conllu"), []byte(doc), 0o644)
	code, out, errs := runCmd(t, "", "eval", "coref", "--gum", dep, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Docs    int      `json:"docs"`
		Skipped []string `json:"skipped"`
		All     struct {
			Pronouns int `json:"pronouns"`
		} `json:"all"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rep.Docs != 1 || rep.All.Pronouns != 2 || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "absent") {
		t.Errorf("report %s", out)
	}
}
