package ner

import (
	"errors"
	"fmt"
	"slices"
)

// qTable is the run-time form of a loaded model's feature weights: an
// open-addressing hash table (flat array, power-of-two size, linear
// probing) whose slots hold a feature's whole 64-bit hash and its weights
// as the model file stores them, 16-bit multiples of one scale. A lookup
// then reads one slot, where a featIndex and a weight array read
// a slot and then a weight row elsewhere in memory.
//
// The weights it gives are float32(q)·scale, computed as the decoder
// computes the model's float weights, so scores are the same to the bit.
type qTable struct {
	slots []qSlot
	shift uint8 // a hash's home slot is its top bits: h >> shift
	scale float32
}

// qSlot is one cell of a qTable; used is 0 for an empty slot. It is
// padded to 32 bytes, so that no slot straddles two cache lines: measured,
// that tags 5% faster with warm caches and 10–15% faster with cold ones
// than 24-byte slots, for 2 MB more.
type qSlot struct {
	key  uint64
	q    [numTags]int16
	used int16
	_    [8]byte
}

// newQTable returns an empty table for n features at a load of at most
// one half, with weights in steps of scale.
func newQTable(n int, scale float32) *qTable {
	size, bits := 16, uint8(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	return &qTable{slots: make([]qSlot, size), shift: 64 - bits, scale: scale}
}

// home returns the home slot of hash h: its top bits, so that the model
// file's features, sorted by hash, fill the table from start to end.
// Feature hashes come out of a mixing function, whose top bits are
// uniform; the few small constants (the bias feature is 1) share the
// first slots.
func (x *qTable) home(h uint64) uint64 { return h >> x.shift }

// put stores feature h with its quantized weights; h must not be present
// and the table must have room.
func (x *qTable) put(h uint64, q *[numTags]int16) {
	mask := uint64(len(x.slots) - 1)
	i := x.home(h)
	for x.slots[i].used != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = qSlot{key: h, q: *q, used: 1}
}

// touch reads the home slot of every hash (see featIndex.touch) and
// reports whether any is occupied.
func (x *qTable) touch(hs []uint64) bool {
	var any int16
	for _, h := range hs {
		any |= x.slots[x.home(h)].used
	}
	return any != 0
}

// find returns the slot of feature h, or nil when it is unknown.
func (x *qTable) find(h uint64) *qSlot {
	mask := uint64(len(x.slots) - 1)
	for i := x.home(h); ; i = (i + 1) & mask {
		sl := &x.slots[i]
		if sl.used == 0 {
			return nil
		}
		if sl.key == h {
			return sl
		}
	}
}

// sum returns the sum of the weights of features hs for each tag, added
// in the order of hs. The sums are kept in seven variables, which the
// compiler keeps in registers (an array would go through memory at every
// addition); each product is rounded to float32 before it is added (the
// explicit conversion forbids a fused multiply-add), as the decoder
// computes the float weights.
func (x *qTable) sum(hs []uint64) (row [numTags]float32) {
	var a0, a1, a2, a3, a4, a5, a6 float32
	scale := x.scale
	for _, h := range hs {
		sl := x.find(h)
		if sl == nil {
			continue
		}
		a0 += float32(float32(sl.q[0]) * scale)
		a1 += float32(float32(sl.q[1]) * scale)
		a2 += float32(float32(sl.q[2]) * scale)
		a3 += float32(float32(sl.q[3]) * scale)
		a4 += float32(float32(sl.q[4]) * scale)
		a5 += float32(float32(sl.q[5]) * scale)
		a6 += float32(float32(sl.q[6]) * scale)
	}
	return [numTags]float32{a0, a1, a2, a3, a4, a5, a6}
}

// sum is written for seven tags: this fails to compile if there are not.
const _ = uint(numTags-7) + uint(7-numTags)

// floats returns the table's features numbered in a feature index, and
// their weights as floats, float32(q)·scale (as the decoder computes them).
func (x *qTable) floats() (*featIndex, []float32) {
	n := 0
	for i := range x.slots {
		if x.slots[i].used != 0 {
			n++
		}
	}
	index := newFeatIndex(n)
	w := make([]float32, 0, n*numTags)
	for i := range x.slots {
		sl := &x.slots[i]
		if sl.used == 0 {
			continue
		}
		index.Add(sl.key)
		for t := range numTags {
			w = append(w, float32(sl.q[t])*x.scale)
		}
	}
	return index, w
}

// check verifies a table read from a file, which is used as it is: every
// feature can be found from its home slot (no empty slot between), used
// is 0 or 1, an empty slot is all zero, at least one slot is empty (a
// lookup ends there) and there are nf features.
func (x *qTable) check(nf int) error {
	bad := func(i int, what string) error {
		return fmt.Errorf("ner model: feature table slot %d: %s", i, what)
	}
	mask := len(x.slots) - 1
	first := slices.IndexFunc(x.slots, func(sl qSlot) bool { return sl.used == 0 })
	if first < 0 {
		return errors.New("ner model: feature table has no empty slot")
	}
	n, run := 0, 1
	for j := 1; j <= len(x.slots); j++ {
		i := (first + j) & mask
		sl := &x.slots[i]
		switch sl.used {
		case 0:
			if *sl != (qSlot{}) {
				return bad(i, "empty but not zero")
			}
			run = j + 1
			continue
		case 1:
		default:
			return bad(i, fmt.Sprintf("used is %d", sl.used))
		}
		if home := int(x.home(sl.key)); (i-home)&mask > j-run {
			return bad(i, fmt.Sprintf("feature %#x cannot be found from its home slot %d", sl.key, home))
		}
		n++
	}
	if n != nf {
		return fmt.Errorf("ner model: feature table holds %d features, the header says %d", n, nf)
	}
	return nil
}
