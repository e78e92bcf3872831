package enhanced_test

import (
	"testing"

	"annals/internal/depparse"
	"annals/internal/enhanced"
	"annals/internal/pipeline"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/text"
)

// TestPipeline runs the stage after the real tagger and parser on text
// written for this test and checks the document's invariants, the
// stage's place in the pipeline, and that every token has a head.
func TestPipeline(t *testing.T) {
	tg, err := postag.Load()
	if err != nil {
		t.Fatal(err)
	}
	p, err := depparse.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.New(segment.New(), tg, enhanced.New(), p); err == nil {
		t.Error("graph before the parser accepted")
	}
	pl, err := pipeline.New(segment.New(), tg, p, enhanced.New())
	if err != nil {
		t.Fatal(err)
	}
	d := text.New("p", "The envoys who met in Oslo agreed to resume talks and to free prisoners.\n\n"+
		"Protesters were dispersed by police, according to witnesses. Nobody asked them to leave!")
	if err := pl.Process(d); err != nil {
		t.Fatal(err)
	}
	if !d.Has(text.LayerGraph) {
		t.Fatal("no graph layer")
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	for i := range d.Tokens {
		if len(d.HeadArcs(text.TokenID(i))) == 0 {
			t.Errorf("token %d %q has no head in the graph", i, d.TokenText(text.TokenID(i)))
		}
	}
	if len(d.Graph) <= len(d.Tokens) {
		t.Errorf("graph has %d arcs for %d tokens; want more arcs than the tree's (control, conjuncts, ref)", len(d.Graph), len(d.Tokens))
	}
}
