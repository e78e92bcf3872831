package depparse

import (
	"bytes"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"annals/internal/conllu"
	"annals/internal/shared"
	"annals/internal/text"
)

func TestProjectivize(t *testing.T) {
	for _, tc := range []struct {
		heads []int // 0-based, -1 root
		want  []int // 1-based with the root at index 0 (-1)
	}{
		{[]int{1, -1, 1}, []int{-1, 2, 0, 2}},
		// 4→2 spans 3, which 4 does not dominate: lifted to 3→2; then
		// 1→5 spans 2, which 1 does not dominate: lifted to 3→5
		{[]int{2, 3, -1, 2, 0}, []int{-1, 3, 3, 0, 3, 3}},
		// already projective: unchanged
		{[]int{-1, 0, 0, 2}, []int{-1, 0, 1, 1, 3}},
	} {
		if got := projectivize(tc.heads); !slices.Equal(got, tc.want) {
			t.Errorf("projectivize(%v) = %v, want %v", tc.heads, got, tc.want)
		}
	}
}

// TestOracle follows zero-cost transitions from the start and must build
// exactly the gold tree, for every projective tree of EWT dev.
func TestOracle(t *testing.T) {
	sents := readEWT(t, "dev")
	var s state
	checked := 0
	for si, sent := range sents {
		gh := projectivize(sent.Heads)
		proj := true
		for i, h := range sent.Heads {
			if gh[i+1] != h+1 {
				proj = false
			}
		}
		if !proj {
			continue
		}
		s.reset(len(sent.Words))
		for !s.done() {
			cS, cL, cR := s.costs(gh)
			root := 0
			switch {
			case s.valid(shift, root) && cS == 0:
				s.apply(shift)
			case s.valid(leftClass(1), root) && cL == 0:
				s.apply(leftClass(1))
			case s.valid(rightClass(1), root) && cR == 0 && len(s.stack) > 2:
				s.apply(rightClass(1))
			case s.valid(rightClass(root), root) && cR == 0:
				s.apply(rightClass(root))
			default:
				t.Fatalf("sentence %d: no zero-cost transition at stack %v buffer %d (costs %d %d %d)", si, s.stack, s.b, cS, cL, cR)
			}
		}
		for i := 1; i <= len(sent.Words); i++ {
			if s.heads[i] != gh[i] {
				t.Fatalf("sentence %d word %d: oracle head %d, gold %d", si, i, s.heads[i], gh[i])
			}
		}
		checked++
	}
	if checked < 1900 {
		t.Errorf("only %d projective sentences checked", checked)
	}
}

func readEWT(t testing.TB, split string) []Sentence {
	p := shared.Require(t, "data/ud_english_ewt/en_ewt-ud-"+split+".conllu")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, err := conllu.ReadAll(f, p)
	if err != nil {
		t.Fatal(err)
	}
	var out []Sentence
	for _, s := range cs {
		var ps Sentence
		for _, i := range s.Words() {
			l := s.Lines[i]
			r, err := text.ParseDepRel(l.Deprel)
			if err != nil {
				t.Fatal(err)
			}
			u, err := text.ParsePOS(l.UPOS)
			if err != nil {
				t.Fatal(err)
			}
			ps.Words = append(ps.Words, l.Form)
			ps.Tags = append(ps.Tags, l.XPOS)
			ps.UPOS = append(ps.UPOS, u)
			ps.Heads = append(ps.Heads, l.Head-1)
			ps.Rels = append(ps.Rels, r)
		}
		out = append(out, ps)
	}
	return out
}

// checkTree verifies that heads form one tree rooted at a single word.
func checkTree(t *testing.T, heads []int, rels []text.DepRel) {
	t.Helper()
	roots := 0
	for i, h := range heads {
		if h == -1 {
			roots++
			if rels[i] != text.DepRoot {
				t.Errorf("root word %d has relation %v", i, rels[i])
			}
			continue
		}
		if h < 0 || h >= len(heads) || h == i {
			t.Fatalf("word %d: head %d out of range", i, h)
		}
		for k, x := 0, i; x != -1; k, x = k+1, heads[x] {
			if k > len(heads) {
				t.Fatalf("word %d: cycle through its heads %v", i, heads)
			}
		}
	}
	if roots != 1 && len(heads) > 0 {
		t.Errorf("%d roots, want 1", roots)
	}
}

