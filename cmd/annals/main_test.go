package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/demo"
	"annals/internal/record"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// runCmd runs the command line in-process.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/annals -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s; run go test ./cmd/annals -update and review the diff.\n--- got (first 2000 bytes)\n%.2000s", path, got)
	}
}

// TestCodeDemoCorpus codes the demo corpus and compares one sorted line per
// event with the reviewed golden file.
func TestCodeDemoCorpus(t *testing.T) {
	code, out, errs := runCmd(t, string(demo.CorpusJSONL), "code", "--input", "jsonl", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r record.Event
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", l, err)
		}
		checkRecord(t, r)
		lines = append(lines, summary(r))
	}
	golden(t, "demo.golden", strings.Join(lines, "\n")+"\n")
}

// summary is one reviewable line per event.
func summary(r record.Event) string {
	arg := func(as []record.Argument) string {
		var s []string
		for _, a := range as {
			x := a.Text
			if a.Actor.Code != "" {
				x += "=" + a.Actor.Code
			}
			s = append(s, x)
		}
		return strings.Join(s, "+")
	}
	return strings.Join([]string{r.ID, r.EventType + "/" + r.Mode, r.CAMEO, "src:" + arg(r.Source), "tgt:" + arg(r.Target),
		"trig:" + r.Trigger.Text, "date:" + r.Date.Value + "/" + r.Date.Basis, r.Polarity, r.Modality, r.Certainty, "by:" + r.Attribution.Speaker}, " | ")
}

// checkRecord verifies the contract: every field present, offsets that
// point at the text they claim.
func checkRecord(t *testing.T, r record.Event) {
	t.Helper()
	if r.ID == "" || r.DocID == "" || r.EventType == "" || r.CAMEO == "" || r.QuadClass < 1 || r.QuadClass > 4 {
		t.Errorf("%s: missing core fields: %+v", r.ID, r)
	}
	if r.Source == nil || r.Target == nil || r.Context == nil || r.Evidence == nil {
		t.Errorf("%s: list fields must be present, not null", r.ID)
	}
	if r.Polarity == "" || r.Modality == "" || r.Certainty == "" || r.Attribution.Speaker == "" || r.Rule == "" {
		t.Errorf("%s: attributes missing", r.ID)
	}
	if r.Trigger.End <= r.Trigger.Start {
		t.Errorf("%s: empty trigger span", r.ID)
	}
}

func TestCodeOffsetsPointAtText(t *testing.T) {
	src := "Kenyan police arrested forty protesters in Nairobi on Sunday.\n\nThe Chadian army shelled the town."
	code, out, errs := runCmd(t, src, "code", "--published", "2025-01-10", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r record.Event
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		n++
		for _, s := range append([]record.Span{r.Trigger}, spans(r)...) {
			if s.Start < 0 || s.End > len(src) || src[s.Start:s.End] != s.Text {
				t.Errorf("%s: span %+v does not match the input text", r.ID, s)
			}
		}
		if r.Published != "2025-01-10" {
			t.Errorf("published = %q", r.Published)
		}
	}
	if n == 0 {
		t.Error("no events coded")
	}
}

func spans(r record.Event) []record.Span {
	var s []record.Span
	for _, a := range append(append([]record.Argument(nil), r.Source...), r.Target...) {
		s = append(s, a.Span)
	}
	for _, e := range r.Evidence {
		s = append(s, e.Span)
	}
	return s
}

func TestCodeExitStatuses(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Somali rebels attacked the convoy."), 0o644)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte{'o', 'k', 0x00, 0xff, 0xfe}, 0o644)
	latin := filepath.Join(dir, "latin.txt")
	os.WriteFile(latin, []byte("Rebels attacked the caf\xe9 in M\xe1laga."), 0o644)
	jl := filepath.Join(dir, "docs.jsonl")
	os.WriteFile(jl, []byte(`{"id":"a","text":"Malian troops shelled the village."}
{"id":"b","text":
{"id":"c","text":"Peruvian protesters blocked the road."}
`), 0o644)

	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   []string
		outLines int // events expected at least
	}{
		{"no command", nil, exitUsage, []string{"Usage"}, 0},
		{"unknown flag", []string{"code", "--nope"}, exitUsage, []string{"annals code: unknown flag: --nope"}, 0},
		{"bad format", []string{"code", "--format", "xml", good}, exitUsage, []string{"--format"}, 0},
		{"bad date", []string{"code", "--published", "20/11/2025", good}, exitUsage, []string{"YYYY-MM-DD"}, 0},
		{"missing file", []string{"code", filepath.Join(dir, "nope.txt"), good}, exitFailed, []string{"nope.txt"}, 1},
		{"not text", []string{"code", bad, good}, exitFailed, []string{"bad.txt", "not text"}, 1},
		{"latin-1", []string{"code", latin}, exitOK, []string{"latin.txt", "read as Windows-1252"}, 0},
		{"bad json line", []string{"code", "--input", "jsonl", jl}, exitFailed, []string{"docs.jsonl:2"}, 2},
		{"good", []string{"code", good}, exitOK, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errs)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
			if got := strings.Count(out, "\n"); got < tt.outLines {
				t.Errorf("%d output lines, want at least %d", got, tt.outLines)
			}
		})
	}
}

func TestCodeFormats(t *testing.T) {
	for _, f := range []string{"table", "csv"} {
		code, out, errs := runCmd(t, "Somali rebels attacked the convoy.", "code", "--format", f, "-")
		if code != exitOK || !strings.Contains(out, "ASSAULT") {
			t.Errorf("--format %s: exit %d, out %q, err %q", f, code, out, errs)
		}
	}
	code, out, _ := runCmd(t, "Somali rebels attacked the convoy.", "code", "--explain", "-")
	if code != exitOK || !strings.Contains(out, "trigger") || !strings.Contains(out, "rule") {
		t.Errorf("--explain: %q", out)
	}
}

// TestIncompleteEvents checks that an event with no coded actor on either
// side is left out by default and printed, marked, with --all.
func TestIncompleteEvents(t *testing.T) {
	for _, src := range []string{"Gunmen attacked a convoy on the highway.", "Unknown assailants kidnapped two engineers."} {
		_, out, _ := runCmd(t, src, "code", "-")
		if strings.TrimSpace(out) != "" {
			t.Errorf("%q: events with no coded actor printed by default: %s", src, out)
		}
		_, out, _ = runCmd(t, src, "code", "--all", "-")
		if !strings.Contains(out, `"incomplete":true`) {
			t.Errorf("%q --all: no event marked incomplete: %s", src, out)
		}
	}
	_, out, _ := runCmd(t, "Ethiopian troops attacked a convoy on the highway.", "code", "-")
	if !strings.Contains(out, "ASSAULT") || strings.Contains(out, `"incomplete"`) {
		t.Errorf("event with a coded source: %s", out)
	}
}

func TestFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	os.WriteFile(f, []byte("Somali rebels attacked the convoy."), 0o644)
	code, out, errs := runCmd(t, "", "code", f, "--published", "2025-11-20", "--format", "table")
	if code != exitOK || !strings.Contains(out, "2025-11-20") || !strings.Contains(out, "TRIGGER") {
		t.Errorf("exit %d, out %q, err %q", code, out, errs)
	}
	// After "--", a dash-prefixed name is a file, not a flag.
	code, _, errs = runCmd(t, "", "code", "--", "--published")
	if code != exitFailed || !strings.Contains(errs, "--published") {
		t.Errorf("after --: exit %d, err %q", code, errs)
	}
}
