package ner

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// TrainOptions control training.
type TrainOptions struct {
	Seed     uint64 // shuffles the training sentences each epoch
	Epochs   int    // the most epochs to run; the best on dev is kept
	Patience int    // stop after this many epochs without a better dev F1 (0: never)
	MinCount int    // keep features seen at least this often in training
	// Refit, when there is a dev set, trains the final model on train and
	// dev together for the number of epochs that was best on dev.
	Refit    bool
	Clusters ClusterOptions
	// Gazetteer is a name list in the format of DefaultGazetteer ("" for
	// none): its matches become features.
	Gazetteer string
	Name      string    // the model's provenance name
	Log       io.Writer // progress lines, one per epoch (nil: quiet)
}

// DefaultTrainOptions are the options `annals train ner` uses by default.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Seed:      1,
		Epochs:    20,
		Patience:  4,
		MinCount:  1,
		Refit:     true,
		Clusters:  DefaultClusterOptions(),
		Gazetteer: DefaultGazetteer,
		Name:      "ner-uner-ewt",
	}
}

// TrainReport says how training went.
type TrainReport struct {
	Epochs    int     // epochs run while choosing
	BestEpoch int     // the epoch whose averaged weights were best on dev
	DevF1     float64 // span F1 on dev at the best epoch (0 without dev)
	Refit     bool    // whether the final model was trained on train+dev
	Features  int     // features with weights before pruning
	Words     int     // words in the table induced from unlabelled text
	Duration  time.Duration
}

