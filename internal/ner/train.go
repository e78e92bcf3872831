package ner

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"
)

// TrainOptions control training.
type TrainOptions struct {
	Seed     uint64 // shuffles the training sentences each epoch
	Epochs   int    // the most epochs to run; the best on dev is kept
	Patience int    // stop after this many epochs without a better dev F1 (0: never)
	MinCount int    // keep features seen at least this often in training
	Runs     int    // perceptrons trained with different shuffles and averaged
	// Refit, when there is a dev set, trains the final model on train and
	// dev together for the number of epochs that was best on dev.
	Refit bool
	// Document also trains a second-pass model that sees how pass one
	// tagged the same words elsewhere in the document (RecognizeDocument).
	Document bool
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
		Runs:      3,
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
	DocEpochs int     // epochs of the document model (best on dev)
	DocDevF1  float64 // span F1 of the document model on dev
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
	base := &model{Name: opt.Name, words: induceWords(corpus, opt.Clusters, logf)}
	rep.Words = len(base.words)
	if opt.Gazetteer != "" {
		g, err := parseGazetteer(strings.NewReader(opt.Gazetteer), "gazetteer")
		if err != nil {
			return nil, rep, fmt.Errorf("train ner: %w", err)
		}
		base.gaz = g
	}
	logf("word table: %d words (%.1fs)", len(base.words), time.Since(start).Seconds())

	best, nf := perceptron(base, train, nil, dev, nil, opt, opt.Epochs, &rep, logf)
	rep.Features = nf
	sentEpochs := rep.BestEpoch
	var doc *model
	if opt.Document {
		logf("document model: pass-one tags of train by %d-fold jackknife", jackknifeFolds)
		trainCtx := jackknifeContext(base, train, opt, sentEpochs)
		devCtx := contextFrom(best, dev)
		var r TrainReport
		doc, _ = perceptron(base, train, trainCtx, dev, devCtx, opt, opt.Epochs, &r, logf)
		rep.DocEpochs, rep.DocDevF1 = r.BestEpoch, r.DevF1
	}
	if opt.Refit && len(dev) > 0 {
		all := append(append([]Sentence(nil), train...), dev...)
		logf("refit on train+dev for %d epochs", sentEpochs)
		var r TrainReport
		best, _ = perceptron(base, all, nil, nil, nil, opt, sentEpochs, &r, logf)
		if opt.Document {
			logf("refit the document model on train+dev for %d epochs", rep.DocEpochs)
			allCtx := jackknifeContext(base, all, opt, sentEpochs)
			doc, _ = perceptron(base, all, allCtx, nil, nil, opt, rep.DocEpochs, &r, logf)
		}
		rep.Refit = true
	}
	rep.Duration = time.Since(start)
	data := fmt.Sprintf("%d training sentences", len(train))
	if rep.Refit {
		data = fmt.Sprintf("%d training and %d dev sentences", len(train), len(dev))
	}
	best.Info = fmt.Sprintf("averaged perceptron over BIO tags with Viterbi (%d runs averaged); seed %d; %s; %d epochs (best on dev of %d run; dev span F1 %.4f); %d words in the cluster table",
		max(opt.Runs, 1), opt.Seed, data, rep.BestEpoch, rep.Epochs, rep.DevF1, len(base.words))
	if doc != nil {
		best.Info += fmt.Sprintf("; document model: %d epochs, dev span F1 %.4f", rep.DocEpochs, rep.DocDevF1)
		doc.Name, doc.Info = best.Name, best.Info
	}
	return &Recognizer{m: best, d: doc}, rep, nil
}

