package coref_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/shared"
	"annals/internal/text"
)

// TestSeedEssay codes the seed essay (../shared, published 2025-11-20) and
// logs every third-person pronoun with its antecedent and actor. The issue
// expects two of its pronouns, one in a sentence about an answer given to
// Biden and one in a sentence about a weapons-testing order, to resolve to
// Putin and to Trump; the test reads those two from the file and checks them.
func TestSeedEssay(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	path := shared.Require(t, "seed/essay.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Skipf("default pipeline unavailable: %v", err)
	}
	d := text.New("essay", string(data))
	d.Published = time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	expect := map[string]string{ // the pronoun's next words → actor name
		"he answered Biden":       "Putin",
		"he ordered a restart of": "Trump",
	}
	for _, m := range d.Mentions {
		if m.Label != "PRON" {
			continue
		}
		ante := ""
		if m.Antecedent.Valid() {
			ante = d.Slice(d.Mentions[m.Antecedent].Span)
		}
		t.Logf("s%d %q → %q actor %q (%s)", m.Sentence, d.Slice(m.Span), ante, m.Actor.Name, m.Actor.Code)
		for lead, want := range expect {
			if strings.HasPrefix(d.Text[m.Start:], lead) {
				if !strings.Contains(m.Actor.Name, want) {
					t.Errorf("%q…: actor %q (antecedent %q), want %s", lead, m.Actor.Name, ante, want)
				}
				delete(expect, lead)
			}
		}
	}
	for lead := range expect {
		t.Errorf("no pronoun mention before %q", lead)
	}
}