// Train trains a recognizer on train, choosing the number of epochs by span
// F1 on dev (when dev is empty, all epochs are run). corpus is unlabelled
// text, one tokenized sentence per element, from which word clusters and
// capitalization statistics are induced (it may be empty). Same inputs and
// options, same model.
func Train(train, dev []Sentence, corpus [][]string, opt TrainOptions) (*Recognizer, TrainReport, error) {
	start := time.Now()
	var rep TrainReport
	if len(train) == 0 {
		return nil, rep, fmt.Errorf("train ner: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 1
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	base := &model{Name: opt.Name}
	if testWords != nil {
		base.words = testWords
	} else {
		base.words = induceWords(corpus, opt.Clusters, logf)
	}
	rep.Words = len(base.words)
	if opt.Gazetteer != "" {
		g, err := parseGazetteer(strings.NewReader(opt.Gazetteer), "gazetteer")
		if err != nil {
			return nil, rep, fmt.Errorf("train ner: %w", err)
		}
		base.gaz = g
	}
	logf("word table: %d words (%.1fs)", len(base.words), time.Since(start).Seconds())

	best, nf := perceptron(base, train, dev, opt, opt.Epochs, &rep, logf)
	rep.Features = nf
	if opt.Refit && len(dev) > 0 {
		all := append(append([]Sentence(nil), train...), dev...)
		logf("refit on train+dev for %d epochs", rep.BestEpoch)
		var r TrainReport
		best, _ = perceptron(base, all, nil, opt, rep.BestEpoch, &r, logf)
		rep.Refit = true
	}
	rep.Duration = time.Since(start)
	data := fmt.Sprintf("%d training sentences", len(train))
	if rep.Refit {
		data = fmt.Sprintf("%d training and %d dev sentences", len(train), len(dev))
	}
	best.Info = fmt.Sprintf("averaged perceptron over BIO tags with Viterbi; seed %d; %s; %d epochs (best on dev of %d run; dev span F1 %.4f); %d words in the cluster table",
		opt.Seed, data, rep.BestEpoch, rep.Epochs, rep.DevF1, len(base.words))
	return &Recognizer{m: best}, rep, nil
}

// perceptron trains an averaged structured perceptron from the word table
// and gazetteer of base for at most epochs epochs, and returns the averaged
// model of the epoch best on dev (the last one without dev) and the number
// of features.
func perceptron(base *model, train, dev []Sentence, opt TrainOptions, epochs int, rep *TrainReport, logf func(string, ...any)) (*model, int) {
	m := &model{Name: base.Name, words: base.words, gaz: base.gaz}
	// Hash every training word's features once; keep the frequent ones,
	// numbered in order of first use so that the numbering is reproducible.
	hashes := make([][][]uint64, len(train))
	counts := map[uint64]int32{}
	var order []uint64
	for si, s := range train {
		toks := m.prepare(s.Words, nil)
		hs := make([][]uint64, len(toks))
		for i := range toks {
			hs[i] = features(toks, i, nil)
			for _, h := range hs[i] {
				if counts[h] == 0 {
					order = append(order, h)
				}
				counts[h]++
			}
		}
		hashes[si] = hs
	}
	m.index = map[uint64]int32{}
	for _, h := range order {
		if int(counts[h]) >= opt.MinCount {
			m.index[h] = int32(len(m.index))
		}
	}
	ids := make([][][]int32, len(train))
	for si, hs := range hashes {
		ids[si] = make([][]int32, len(hs))
		for i, row := range hs {
			r := make([]int32, 0, len(row))
			for _, h := range row {
				if f, ok := m.index[h]; ok {
					r = append(r, f)
				}
			}
			ids[si][i] = r
		}
	}
	hashes = nil
	logf("features: %d (min count %d) from %d sentences", len(m.index), opt.MinCount, len(train))

	// w is the current weight vector; u accumulates c·Δ so that the
	// average over all steps is w − u/c.
	nf := len(m.index)
	m.w = make([]float32, nf*numTags)
	u := make([]float64, nf*numTags)
	var tu [numTags + 1][numTags]float64
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5bd1e995))
	perm := make([]int, len(train))
	for i := range perm {
		perm[i] = i
	}
	var (
		scores    []float32
		pred      []Tag
		best      *model
		bestF1    = -1.0
		sinceBest = 0
	)
	update := func(f int32, t Tag, d float32) {
		k := int(f)*numTags + int(t)
		m.w[k] += d
		u[k] += c * float64(d)
	}
	updateTrans := func(p int, t Tag, d float32) {
		m.trans[p][t] += d
		tu[p][t] += c * float64(d)
	}
	for epoch := 1; epoch <= epochs; epoch++ {
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		errs := 0
		for _, si := range perm {
			s := train[si]
			n := len(s.Words)
			if cap(scores) < n*numTags {
				scores = make([]float32, n*numTags)
			}
			scores = scores[:n*numTags]
			m.emissions(ids[si], scores)
			pred = viterbi(n, scores, &m.trans, pred)
			prevG, prevP := numTags, numTags
			wrong := false
			for i := range n {
				g, p := s.Tags[i], pred[i]
				if g != p {
					wrong = true
					for _, f := range ids[si][i] {
						update(f, g, 1)
						update(f, p, -1)
					}
				}
				if g != p || prevG != prevP {
					updateTrans(prevG, g, 1)
					updateTrans(prevP, p, -1)
				}
				prevG, prevP = int(g), int(p)
			}
			if wrong {
				errs++
			}
			c++
		}
		avg := &model{Name: m.Name, index: m.index, words: m.words, gaz: m.gaz, w: make([]float32, len(m.w))}
		for k := range m.w {
			avg.w[k] = float32(float64(m.w[k]) - u[k]/c)
		}
		for p := range numTags + 1 {
			for t := range numTags {
				avg.trans[p][t] = float32(float64(m.trans[p][t]) - tu[p][t]/c)
			}
		}
		rep.Epochs = epoch
		if len(dev) == 0 {
			best, rep.BestEpoch = avg, epoch
			logf("epoch %d: %d/%d training sentences wrong", epoch, errs, len(train))
			continue
		}
		f1 := evaluate(avg, dev).Overall.F1()
		logf("epoch %d: %d/%d training sentences wrong; dev span F1 %.4f", epoch, errs, len(train), f1)
		if f1 > bestF1 {
			best, bestF1, rep.BestEpoch, rep.DevF1 = avg, f1, epoch, f1
			sinceBest = 0
		} else if sinceBest++; opt.Patience > 0 && sinceBest >= opt.Patience {
			break
		}
	}
	return best, nf
}

// testWords, when set by an experiment, replaces the induced word table.
var testWords map[string]wordInfo

// evaluate tags sentences with m and scores the spans against their gold
// tags.
func evaluate(m *model, sents []Sentence) Scores {
	var sc Scores
	for _, s := range sents {
		sc.Add(s.Tags, m.tag(s.Words))
	}
	return sc
}
