package event

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// The readers of the event tables (lexicon, cues, frames, roles) must not
// panic on any input, and every problem they report must name the file
// and the line ("name.tsv:12: reason"), or the file for a read error
// ("name.tsv: reason"). Seeds: the head of each embedded table, and
// malformed lines of our own.

// headLines returns the first n lines of b.
func headLines(b []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return b
		}
		i += j + 1
	}
	return b[:i]
}

var tableSeeds = []string{
	"",
	"\n\n# only a comment\n",
	"one field\n",
	"a\tb\tc\td\te\tf\tg\th\n",
	"\t\t\t\t\t\n",
	"x\r\ny\tz\r\n",
	"word\tV\tASSAULT\t-\t190\t-\n\xff\xfe\tN\t\t\t\t\n",
	"word\tV\tNOSUCH\tmode\t999\t-\n",
	"not\tnegation\tnegated\nmaybe\tcertainty\tsometimes\nsaid\treport\t\n",
	"*\ttarget\tobj,,obl:\nACCUSE/\ttarget\tobj/\n",
	"intent\tCONSULT\t*\tAGREE\tbogus\t036\n",
	strings.Repeat("x", 70000) + "\n",
}

// checkErr fails unless every line of err's message names file, and the
// line where it can.
func checkErr(t *testing.T, file string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	re := regexp.MustCompile(`^([a-z]+: )?` + regexp.QuoteMeta(file) + `(:[0-9]+)?: \S`)
	for _, line := range strings.Split(err.Error(), "\n") {
		if !re.MatchString(line) {
			t.Fatalf("error line %q does not name %s and a line", line, file)
		}
	}
}

func fuzzTable(f *testing.F, embedded []byte, load func(t *testing.T, in []byte)) {
	f.Add(headLines(embedded, 40))
	for _, s := range tableSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(load)
}

func FuzzLoadLexicon(f *testing.F) {
	fuzzTable(f, handLexicon, func(t *testing.T, in []byte) {
		l, err := LoadLexicon(bytes.NewReader(in), "fuzz.tsv")
		checkErr(t, "fuzz.tsv", err)
		// What was read can be merged and looked up.
		base, _ := LoadLexicon(bytes.NewReader(headLines(handLexicon, 40)), "hand.tsv")
		base.Merge(l)
		for _, w := range []string{"attack", "promise", "", "x"} {
			base.Candidates(w, w)
			l.Candidates(w, w)
		}
		_ = l.Len() + base.Len()
	})
}

func FuzzLoadCues(f *testing.F) {
	fuzzTable(f, defaultCues, func(t *testing.T, in []byte) {
		_, err := LoadCues(bytes.NewReader(in), "cues.tsv")
		checkErr(t, "cues.tsv", err)
	})
}

func FuzzLoadFrames(f *testing.F) {
	fuzzTable(f, defaultFrames, func(t *testing.T, in []byte) {
		fr, err := LoadFrames(bytes.NewReader(in), "frames.tsv")
		checkErr(t, "frames.tsv", err)
		if err == nil {
			fr.find("intent", "CONSULT", "")
		}
	})
}

func FuzzLoadRoles(f *testing.F) {
	fuzzTable(f, defaultRoles, func(t *testing.T, in []byte) {
		ro, err := LoadRoles(bytes.NewReader(in), "roles.tsv")
		checkErr(t, "roles.tsv", err)
		if err == nil {
			ro.paths("ACCUSE", "", SlotTarget)
		}
	})
}