// perceptron trains averaged structured perceptrons from the word table
// and gazetteer of base for at most epochs epochs, and returns the model of
// the epoch best on dev (the last one without dev) and the number of
// features. It runs opt.Runs perceptrons in lock step, each shuffling the
// data with its own seed, and averages their averaged weights, which
// lowers the variance that the order of the examples gives one run.
//
// trainCtx and devCtx, when not nil, give each sentence's document
// context (see docContext).
func perceptron(base *model, train []Sentence, trainCtx [][]uint64, dev []Sentence, devCtx [][]uint64, opt TrainOptions, epochs int, rep *TrainReport, logf func(string, ...any)) (*model, int) {
	m := &model{Name: base.Name, words: base.words, gaz: base.gaz}
	// Hash every training word's features once; keep the frequent ones,
	// numbered in order of first use so that the numbering is reproducible.
	hashes := make([][][]uint64, len(train))
	counts := map[uint64]int32{}
	var order []uint64
	sc := &scratch{}
	for si, s := range train {
		var ctx []uint64
		if trainCtx != nil {
			ctx = trainCtx[si]
		}
		toks := m.prepare(sc, s.Words, ctx)
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
	kept := 0
	for _, h := range order {
		if int(counts[h]) >= opt.MinCount {
			kept++
		}
	}
	m.index = newFeatIndex(kept)
	for _, h := range order {
		if int(counts[h]) >= opt.MinCount {
			m.index.Add(h)
		}
	}
	ids := make([][][]int32, len(train))
	for si, hs := range hashes {
		ids[si] = make([][]int32, len(hs))
		for i, row := range hs {
			r := make([]int32, 0, len(row))
			for _, h := range row {
				if f, ok := m.index.Get(h); ok {
					r = append(r, f)
				}
			}
			ids[si][i] = r
		}
	}
	hashes = nil
	nf := m.index.Len()
	runs := make([]*run, max(opt.Runs, 1))
	for k := range runs {
		seed := opt.Seed + uint64(k)*0x9E3779B9
		runs[k] = newRun(m, nf, len(train), seed)
	}
	logf("features: %d (min count %d) from %d sentences; %d runs", nf, opt.MinCount, len(train), len(runs))

	var (
		best      *model
		bestF1    = -1.0
		sinceBest = 0
	)
	for epoch := 1; epoch <= epochs; epoch++ {
		errs := make([]int, len(runs))
		var wg sync.WaitGroup
		sem := make(chan struct{}, max(1, min(runtime.GOMAXPROCS(0), len(runs))))
		for k, r := range runs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				errs[k] = r.epoch(train, ids)
				<-sem
			}()
		}
		wg.Wait()
		avg := &model{Name: m.Name, index: m.index, words: m.words, gaz: m.gaz, w: make([]float32, nf*numTags)}
		for _, r := range runs {
			r.addAverage(avg, 1/float64(len(runs)))
		}
		rep.Epochs = epoch
		if len(dev) == 0 {
			best, rep.BestEpoch = avg, epoch
			logf("epoch %d: %v training sentences wrong", epoch, errs)
			continue
		}
		f1 := evaluate(avg, dev, devCtx).Overall.F1()
		logf("epoch %d: %v training sentences wrong; dev span F1 %.4f", epoch, errs, f1)
		if f1 > bestF1 {
			best, bestF1, rep.BestEpoch, rep.DevF1 = avg, f1, epoch, f1
			sinceBest = 0
		} else if sinceBest++; opt.Patience > 0 && sinceBest >= opt.Patience {
			break
		}
	}
	return best, nf
}

// run is one averaged perceptron in training: w is its current weight
// vector and u accumulates c·Δ, so that its average over all steps is
// w − u/c.
type run struct {
	m     *model // current weights (index, words and gazetteer shared)
	u     []float64
	tu    [numTags + 1][numTags]float64
	c     float64
	rng   *rand.Rand
	perm  []int
	score []float32
	pred  []Tag
}

func newRun(shared *model, nf, n int, seed uint64) *run {
	r := &run{
		m:    &model{index: shared.index, words: shared.words, gaz: shared.gaz, w: make([]float32, nf*numTags)},
		u:    make([]float64, nf*numTags),
		c:    1,
		rng:  rand.New(rand.NewPCG(seed, seed^0x5bd1e995)),
		perm: make([]int, n),
	}
	for i := range r.perm {
		r.perm[i] = i
	}
	return r
}