func TestParse(t *testing.T) {
	start := time.Now()
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %s", time.Since(start))
	for _, tc := range []struct {
		words, xpos []string
		upos        []text.POS
	}{
		{[]string{"Rebels", "shelled", "the", "capital", "overnight", "."}, []string{"NNS", "VBD", "DT", "NN", "RB", "."}, []text.POS{text.NOUN, text.VERB, text.DET, text.NOUN, text.ADV, text.PUNCT}},
		{[]string{"Yes"}, []string{"UH"}, []text.POS{text.INTJ}},
		{nil, nil, nil},
	} {
		heads, rels, err := p.Parse(tc.words, tc.upos, tc.xpos)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, heads, rels)
	}
	if _, _, err := p.Parse([]string{"a"}, nil, nil); err == nil {
		t.Error("words without tags accepted")
	}
}

func TestStage(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	src := "Police arrested two men .\nThey were released later ."
	d := text.New("t", src)
	words := [][]string{{"Police", "arrested", "two", "men", "."}, {"They", "were", "released", "later", "."}}
	tags := [][]string{{"NNS", "VBD", "CD", "NNS", "."}, {"PRP", "VBD", "VBN", "RB", "."}}
	upos := [][]text.POS{{text.NOUN, text.VERB, text.NUM, text.NOUN, text.PUNCT}, {text.PRON, text.AUX, text.VERB, text.ADV, text.PUNCT}}
	off := 0
	for si, ws := range words {
		first := text.TokenID(len(d.Tokens))
		for j, w := range ws {
			d.Tokens = append(d.Tokens, text.Token{Span: text.Span{Start: off, End: off + len(w)}, Sentence: text.SentenceID(si), XPOS: tags[si][j], UPOS: upos[si][j]})
			off += len(w) + 1
		}
		end := text.TokenID(len(d.Tokens))
		d.Sentences = append(d.Sentences, text.Sentence{Span: text.Span{Start: d.Tokens[first].Start, End: d.Tokens[end-1].End}, First: first, End: end})
	}
	d.Mark(text.LayerTokens | text.LayerSentences | text.LayerPOS)
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	if !d.Has(text.LayerDeps) {
		t.Fatal("deps layer not marked")
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	for si, s := range d.Sentences {
		roots := 0
		for i := s.First; i < s.End; i++ {
			tok := d.Tokens[i]
			if tok.Head == text.NoToken {
				roots++
			} else if tok.Head < s.First || tok.Head >= s.End {
				t.Errorf("token %d: head %d outside sentence %d", i, tok.Head, si)
			}
			if tok.Dep == text.NoDep {
				t.Errorf("token %d: no relation", i)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d: %d roots", si, roots)
		}
	}
}

// TestConcurrent parses from several goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"The", "army", "withdrew", "from", "the", "town", "."}
	tags := []string{"DT", "NN", "VBD", "IN", "DT", "NN", "."}
	upos := []text.POS{text.DET, text.NOUN, text.VERB, text.ADP, text.DET, text.NOUN, text.PUNCT}
	want, _, _ := p.Parse(words, upos, tags)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if got, _, _ := p.Parse(words, upos, tags); !slices.Equal(got, want) {
					t.Errorf("concurrent parse %v, want %v", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestAccuracyDev checks the shipped model against EWT dev with gold tags:
// a floor, so that a broken model or feature change cannot pass unnoticed.
func TestAccuracyDev(t *testing.T) {
	dev := readEWT(t, "dev")
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	n, uas, las := 0, 0, 0
	for _, s := range dev {
		heads, rels, err := p.Parse(s.Words, s.UPOS, s.Tags)
		if err != nil {
			t.Fatal(err)
		}
		for i := range heads {
			n++
			if heads[i] == s.Heads[i] {
				uas++
				if rels[i].Base() == s.Rels[i].Base() {
					las++
				}
			}
		}
	}
	u, l := 100*float64(uas)/float64(n), 100*float64(las)/float64(n)
	t.Logf("EWT dev, gold tags: UAS %.2f LAS %.2f", u, l)
	if u < 84 || l < 80 {
		t.Errorf("EWT dev UAS %.2f LAS %.2f: below the floor (84, 80)", u, l)
	}
}

// TestTrainDeterministic trains twice on a small slice: same bytes.
func TestTrainDeterministic(t *testing.T) {
	train := readEWT(t, "dev")[:200]
	var out [2]bytes.Buffer
	for k := range out {
		p, err := Train(train, TrainOptions{Epochs: 2, Seed: 3, Ensemble: 2})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Write(&out[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Error("two trainings with the same data and seed differ")
	}
}

func BenchmarkParse(b *testing.B) {
	dev := readEWT(b, "dev")
	p, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	c0 := cpuTime()
	words := 0
	for i := 0; i < b.N; i++ {
		s := dev[i%len(dev)]
		p.Parse(s.Words, s.UPOS, s.Tags)
		words += len(s.Words)
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if d := cpuTime() - c0; d > 0 {
		b.ReportMetric(float64(words)/d.Seconds(), "words/cpu-s")
	}
}
