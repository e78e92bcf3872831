package ner

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"unsafe"
)

// modelMagic starts every model file (version 4 files are gzip streams
// that start with it once decompressed).
const modelMagic = "annals-ner\n"

// modelVersion is the version of the model format and feature templates.
// Version 5 is version 4 uncompressed, with each model's weights as the
// run-time qTable itself (see encoder.table), so that the embedded model
// is used where it lies; version 4 is still read.
const modelVersion = 5

// model is a trained recognizer: feature weights per tag, tag transition
// weights, and the word table induced from unlabelled text.
type model struct {
	Name string // provenance name, e.g. "ner-uner-ewt-2026.11"
	Info string // how it was trained (free text, one line)
	// index numbers the features and w holds their weights,
	// index.Len()*numTags, feature-major. A model read from a file tags
	// with q, which holds the same weights, and builds index and w only
	// when asked for them (see dense).
	index     *featIndex
	w         []float32
	q         *qTable
	denseOnce sync.Once
	// trans[p][t] is the weight of tag t after tag p; p == numTags is the
	// sentence start.
	trans [numTags + 1][numTags]float32
	words map[string]wordInfo
	gaz   *gazetteer // nil: no gazetteer features
}

// allowed reports whether tag t may follow tag p (p == numTags: sentence
// start): an I- tag only continues an entity of its own label.
func allowed(p, t int) bool {
	if !Tag(t).IsInside() {
		return true
	}
	if p == numTags || p == int(O) {
		return false
	}
	return Tag(p).Label() == Tag(t).Label()
}

// emissions fills scores[i*numTags+t] with the feature weights of tag t at
// word i, given each word's feature ids (-1: unknown feature).
func (m *model) emissions(feats [][]int32, scores []float32) {
	for i, fs := range feats {
		row := scores[i*numTags : (i+1)*numTags]
		clear(row)
		for _, f := range fs {
			if f < 0 {
				continue
			}
			w := m.w[int(f)*numTags : int(f)*numTags+numTags]
			for t := range numTags {
				row[t] += w[t]
			}
		}
	}
}

// viterbi returns the best well-formed tag sequence for n words given the
// emission scores and transition weights; s, when not nil, lends its
// buffers.
func viterbi(n int, scores []float32, trans *[numTags + 1][numTags]float32, tags []Tag, s *scratch) []Tag {
	tags = tags[:0]
	if n == 0 {
		return tags
	}
	neg := float32(math.Inf(-1))
	var delta []float32
	var back []int8
	if s != nil {
		s.delta = slices.Grow(s.delta[:0], n*numTags)[:n*numTags]
		s.back = slices.Grow(s.back[:0], n*numTags)[:n*numTags]
		delta, back = s.delta, s.back
	} else {
		delta = make([]float32, n*numTags)
		back = make([]int8, n*numTags)
	}
	for t := range numTags {
		if allowed(numTags, t) {
			delta[t] = scores[t] + trans[numTags][t]
		} else {
			delta[t] = neg
		}
		back[t] = 0
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*numTags : i*numTags]
		for t := range numTags {
			best, arg := neg, 0
			for p := range numTags {
				if !allowedTable[p][t] {
					continue
				}
				if v := prev[p] + trans[p][t]; v > best {
					best, arg = v, p
				}
			}
			delta[i*numTags+t] = best + scores[i*numTags+t]
			back[i*numTags+t] = int8(arg)
		}
	}
	best, arg := neg, 0
	for t := range numTags {
		if v := delta[(n-1)*numTags+t]; v > best {
			best, arg = v, t
		}
	}
	tags = slices.Grow(tags, n)[:n]
	for i := n - 1; i >= 0; i-- {
		tags[i] = Tag(arg)
		arg = int(back[i*numTags+arg])
	}
	return tags
}

// allowedTable caches allowed for the inner loop of viterbi.
var allowedTable = func() (a [numTags + 1][numTags]bool) {
	for p := range numTags + 1 {
		for t := range numTags {
			a[p][t] = allowed(p, t)
		}
	}
	return a
}()

