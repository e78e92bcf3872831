package postag

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"

	"annals/internal/conllu"
	"annals/internal/shared"
	"annals/internal/text"
	"annals/internal/wordclass"
)

func TestLemmatizerLearnsRules(t *testing.T) {
	ex := []LemmaExample{
		{"cats", "NNS", "cat"}, {"dogs", "NNS", "dog"}, {"pens", "NNS", "pen"},
		{"cities", "NNS", "city"}, {"parties", "NNS", "party"}, {"ladies", "NNS", "lady"},
		{"walked", "VBD", "walk"}, {"jumped", "VBD", "jump"}, {"went", "VBD", "go"},
		{"Paris", "NNP", "Paris"}, {"men", "NNS", "man"},
	}
	l := TrainLemmatizer(ex)
	for _, tc := range []struct{ form, xpos, want string }{
		{"hats", "NNS", "hat"},
		{"armies", "NNS", "army"},
		{"talked", "VBD", "talk"},
		{"went", "VBD", "go"},
		{"Went", "VBD", "go"},
		{"Boston", "NNP", "Boston"},
		{"Hats", "NNS", "hat"},
		{"men", "NNS", "man"},
		{"quickly", "RB", "quickly"},
	} {
		if got := l.Lemma(tc.form, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tc.form, tc.xpos, got, tc.want)
		}
	}
	var buf bytes.Buffer
	if err := l.Write(&buf); err != nil {
		t.Fatal(err)
	}
	l2, err := ReadLemmatizer(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if l2.Lemma("armies", "NNS") != "army" || l2.Lemma("went", "VBD") != "go" {
		t.Error("lemmatizer changed in a write/read round trip")
	}
	if _, err := ReadLemmatizer(bytes.NewBufferString("r\tNNS\n")); err == nil {
		t.Error("bad line accepted")
	}
}

func TestLoad(t *testing.T) {
	start := time.Now()
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 300*time.Millisecond {
		t.Logf("loading took %s (target: under 300 ms)", d)
	}
	tags := tg.Tag([]string{"Three", "reporters", "visited", "the", "border", "town", "on", "Friday", "."})
	if len(tags) != 9 {
		t.Fatalf("%d tags for 9 words", len(tags))
	}
	for i, tag := range tags {
		if tag.UPOS == text.NoPOS || tag.XPOS == "" || tag.Lemma == "" {
			t.Errorf("word %d: empty tagging %+v", i, tag)
		}
	}
	if len(tg.Tag(nil)) != 0 {
		t.Error("tags for no words")
	}
}

// doc builds a document with one token per space-separated word and one
// sentence per line.
func doc(src string) *text.Document {
	d := text.New("t", src)
	start := -1
	for i := 0; i <= len(src); i++ {
		if i == len(src) || src[i] == ' ' || src[i] == '\n' {
			if start >= 0 {
				d.Tokens = append(d.Tokens, text.Token{Span: text.Span{Start: start, End: i}, Sentence: text.SentenceID(len(d.Sentences))})
				start = -1
			}
			if i == len(src) || src[i] == '\n' {
				first := text.TokenID(0)
				if len(d.Sentences) > 0 {
					first = d.Sentences[len(d.Sentences)-1].End
				}
				end := text.TokenID(len(d.Tokens))
				if end > first {
					d.Sentences = append(d.Sentences, text.Sentence{Span: text.Span{Start: d.Tokens[first].Start, End: d.Tokens[end-1].End}, First: first, End: end})
				}
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	d.Mark(text.LayerTokens | text.LayerSentences)
	return d
}

func TestStage(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	d := doc("The council approved the plan .\nProtesters gathered outside .")
	if err := tg.Process(d); err != nil {
		t.Fatal(err)
	}
	if !d.Has(text.LayerPOS | text.LayerLemmas) {
		t.Errorf("layers %v after tagging", d.Layers())
	}
	if err := d.Check(); err != nil {
		t.Error(err)
	}
	for i, tok := range d.Tokens {
		if tok.UPOS == text.NoPOS || tok.Lemma == "" {
			t.Errorf("token %d %q untagged", i, d.TokenText(text.TokenID(i)))
		}
	}
}

func readEWT(t testing.TB, split string) []*conllu.Sentence {
	p := shared.Require(t, "data/ud_english_ewt/en_ewt-ud-"+split+".conllu")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := conllu.ReadAll(f, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sentences(cs []*conllu.Sentence) []Sentence {
	var out []Sentence
	for _, s := range cs {
		var ts Sentence
		for _, i := range s.Words() {
			l := s.Lines[i]
			ts.Words = append(ts.Words, l.Form)
			ts.UPOS = append(ts.UPOS, l.UPOS)
			ts.XPOS = append(ts.XPOS, l.XPOS)
			ts.Lemmas = append(ts.Lemmas, l.Lemma)
		}
		out = append(out, ts)
	}
	return out
}

// TestAccuracyDev checks the shipped model against EWT dev: a floor, so
// that a broken model or feature change cannot pass unnoticed.
func TestAccuracyDev(t *testing.T) {
	dev := sentences(readEWT(t, "dev"))
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	n, upos, lemma := 0, 0, 0
	for _, s := range dev {
		for i, tag := range tg.Tag(s.Words) {
			n++
			if tag.UPOS.String() == s.UPOS[i] {
				upos++
			}
			if tag.Lemma == s.Lemmas[i] {
				lemma++
			}
		}
	}
	u, l := 100*float64(upos)/float64(n), 100*float64(lemma)/float64(n)
	t.Logf("EWT dev: UPOS %.2f lemma %.2f over %d words", u, l, n)
	if u < 94 || l < 95 {
		t.Errorf("EWT dev UPOS %.2f, lemma %.2f: below the floor (94, 95)", u, l)
	}
}

// TestTrainDeterministic trains twice on a small slice: same bytes.
func TestTrainDeterministic(t *testing.T) {
	train := sentences(readEWT(t, "dev"))[:300]
	var words [][]string
	for _, s := range train {
		words = append(words, s.Words)
	}
	var out [2][5]bytes.Buffer
	for k := range out {
		classes := wordclass.Induce(words, wordclass.Options{Seed: 7, MinCount: 2})
		tg, err := Train(train, TrainOptions{Epochs: 2, Seed: 7, Classes: classes, Bidirectional: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := tg.Write(&out[k][0], &out[k][1], &out[k][2], &out[k][3], &out[k][4]); err != nil {
			t.Fatal(err)
		}
	}
	if out[0][1].Len() == 0 {
		t.Error("bidirectional tagger wrote no right-to-left model")
	}
	for i := range 5 {
		if !bytes.Equal(out[0][i].Bytes(), out[1][i].Bytes()) {
			t.Errorf("model file %d differs between two runs with the same seed", i)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	dev := sentences(readEWT(b, "dev"))
	tg, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	c0 := cpuTime()
	words := 0
	for i := 0; i < b.N; i++ {
		s := dev[i%len(dev)]
		tg.Tag(s.Words)
		words += len(s.Words)
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if d := cpuTime() - c0; d > 0 {
		b.ReportMetric(float64(words)/d.Seconds(), "words/cpu-s")
	}
}

// cpuTime returns the process's user+system CPU time: on a shared machine
// words per CPU-second (with -cpu 1) measures one core's speed better than
// wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
