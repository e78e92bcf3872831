package perceptron

import (
	"math"
	"slices"
)

type param struct {
	class int32
	w     int32 // current weight
	total int64 // sum of the weight over the steps before ts
	ts    int64 // step of the last change
}

// Trainer learns a Model with the averaged perceptron. It is not safe for
// concurrent use.
type Trainer struct {
	classes []string
	params  map[uint64][]param
	step    int64
}

// NewTrainer returns a Trainer over the named classes (at most 255).
func NewTrainer(classes []string) *Trainer {
	return &Trainer{classes: slices.Clone(classes), params: make(map[uint64][]param)}
}

// NumClasses returns the number of classes.
func (t *Trainer) NumClasses() int { return len(t.classes) }

// Score adds to scores the current (not averaged) weights of feats.
func (t *Trainer) Score(feats []uint64, scores []float32) {
	for _, f := range feats {
		for _, p := range t.params[f] {
			scores[p.class] += float32(p.w)
		}
	}
}

// Tick counts one training example (one decision); averaging weighs each
// weight by the number of ticks it held.
func (t *Trainer) Tick() { t.step++ }

// Update moves the weights of feats toward class good and away from bad.
func (t *Trainer) Update(feats []uint64, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		ps := t.params[f]
		ps = t.add(ps, int32(good), 1)
		ps = t.add(ps, int32(bad), -1)
		t.params[f] = ps
	}
}

func (t *Trainer) add(ps []param, class int32, d int32) []param {
	for i := range ps {
		if ps[i].class == class {
			p := &ps[i]
			p.total += int64(p.w) * (t.step - p.ts)
			p.ts = t.step
			p.w += d
			return ps
		}
	}
	return append(ps, param{class: class, w: d, ts: t.step})
}

// Model returns the averaged model. Weights whose magnitude is below prune
// times the largest are dropped, and features left with none.
func (t *Trainer) Model(prune float64) *Model {
	steps := float64(max(t.step, 1))
	keys := make([]uint64, 0, len(t.params))
	for k := range t.params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// Merge features whose 32-bit keys collide, in key order.
	type cw struct {
		class int32
		w     float64
	}
	avg := make(map[uint32][]cw, len(keys))
	maxAbs := 0.0
	for _, f := range keys {
		k := key(f)
		row := avg[k]
	next:
		for _, p := range t.params[f] {
			x := float64(p.total+int64(p.w)*(t.step-p.ts)) / steps
			for i := range row {
				if row[i].class == p.class {
					row[i].w += x
					continue next
				}
			}
			row = append(row, cw{p.class, x})
		}
		avg[k] = row
	}
	for _, row := range avg {
		for _, x := range row {
			maxAbs = max(maxAbs, math.Abs(x.w))
		}
	}
	cut := prune * maxAbs
	order := make([]uint32, 0, len(avg))
	for k := range avg {
		order = append(order, k)
	}
	slices.Sort(order)
	m := &Model{Classes: slices.Clone(t.classes), scale: quantize(maxAbs)}
	m.newTable(len(order))
	var ps []pair
	for _, k := range order {
		row := avg[k]
		slices.SortFunc(row, func(a, b cw) int { return int(a.class - b.class) })
		ps = ps[:0]
		for _, x := range row {
			q := math.Round(x.w / float64(m.scale))
			if q == 0 || math.Abs(x.w) < cut {
				continue
			}
			ps = append(ps, pair{q: int16(max(-32767, min(32767, q))), class: uint8(x.class)})
		}
		m.put(k, ps)
	}
	return m
}
