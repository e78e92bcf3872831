package timex

import (
	"os"
	"testing"
	"time"

	"annals/internal/segment"
	"annals/internal/shared"
	"annals/internal/text"
)

// TestEssay runs the stage over the project's reference essay (published
// 2025-11-20) when ../shared is present, and logs what it finds. It asserts
// only the invariants: the essay is not a fixture.
func TestEssay(t *testing.T) {
	path := shared.Require(t, "seed/essay.txt")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := text.New("essay", string(src))
	doc.Published = time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	seg := segment.New()
	if err := seg.Process(doc); err != nil {
		t.Fatal(err)
	}
	doc.Mark(seg.Provides())
	if err := New().Process(doc); err != nil {
		t.Fatal(err)
	}
	if err := doc.Check(); err != nil {
		t.Fatal(err)
	}
	for i, x := range doc.Timexes {
		h := HintOf(doc, text.TimexID(i))
		extra := ""
		switch h.Kind {
		case KindPeriod:
			extra = " period=" + h.Period
		case KindTerm:
			extra = " role=" + h.Role + " holder=" + doc.Slice(h.Holder)
		}
		t.Logf("s%-3d %-40q %-24s %-6s %-9s %-9s anchor=%d%s", x.Sentence, doc.Slice(x.Span), x.Value, x.Precision, x.Basis, h.Kind, x.Anchor, extra)
	}
	t.Logf("%d expressions in %d sentences", len(doc.Timexes), len(doc.Sentences))
}
