package depparse

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"annals/internal/perceptron"
	"annals/internal/text"
)

// Sentence is one training sentence: words, their (ideally predicted)
// UPOS and Penn tags, and the gold tree: Heads[i] is the 0-based index of
// word i's head, -1 for the root; Rels[i] its relation.
type Sentence struct {
	Words, Tags []string // Tags: Penn (XPOS) tags
	UPOS        []text.POS
	Heads       []int
	Rels        []text.DepRel
}

// TrainOptions control training.
type TrainOptions struct {
	Epochs  int     // passes over the data (default 15)
	Seed    uint64  // shuffling and exploration seed
	Prune   float64 // drop averaged weights below Prune × the largest (default 1e-3)
	Explore float64 // from the second epoch, follow the model's own wrong choice with this probability (default 0.9)
	Log     io.Writer
	// OnEpoch, if not nil, is called after each epoch in Snapshots with
	// the averaged model so far (for choosing the number of epochs on
	// development data).
	OnEpoch   func(epoch int, p *Parser)
	Snapshots []int
	// Ensemble trains this many members (seeds Seed, Seed+1, …) and
	// averages their weights into one model (default 1).
	Ensemble int
}

func (o *TrainOptions) defaults() {
	if o.Epochs == 0 {
		o.Epochs = 15
	}
	if o.Prune == 0 {
		o.Prune = 1e-3
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
}

// projectivize returns gold heads (1-based, 0 the root) with every
// non-projective arc lifted to its head's head until the tree is
// projective, as the arc-hybrid system can build only projective trees.
func projectivize(heads []int) []int {
	n := len(heads)
	h := make([]int, n+1)
	h[0] = -1
	for i, x := range heads {
		h[i+1] = x + 1
	}
	dominates := func(a, d int) bool {
		for k := 0; d > 0 && k <= n; k++ {
			if d == a {
				return true
			}
			d = h[d]
		}
		return d == a
	}
	for pass := 0; pass < n; pass++ {
		lifted := false
		// lift the shortest non-projective arc first
		best, bestLen := -1, n+2
		for d := 1; d <= n; d++ {
			a := h[d]
			lo, hi := min(a, d), max(a, d)
			for k := lo + 1; k < hi; k++ {
				if !dominates(a, k) {
					if hi-lo < bestLen {
						best, bestLen = d, hi-lo
					}
					break
				}
			}
		}
		if best >= 0 && h[h[best]] > 0 {
			h[best] = h[h[best]]
			lifted = true
		}
		if !lifted {
			break
		}
	}
	return h
}

// Train learns a parser from sents. The same sentences, options and seed
// give the same model.
func Train(sents []Sentence, opt TrainOptions) (*Parser, error) {
	opt.defaults()
	seen := map[text.DepRel]bool{text.DepRoot: true}
	for si, s := range sents {
		if len(s.Tags) != len(s.Words) || len(s.UPOS) != len(s.Words) || len(s.Heads) != len(s.Words) || len(s.Rels) != len(s.Words) {
			return nil, fmt.Errorf("train parser: sentence %d: %d words, %d XPOS and %d UPOS tags, %d heads, %d relations", si, len(s.Words), len(s.Tags), len(s.UPOS), len(s.Heads), len(s.Rels))
		}
		roots := 0
		for i, h := range s.Heads {
			if h < -1 || h >= len(s.Words) || h == i {
				return nil, fmt.Errorf("train parser: sentence %d word %d: bad head %d", si, i+1, h+1)
			}
			if h == -1 {
				roots++
			}
			seen[s.Rels[i]] = true
		}
		if roots != 1 {
			return nil, fmt.Errorf("train parser: sentence %d: %d roots, want 1", si, roots)
		}
	}
	var labels []string
	for r := range seen {
		labels = append(labels, r.String())
	}
	slices.Sort(labels)
	if len(labels) > 64 {
		return nil, fmt.Errorf("train parser: %d relations, at most 64", len(labels))
	}
	p, err := newParser(perceptron.NewTrainer(classNames(labels)).Model(1)) // for the label table; weights come later
	if err != nil {
		return nil, err
	}
	lnum := map[text.DepRel]int{}
	for i, r := range p.labels {
		lnum[r] = i
	}
	gold := make([]goldTree, len(sents))
	for si, s := range sents {
		g := goldTree{heads: projectivize(s.Heads), labels: make([]int, len(s.Words)+1)}
		g.labels[0] = none
		for i, r := range s.Rels {
			g.labels[i+1] = lnum[r]
			if g.heads[i+1] == 0 {
				g.labels[i+1] = p.root
			} else if r == text.DepRoot {
				g.labels[i+1] = lnum[text.DepDep]
			}
		}
		gold[si] = g
	}

	// One member, or an ensemble of members trained on different orders
	// (seeds Seed, Seed+1, …, on every core) and averaged into one model.
	n := max(opt.Ensemble, 1)
	members := make([]*perceptron.Model, n)
	errs := make([]error, n)
	var logMu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			tr := perceptron.NewTrainer(classNames(labels))
			member := ""
			if n > 1 {
				member = fmt.Sprintf(" %d/%d", i+1, n)
			}
			errs[i] = trainMember(tr, opt, opt.Seed+uint64(i), member, &logMu, p, sents, gold)
			prune := opt.Prune
			if n > 1 {
				prune /= 4 // the mean is pruned at opt.Prune
			}
			members[i] = tr.Model(prune)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if n == 1 {
		return newParser(members[0])
	}
	m, err := perceptron.Mean(members, opt.Prune)
	if err != nil {
		return nil, fmt.Errorf("train parser: %w", err)
	}
	return newParser(m)
}

type goldTree struct{ heads, labels []int }

// trainMember runs the epochs of training for one member of the
// ensemble, with its own seed for shuffling and exploration.
func trainMember(tr *perceptron.Trainer, opt TrainOptions, seed uint64, member string, logMu *sync.Mutex, p *Parser, sents []Sentence, gold []goldTree) error {
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0xa2c))
	w := &work{scores: make([]float32, tr.NumClasses())}
	s := &w.st
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			sent, g := sents[si], gold[si]
			w.tags = w.tags[:0]
			for i := range sent.Words {
				w.tags = append(w.tags, joint(sent.UPOS[i], sent.Tags[i]))
			}
			w.x.set(sent.Words, w.tags)
			s.reset(len(sent.Words))
			for !s.done() {
				w.feats = features(w.feats[:0], s, &w.x)
				clear(w.scores)
				tr.Score(w.feats, w.scores)
				cS, cL, cR := s.costs(g.heads)
				s0 := s.s(0)
				cost := func(c int) int {
					switch {
					case c == shift:
						return cS
					case isLeft(c):
						if s0 > 0 && g.heads[s0] == s.b && labelOf(c) != g.labels[s0] {
							return cL + 1
						}
						return cL
					default:
						if s0 > 0 && g.heads[s0] == s.s(1) && labelOf(c) != g.labels[s0] {
							return cR + 1
						}
						return cR
					}
				}
				pred, best, minCost := -1, -1, 1<<30
				for c := range w.scores {
					if !s.valid(c, p.root) {
						continue
					}
					if pred < 0 || w.scores[c] > w.scores[pred] {
						pred = c
					}
					k := cost(c)
					if k < minCost || k == minCost && w.scores[c] > w.scores[best] {
						best, minCost = c, k
					}
				}
				tr.Tick()
				next := pred
				if cost(pred) > minCost {
					tr.Update(w.feats, best, pred)
					if ep == 0 || rng.Float64() >= opt.Explore {
						next = best
					}
				} else {
					correct++
				}
				total++
				s.apply(next)
			}
		}
		if opt.Log != nil {
			logMu.Lock()
			fmt.Fprintf(opt.Log, "parser%s epoch %d: %.2f%% of transitions optimal\n", member, ep+1, 100*float64(correct)/float64(max(total, 1)))
			logMu.Unlock()
		}
		if member == "" && opt.OnEpoch != nil && slices.Contains(opt.Snapshots, ep+1) && ep+1 < opt.Epochs {
			snap, err := newParser(tr.Model(opt.Prune))
			if err != nil {
				return err
			}
			opt.OnEpoch(ep+1, snap)
		}
	}
	return nil
}

// Write writes the parser's model file.
func (p *Parser) Write(w io.Writer) error { return p.model.Write(w) }
