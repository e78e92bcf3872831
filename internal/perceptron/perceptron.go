// Package perceptron is the linear model behind the tagger and the parser:
// a multi-class averaged perceptron over hashed sparse features.
//
// A Model is the compact, read-only form used at run time: a map from a
// 32-bit feature key to the few classes that feature has a weight for, with
// weights quantized to 16 bits on disk. A Trainer learns one with the
// averaged perceptron (integer weights, lazy averaging), deterministically:
// the same examples in the same order give the same model, byte for byte.
package perceptron

import (
	"cmp"
	"errors"
	"math"
	"slices"
)

// Hashing. Features are uint64 hashes of a template number and its parts;
// strings are hashed once per token with String.

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// String returns the FNV-1a hash of s.
func String(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

func mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>31
}

// F1 returns the feature of template t with one part.
func F1(t, a uint64) uint64 { return mix(mix(t, a), 1) }

// F2 returns the feature of template t with two parts.
func F2(t, a, b uint64) uint64 { return mix(mix(mix(t, a), b), 2) }

// F3 returns the feature of template t with three parts.
func F3(t, a, b, c uint64) uint64 { return mix(mix(mix(mix(t, a), b), c), 3) }

// key returns the 32-bit key of feature f; 0 is kept for "empty".
func key(f uint64) uint32 {
	k := uint32(f ^ f>>32)
	if k == 0 {
		k = 1
	}
	return k
}

// pair is one quantized (class, weight) pair: the weight is q × scale.
type pair struct {
	q     int16
	class uint8
}

// entry is a pair as stored for features with more than two weights:
// four bytes, so that more of them share a cache line.
type entry struct {
	q     int16
	class uint8
	_     uint8
}

// slot is one cell of the model's hash table: a feature key and its
// weights. Features with one or two weights (most of them) keep them in
// the slot, so that scoring reads one cache line; others keep the index
// of their first entry, or of their dense row, in q1 (low half) and q2
// (high half).
type slot struct {
	key    uint32
	n      uint8 // number of weights; 0 for an empty slot
	c1, c2 uint8
	dense  uint8 // 1: the weights are a dense row of m.dense
	q1, q2 int16
}

// A feature with weights for a third of the classes or more keeps them as
// a dense row, one weight for every class (0 where it has none): adding a
// dense row class after class costs a quarter of adding the same weights
// scattered, and takes no more memory than entries from about half of the
// classes on.
func (m *Model) denseFrom() int {
	return max(3, (len(m.Classes)+2)/3)
}

// Model is a trained, read-only linear model. It is safe for concurrent use.
type Model struct {
	Classes []string // class names, indexed by class number
	scale   float32  // weight of one quantization step
	// slots is an open-addressing hash table with linear probing.
	slots   []slot
	mask    uint32
	shift   uint32 // a key's home slot is its top bits: key >> shift
	n       int    // features
	nw      int    // weights
	entries []entry
	dense   []int16 // dense rows, NumClasses weights each
	mapped  []byte  // the memory behind slots when it is mapped outside the heap
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return len(m.Classes) }

// NumFeatures returns the number of features with a weight.
func (m *Model) NumFeatures() int { return m.n }

// NumWeights returns the number of (feature, class) weights.
func (m *Model) NumWeights() int { return m.nw }

func (sl *slot) start() int { return int(uint32(uint16(sl.q1)) | uint32(uint16(sl.q2))<<16) }

// Scale returns the weight of one quantization step: the sums ScoreInt
// gives, times Scale, are the scores Score gives.
func (m *Model) Scale() float32 { return m.scale }

// Sums holds integer scores by class number: a model has at most 255
// classes, and a class byte indexes Sums without a bounds check.
type Sums [256]int32

// Score adds to scores (one per class) the weights of feats. The weights
// are summed exactly, as integers (see ScoreInt), and scaled once, so the
// order of feats does not change the result.
func (m *Model) Score(feats []uint64, scores []float32) {
	var acc Sums
	m.ScoreInt(feats, &acc)
	for c, a := range acc[:len(m.Classes)] {
		scores[c] += float32(a) * m.scale
	}
}

// ScoreInt adds to acc the quantized weights of feats by class: integer
// sums, exact whatever the order of the features (65,000 weights cannot
// overflow them). Scale converts them to scores; entries past NumClasses
// are left alone.
func (m *Model) ScoreInt(feats []uint64, acc *Sums) {
	m.score(feats, nil, []*Sums{acc})
}

