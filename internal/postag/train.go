package postag

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"annals/internal/perceptron"
	"annals/internal/wordclass"
)

// Sentence is one training sentence: parallel slices of words and their
// gold UPOS, XPOS and lemma.
type Sentence struct {
	Words, UPOS, XPOS, Lemmas []string
}

// TrainOptions control training.
type TrainOptions struct {
	Epochs int     // passes over the data (default 10)
	Seed   uint64  // shuffling seed
	Prune  float64 // drop averaged weights below Prune × the largest (default 1e-3)
	// DictMin and DictPurity choose the tag dictionary: words seen at least
	// DictMin times with one class in at least DictPurity of them.
	DictMin    int
	DictPurity float64
	Classes    *wordclass.Table // word classes for features; nil for none
	// Bidirectional also trains a right-to-left model; each word takes
	// the tag of the direction more sure of it.
	Bidirectional bool
	Log           io.Writer // progress, one line an epoch; nil for none
}

func (o *TrainOptions) defaults() {
	if o.Epochs == 0 {
		o.Epochs = 10
	}
	if o.Prune == 0 {
		o.Prune = 1e-3
	}
	if o.DictMin == 0 {
		o.DictMin = 20
	}
	if o.DictPurity == 0 {
		o.DictPurity = 0.97
	}
}

// Train learns a tagger and lemmatizer from sents. The same sentences,
// options and seed give the same model.
func Train(sents []Sentence, opt TrainOptions) (*Tagger, error) {
	opt.defaults()
	// Classes, sorted.
	seen := map[string]bool{}
	var lemmaEx []LemmaExample
	for si, s := range sents {
		if len(s.UPOS) != len(s.Words) || len(s.XPOS) != len(s.Words) || len(s.Lemmas) != len(s.Words) {
			return nil, fmt.Errorf("train tagger: sentence %d: %d words but %d/%d/%d tags", si, len(s.Words), len(s.UPOS), len(s.XPOS), len(s.Lemmas))
		}
		for i := range s.Words {
			seen[s.UPOS[i]+" "+s.XPOS[i]] = true
			lemmaEx = append(lemmaEx, LemmaExample{s.Words[i], s.XPOS[i], s.Lemmas[i]})
		}
	}
	classes := make([]string, 0, len(seen))
	for c := range seen {
		classes = append(classes, c)
	}
	slices.Sort(classes)
	if len(classes) > 255 {
		return nil, fmt.Errorf("train tagger: %d classes, at most 255", len(classes))
	}
	cidx := map[string]int{}
	for i, c := range classes {
		cidx[c] = i
	}
	gold := make([][]int, len(sents))
	counts := map[string]map[int]int{}
	for si, s := range sents {
		gold[si] = make([]int, len(s.Words))
		for i, w := range s.Words {
			c := cidx[s.UPOS[i]+" "+s.XPOS[i]]
			gold[si][i] = c
			if counts[w] == nil {
				counts[w] = map[int]int{}
			}
			counts[w][c]++
		}
	}
	dict := map[string]int{}
	for w, m := range counts {
		n, bestC, bestN := 0, 0, -1
		for c, k := range m {
			n += k
			if k > bestN || k == bestN && c < bestC {
				bestC, bestN = c, k
			}
		}
		if n >= opt.DictMin && float64(bestN)/float64(n) >= opt.DictPurity {
			dict[w] = bestC
		}
	}

	// The lexicon: each word's ambiguity class, the classes it takes in at
	// least 5% of its occurrences, for words seen twice or more.
	lexCount := map[string]map[int]int{}
	for si, s := range sents {
		for i, w := range s.Words {
			lw := strings.ToLower(w)
			if lexCount[lw] == nil {
				lexCount[lw] = map[int]int{}
			}
			lexCount[lw][gold[si][i]]++
		}
	}
	lexS := map[string]string{}
	for w, m := range lexCount {
		n := 0
		for _, k := range m {
			n += k
		}
		if n < 2 {
			continue
		}
		var cs []string
		for c, k := range m {
			if float64(k) >= 0.05*float64(n) {
				cs = append(cs, classes[c])
			}
		}
		slices.Sort(cs)
		lexS[w] = strings.Join(cs, "|")
	}
	lex := hashLexicon(lexS)

	m := trainDirection(sents, gold, classes, dict, lex, opt, false)
	var back *perceptron.Model
	if opt.Bidirectional {
		back = trainDirection(sents, gold, classes, dict, lex, opt, true)
	}
	t, err := newTagger(m)
	if err != nil {
		return nil, err
	}
	t.back = back
	t.dict = dict
	t.lex, t.lexS = lex, lexS
	t.lem = TrainLemmatizer(lemmaEx)
	t.wc = opt.Classes
	return t, nil
}

