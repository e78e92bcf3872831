package event_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/record"
	"annals/internal/text"
)

var update = flag.Bool("update", false, "rewrite the events section of testdata/graph-*.txtar, roles-*.txtar and rank-*.txtar with the events coded")

// TestGraphRules codes the input of every testdata/graph-*.txtar and
// roles-*.txtar (one sentence a line, each its own document, written for
// the test of one rule that reads the enhanced dependency graph or one
// row of the role table; rank-*.txtar for the role ranker) with the default
// pipeline and compares the events with its events section: one line an
// event, "line: TYPE trigger source -> target", sorted. The whole
// pipeline runs, so a case can also change with the parser or lexicon.
func TestGraphRules(t *testing.T) {
	files, err := filepath.Glob("testdata/graph-*.txtar")
	roles, err2 := filepath.Glob("testdata/roles-*.txtar")
	ranked, err3 := filepath.Glob("testdata/rank-*.txtar")
	files = append(append(files, roles...), ranked...)
	if err != nil || err2 != nil || err3 != nil || len(files) == 0 {
		t.Fatalf("no testdata/graph-*.txtar: %v %v %v", err, err2, err3)
	}
	// The rules' cases are coded by the rules alone; rank-*.txtar with
	// the trained role ranker, as annals codes by default.
	rules, err := coder.New(coder.Options{RulesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	full, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		p := rules
		if strings.HasPrefix(filepath.Base(file), "rank-") {
			p = full
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		comment, sections, err := readTxtar(string(src))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var got []string
		for i, line := range strings.Split(strings.TrimSpace(sections["input"]), "\n") {
			d := text.New(fmt.Sprint(i+1), line)
			d.Published = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
			if err := p.Process(d); err != nil {
				t.Fatalf("%s line %d: %v", file, i+1, err)
			}
			for _, e := range record.FromDocument(d) {
				got = append(got, fmt.Sprintf("%d: %s %q %s -> %s", i+1, e.EventType, e.Trigger.Text, codes(e.Source), codes(e.Target)))
			}
		}
		slices.Sort(got)
		out := strings.Join(got, "\n") + "\n"
		if *update {
			sections["events"] = out
			if err := os.WriteFile(file, []byte(writeTxtar(comment, sections, "input", "events")), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if want := sections["events"]; out != want {
			t.Errorf("%s: events\n%s\nwant\n%s", file, out, want)
		}
	}
}

// codes lists the actor codes of args ("-" for an argument without one).
func codes(args []record.Argument) string {
	if len(args) == 0 {
		return "_"
	}
	var cs []string
	for _, a := range args {
		c := a.Actor.Code
		if c == "" {
			c = "-"
		}
		cs = append(cs, c)
	}
	return strings.Join(cs, ",")
}

// readTxtar splits a txtar archive: a comment, then sections each opened
// by a "-- name --" line.
func readTxtar(s string) (comment string, sections map[string]string, err error) {
	sections = map[string]string{}
	name := ""
	var b strings.Builder
	flush := func() {
		if name == "" {
			comment = b.String()
		} else {
			sections[name] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		l := strings.TrimRight(line, "\n")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			flush()
			name = strings.TrimSpace(l[3 : len(l)-3])
			if _, dup := sections[name]; dup {
				return "", nil, fmt.Errorf("section %q twice", name)
			}
			continue
		}
		b.WriteString(line)
	}
	flush()
	if _, ok := sections["input"]; !ok {
		return "", nil, fmt.Errorf("no input section")
	}
	return comment, sections, nil
}

func writeTxtar(comment string, sections map[string]string, order ...string) string {
	var b strings.Builder
	b.WriteString(comment)
	for _, name := range order {
		b.WriteString("-- " + name + " --\n")
		b.WriteString(sections[name])
	}
	return b.String()
}
