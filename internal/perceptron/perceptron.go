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
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
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

// entry is a pair as stored for features with several weights.
type entry struct {
	w     float32 // q × scale
	q     int16
	class uint8
}

// inline marks a slot value that holds its feature's single weight:
// inline | class<<16 | uint16(q). Other values are start<<8 | count, with
// entries[start:start+count] the feature's weights (count ≥ 2).
const inline = 1 << 31

// Model is a trained, read-only linear model. It is safe for concurrent use.
type Model struct {
	Classes []string // class names, indexed by class number
	scale   float32  // weight of one quantization step
	// slots is an open-addressing hash table (linear probing) of
	// key<<32 | value; a zero slot is empty.
	slots   []uint64
	mask    uint32
	shift   uint32 // a key's home slot is its top bits: key >> shift
	n       int    // features
	nw      int    // weights
	entries []entry
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return len(m.Classes) }

// NumFeatures returns the number of features with a weight.
func (m *Model) NumFeatures() int { return m.n }

// NumWeights returns the number of (feature, class) weights.
func (m *Model) NumWeights() int { return m.nw }

// lookup returns the slot value of key k, or 0.
func (m *Model) lookup(k uint32) uint32 {
	if len(m.slots) == 0 {
		return 0
	}
	for i := k >> m.shift; ; i = (i + 1) & m.mask {
		s := m.slots[i]
		if s == 0 {
			return 0
		}
		if uint32(s>>32) == k {
			return uint32(s)
		}
	}
}

// Score adds to scores (one per class) the weights of feats.
func (m *Model) Score(feats []uint64, scores []float32) {
	for _, f := range feats {
		v := m.lookup(key(f))
		switch {
		case v == 0:
		case v&inline != 0:
			scores[uint8(v>>16)] += float32(int16(uint16(v))) * m.scale
		default:
			start, n := v>>8, v&0xff
			for _, e := range m.entries[start : start+n] {
				scores[e.class] += e.w
			}
		}
	}
}

// newTable sizes the hash table for n features.
func (m *Model) newTable(n int) {
	size, bits := 16, uint32(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	m.slots = make([]uint64, size)
	m.mask = uint32(size - 1)
	m.shift = 32 - bits
	m.n, m.nw = 0, 0
	m.entries = m.entries[:0]
}

// put adds feature key k with its weights ps (sorted by class, none zero).
// A key already present keeps its first weights.
func (m *Model) put(k uint32, ps []pair) {
	if len(ps) == 0 {
		return
	}
	i := k >> m.shift
	for ; m.slots[i] != 0; i = (i + 1) & m.mask {
		if uint32(m.slots[i]>>32) == k {
			return
		}
	}
	var v uint32
	if len(ps) == 1 {
		v = inline | uint32(ps[0].class)<<16 | uint32(uint16(ps[0].q))
	} else {
		v = uint32(len(m.entries))<<8 | uint32(len(ps))
		for _, p := range ps {
			m.entries = append(m.entries, entry{w: float32(p.q) * m.scale, q: p.q, class: p.class})
		}
	}
	m.slots[i] = uint64(k)<<32 | uint64(v)
	m.n++
	m.nw += len(ps)
}

// each calls f for every feature in key order.
func (m *Model) each(f func(k uint32, ps []pair)) {
	type kv struct{ k, v uint32 }
	all := make([]kv, 0, m.n)
	for _, s := range m.slots {
		if s != 0 {
			all = append(all, kv{uint32(s >> 32), uint32(s)})
		}
	}
	slices.SortFunc(all, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
	var ps []pair
	for _, x := range all {
		ps = ps[:0]
		if x.v&inline != 0 {
			ps = append(ps, pair{q: int16(uint16(x.v)), class: uint8(x.v >> 16)})
		} else {
			start, n := x.v>>8, x.v&0xff
			for _, e := range m.entries[start : start+n] {
				ps = append(ps, pair{q: e.q, class: e.class})
			}
		}
		f(x.k, ps)
	}
}

// quantize returns the scale for weights up to maxAbs.
func quantize(maxAbs float64) float32 {
	if maxAbs == 0 {
		return 1
	}
	return float32(maxAbs / 32767)
}

const magic = "annals-perceptron-2\n"

// Write writes m in its compact binary form: a header (magic, class
// names, weight scale, feature and weight counts), then for each feature,
// in key order, the varint difference from the previous key, its number
// of weights and its (class byte, int16 weight) pairs, weights quantized
// against the largest. It is not compressed, so that loading is a single
// pass over the bytes.
func (m *Model) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { n := binary.PutUvarint(buf[:], x); bw.Write(buf[:n]) }
	bw.WriteString(magic)
	uv(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		uv(uint64(len(c)))
		bw.WriteString(c)
	}
	binary.Write(bw, binary.LittleEndian, m.scale)
	uv(uint64(m.n))
	uv(uint64(m.nw))
	prev := uint32(0)
	m.each(func(k uint32, ps []pair) {
		uv(uint64(k - prev))
		prev = k
		bw.WriteByte(byte(len(ps)))
		for _, p := range ps {
			bw.WriteByte(p.class)
			binary.Write(bw, binary.LittleEndian, p.q)
		}
	})
	return bw.Flush()
}

// Read reads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	return Parse(data)
}

