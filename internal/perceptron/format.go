package perceptron

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"
)

// Model files.
//
// Write writes version 3, which is the run-time hash table itself, so
// that a model embedded in the binary is scored where it lies, with no
// decoding and no copy: loading one reads its header and checks its
// table in one pass. All numbers are little-endian:
//
//	"annals-perceptron-3\n"
//	uvarint class count; for each class, uvarint length and name
//	float32 weight scale
//	uvarints: features, weights, table bits, entries, dense weights
//	zero bytes up to a multiple of 16 from the start of the file
//	slots, 2^bits of 12 bytes: key u32, weights u8, class 1 u8,
//	    class 2 u8, dense u8, weight 1 (or start, low half) i16,
//	    weight 2 (or start, high half) i16; all zero for an empty slot
//	entries, 4 bytes each: weight i16, class u8, zero u8
//	dense rows, one i16 weight for every class
//
// The table is canonical: sized for the number of features (see
// newTable) and filled in key order, so that the same weights always
// give the same bytes. Version 2 (key deltas and weights as varints and
// bytes) is still read.
const (
	magicV2   = "annals-perceptron-2\n"
	magicV3   = "annals-perceptron-3\n"
	slotBytes = 12
	fileAlign = 16
)

// The file layout is the memory layout of slot and entry.
var (
	_ = [1]struct{}{}[unsafe.Sizeof(slot{})-slotBytes]
	_ = [1]struct{}{}[unsafe.Sizeof(entry{})-4]
)

