package coder

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHyphenatedTriggers checks that a trigger written with a hyphen
// matches the word the tokenizer splits in three ("walk - out"), wherever
// the tagger puts its parts, that the event's trigger is the whole word,
// and that the parts alone or spaced apart are no match. The sentences
// and the lexicon line were written for this test.
func TestHyphenatedTriggers(t *testing.T) {
	lex := filepath.Join(t.TempDir(), "hyphen.tsv")
	if err := os.WriteFile(lex, []byte("# test lexicon\nwalk-out\tN\tPROTEST\tstrike\t143\t-\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Lexicons: []string{lex}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Nigerian doctors began a walk-out at state hospitals in Lagos on Monday.", true},
		{"The walk-outs by Chilean dock workers closed the port of Valparaiso.", true},
		{"Kenyan nurses will walk out of the talks, their union said.", false},
		{"Brazilian teachers said they would walk - out later.", false},
	} {
		got, _ := codeAt(t, p, c.text, "walk")
		hit := got != nil && got.EventType == "PROTEST" && (got.Trigger.Text == "walk-out" || got.Trigger.Text == "walk-outs")
		if hit != c.want {
			trig := ""
			if got != nil {
				trig = got.EventType + " at " + got.Trigger.Text
			}
			t.Errorf("%q: coded %q, want a walk-out PROTEST: %v", c.text, trig, c.want)
		}
	}
}
