package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpExitsZero: "-h" and "--help" print the command's full usage on
// standard output and exit 0, for every command, before any work is done.
func TestHelpExitsZero(t *testing.T) {
	cmds := [][]string{
		{"code"}, {"actors"}, {"parse"}, {"ingest"}, {"serve"}, {"query"}, {"export"},
		{"demo"}, {"demo", "serve"}, {"eval"}, {"eval", "events"}, {"eval", "parse"},
		{"eval", "segment"}, {"eval", "ner"}, {"eval", "actors"}, {"eval", "coref"},
		{"train"}, {"train", "core"}, {"train", "tagger"}, {"train", "ner"},
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
	for _, c := range []string{"code", "actors", "parse", "ingest", "serve", "query", "export", "demo", "eval", "train", "version"} {
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