// ScoreEach adds the weights of each feature feats[i] to accs[to[i]], as
// ScoreInt does: one call for the features of several sums lets their
// memory reads overlap.
func (m *Model) ScoreEach(feats []uint64, to []uint8, accs []*Sums) {
	if len(to) != len(feats) {
		panic("perceptron: ScoreEach: features and targets differ in number")
	}
	m.score(feats, to, accs)
}

// score adds the weights of feats[i] to accs[to[i]], or to accs[0] when
// to is nil.
func (m *Model) score(feats []uint64, to []uint8, accs []*Sums) {
	if len(m.slots) == 0 {
		return
	}
	// The table is far larger than the cache, so a feature costs a memory
	// read for its slot and, when it has more than two weights, another
	// for its row. The features are taken in chunks and in three passes,
	// so that the processor has the reads of a chunk in flight at once
	// instead of one after another: touch every home slot and the slot
	// two after it; find the slots and touch the rows' first and last
	// bytes; add the weights.
	const chunk = 64
	var found [chunk]*slot
	var dst [chunk]uint8
	for base := 0; base < len(feats); base += chunk {
		fs := feats[base:min(len(feats), base+chunk)]
		var touched, near uint8
		for _, f := range fs {
			// a probe usually ends within two slots of home, which
			// may lie on the next cache line
			i := key(f) >> m.shift
			touched |= m.slots[i].n
			near |= m.slots[(i+2)&m.mask].n
		}
		if touched == 0 {
			continue
		}
		n := 0
		var t int16
		for j, f := range fs {
			k := key(f)
			for i := k >> m.shift; ; i = (i + 1) & m.mask {
				sl := &m.slots[i]
				if sl.n == 0 {
					break
				}
				if sl.key != k {
					continue
				}
				found[n] = sl
				if to != nil {
					dst[n] = to[base+j]
				}
				n++
				switch {
				case sl.n <= 2:
				case sl.dense != 0:
					start := sl.start()
					t |= m.dense[start] | m.dense[start+len(m.Classes)-1]
				default:
					start := sl.start()
					t |= m.entries[start].q | m.entries[start+int(sl.n)-1].q
				}
				break
			}
		}
		if n == 0 && t|int16(near) == 1000 {
			return // never (t is 0 when n is): keeps the touching reads
		}
		for i, sl := range found[:n] {
			acc := accs[dst[i]]
			switch {
			case sl.n == 1:
				acc[sl.c1] += int32(sl.q1)
			case sl.n == 2:
				acc[sl.c1] += int32(sl.q1)
				acc[sl.c2] += int32(sl.q2)
			case sl.dense != 0:
				start := sl.start()
				AddRow(acc, m.dense[start:start+len(m.Classes)])
			default:
				start := sl.start()
				for _, e := range m.entries[start : start+int(sl.n)] {
					acc[e.class] += int32(e.q)
				}
			}
		}
	}
}

// AddRow adds row to the first len(row) sums: four at a time, which the
// processor overlaps.
func AddRow[T int16 | int32](acc *Sums, row []T) {
	a := acc[:len(row)]
	c := 0
	for ; c+4 <= len(row); c += 4 {
		r, x := row[c:c+4:c+4], a[c:c+4:c+4]
		x[0] += int32(r[0])
		x[1] += int32(r[1])
		x[2] += int32(r[2])
		x[3] += int32(r[3])
	}
	for ; c < len(row); c++ {
		a[c] += int32(row[c])
	}
}

// newTable sizes the hash table for n features.
func (m *Model) newTable(n int) {
	// A load of at most 2/3 keeps probes short (a miss reads a few
	// adjacent slots, usually one cache line).
	size, bits := 16, uint32(4)
	for 2*size < 3*n {
		size <<= 1
		bits++
	}
	m.slots = m.makeSlots(size)
	m.mask = uint32(size - 1)
	m.shift = 32 - bits
	m.n, m.nw = 0, 0
	m.entries = m.entries[:0]
	m.dense = m.dense[:0]
}

// put adds feature key k with its weights ps (sorted by class, none zero,
// at most 255). A key already present keeps its first weights.
func (m *Model) put(k uint32, ps []pair) {
	if len(ps) == 0 || len(ps) > 255 {
		return
	}
	i := k >> m.shift
	for ; m.slots[i].n != 0; i = (i + 1) & m.mask {
		if m.slots[i].key == k {
			return
		}
	}
	sl := slot{key: k, n: uint8(len(ps))}
	switch {
	case len(ps) == 2:
		sl.c2, sl.q2 = ps[1].class, ps[1].q
		fallthrough
	case len(ps) == 1:
		sl.c1, sl.q1 = ps[0].class, ps[0].q
	case len(ps) >= m.denseFrom():
		start := uint32(len(m.dense))
		sl.dense = 1
		sl.q1, sl.q2 = int16(uint16(start)), int16(uint16(start>>16))
		m.dense = append(m.dense, make([]int16, len(m.Classes))...)
		for _, p := range ps {
			m.dense[int(start)+int(p.class)] = p.q
		}
	default:
		start := uint32(len(m.entries))
		sl.q1, sl.q2 = int16(uint16(start)), int16(uint16(start>>16))
		for _, p := range ps {
			m.entries = append(m.entries, entry{q: p.q, class: p.class})
		}
	}
	m.slots[i] = sl
	m.n++
	m.nw += len(ps)
}

