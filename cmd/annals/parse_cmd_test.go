package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"annals/internal/conllu"
)

func callParse(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

const conlluSmall = "../../internal/conllu/testdata/small.conllu"

func TestParseConllu(t *testing.T) {
	code, out, errs := callParse("", "parse", "--conllu", conlluSmall)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, err := conllu.ReadAll(strings.NewReader(out), "out")
	if err != nil {
		t.Fatalf("output is not CoNLL-U: %v\n%s", err, out)
	}
	want, _ := conllu.ReadAll(mustOpen(t, conlluSmall), conlluSmall)
	if len(got) != len(want) {
		t.Fatalf("%d sentences out, %d in", len(got), len(want))
	}
	for i := range got {
		if len(got[i].Lines) != len(want[i].Lines) || strings.Join(got[i].Comments, "\n") != strings.Join(want[i].Comments, "\n") {
			t.Errorf("sentence %d: lines or comments changed", i)
			continue
		}
		roots := 0
		for j, l := range got[i].Lines {
			w := want[i].Lines[j]
			if l.Kind != w.Kind || l.Form != w.Form || l.Misc != w.Misc {
				t.Errorf("sentence %d line %d: tokenization changed: %+v", i, j, l)
			}
			if l.Kind == conllu.Word {
				if l.UPOS == "_" || l.XPOS == "_" || l.Lemma == "_" || l.Head == conllu.NoHead || l.Deprel == "_" {
					t.Errorf("sentence %d word %d: not annotated: %+v", i, l.ID, l)
				}
				if !strings.Contains("|"+l.Deps, "|"+strconv.Itoa(l.Head)+":") {
					t.Errorf("sentence %d word %d: DEPS %q lacks the basic head %d", i, l.ID, l.Deps, l.Head)
				}
				if l.Head == 0 {
					roots++
				}
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d: %d roots", i, roots)
		}
	}
}

func TestParseRaw(t *testing.T) {
	code, out, errs := callParse("Rebels didn't withdraw. The talks failed.\n", "parse")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sents, err := conllu.ReadAll(strings.NewReader(out), "out")
	if err != nil || len(sents) != 2 {
		t.Fatalf("%d sentences, error %v:\n%s", len(sents), err, out)
	}
	if txt, _ := sents[0].Comment("text"); txt != "Rebels didn't withdraw." {
		t.Errorf("# text = %q", txt)
	}
	if l := sents[0].Lines[1]; l.Kind != conllu.MultiWord || l.Form != "didn't" || l.Misc != "TokenRange=7:13" {
		t.Errorf("multi-word token line %+v", l)
	}
}

func TestParseUsage(t *testing.T) {
	if code, _, _ := callParse("", "parse", "--nope"); code != exitUsage {
		t.Errorf("bad flag: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := callParse("", "parse", "a", "b"); code != exitUsage {
		t.Errorf("two files: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := callParse("", "parse", "--conllu", "/nonexistent/x.conllu"); code != exitFailed {
		t.Errorf("missing file: exit %d, want %d", code, exitFailed)
	}
	if code, _, _ := callParse("", "eval", "parse"); code != exitUsage {
		t.Errorf("eval parse without --conllu: exit %d, want %d", code, exitUsage)
	}
	// a bad sentence is reported, the good one still parsed
	bad := "1\tA\t_\t_\t_\t_\t0\t_\t_\n\n1\tRain\t_\t_\t_\t_\t_\t_\t_\t_\n2\tfell\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	code, out, errs := callParse(bad, "parse", "--conllu", "-")
	if code != exitFailed || !strings.Contains(errs, "<stdin>:1:") || !strings.Contains(out, "fell") {
		t.Errorf("bad sentence: exit %d, stderr %q, out %q", code, errs, out)
	}
}

func TestEvalParseJSON(t *testing.T) {
	code, out, errs := callParse("", "eval", "parse", "--conllu", conlluSmall, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Tokens         int
		UPOS, UAS, LAS float64
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Tokens != 10 || r.UAS < r.LAS || r.UPOS <= 0 || r.UPOS > 100 {
		t.Errorf("report %+v", r)
	}
}

func TestEvalParseEnhanced(t *testing.T) {
	code, out, errs := callParse("", "eval", "parse", "--conllu", conlluSmall, "--json", "--enhanced")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		ELAS          *float64 `json:"elas"`
		ELASGoldTrees *float64 `json:"elas_gold_trees"`
		ELASBasic     *float64 `json:"elas_basic_copied"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, f := range []*float64{r.ELAS, r.ELASGoldTrees, r.ELASBasic} {
		if f == nil || *f <= 0 || *f > 100 {
			t.Fatalf("ELAS figures missing or out of range: %s", out)
		}
	}
	code, out, _ = callParse("", "eval", "parse", "--conllu", conlluSmall)
	if code != exitOK || strings.Contains(out, "ELAS") {
		t.Errorf("ELAS printed without --enhanced:\n%s", out)
	}
}

func mustOpen(t *testing.T, path string) *bytes.Reader {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

func TestEvalParseGoldTags(t *testing.T) {
	code, out, errs := callParse("", "eval", "parse", "--conllu", conlluSmall, "--json", "--gold-tags")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		GoldTags bool `json:"gold_tags"`
		UAS, LAS float64
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || !r.GoldTags || r.UAS < r.LAS {
		t.Errorf("report %+v, error %v", r, err)
	}
	code, out, _ = callParse("", "eval", "parse", "--conllu", conlluSmall, "--errors", "3")
	if code != exitOK || !strings.Contains(out, "most frequent errors") {
		t.Errorf("--errors: exit %d\n%s", code, out)
	}
}
