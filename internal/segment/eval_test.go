package segment

import (
	"os"
	"strings"
	"testing"

	"annals/internal/shared"
	"annals/internal/text"
)

func readGold(t *testing.T, path string) ([]GoldDoc, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadGold(f, path)
}

func TestReadGold(t *testing.T) {
	docs, err := readGold(t, "testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	if want := "Talks resumed in Geneva. They didn't agree\n\nAna's team left."; docs[0].Text != want {
		t.Errorf("document 0 text %q, want %q", docs[0].Text, want)
	}
	if want := "I saw Mr. Li He waved."; docs[1].Text != want {
		t.Errorf("document 1 text %q, want %q", docs[1].Text, want)
	}
	slices := func(d GoldDoc, spans []text.Span) string {
		var out []string
		for _, s := range spans {
			out = append(out, d.Text[s.Start:s.End])
		}
		return strings.Join(out, "|")
	}
	d := docs[0]
	if got, want := slices(d, d.Tokens), "Talks|resumed|in|Geneva|.|They|didn't|agree|Ana's|team|left|."; got != want {
		t.Errorf("tokens %s, want %s", got, want)
	}
	if got, want := slices(d, d.Words), "Talks|resumed|in|Geneva|.|They|did|n't|agree|Ana|'s|team|left|."; got != want {
		t.Errorf("words %s, want %s", got, want)
	}
	if got, want := slices(d, d.Sentences), "Talks resumed in Geneva.|They didn't agree|Ana's team left."; got != want {
		t.Errorf("sentences %s, want %s", got, want)
	}
}

func TestReadGoldErrors(t *testing.T) {
	docs, err := readGold(t, "testdata/bad.conllu")
	if err == nil {
		t.Fatal("no error for a token missing from its text and a short line")
	}
	for _, want := range []string{"bad.conllu line 3:", `"three" not found`, "bad.conllu line 15: 3 columns"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	// The good sentence is still read.
	if len(docs) != 1 || len(docs[0].Sentences) != 1 || docs[0].Text != "One two. Four. Five" {
		t.Errorf("documents after errors: %+v", docs)
	}
}

func TestEvaluate(t *testing.T) {
	docs, err := readGold(t, "testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	rep, misses := Evaluate(New(), docs, 10)
	// Every token and word is right; "I saw Mr. Li He waved." has no stop
	// between its two sentences, so one sentence end is missed.
	if rep.Tokens != (Score{Gold: 19, Pred: 19, Match: 19}) {
		t.Errorf("tokens %+v", rep.Tokens)
	}
	if rep.Words != (Score{Gold: 21, Pred: 21, Match: 21}) {
		t.Errorf("words %+v", rep.Words)
	}
	if rep.Sentences != (Score{Gold: 5, Pred: 4, Match: 4}) {
		t.Errorf("sentences %+v", rep.Sentences)
	}
	if len(misses) != 1 || misses[0].Layer != "sentence" || !misses[0].Missed || docs[1].Text[:misses[0].Span.End] != "I saw Mr. Li" {
		t.Errorf("misses %+v", misses)
	}
	if f := rep.Sentences.F1(); f < 0.888 || f > 0.889 {
		t.Errorf("sentence F1 %.4f, want 8/9", f)
	}
}

// TestEWT measures the segmenter on UD English EWT dev and fails below
// the targets (the figures on test are reported by annals eval segment).
func TestEWT(t *testing.T) {
	path := shared.Require(t, "data/ud_english_ewt/en_ewt-ud-dev.conllu")
	docs, err := readGold(t, path)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := Evaluate(New(), docs, 0)
	t.Logf("EWT dev: token F1 %.2f%%, word F1 %.2f%%, sentence F1 %.2f%%", 100*rep.Tokens.F1(), 100*rep.Words.F1(), 100*rep.Sentences.F1())
	if rep.Tokens.F1() < 0.98 || rep.Sentences.F1() < 0.90 {
		t.Errorf("below target (token F1 ≥ 98%%, sentence F1 ≥ 90%%)")
	}
}
