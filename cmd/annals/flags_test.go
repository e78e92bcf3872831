package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpExitsZero: "-h" and "--help" print the command's full usage on
// standard output and exit 0, for every command, before any work is done.
func TestHelpExitsZero(t *testing.T) {
	cmds := [][]string{
		{"code"}, {"actors"}, {"parse"}, {"ingest"}, {"serve"}, {"query"}, {"export"}, {"migrate"},
		{"demo"}, {"demo", "serve"}, {"eval"}, {"eval", "events"}, {"eval", "parse"},
		{"eval", "segment"}, {"eval", "ner"}, {"eval", "actors"}, {"eval", "coref"},
		{"train"}, {"train", "core"}, {"train", "tagger"}, {"train", "ner"}, {"train", "roles"},
	}
	for _, c := range cmds {
		for _, h := range []string{"-h", "--help"} {
			name := strings.Join(c, " ")
			t.Run(name+" "+h, func(t *testing.T) {
				code, out, errs := runCmd(t, "", append(append([]string(nil), c...), h)...)
				if code != exitOK {
					t.Errorf("exit %d, want 0; stderr %q", code, errs)
				}
				if !strings.HasPrefix(out, "usage: annals "+name) {
					t.Errorf("stdout does not start with the usage of %q: %.200q", name, out)
				}
				if errs != "" {
					t.Errorf("stderr not empty: %q", errs)
				}
			})
		}
	}
}

// TestTopUsageListsEveryCommand: the top usage names every command that
// run dispatches, and "annals help COMMAND" is the command's --help.
func TestTopUsageListsEveryCommand(t *testing.T) {
	code, out, _ := runCmd(t, "", "help")
	if code != exitOK {
		t.Fatalf("annals help: exit %d", code)
	}
	for _, c := range []string{"code", "actors", "parse", "ingest", "serve", "query", "export", "migrate", "demo", "eval", "train", "version"} {
		if !strings.Contains(out, "\n  annals "+c+" ") && !strings.Contains(out, "\n  annals "+c+"\n") {
			t.Errorf("top usage lacks %q", c)
		}
	}
	for _, m := range []string{"tagger", "parser", "lemmatizer", "core", "ner"} {
		if !strings.Contains(out, m) {
			t.Errorf("top usage lacks train model %q", m)
		}
	}
	code, out, _ = runCmd(t, "", "help", "export")
	if code != exitOK || !strings.HasPrefix(out, "usage: annals export") {
		t.Errorf("annals help export: exit %d, %.100q", code, out)
	}
}

// TestFlagErrorsNameTheCommand: a bad flag or argument is reported under the
// name of the command that ran, with exit status 2.
func TestFlagErrorsNameTheCommand(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export", "--colour"}, "annals export: unknown flag: --colour"},
		{[]string{"serve", "stray"}, "annals serve: unexpected arguments"},
		{[]string{"eval", "parse"}, "annals eval parse: --conllu FILE is required"},
		{[]string{"actors", "--input", "xml"}, "annals actors: --input"},
		{[]string{"code", "-published", "2020-01-01"}, "annals code: unknown shorthand flag"},
		{[]string{"query", "--format=yaml", "top-actors"}, "annals query: --format"},
	}
	for _, tt := range tests {
		code, _, errs := runCmd(t, "", tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

// TestCodeJSONLByExtension: a file named *.jsonl is read as JSON lines
// without --input, and its records' ids name the events; --input text
// still reads it as one plain document.
func TestCodeJSONLByExtension(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wire.jsonl")
	os.WriteFile(path, []byte(`{"id":"wire-17","text":"Turkish troops attacked Kurdish militias near the border.","published":"2024-03-02"}
{"id":"wire-18","text":"Germany condemned the Iranian government on Sunday."}
`), 0o644)
	code, out, errs := runCmd(t, "", "code", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"doc_id":"wire-17"`) || !strings.Contains(out, `"doc_id":"wire-18"`) {
		t.Errorf("events do not carry the records' ids:\n%s", out)
	}
	_, out, _ = runCmd(t, "", "code", "--input", "text", path)
	if strings.Contains(out, `"doc_id":"wire-17"`) {
		t.Errorf("--input text still read the file as JSON lines")
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCmd(t, "", "version")
	if code != exitOK || !strings.HasPrefix(out, "annals ") || !strings.Contains(out, "go1.") {
		t.Errorf("annals version: exit %d, %q", code, out)
	}
}

// TestExplainKeepsMachineOutputClean: with --explain, JSON lines stay one
// valid object a line carrying an "explain" field, CSV stays rows of the
// header's width with the explanation on standard error, and the table
// shows it under each event.
func TestExplainKeepsMachineOutputClean(t *testing.T) {
	src := "Turkish troops shelled Kurdish positions in Syria.\n\nThe Dutch foreign minister criticised Russia on Friday."
	code, out, errs := runCmd(t, src, "code", "--explain", "--format", "jsonl", "--published", "2023-05-05", "-")
	if code != exitOK {
		t.Fatalf("jsonl: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatal("jsonl: no events")
	}
	for i, l := range lines {
		var r struct {
			ID      string   `json:"id"`
			Explain []string `json:"explain"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("jsonl line %d is not JSON: %v: %q", i+1, err, l)
		}
		if r.ID == "" || len(r.Explain) < 2 || !strings.Contains(strings.Join(r.Explain, "\n"), "trigger") {
			t.Errorf("jsonl line %d: id %q, explain %q", i+1, r.ID, r.Explain)
		}
	}

	code, out, errs = runCmd(t, src, "code", "--explain", "--format", "csv", "--published", "2023-05-05", "-")
	if code != exitOK {
		t.Fatalf("csv: exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("csv with --explain does not parse: %v (%d rows)\n%s", err, len(rows), out)
	}
	if !strings.Contains(errs, "trigger") {
		t.Errorf("csv: the explanation is not on standard error: %q", errs)
	}

	_, out, _ = runCmd(t, src, "code", "--explain", "--format", "table", "-")
	if !strings.Contains(out, "TRIGGER") || !strings.Contains(out, "    trigger") {
		t.Errorf("table: no explanation under the events:\n%s", out)
	}
}
