package depparse_test

import (
	"os"
	"strings"
	"testing"

	"annals/internal/conllu"
	"annals/internal/depparse"
	"annals/internal/pipeline"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/shared"
	"annals/internal/text"
)

func stages(t testing.TB) []pipeline.Stage {
	tg, err := postag.Load()
	if err != nil {
		t.Fatal(err)
	}
	p, err := depparse.Load()
	if err != nil {
		t.Fatal(err)
	}
	return []pipeline.Stage{segment.New(), tg, p}
}

func TestPipelineOrder(t *testing.T) {
	st := stages(t)
	if _, err := pipeline.New(st...); err != nil {
		t.Fatalf("segment, tagger, parser: %v", err)
	}
	if _, err := pipeline.New(st[0], st[2], st[1]); err == nil {
		t.Error("parser before tagger accepted")
	}
}

func TestEndToEnd(t *testing.T) {
	d := text.New("e2e", "Armed men seized the mayor's office on Tuesday. The army didn't respond.\n\nTalks resume next week.")
	for _, s := range stages(t) {
		if err := s.Process(d); err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	if !d.Has(text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerLemmas | text.LayerDeps) {
		t.Fatalf("layers %v", d.Layers())
	}
	for si, s := range d.Sentences {
		roots := 0
		for i := s.First; i < s.End; i++ {
			if d.Tokens[i].Head == text.NoToken {
				roots++
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d: %d roots", si, roots)
		}
	}
}

// rawEWT returns the "# text" lines of EWT dev, as one text per sentence.
func rawEWT(b testing.TB) []string {
	p := shared.Require(b, "data/ud_english_ewt/en_ewt-ud-dev.conllu")
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, p)
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, s := range sents {
		out = append(out, s.Text())
	}
	return out
}

// BenchmarkPipeline runs segment → tag → parse over EWT dev's raw
// sentences, 50 sentences a document.
func BenchmarkPipeline(b *testing.B) {
	texts := rawEWT(b)
	var docs []string
	for i := 0; i < len(texts); i += 50 {
		docs = append(docs, strings.Join(texts[i:min(i+50, len(texts))], " "))
	}
	st := stages(b)
	b.ResetTimer()
	c0 := depparse.CPUTimeForTest()
	words := 0
	for i := 0; i < b.N; i++ {
		d := text.New("b", docs[i%len(docs)])
		for _, s := range st {
			if err := s.Process(d); err != nil {
				b.Fatal(err)
			}
		}
		words += len(d.Tokens)
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if d := depparse.CPUTimeForTest() - c0; d > 0 {
		b.ReportMetric(float64(words)/d.Seconds(), "words/cpu-s")
	}
}

// BenchmarkTagParse tags and parses EWT dev with gold tokenization.
func BenchmarkTagParse(b *testing.B) {
	p := shared.Require(b, "data/ud_english_ewt/en_ewt-ud-dev.conllu")
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, p)
	if err != nil {
		b.Fatal(err)
	}
	var ws [][]string
	for _, s := range sents {
		var w []string
		for _, i := range s.Words() {
			w = append(w, s.Lines[i].Form)
		}
		ws = append(ws, w)
	}
	tg, err := postag.Load()
	if err != nil {
		b.Fatal(err)
	}
	pr, err := depparse.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	c0 := depparse.CPUTimeForTest()
	words := 0
	tags := []string{}
	upos := []text.POS{}
	for i := 0; i < b.N; i++ {
		w := ws[i%len(ws)]
		tags, upos = tags[:0], upos[:0]
		for _, t := range tg.Tag(w) {
			tags = append(tags, t.XPOS)
			upos = append(upos, t.UPOS)
		}
		pr.Parse(w, upos, tags)
		words += len(w)
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if d := depparse.CPUTimeForTest() - c0; d > 0 {
		b.ReportMetric(float64(words)/d.Seconds(), "words/cpu-s")
	}
}
