package coref_test

import (
	"os"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/shared"
	"annals/internal/text"
)

// TestSeedEssay codes the seed essay (../shared, published 2025-11-20), checks
// that the document stays consistent, and logs every pronoun with its
// antecedent and actor for reading (-v). It asserts nothing about particular
// sentences: the essay is for measuring, and rules are not fitted to it.
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
	pronouns, resolved := 0, 0
	for _, m := range d.Mentions {
		if m.Label != text.LabelPron {
			continue
		}
		pronouns++
		ante := ""
		if m.Antecedent.Valid() {
			ante = d.Slice(d.Mentions[m.Antecedent].Span)
			resolved++
		}
		t.Logf("s%d %q → %q actor %q (%s)", m.Sentence, d.Slice(m.Span), ante, m.Actor.Name, m.Actor.Code)
	}
	t.Logf("%d pronouns, %d with an antecedent", pronouns, resolved)
}