// epoch runs one pass over the shuffled training data and returns the
// number of sentences it got wrong.
func (r *run) epoch(train []Sentence, ids [][][]int32) int {
	m := r.m
	update := func(f int32, t Tag, d float32) {
		k := int(f)*numTags + int(t)
		m.w[k] += d
		r.u[k] += r.c * float64(d)
	}
	updateTrans := func(p int, t Tag, d float32) {
		m.trans[p][t] += d
		r.tu[p][t] += r.c * float64(d)
	}
	r.rng.Shuffle(len(r.perm), func(i, j int) { r.perm[i], r.perm[j] = r.perm[j], r.perm[i] })
	errs := 0
	for _, si := range r.perm {
		s := train[si]
		n := len(s.Words)
		if cap(r.score) < n*numTags {
			r.score = make([]float32, n*numTags)
		}
		scores := r.score[:n*numTags]
		m.emissions(ids[si], scores)
		r.pred = viterbi(n, scores, &m.trans, r.pred, nil)
		prevG, prevP := numTags, numTags
		wrong := false
		for i := range n {
			g, p := s.Tags[i], r.pred[i]
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
		r.c++
	}
	return errs
}

// addAverage adds share times the run's averaged weights to dst.
func (r *run) addAverage(dst *model, share float64) {
	for k, w := range r.m.w {
		dst.w[k] += float32(share * (float64(w) - r.u[k]/r.c))
	}
	for p := range numTags + 1 {
		for t := range numTags {
			dst.trans[p][t] += float32(share * (float64(r.m.trans[p][t]) - r.tu[p][t]/r.c))
		}
	}
}

// evaluate tags sentences with m, given their document context (nil:
// none), and scores the spans against their gold tags.
func evaluate(m *model, sents []Sentence, ctx [][]uint64) Scores {
	var sc Scores
	for i, s := range sents {
		var c []uint64
		if ctx != nil {
			c = ctx[i]
		}
		sc.Add(s.Tags, m.tag(s.Words, c))
	}
	return sc
}

// Documents splits sentences into documents: runs of consecutive
// sentences with the same Doc; a sentence without Doc is a document alone.
// It returns the index ranges [start, end) of the documents.
func Documents(sents []Sentence) [][2]int {
	var out [][2]int
	for i := 0; i < len(sents); {
		j := i + 1
		if sents[i].Doc != "" {
			for j < len(sents) && sents[j].Doc == sents[i].Doc {
				j++
			}
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// jackknifeFolds is the number of folds for pass-one tags of training data.
const jackknifeFolds = 4

// jackknifeContext returns the document context of every sentence from
// pass-one tags that a sentence model gave it without having seen its
// document: the documents are split into folds, and each fold is tagged by
// a model trained for epochs epochs on the others.
func jackknifeContext(base *model, sents []Sentence, opt TrainOptions, epochs int) [][]uint64 {
	docs := Documents(sents)
	tags := make([][]Tag, len(sents))
	opt.Runs = 1
	quiet := func(string, ...any) {}
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for k := range jackknifeFolds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var train []Sentence
			for d, r := range docs {
				if d%jackknifeFolds != k {
					train = append(train, sents[r[0]:r[1]]...)
				}
			}
			if len(train) == 0 {
				return
			}
			var rep TrainReport
			m, _ := perceptron(base, train, nil, nil, nil, opt, epochs, &rep, quiet)
			for d, r := range docs {
				if d%jackknifeFolds == k {
					for i := r[0]; i < r[1]; i++ {
						tags[i] = m.tag(sents[i].Words, nil)
					}
				}
			}
		}()
	}
	wg.Wait()
	return contextOf(sents, docs, tags)
}

// contextFrom returns the document context of every sentence from m's
// tags.
func contextFrom(m *model, sents []Sentence) [][]uint64 {
	tags := make([][]Tag, len(sents))
	for i, s := range sents {
		tags[i] = m.tag(s.Words, nil)
	}
	return contextOf(sents, Documents(sents), tags)
}

func contextOf(sents []Sentence, docs [][2]int, tags [][]Tag) [][]uint64 {
	out := make([][]uint64, len(sents))
	for _, r := range docs {
		ws := make([][]string, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			ws = append(ws, sents[i].Words)
		}
		copy(out[r[0]:r[1]], docContext(ws, tags[r[0]:r[1]]))
	}
	return out
}