// each calls f for every feature in key order.
func (m *Model) each(f func(k uint32, ps []pair)) {
	all := make([]int, 0, m.n)
	for i := range m.slots {
		if m.slots[i].n != 0 {
			all = append(all, i)
		}
	}
	slices.SortFunc(all, func(a, b int) int { return cmp.Compare(m.slots[a].key, m.slots[b].key) })
	var ps []pair
	for _, i := range all {
		sl := &m.slots[i]
		ps = ps[:0]
		switch {
		case sl.n <= 2:
			ps = append(ps, pair{q: sl.q1, class: sl.c1})
			if sl.n == 2 {
				ps = append(ps, pair{q: sl.q2, class: sl.c2})
			}
		case sl.dense != 0:
			start := sl.start()
			for c, q := range m.dense[start : start+len(m.Classes)] {
				if q != 0 {
					ps = append(ps, pair{q: q, class: uint8(c)})
				}
			}
		default:
			start := sl.start()
			for _, e := range m.entries[start : start+int(sl.n)] {
				ps = append(ps, pair{q: e.q, class: e.class})
			}
		}
		f(sl.key, ps)
	}
}

// quantize returns the scale for weights up to maxAbs.
func quantize(maxAbs float64) float32 {
	if maxAbs == 0 {
		return 1
	}
	return float32(maxAbs / 32767)
}

// Pruned returns a copy of m without the weights whose magnitude is below
// frac times the largest, and without the features left with none.
func (m *Model) Pruned(frac float64) *Model {
	cut := int(frac * 32767)
	out := &Model{Classes: slices.Clone(m.Classes), scale: m.scale}
	out.newTable(m.n)
	var keep []pair
	m.each(func(k uint32, ps []pair) {
		keep = keep[:0]
		for _, p := range ps {
			if int(p.q) >= cut || -int(p.q) >= cut {
				keep = append(keep, p)
			}
		}
		out.put(k, keep)
	})
	return out
}

// Mean returns the model whose weights are the means of the weights of
// ms (models over the same classes), without the weights under prune
// times the largest. For linear models this is the ensemble that sums the
// models' scores, at the cost of one model: models trained on different
// orders of the same data disagree on their mistakes, and their mean
// makes fewer.
func Mean(ms []*Model, prune float64) (*Model, error) {
	if len(ms) == 0 {
		return nil, errors.New("perceptron: no models to average")
	}
	for _, m := range ms[1:] {
		if !slices.Equal(m.Classes, ms[0].Classes) {
			return nil, errors.New("perceptron: models to average have different classes")
		}
	}
	type cw struct {
		class uint8
		w     float64
	}
	sum := map[uint32][]cw{}
	for _, m := range ms {
		scale := float64(m.scale) / float64(len(ms))
		m.each(func(k uint32, ps []pair) {
			row := sum[k]
		next:
			for _, p := range ps {
				x := float64(p.q) * scale
				for i := range row {
					if row[i].class == p.class {
						row[i].w += x
						continue next
					}
				}
				row = append(row, cw{p.class, x})
			}
			sum[k] = row
		})
	}
	maxAbs := 0.0
	keys := make([]uint32, 0, len(sum))
	for k, row := range sum {
		keys = append(keys, k)
		for _, x := range row {
			maxAbs = max(maxAbs, math.Abs(x.w))
		}
	}
	slices.Sort(keys)
	out := &Model{Classes: slices.Clone(ms[0].Classes), scale: quantize(maxAbs)}
	out.newTable(len(keys))
	cut := prune * maxAbs
	var ps []pair
	for _, k := range keys {
		row := sum[k]
		slices.SortFunc(row, func(a, b cw) int { return cmp.Compare(a.class, b.class) })
		ps = ps[:0]
		for _, x := range row {
			q := math.Round(x.w / float64(out.scale))
			if q == 0 || math.Abs(x.w) < cut {
				continue
			}
			ps = append(ps, pair{q: int16(max(-32767, min(32767, q))), class: x.class})
		}
		out.put(k, ps)
	}
	return out, nil
}
