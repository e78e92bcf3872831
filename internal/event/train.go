package event

import (
	"fmt"
	"math/rand/v2"

	"annals/internal/perceptron"
	"annals/internal/plover"
)

// Example is one candidate trigger with its class for training: NoType for
// no event, else its PLOVER type.
type Example struct {
	Features []uint64
	Type     plover.Type
}

// TrainOptions configure TrainClassifier.
type TrainOptions struct {
	Epochs int     // passes over the examples; 0: 10
	Seed   uint64  // order of the examples in each pass
	Prune  float64 // drop averaged weights under Prune times the largest
}

// TrainClassifier learns a classifier with the averaged perceptron. The
// same examples, in the same order, with the same options give the same
// model, byte for byte.
func TrainClassifier(ex []Example, opt TrainOptions) (*Classifier, error) {
	if len(ex) == 0 {
		return nil, fmt.Errorf("event classifier: no training examples")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	names := ClassNames()
	tr := perceptron.NewTrainer(names)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0xe7e))
	scores := make([]float32, len(names))
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := &ex[i]
			clear(scores)
			tr.Score(x.Features, scores)
			guess := 0
			for c := 1; c < len(scores); c++ {
				if scores[c] > scores[guess] {
					guess = c
				}
			}
			// Classes are ClassNames: NoEvent is 0, the types follow in
			// plover order, so a type's number is its class.
			tr.Update(x.Features, int(x.Type), guess)
			tr.Tick()
		}
	}
	return newClassifier(tr.Model(opt.Prune))
}

// TrainGate learns the event-or-not model of the veto policy (see
// Classifier.WithGate): the same examples, every type as one class.
func TrainGate(ex []Example, opt TrainOptions) (*Classifier, error) {
	if len(ex) == 0 {
		return nil, fmt.Errorf("event classifier gate: no training examples")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	tr := perceptron.NewTrainer([]string{NoEvent, "event"})
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x6a7e))
	var scores [2]float32
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := &ex[i]
			clear(scores[:])
			tr.Score(x.Features, scores[:])
			guess := 0
			if scores[1] > scores[0] {
				guess = 1
			}
			tr.Update(x.Features, int(b2u(x.Type != plover.NoType)), guess)
			tr.Tick()
		}
	}
	return &Classifier{model: tr.Model(opt.Prune)}, nil
}

// Predict returns the classifier's type for features (NoType: no event).
func (c *Classifier) Predict(feats []uint64) Decision {
	var scores [32]float32
	return c.decide(feats, scores[:])
}

// PredictOffset is Predict with off taken from the score of no event (a
// higher recall for a lower precision), for choosing the offset.
func (c *Classifier) PredictOffset(feats []uint64, off float32) Decision {
	c2 := *c
	c2.offset += off
	var scores [32]float32
	return c2.decide(feats, scores[:])
}

// Judge returns the classifier's decision on a candidate as the coder
// takes it: under a veto policy a check on the lexicon's type (lex, coded
// by the lexicon alone when fits), else Predict.
func (c *Classifier) Judge(feats []uint64, lex plover.Type, fits bool) Decision {
	var scores [32]float32
	return c.judge(feats, scores[:], lex, fits)
}
