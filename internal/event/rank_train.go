package event

import (
	"fmt"
	"math/rand/v2"

	"annals/internal/perceptron"
)

// RankExample is one slot of one event for training the role ranker: the
// features of each candidate for the slot, and which candidates are right
// (at least one, not all).
type RankExample struct {
	Feats [][]uint64
	Good  []bool
}

// RankTrainOptions configure TrainRoleRanker.
type RankTrainOptions struct {
	Epochs int    // passes over the examples; 0: 10
	Seed   uint64 // order of the examples in each pass
}

// TrainRoleRanker learns a role ranker with the averaged perceptron as a
// ranker: when the best-scoring candidate of a slot is wrong, the best
// right one is moved up and it down. The same examples in the same order
// with the same options give the same model, byte for byte. The mode is
// RankReplace until SetMode.
func TrainRoleRanker(ex []RankExample, opt RankTrainOptions) (*RoleRanker, error) {
	if len(ex) == 0 {
		return nil, fmt.Errorf("role ranker: no training examples")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	tr := perceptron.NewTrainer([]string{"no", "yes"})
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x201e))
	var sc [2]float32
	score := func(f []uint64) float32 {
		sc = [2]float32{}
		tr.Score(f, sc[:])
		return sc[rankYes] - sc[rankNo]
	}
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := &ex[i]
			guess, good := -1, -1
			var gs, bs float32
			for j, f := range x.Feats {
				v := score(f)
				if guess < 0 || v > gs {
					guess, gs = j, v
				}
				if x.Good[j] && (good < 0 || v > bs) {
					good, bs = j, v
				}
			}
			if good >= 0 && !x.Good[guess] {
				tr.Update(x.Feats[good], rankYes, rankNo)
				tr.Update(x.Feats[guess], rankNo, rankYes)
			}
			tr.Tick()
		}
	}
	return &RoleRanker{model: tr.Model(0), mode: RankReplace}, nil
}
