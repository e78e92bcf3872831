package timex

import (
	"sync"
	"testing"

	"annals/internal/pipeline"
	"annals/internal/segment"
	"annals/internal/text"
)

func TestStage(t *testing.T) {
	tg := New()
	if tg.Name() != "timex" || tg.Requires() != text.LayerTokens|text.LayerSentences || tg.Provides() != text.LayerTimex {
		t.Errorf("stage %q requires %s provides %s", tg.Name(), tg.Requires(), tg.Provides())
	}
	if _, err := pipeline.New(segment.New(), tg); err != nil {
		t.Errorf("pipeline after the segmenter: %v", err)
	}
	if _, err := pipeline.New(tg); err == nil {
		t.Error("pipeline without a segmenter: no error")
	}
	if err := tg.Process(text.New("x", "In 2014 it rained.")); err == nil {
		t.Error("Process without tokens: no error")
	}
}

func TestKindNames(t *testing.T) {
	for k := KindDate; k < numKinds; k++ {
		got, err := ParseKind(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, err)
		}
	}
	if _, err := ParseKind("century"); err == nil {
		t.Error(`ParseKind("century"): no error`)
	}
}

func TestTables(t *testing.T) {
	if tb := loadTables(); tb.err != nil {
		t.Fatal(tb.err)
	}
	if _, err := parseLexicon("month\tjanuary\n", "bad"); err == nil {
		t.Error("lexicon line with 2 fields: no error")
	}
	if _, err := parseLexicon("moon\tjanuary\t1\n", "bad"); err == nil {
		t.Error("unknown lexicon kind: no error")
	}
	if _, _, err := parsePeriods("x\t1991-13\tsome war\n", "bad"); err == nil {
		t.Error("period with month 13: no error")
	}
	_, all, err := parsePeriods(periodsTSV, "periods")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range all {
		if seen[p.id] {
			t.Errorf("period id %q twice", p.id)
		}
		seen[p.id] = true
		if p.val.rng && p.val.b.time().Before(p.val.a.time()) {
			t.Errorf("period %s ends before it starts: %s", p.id, p.val)
		}
	}
}

// TestConcurrent runs one Tagger over many documents at once (run with
// -race).
func TestConcurrent(t *testing.T) {
	tg := New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := expressionCases[i*7%len(expressionCases)]
			doc := testDoc(c.in, pub)
			if err := tg.Process(doc); err != nil {
				t.Error(err)
				return
			}
			if got := render(doc); got != c.want {
				t.Errorf("%q: got %q, want %q", c.in, got, c.want)
			}
		}()
	}
	wg.Wait()
}
