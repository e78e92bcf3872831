package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// modelMagic starts every model file (inside its gzip stream).
const modelMagic = "annals-ner\n"

// modelVersion is the version of the model format and feature templates.
const modelVersion = 4

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
// sharing its word table and gazetteer, in their compressed binary form.
// Weights are quantized to 16 bits; features whose weights all round to
// zero are dropped.
func writeModels(w io.Writer, m, doc *model) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &encoder{w: bufio.NewWriter(zw)}
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
	e.weights(m)
	if doc != nil {
		e.w.WriteByte(1)
		e.weights(doc)
	} else {
		e.w.WriteByte(0)
	}
	if err := e.w.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// encoder writes the model's binary fields.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uvar(v uint64) { e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) svar(v int64)  { e.w.Write(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *encoder) str(s string)  { e.uvar(uint64(len(s))); e.w.WriteString(s) }
func (e *encoder) f32(f float32) {
	binary.LittleEndian.PutUint32(e.buf[:4], math.Float32bits(f))
	e.w.Write(e.buf[:4])
}

// weights writes a model's transitions and feature weights: the features
// sorted by hash, each as the delta from the previous hash, a byte telling
// which tags have a weight, and those weights quantized.
func (e *encoder) weights(m *model) {
	m.dense()
	for p := range numTags + 1 {
		for t := range numTags {
			e.f32(m.trans[p][t])
		}
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
	slices.SortFunc(feats, func(a, b feat) int {
		switch {
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return 0
	})
	e.f32(scale)
	e.uvar(uint64(len(feats)))
	var prev uint64
	for _, f := range feats {
		e.uvar(f.h - prev)
		prev = f.h
		var mask byte
		var q [numTags]int64
		for t := range numTags {
			q[t] = int64(math.Round(float64(m.w[int(f.id)*numTags+t] / scale)))
			if q[t] != 0 {
				mask |= 1 << t
			}
		}
		e.w.WriteByte(mask)
		for t := range numTags {
			if q[t] != 0 {
				e.svar(q[t])
			}
		}
	}
}

// readModels reads what writeModels wrote: the sentence model and the
// document model (nil when absent).
func readModels(r io.Reader) (*model, *model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("ner model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, nil, fmt.Errorf("ner model: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte(modelMagic)) {
		return nil, nil, errors.New("ner model: not an annals NER model (bad magic)")
	}
	d := &decoder{b: raw[len(modelMagic):]}
	if v := d.uvar(); v != modelVersion {
		return nil, nil, fmt.Errorf("ner model: format version %d, this build reads %d", v, modelVersion)
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
	if err := d.weights(m); err != nil {
		return nil, nil, err
	}
	var doc *model
	if d.byte() == 1 {
		doc = &model{Name: m.Name, Info: m.Info, words: m.words, gaz: m.gaz}
		if err := d.weights(doc); err != nil {
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
	s := string(d.b[d.off : d.off+int(n)])
	d.off += int(n)
	return s
}
