package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestEvalSegmentCommand(t *testing.T) {
	call := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
		return code, out.String(), errb.String()
	}
	const small = "../../internal/segment/testdata/small.conllu"

	code, out, errs := call("eval", "segment", "--conllu", small, "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rep struct {
		Documents int
		Tokens    struct{ Gold, Matched int }
		Sentences struct {
			Gold, Predicted, Matched int
			F1                       float64
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if rep.Documents != 2 || rep.Tokens.Gold != 19 || rep.Tokens.Matched != 19 || rep.Sentences.Gold != 5 || rep.Sentences.Matched != 4 {
		t.Errorf("report %+v", rep)
	}

	code, out, _ = call("eval", "segment", "--conllu", small, "--errors", "5")
	if code != exitOK || !strings.Contains(out, "sentences ") || !strings.Contains(out, "sentence missed d2: I saw Mr. Li|| He waved.") {
		t.Errorf("table output (exit %d):\n%s", code, out)
	}

	if code, _, _ := call("eval", "segment"); code != exitUsage {
		t.Errorf("no --conllu: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := call("eval", "segment", "--conllu", "testdata/no-such-file.conllu"); code != exitFailed {
		t.Errorf("missing file: exit %d, want %d", code, exitFailed)
	}
	code, out, errs = call("eval", "segment", "--conllu", "../../internal/segment/testdata/bad.conllu")
	if code != exitFailed || !strings.Contains(errs, "line 3") || !strings.Contains(out, "tokens") {
		t.Errorf("bad file: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