// trainDirection trains the model that tags left to right, or right to
// left when backward (then "previous" means the word after).
func trainDirection(sents []Sentence, gold [][]int, classes []string, dict map[string]int, lex map[string]uint64, opt TrainOptions, backward bool) *perceptron.Model {
	tr := perceptron.NewTrainer(classes)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a6))
	scores := make([]float32, len(classes))
	var feats []uint64
	var info []wordInfo
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			words, gs := sents[si].Words, gold[si]
			if backward {
				words, gs = reversed(words), reversed(gs)
			}
			if cap(info) < len(words) {
				info = make([]wordInfo, len(words))
			}
			info = info[:len(words)]
			analyze(words, info, lex, opt.Classes)
			prev, prev2 := -1, -2
			for i, w := range words {
				g := gs[i]
				c, ok := dict[w]
				if !ok {
					feats = features(feats[:0], info, i, prev, prev2)
					clear(scores)
					tr.Score(feats, scores)
					c = argmax(scores)
					tr.Tick()
					tr.Update(feats, g, c)
				}
				if c == g {
					correct++
				}
				total++
				prev2, prev = prev, c
			}
		}
		if opt.Log != nil {
			dir := "forward"
			if backward {
				dir = "backward"
			}
			fmt.Fprintf(opt.Log, "tagger %s epoch %d: train accuracy %.2f%%\n", dir, ep+1, 100*float64(correct)/float64(max(total, 1)))
		}
	}
	return tr.Model(opt.Prune)
}

// reversed returns a reversed copy of a.
func reversed[T any](a []T) []T {
	out := make([]T, len(a))
	for i, x := range a {
		out[len(a)-1-i] = x
	}
	return out
}

// Write writes the tagger's model files: the perceptron weights of each
// direction (nothing to back for a tagger without a right-to-left
// model), the tag dictionary, the lexicon of ambiguity classes and the
// lemmatizer. The word class table is written by its owner (package
// wordclass).
func (t *Tagger) Write(model, back, dict, lexicon, lemmas io.Writer) error {
	if err := t.model.Write(model); err != nil {
		return err
	}
	if t.back != nil {
		if err := t.back.Write(back); err != nil {
			return err
		}
	}
	words := make([]string, 0, len(t.dict))
	for w := range t.dict {
		words = append(words, w)
	}
	sort.Strings(words)
	fmt.Fprintln(dict, "# annals tag dictionary: WORD<TAB>UPOS XPOS, frequent words with one tag")
	for _, w := range words {
		if _, err := fmt.Fprintf(dict, "%s\t%s\n", w, t.model.Classes[t.dict[w]]); err != nil {
			return err
		}
	}
	words = words[:0]
	for w := range t.lexS {
		words = append(words, w)
	}
	sort.Strings(words)
	fmt.Fprintln(lexicon, "# annals tagger lexicon: lowercase WORD<TAB>its classes (UPOS XPOS) joined by |")
	for _, w := range words {
		if _, err := fmt.Fprintf(lexicon, "%s\t%s\n", w, t.lexS[w]); err != nil {
			return err
		}
	}
	return t.lem.Write(lemmas)
}