// littleEndian reports whether this machine stores numbers as the files
// do, so that their tables can be used in place.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// Write writes m in version 3 (see above). Models with the same classes,
// scale and weights give the same bytes, however they were built.
func (m *Model) Write(w io.Writer) error {
	c := &Model{Classes: m.Classes, scale: m.scale}
	c.newTable(m.n)
	defer c.unmap()
	m.each(c.put)
	bits := 32 - int(c.shift)

	h := []byte(magicV3)
	h = binary.AppendUvarint(h, uint64(len(c.Classes)))
	for _, name := range c.Classes {
		h = binary.AppendUvarint(h, uint64(len(name)))
		h = append(h, name...)
	}
	h = binary.LittleEndian.AppendUint32(h, math.Float32bits(c.scale))
	for _, x := range []int{c.n, c.nw, bits, len(c.entries), len(c.dense)} {
		h = binary.AppendUvarint(h, uint64(x))
	}
	for len(h)%fileAlign != 0 {
		h = append(h, 0)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(h)
	var b [slotBytes]byte
	le := binary.LittleEndian
	for i := range c.slots {
		sl := &c.slots[i]
		le.PutUint32(b[0:], sl.key)
		b[4], b[5], b[6], b[7] = sl.n, sl.c1, sl.c2, sl.dense
		le.PutUint16(b[8:], uint16(sl.q1))
		le.PutUint16(b[10:], uint16(sl.q2))
		bw.Write(b[:slotBytes])
	}
	for _, e := range c.entries {
		le.PutUint16(b[0:], uint16(e.q))
		b[2], b[3] = e.class, 0
		bw.Write(b[:4])
	}
	for _, q := range c.dense {
		le.PutUint16(b[0:], uint16(q))
		bw.Write(b[:2])
	}
	return bw.Flush()
}

// InPlace is a model's bytes as an io.Reader. Read uses an InPlace
// where it lies, without copying it, and trusts it: for models embedded
// in the binary, whose bytes are never written and whose tables the
// tests check (see Check). Only its header and its size are checked when
// it is read, so that a command which scores a few sentences touches only
// the few pages of the table they need.
type InPlace struct {
	*bytes.Reader
	b []byte
}

// NewInPlace returns b as an InPlace reader.
func NewInPlace(b []byte) *InPlace { return &InPlace{Reader: bytes.NewReader(b), b: b} }

// Bytes returns the bytes not yet read.
func (r *InPlace) Bytes() []byte { return r.b[len(r.b)-r.Len():] }

// Read reads a model written by Write (either version).
func Read(r io.Reader) (*Model, error) {
	if ip, ok := r.(*InPlace); ok {
		return parse(ip.Bytes(), false)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	return Parse(data)
}

// Parse decodes a model written by Write from its bytes. A version 3
// model keeps using data (where it is aligned, as files read whole and
// embedded files are): data must not be changed afterwards.
func Parse(data []byte) (*Model, error) { return parse(data, true) }

// parse reads a model; check says whether to check a version 3 table
// (version 2 is always checked as it is decoded).
func parse(data []byte, check bool) (*Model, error) {
	switch {
	case bytes.HasPrefix(data, []byte(magicV3)):
		return parseV3(data, check)
	case bytes.HasPrefix(data, []byte(magicV2)):
		return parseV2(data)
	}
	return nil, errors.New("perceptron model: not a model file (bad magic)")
}

// decoder reads the header fields of a model file.
type decoder struct {
	data []byte
	p    int
}

func (d *decoder) uv() (uint64, bool) {
	x, n := binary.Uvarint(d.data[d.p:])
	if n <= 0 {
		return 0, false
	}
	d.p += n
	return x, true
}

func fail(what string, err error) (*Model, error) {
	return nil, fmt.Errorf("perceptron model: reading %s: %w", what, err)
}

// head reads the class names and the scale, which both versions begin
// with after their magic.
func (d *decoder) head() (*Model, error) {
	nc, ok := d.uv()
	if !ok || nc == 0 || nc > 255 {
		return fail("class count", fmt.Errorf("bad count %d", nc))
	}
	m := &Model{Classes: make([]string, nc)}
	for i := range m.Classes {
		n, ok := d.uv()
		if !ok || n > 1<<10 || uint64(len(d.data)-d.p) < n {
			return fail("class name", io.ErrUnexpectedEOF)
		}
		m.Classes[i] = string(d.data[d.p : d.p+int(n)])
		d.p += int(n)
	}
	if len(d.data)-d.p < 4 {
		return fail("scale", io.ErrUnexpectedEOF)
	}
	m.scale = math.Float32frombits(binary.LittleEndian.Uint32(d.data[d.p:]))
	d.p += 4
	if !(m.scale > 0) || math.IsInf(float64(m.scale), 0) {
		return fail("scale", fmt.Errorf("bad scale %v", m.scale))
	}
	return m, nil
}

// parseV3 reads a version 3 model, using its table in place when the
// machine and the alignment allow; check says whether to check the table
// (see Check) or trust it.
func parseV3(data []byte, check bool) (*Model, error) {
	d := &decoder{data: data, p: len(magicV3)}
	m, err := d.head()
	if err != nil {
		return nil, err
	}
	var c [5]uint64
	for i := range c {
		x, ok := d.uv()
		if !ok || x > 1<<31 {
			return fail("counts", io.ErrUnexpectedEOF)
		}
		c[i] = x
	}
	nf, nw, bits, ne, nd := int(c[0]), int(c[1]), int(c[2]), int(c[3]), int(c[4])
	if bits < 4 || bits > 30 {
		return fail("counts", fmt.Errorf("table of 2^%d slots", bits))
	}
	ns := 1 << bits
	off := (d.p + fileAlign - 1) &^ (fileAlign - 1)
	if want := uint64(off) + uint64(ns)*slotBytes + uint64(ne)*4 + uint64(nd)*2; uint64(len(data)) != want {
		return fail("table", fmt.Errorf("%d bytes, want %d for %d slots, %d entries and %d dense weights", len(data), want, ns, ne, nd))
	}
	for _, b := range data[d.p:off] {
		if b != 0 {
			return fail("header", errors.New("padding not zero"))
		}
	}
	m.mask, m.shift = uint32(ns-1), uint32(32-bits)
	sb := data[off : off+ns*slotBytes]
	eb := sb[len(sb):][:ne*4]
	db := eb[len(eb):][:nd*2]
	if littleEndian && aligned(sb, 4) && aligned(eb, 2) && aligned(db, 2) {
		m.slots = unsafe.Slice((*slot)(unsafe.Pointer(unsafe.SliceData(sb))), ns)
		if ne > 0 {
			m.entries = unsafe.Slice((*entry)(unsafe.Pointer(unsafe.SliceData(eb))), ne)
		}
		if nd > 0 {
			m.dense = unsafe.Slice((*int16)(unsafe.Pointer(unsafe.SliceData(db))), nd)
		}
	} else {
		m.decode(sb, eb, db)
	}
	m.n, m.nw = nf, nw
	if check {
		if err := m.Check(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func aligned(b []byte, n uintptr) bool {
	return len(b) == 0 || uintptr(unsafe.Pointer(unsafe.SliceData(b)))%n == 0
}

// decode copies the table out of its bytes, where it cannot be used in
// place.
func (m *Model) decode(sb, eb, db []byte) {
	le := binary.LittleEndian
	m.slots = make([]slot, len(sb)/slotBytes)
	for i := range m.slots {
		b := sb[i*slotBytes:]
		m.slots[i] = slot{key: le.Uint32(b), n: b[4], c1: b[5], c2: b[6], dense: b[7],
			q1: int16(le.Uint16(b[8:])), q2: int16(le.Uint16(b[10:]))}
	}
	m.entries = make([]entry, len(eb)/4)
	for i := range m.entries {
		m.entries[i] = entry{q: int16(le.Uint16(eb[4*i:])), class: eb[4*i+2]}
	}
	m.dense = make([]int16, len(db)/2)
	for i := range m.dense {
		m.dense[i] = int16(le.Uint16(db[2*i:]))
	}
}

// Check verifies a model's table, as Read does for every model but an
// InPlace one: every feature can be found from its home slot, its weights
// lie in the table's rows and are for known classes, in order, and the
// counts are as the header says. It reads the table once, in order.
func (m *Model) Check() error {
	nf, nw := m.n, m.nw
	bad := func(i int, format string, a ...any) error {
		return fmt.Errorf("perceptron model: slot %d: %s", i, fmt.Sprintf(format, a...))
	}
	nc := len(m.Classes)
	ns := len(m.slots)
	// Start after an empty slot, so that no run of full slots is seen
	// in two parts.
	first := -1
	for i := range m.slots {
		if m.slots[i].n == 0 {
			first = i
			break
		}
	}
	if first < 0 {
		return errors.New("perceptron model: the table has no empty slot")
	}
	nonzero := 0
	for _, q := range m.dense {
		if q != 0 {
			nonzero++
		}
	}
	features, weights, run := 0, 0, 1
	for j := 1; j <= ns; j++ {
		i := (first + j) & int(m.mask)
		sl := &m.slots[i]
		if sl.n == 0 {
			if *sl != (slot{}) {
				return bad(i, "empty but not zero")
			}
			run = j + 1
			continue
		}
		if sl.key == 0 {
			return bad(i, "key 0")
		}
		if home := int(sl.key >> m.shift); (i-home)&int(m.mask) > j-run {
			return bad(i, "key %d cannot be found from its home slot %d", sl.key, home)
		}
		n := int(sl.n)
		features++
		weights += n
		switch {
		case sl.dense > 1:
			return bad(i, "dense flag %d", sl.dense)
		case n <= 2:
			if sl.dense != 0 || int(sl.c1) >= nc || n == 2 && (int(sl.c2) >= nc || sl.c2 <= sl.c1) {
				return bad(i, "classes %d, %d of %d", sl.c1, sl.c2, nc)
			}
		case sl.dense != 0:
			s := sl.start()
			if s%nc != 0 || s+nc > len(m.dense) {
				return bad(i, "dense row at %d of %d", s, len(m.dense))
			}
			k := 0
			for _, q := range m.dense[s : s+nc] {
				if q != 0 {
					k++
				}
			}
			if k != n {
				return bad(i, "dense row of %d weights, want %d", k, n)
			}
			nonzero -= k
		default:
			s := sl.start()
			if s+n > len(m.entries) {
				return bad(i, "entries %d to %d of %d", s, s+n, len(m.entries))
			}
			for k, e := range m.entries[s : s+n] {
				if int(e.class) >= nc || k > 0 && e.class <= m.entries[s+k-1].class {
					return bad(i, "class %d of %d, or out of order", e.class, nc)
				}
			}
		}
	}
	if features != nf || weights != nw {
		return fmt.Errorf("perceptron model: %d features and %d weights, the header says %d and %d", features, weights, nf, nw)
	}
	if nonzero != 0 {
		return errors.New("perceptron model: dense rows shared or not used")
	}
	return nil
}

// parseV2 reads a version 2 model: after the classes and the scale, the
// feature and weight counts, then for each feature in key order the
// varint difference from the previous key, its number of weights and its
// (class byte, int16 weight) pairs.
func parseV2(data []byte) (*Model, error) {
	d := &decoder{data: data, p: len(magicV2)}
	m, err := d.head()
	if err != nil {
		return nil, err
	}
	short := io.ErrUnexpectedEOF
	nf, ok1 := d.uv()
	nw, ok2 := d.uv()
	p := d.p
	// every feature takes at least 2 bytes and every weight 3
	if !ok1 || !ok2 || nf > uint64(len(data)-p)/2 || nw > uint64(len(data)-p)/3 || nw >= 1<<24 {
		return fail("counts", fmt.Errorf("%d features and %d weights do not fit in %d bytes", nf, nw, len(data)-p))
	}
	m.newTable(int(nf))
	m.entries = make([]entry, 0, nw)
	k := uint32(0)
	var ps []pair
	for range nf {
		d.p = p
		delta, ok := d.uv()
		p = d.p
		if !ok || p >= len(data) {
			return fail("feature", short)
		}
		k += uint32(delta)
		n := int(data[p])
		p++
		if len(data)-p < 3*n || m.nw+n > int(nw) {
			return fail("weights", short)
		}
		ps = ps[:0]
		for j := range n {
			c := data[p]
			if int(c) >= len(m.Classes) {
				return fail("weight", fmt.Errorf("class %d of %d", c, len(m.Classes)))
			}
			if j > 0 && c <= data[p-3] {
				return fail("weight", fmt.Errorf("feature %d: class %d after class %d (Write gives them in increasing order)", k, c, data[p-3]))
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
