package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestActorsCommand(t *testing.T) {
	in := "Soviet troops left Kabul. Ukraine's army held Crimea."
	code, out, errs := runCmd(t, in, "actors", "--published", "1988-05-15")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r mentionRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad line %q: %v", l, err)
		}
		if in[r.Start:r.End] != r.Text {
			t.Errorf("offsets [%d,%d) give %q, text is %q", r.Start, r.End, in[r.Start:r.End], r.Text)
		}
		if r.Actor.Sector == nil {
			t.Errorf("%q: null sector", r.Text)
		}
		got = append(got, r.Text+"="+r.Actor.Code+"/"+r.Via)
	}
	want := "Soviet troops=SUNMIL/agent Kabul=AFGGOV/metonym Ukraine's army=UKRMIL/agent Crimea=UKR/name"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

func TestActorsCommandErrors(t *testing.T) {
	if code, _, _ := runCmd(t, "", "actors", "--published", "May 1988"); code != exitUsage {
		t.Errorf("bad --published: exit %d, want %d", code, exitUsage)
	}
	dir := t.TempDir()
	mine := filepath.Join(dir, "places.tsv")
	os.WriteFile(mine, []byte("# id\tkind\tcountry\tname\taliases\tdemonyms\tmetonyms\tdates\tsuccessor\nzedland\tplace\tNOR\tZedland\t-\t-\t-\t-\t-\nbad line\n"), 0o644)
	code, out, errs := runCmd(t, "Troops reached Zedland.", "actors", "--actors", mine, filepath.Join(dir, "absent.txt"), "-")
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	if !strings.Contains(errs, "places.tsv:3:") || !strings.Contains(errs, "absent.txt") {
		t.Errorf("stderr lacks the bad line or the missing file: %s", errs)
	}
	if !strings.Contains(out, `"code":"NOR"`) {
		t.Errorf("user place not found: %s", out)
	}
}

func TestEvalActorsCommand(t *testing.T) {
	gold := filepath.Join(t.TempDir(), "gold.jsonl")
	lines := []string{
		`{"id":"g1","event":"AGREE","text":"France and Japan signed a trade pact.","source":[{"actorText":"France","code":"FRA"}],"target":[{"actorText":"Japan","code":"JAP"}]}`,
		`{"id":"g2","event":"PROTEST","text":"Villagers protested on Sunday.","source":[{"actorText":"Villagers","code":"FRA"}],"target":""}`,
	}
	os.WriteFile(gold, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	code, out, errs := runCmd(t, "", "eval", "actors", "--gold", gold, "-v")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"found in their sentence: 2/3 = 66.7%", "source: 1/2   target: 1/1", `miss g2 source FRA "Villagers"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
