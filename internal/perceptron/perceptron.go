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
	"cmp"
	"compress/gzip"
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

// entry is one (class, weight) pair.
type entry struct {
	w     float32
	class uint8
}

// Model is a trained, read-only linear model. It is safe for concurrent use.
type Model struct {
	Classes []string // class names, indexed by class number
	// slots is an open-addressing hash table (linear probing) of
	// key<<32 | start<<8 | count, where entries[start:start+count] are the
	// feature's weights; a zero slot is empty.
	slots   []uint64
	mask    uint32
	n       int
	entries []entry
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return len(m.Classes) }

// NumFeatures returns the number of features with a weight.
func (m *Model) NumFeatures() int { return m.n }

// lookup returns the slot value of key k, or 0.
func (m *Model) lookup(k uint32) uint32 {
	if len(m.slots) == 0 {
		return 0
	}
	for i := k & m.mask; ; i = (i + 1) & m.mask {
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
		if v == 0 {
			continue
		}
		start, n := v>>8, v&0xff
		for _, e := range m.entries[start : start+n] {
			scores[e.class] += e.w
		}
	}
}

// newTable sizes the hash table for n features.
func (m *Model) newTable(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	m.slots = make([]uint64, size)
	m.mask = uint32(size - 1)
	m.n = 0
}

// insert adds feature key k with entries[start:start+count]; count > 0.
func (m *Model) insert(k uint32, start, count int) {
	v := uint64(k)<<32 | uint64(start)<<8 | uint64(count)
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		if m.slots[i] == 0 {
			m.slots[i] = v
			m.n++
			return
		}
		if uint32(m.slots[i]>>32) == k {
			return // duplicate key: the first one stays
		}
	}
}

// each calls f for every feature in key order.
func (m *Model) each(f func(k uint32, es []entry)) {
	type kv struct{ k, v uint32 }
	all := make([]kv, 0, m.n)
	for _, s := range m.slots {
		if s != 0 {
			all = append(all, kv{uint32(s >> 32), uint32(s)})
		}
	}
	slices.SortFunc(all, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
	for _, x := range all {
		start, n := x.v>>8, x.v&0xff
		f(x.k, m.entries[start:start+n])
	}
}

const magic = "annals-perceptron-1\n"

// Write writes m in its compact binary form (gzip-compressed): class names,
// then for each feature, in key order, its key and (class, weight) pairs
// with weights quantized to int16.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.ModTime = zeroTime
	bw := bufio.NewWriter(zw)
	var maxAbs float32
	for _, e := range m.entries {
		maxAbs = max(maxAbs, float32(math.Abs(float64(e.w))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { n := binary.PutUvarint(buf[:], x); bw.Write(buf[:n]) }
	bw.WriteString(magic)
	uv(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		uv(uint64(len(c)))
		bw.WriteString(c)
	}
	binary.Write(bw, binary.LittleEndian, scale)
	uv(uint64(m.n))
	prev := uint32(0)
	m.each(func(k uint32, es []entry) {
		uv(uint64(k - prev))
		prev = k
		bw.WriteByte(byte(len(es)))
		for _, e := range es {
			q := int16(math.Round(float64(e.w / scale)))
			bw.WriteByte(e.class)
			binary.Write(bw, binary.LittleEndian, q)
		}
	})
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Read reads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	fail := func(what string, err error) (*Model, error) {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("perceptron model: reading %s: %w", what, err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("perceptron model: not a model file (bad magic)")
	}
	nc, err := binary.ReadUvarint(br)
	if err != nil || nc == 0 || nc > 255 {
		return fail("class count", errOr(err, fmt.Errorf("%d classes", nc)))
	}
	m := &Model{Classes: make([]string, nc)}
	for i := range m.Classes {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1<<10 {
			return fail("class name", errOr(err, errors.New("too long")))
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return fail("class name", err)
		}
		m.Classes[i] = string(b)
	}
	var scale float32
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return fail("scale", err)
	}
	nf, err := binary.ReadUvarint(br)
	if err != nil || nf > 1<<26 {
		return fail("feature count", errOr(err, errors.New("too many")))
	}
	hint := min(nf, 1<<16) // grow as the file proves its size
	m.entries = make([]entry, 0, hint*3)
	type kv struct{ k, v uint32 }
	feats := make([]kv, 0, hint)
	k := uint32(0)
	var pair [3]byte
	for range nf {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return fail("feature key", err)
		}
		k += uint32(d)
		n, err := br.ReadByte()
		if err != nil {
			return fail("feature", err)
		}
		start := len(m.entries)
		if start >= 1<<24 {
			return fail("feature", errors.New("too many weights"))
		}
		for range n {
			if _, err := io.ReadFull(br, pair[:]); err != nil {
				return fail("weight", err)
			}
			if int(pair[0]) >= len(m.Classes) {
				return fail("weight", fmt.Errorf("class %d of %d", pair[0], len(m.Classes)))
			}
			m.entries = append(m.entries, entry{class: pair[0], w: float32(int16(binary.LittleEndian.Uint16(pair[1:]))) * scale})
		}
		if n > 0 && k != 0 {
			feats = append(feats, kv{k, uint32(start)<<8 | uint32(n)})
		}
	}
	m.newTable(len(feats))
	for _, f := range feats {
		m.insert(f.k, int(f.v>>8), int(f.v&0xff))
	}
	return m, nil
}

func errOr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// Pruned returns a copy of m without the weights whose magnitude is below
// frac times the largest, and without the features left with none.
func (m *Model) Pruned(frac float64) *Model {
	var maxAbs float64
	for _, e := range m.entries {
		maxAbs = max(maxAbs, math.Abs(float64(e.w)))
	}
	cut := frac * maxAbs
	out := &Model{Classes: slices.Clone(m.Classes)}
	out.newTable(m.n)
	m.each(func(k uint32, es []entry) {
		start := len(out.entries)
		for _, e := range es {
			if math.Abs(float64(e.w)) >= cut && e.w != 0 {
				out.entries = append(out.entries, e)
			}
		}
		if n := len(out.entries) - start; n > 0 {
			out.insert(k, start, n)
		}
	})
	return out
}

// NumWeights returns the number of (feature, class) weights.
func (m *Model) NumWeights() int { return len(m.entries) }