// Parse decodes a model written by Write from its bytes.
func Parse(data []byte) (*Model, error) {
	fail := func(what string, err error) (*Model, error) {
		return nil, fmt.Errorf("perceptron model: reading %s: %w", what, err)
	}
	short := io.ErrUnexpectedEOF
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("perceptron model: not a model file (bad magic)")
	}
	p := len(magic)
	uv := func() (uint64, bool) {
		x, n := binary.Uvarint(data[p:])
		if n <= 0 {
			return 0, false
		}
		p += n
		return x, true
	}
	nc, ok := uv()
	if !ok || nc == 0 || nc > 255 {
		return fail("class count", fmt.Errorf("bad count %d", nc))
	}
	m := &Model{Classes: make([]string, nc)}
	for i := range m.Classes {
		n, ok := uv()
		if !ok || n > 1<<10 || uint64(len(data)-p) < n {
			return fail("class name", short)
		}
		m.Classes[i] = string(data[p : p+int(n)])
		p += int(n)
	}
	if len(data)-p < 4 {
		return fail("scale", short)
	}
	m.scale = math.Float32frombits(binary.LittleEndian.Uint32(data[p:]))
	p += 4
	if !(m.scale > 0) || math.IsInf(float64(m.scale), 0) {
		return fail("scale", fmt.Errorf("bad scale %v", m.scale))
	}
	nf, ok1 := uv()
	nw, ok2 := uv()
	// every feature takes at least 2 bytes and every weight 3
	if !ok1 || !ok2 || nf > uint64(len(data)-p)/2 || nw > uint64(len(data)-p)/3 || nw >= 1<<24 {
		return fail("counts", fmt.Errorf("%d features and %d weights do not fit in %d bytes", nf, nw, len(data)-p))
	}
	m.newTable(int(nf))
	m.entries = make([]entry, 0, nw)
	k := uint32(0)
	var ps []pair
	for range nf {
		d, ok := uv()
		if !ok || p >= len(data) {
			return fail("feature", short)
		}
		k += uint32(d)
		n := int(data[p])
		p++
		if len(data)-p < 3*n || m.nw+n > int(nw) {
			return fail("weights", short)
		}
		ps = ps[:0]
		for range n {
			c := data[p]
			if int(c) >= len(m.Classes) {
				return fail("weight", fmt.Errorf("class %d of %d", c, len(m.Classes)))
			}
			if q := int16(binary.LittleEndian.Uint16(data[p+1:])); q != 0 {
				ps = append(ps, pair{q: q, class: c})
			}
			p += 3
		}
		if k != 0 {
			m.put(k, ps)
		}
	}
	return m, nil
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