// featureIDs returns, for each word of a sentence, the ids of its known
// features; doc, when not nil, is each word's document context (see
// docContext). Training numbers each sentence's features once with it;
// tagging goes through scores, which allocates nothing.
func (m *model) featureIDs(words []string, doc []uint64) [][]int32 {
	m.dense()
	s := getScratch()
	defer putScratch(s)
	toks := m.prepare(s, words, doc)
	ids := make([][]int32, len(words))
	for i := range toks {
		s.hashes = features(toks, i, s.hashes[:0])
		row := make([]int32, 0, len(s.hashes))
		if m.index.touch(s.hashes) {
			for _, h := range s.hashes {
				if f, ok := m.index.Get(h); ok {
					row = append(row, f)
				}
			}
		}
		ids[i] = row
	}
	return ids
}

// dense builds, for a model read from a file, the feature index and weight
// array from q (for writing the model, and for featureIDs and emissions);
// the weights are float32(q)·scale, as the decoder computes them.
func (m *model) dense() {
	m.denseOnce.Do(func() {
		if m.index == nil && m.q != nil {
			m.index, m.w = m.q.floats()
		}
	})
}

// scratch is the working memory of tagging one sentence, reused through
// scratchPool so that tagging allocates nothing once warm.
type scratch struct {
	toks  []token
	lower []string   // each word lowercased
	buf   []byte     // the words lowercased into one string
	spans [][2]int32 // which words are in buf: word, start
	// gazetteer matches: found in order, then grouped by word
	gazPairs         []gazPair
	gazFlat          []uint64
	gazEnds, gazFill []int32
	gaz              [][]uint64
	hashes           []uint64 // every word's feature hashes, one after another
	ends             []int    // ends[i]: end of word i's hashes
	scores           []float32
	delta            []float32
	back             []int8
	tags             []Tag
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch  { return scratchPool.Get().(*scratch) }
func putScratch(s *scratch) { scratchPool.Put(s) }

// scores returns the emission scores of a sentence, scores[i*numTags+t]
// for tag t at word i, in s's memory. They are the same, to the bit, as
// emissions over featureIDs: each word's known features are added in the
// order features lists them.
func (m *model) scores(s *scratch, words []string, doc []uint64) []float32 {
	toks := m.prepare(s, words, doc)
	s.hashes, s.ends = s.hashes[:0], s.ends[:0]
	for i := range toks {
		s.hashes = features(toks, i, s.hashes)
		s.ends = append(s.ends, len(s.hashes))
	}
	n := len(toks) * numTags
	s.scores = slices.Grow(s.scores[:0], n)[:n]
	clear(s.scores)
	if m.q != nil {
		if !m.q.touch(s.hashes) {
			return s.scores
		}
		start := 0
		for i, end := range s.ends {
			*(*[numTags]float32)(s.scores[i*numTags:]) = m.q.sum(s.hashes[start:end])
			start = end
		}
		return s.scores
	}
	if !m.index.touch(s.hashes) {
		return s.scores
	}
	start := 0
	for i, end := range s.ends {
		row := (*[numTags]float32)(s.scores[i*numTags:])
		for _, h := range s.hashes[start:end] {
			f, ok := m.index.Get(h)
			if !ok {
				continue
			}
			w := (*[numTags]float32)(m.w[int(f)*numTags:])
			for t := range numTags {
				row[t] += w[t]
			}
		}
		start = end
	}
	return s.scores
}

// tagInto returns the best tag sequence for a sentence, given each word's
// document context (nil: none), in s's memory.
func (m *model) tagInto(s *scratch, words []string, doc []uint64) []Tag {
	if len(words) == 0 {
		return s.tags[:0]
	}
	scores := m.scores(s, words, doc)
	s.tags = viterbi(len(words), scores, &m.trans, s.tags, s)
	return s.tags
}

// tag returns the best tag sequence for a sentence, given each word's
// document context (nil: none).
func (m *model) tag(words []string, doc []uint64) []Tag {
	if len(words) == 0 {
		return nil
	}
	s := getScratch()
	defer putScratch(s)
	return slices.Clone(m.tagInto(s, words, doc))
}

// writeModels writes a sentence model and, if not nil, a document model
// sharing its word table and gazetteer, in their binary form (version 5).
// Weights are quantized to 16 bits; features whose weights all round to
// zero are dropped.
func writeModels(w io.Writer, m, doc *model) error {
	cw := &countWriter{w: w}
	e := &encoder{w: bufio.NewWriterSize(cw, 1<<16), cw: cw}
	e.w.WriteString(modelMagic)
	e.uvar(modelVersion)
	e.str(m.Name)
	e.str(m.Info)

	words := make([]string, 0, len(m.words))
	for k := range m.words {
		words = append(words, k)
	}
	slices.Sort(words)
	e.uvar(uint64(len(words)))
	for _, k := range words {
		info := m.words[k]
		e.str(k)
		for g := range numGrains {
			e.uvar(uint64(info.Cluster[g]))
		}
		e.w.WriteByte(info.Caps)
	}
	var gents [][3]string
	if m.gaz != nil {
		gents = m.gaz.entries()
	}
	e.uvar(uint64(len(gents)))
	for _, g := range gents {
		e.str(g[0])
		e.str(g[1])
		e.str(g[2])
	}
	e.table(m)
	if doc != nil {
		e.w.WriteByte(1)
		e.table(doc)
	} else {
		e.w.WriteByte(0)
	}
	return e.w.Flush()
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += n
	return n, err
}

// encoder writes the model's binary fields.
type encoder struct {
	w   *bufio.Writer
	cw  *countWriter // under w
	buf [binary.MaxVarintLen64]byte
}

// offset returns the number of bytes written so far.
func (e *encoder) offset() int { return e.cw.n + e.w.Buffered() }

func (e *encoder) uvar(v uint64) { e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) svar(v int64)  { e.w.Write(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *encoder) str(s string)  { e.uvar(uint64(len(s))); e.w.WriteString(s) }
func (e *encoder) f32(f float32) {
	binary.LittleEndian.PutUint32(e.buf[:4], math.Float32bits(f))
	e.w.Write(e.buf[:4])
}

// qSlotBytes is the size of a qSlot in a file and in memory; tableAlign
// is the alignment of a table in a file, from its start.
const (
	qSlotBytes = 32
	tableAlign = 32
)

var _ = [1]struct{}{}[unsafe.Sizeof(qSlot{})-qSlotBytes]

// table writes a model's transitions, weight scale, feature count and
// qTable: the table's size as a power of two, zero bytes up to a multiple
// of tableAlign from the start of the file, and its slots (key u64,
// numTags weights i16, used i16, 8 zero bytes; little-endian).
func (e *encoder) table(m *model) {
	for p := range numTags + 1 {
		for t := range numTags {
			e.f32(m.trans[p][t])
		}
	}
	q, nf := m.quantized()
	e.f32(q.scale)
	e.uvar(uint64(nf))
	e.uvar(uint64(64 - q.shift))
	for e.offset()%tableAlign != 0 {
		e.w.WriteByte(0)
	}
	var b [qSlotBytes]byte
	le := binary.LittleEndian
	for i := range q.slots {
		sl := &q.slots[i]
		le.PutUint64(b[0:], sl.key)
		for t := range numTags {
			le.PutUint16(b[8+2*t:], uint16(sl.q[t]))
		}
		le.PutUint16(b[8+2*numTags:], uint16(sl.used))
		e.w.Write(b[:])
	}
}

// quantized returns a model's weights as a qTable, with its number of
// features: the model's own, when it was read from a file, or its float
// weights quantized against the largest (features sorted by hash and
// put in that order, so that the same weights give the same table).
func (m *model) quantized() (*qTable, int) {
	if m.q != nil {
		n := 0
		for i := range m.q.slots {
			if m.q.slots[i].used != 0 {
				n++
			}
		}
		return m.q, n
	}
	var maxAbs float32
	for _, v := range m.w {
		maxAbs = max(maxAbs, v, -v)
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	type feat struct {
		h  uint64
		id int32
	}
	var feats []feat
	m.index.each(func(h uint64, id int32) {
		for t := range numTags {
			if math.Round(float64(m.w[int(id)*numTags+t]/scale)) != 0 {
				feats = append(feats, feat{h, id})
				break
			}
		}
	})
	slices.SortFunc(feats, func(a, b feat) int { return cmp.Compare(a.h, b.h) })
	qt := newQTable(len(feats), scale)
	for _, f := range feats {
		var q [numTags]int16
		for t := range numTags {
			q[t] = int16(math.Round(float64(m.w[int(f.id)*numTags+t] / scale)))
		}
		qt.put(f.h, &q)
	}
	return qt, len(feats)
}

// readModels reads what writeModels wrote, in either version: the
// sentence model and the document model (nil when absent). Its tables are
// checked (see qTable.check).
func readModels(r io.Reader) (*model, *model, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("ner model: %w", err)
	}
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) { // gzip: version 4
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, nil, fmt.Errorf("ner model: %w", err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			return nil, nil, fmt.Errorf("ner model: %w", err)
		}
	}
	return parseModels(raw, true)
}

// parseModels reads the models from raw, which they keep using: their
// strings and tables are raw's bytes, which must not change. check says
// whether to check the tables (see qTable.check) or trust them, as the
// embedded model is trusted (its tests check it).
func parseModels(raw []byte, check bool) (*model, *model, error) {
	if !bytes.HasPrefix(raw, []byte(modelMagic)) {
		return nil, nil, errors.New("ner model: not an annals NER model (bad magic)")
	}
	d := &decoder{b: raw, off: len(modelMagic)}
	v := d.uvar()
	if v != 4 && v != modelVersion {
		return nil, nil, fmt.Errorf("ner model: format version %d, this build reads 4 and %d", v, modelVersion)
	}
	m := &model{Name: d.str(), Info: d.str()}
	nw := d.uvar()
	if nw > uint64(d.left()) {
		return nil, nil, fmt.Errorf("ner model: corrupt word table (%d words)", nw)
	}
	m.words = make(map[string]wordInfo, nw)
	for range nw {
		k := d.str()
		var info wordInfo
		for g := range numGrains {
			info.Cluster[g] = uint16(d.uvar())
		}
		info.Caps = d.byte()
		m.words[k] = info
	}
	ng := d.uvar()
	if ng > uint64(d.left()) {
		return nil, nil, fmt.Errorf("ner model: corrupt gazetteer (%d entries)", ng)
	}
	if ng > 0 {
		m.gaz = &gazetteer{folded: map[string]uint32{}, cased: map[string]uint32{}}
		for range ng {
			cat, kind, key := d.str(), d.str(), d.str()
			m.gaz.addStored(cat, kind, key)
		}
	}
	weights := d.weights
	if v == modelVersion {
		weights = func(m *model) error { return d.table(m, check) }
	}
	if err := weights(m); err != nil {
		return nil, nil, err
	}
	var doc *model
	if d.byte() == 1 {
		doc = &model{Name: m.Name, Info: m.Info, words: m.words, gaz: m.gaz}
		if err := weights(doc); err != nil {
			return nil, nil, err
		}
	}
	if d.err != nil {
		return nil, nil, fmt.Errorf("ner model: %w", d.err)
	}
	if d.left() != 0 {
		return nil, nil, fmt.Errorf("ner model: %d trailing bytes", d.left())
	}
	return m, doc, nil
}

// table reads what encoder.table wrote into m, using the slots where
// they lie when the machine and their alignment allow.
func (d *decoder) table(m *model, check bool) error {
	for p := range numTags + 1 {
		for t := range numTags {
			m.trans[p][t] = d.f32()
		}
	}
	scale := d.f32()
	nf := d.uvar()
	bits := d.uvar()
	if d.err != nil {
		return fmt.Errorf("ner model: %w", d.err)
	}
	if bits < 4 || bits > 40 || nf >= 1<<bits {
		return fmt.Errorf("ner model: corrupt feature table (%d features in 2^%d slots)", nf, bits)
	}
	start := (d.off + tableAlign - 1) &^ (tableAlign - 1)
	size := 1 << bits
	if start > len(d.b) || uint64(len(d.b)-start)/qSlotBytes < uint64(size) {
		return fmt.Errorf("ner model: feature table: %w", errTruncated)
	}
	for _, b := range d.b[d.off:start] {
		if b != 0 {
			return errors.New("ner model: feature table: padding not zero")
		}
	}
	sb := d.b[start : start+size*qSlotBytes]
	d.off = start + len(sb)
	q := &qTable{shift: uint8(64 - bits), scale: scale}
	if littleEndian && uintptr(unsafe.Pointer(unsafe.SliceData(sb)))%8 == 0 {
		q.slots = unsafe.Slice((*qSlot)(unsafe.Pointer(unsafe.SliceData(sb))), size)
	} else {
		le := binary.LittleEndian
		q.slots = make([]qSlot, size)
		for i := range q.slots {
			b := sb[i*qSlotBytes:]
			sl := &q.slots[i]
			sl.key = le.Uint64(b)
			for t := range numTags {
				sl.q[t] = int16(le.Uint16(b[8+2*t:]))
			}
			sl.used = int16(le.Uint16(b[8+2*numTags:]))
		}
	}
	if check {
		if err := q.check(int(nf)); err != nil {
			return err
		}
	}
	m.q = q
	return nil
}

// littleEndian reports whether this machine stores numbers as the model
// files do, so that their tables can be used in place.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// weights reads what encoder.weights wrote into m.
func (d *decoder) weights(m *model) error {
	for p := range numTags + 1 {
		for t := range numTags {
			m.trans[p][t] = d.f32()
		}
	}
	scale := d.f32()
	nf := d.uvar()
	if nf > uint64(d.left()) {
		return fmt.Errorf("ner model: corrupt feature table (%d features)", nf)
	}
	// The weights go into a qTable; only if one does not fit 16 bits
	// (which writeModels never writes) into a feature index and float
	// weights instead.
	qt := newQTable(int(nf), scale)
	var index *featIndex
	var w []float32
	var h uint64
	for i := range int(nf) {
		delta := d.uvar()
		if i > 0 && delta == 0 && d.err == nil {
			return fmt.Errorf("ner model: corrupt feature table (feature %d repeats the hash of the one before)", i)
		}
		h += delta
		mask := d.byte()
		var q [numTags]int64
		for t := range numTags {
			if mask&(1<<t) != 0 {
				q[t] = d.svar()
				if qt != nil && (q[t] < math.MinInt16 || q[t] > math.MaxInt16) {
					index, w = qt.floats()
					qt = nil
				}
			}
		}
		if qt != nil {
			var q16 [numTags]int16
			for t, v := range q {
				q16[t] = int16(v)
			}
			qt.put(h, &q16)
			continue
		}
		index.Add(h)
		for _, v := range q {
			w = append(w, float32(v)*scale)
		}
	}
	if d.err != nil {
		return fmt.Errorf("ner model: %w", d.err)
	}
	m.q, m.index, m.w = qt, index, w
	return nil
}

// decoder reads the model's binary fields, remembering the first error.
// It keeps its place as an offset: moving a slice of a heap object would
// cost a write barrier on every field while the collector runs.
type decoder struct {
	b   []byte
	off int
	err error
}

var errTruncated = errors.New("truncated model data")

// left returns the number of bytes not read yet.
func (d *decoder) left() int { return len(d.b) - d.off }

func (d *decoder) uvar() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) svar() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) byte() byte {
	if d.err != nil || d.left() < 1 {
		d.err = errTruncated
		return 0
	}
	c := d.b[d.off]
	d.off++
	return c
}

func (d *decoder) f32() float32 {
	if d.err != nil || d.left() < 4 {
		d.err = errTruncated
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(d.b[d.off:]))
	d.off += 4
	return v
}

func (d *decoder) str() string {
	n := d.uvar()
	if d.err != nil {
		return ""
	}
	if n > uint64(d.left()) {
		d.err = errTruncated
		return ""
	}
	s := unsafe.String(unsafe.SliceData(d.b[d.off:]), int(n)) // d.b is never written
	d.off += int(n)
	return s
}
