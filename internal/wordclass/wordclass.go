// Package wordclass induces hierarchical word classes from unlabelled
// sentences, for the tagger's and the parser's features (in the spirit of
// Koo, Carreras and Collins 2008, who use Brown cluster prefixes).
//
// Each frequent word is described by the positive pointwise mutual
// information (PPMI) of the words seen just before and after it (as in
// Brown clustering, the neighbours say most about a word's syntax); words are then split top-down by spherical k-means into Branch
// groups, each group again into Branch groups, Depth times. A word's class
// is its path in that tree, so that a path prefix is a coarser class: the
// tagger and parser use prefixes of several lengths as features.
//
// A Table is the induced map from normalized words to paths; it is written
// as a small text file (word, tab, path digits) and embedded with the
// models that use it.
package wordclass

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Options control induction.
type Options struct {
	MinCount int    // words seen fewer times get no class (default 3)
	MaxWords int    // at most this many words, the most frequent (default 50000)
	Contexts int    // context words: the most frequent ones (default 2000)
	Window   int    // context positions on each side (default 1, at most 3)
	Branch   int    // groups per split (default 8, at most 10)
	Depth    int    // levels of splits (default 4, at most 6)
	Iters    int    // k-means iterations per split (default 12)
	Restarts int    // k-means runs per split, the best kept (default 3)
	Seed     uint64 // initial centroid choice
}

func (o *Options) defaults() {
	if o.MinCount == 0 {
		o.MinCount = 3
	}
	if o.MaxWords == 0 {
		o.MaxWords = 50000
	}
	if o.Contexts == 0 {
		o.Contexts = 2000
	}
	if o.Window == 0 {
		o.Window = 1
	}
	if o.Branch == 0 {
		o.Branch = 8
	}
	if o.Depth == 0 {
		o.Depth = 4
	}
	if o.Iters == 0 {
		o.Iters = 12
	}
	if o.Restarts == 0 {
		o.Restarts = 3
	}
	o.Branch = min(max(o.Branch, 2), 10)
	o.Depth = min(max(o.Depth, 1), 6)
	o.Window = min(max(o.Window, 1), 3)
}

// Table maps normalized words to their class paths. It is read-only once
// built and safe for concurrent use.
type Table struct {
	depth int
	paths map[string]string // normalized word → path, one digit a level
}

// Empty returns a table of the given depth (1..6) with no words.
func Empty(depth int) *Table {
	return &Table{depth: min(max(depth, 1), 6), paths: map[string]string{}}
}

// Depth returns the number of levels of the table's paths.
func (t *Table) Depth() int { return t.depth }

// Len returns the number of words with a class.
func (t *Table) Len() int { return len(t.paths) }

// Normalize returns the form under which a word is classed: lowercase,
// with every digit replaced by 0.
func Normalize(w string) string {
	simple := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c >= '1' && c <= '9' {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		return unicode.ToLower(r)
	}, w)
}

// Path returns the class path of word (normalized here), "" if the word
// has no class.
func (t *Table) Path(word string) string {
	if t == nil {
		return ""
	}
	return t.paths[Normalize(word)]
}

// Induce builds a table from sentences of words.
func Induce(sents [][]string, opt Options) *Table {
	opt.defaults()
	counts := map[string]int{}
	norm := make([][]string, len(sents))
	for i, s := range sents {
		norm[i] = make([]string, len(s))
		for j, w := range s {
			n := Normalize(w)
			norm[i][j] = n
			counts[n]++
		}
	}
	type wc struct {
		w string
		n int
	}
	var byFreq []wc
	for w, n := range counts {
		byFreq = append(byFreq, wc{w, n})
	}
	slices.SortFunc(byFreq, func(a, b wc) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.w, b.w)
	})
	words := map[string]int{}
	var vocab []string
	for _, x := range byFreq {
		if x.n < opt.MinCount || len(vocab) >= opt.MaxWords {
			break
		}
		words[x.w] = len(vocab)
		vocab = append(vocab, x.w)
	}
	ctx := min(opt.Contexts, len(vocab))
	// Context dimensions: 2 × Window positions (-1 and +1 by default) ×
	// (ctx words + one for a sentence boundary + one for any other word).
	var offsets []int
	for k := opt.Window; k >= 1; k-- {
		offsets = append(offsets, -k)
	}
	for k := 1; k <= opt.Window; k++ {
		offsets = append(offsets, k)
	}
	per := ctx + 2
	dims := len(offsets) * per
	cooc := make([]map[int32]float64, len(vocab))
	for i := range cooc {
		cooc[i] = map[int32]float64{}
	}
	ctxID := func(s []string, j int) int {
		if j < 0 || j >= len(s) {
			return ctx
		}
		if k, ok := words[s[j]]; ok && k < ctx {
			return k
		}
		return ctx + 1
	}
	for _, s := range norm {
		for j, w := range s {
			k, ok := words[w]
			if !ok {
				continue
			}
			for pi, off := range offsets {
				cooc[k][int32(pi*per+ctxID(s, j+off))]++
			}
		}
	}
	// PPMI with context distribution smoothing (context counts ^ 0.75).
	ctot := make([]float64, dims)
	wtot := make([]float64, len(vocab))
	total := 0.0
	for k, row := range cooc {
		for d, n := range row {
			ctot[d] += n
			wtot[k] += n
			total += n
		}
	}
	csm := 0.0
	for d := range ctot {
		ctot[d] = math.Pow(ctot[d], 0.75)
		csm += ctot[d]
	}
	vecs := make([]sparse, len(vocab))
	for k, row := range cooc {
		var v sparse
		for d, n := range row {
			pmi := math.Log(n * csm / (wtot[k] * ctot[d]))
			if pmi > 0 {
				v.idx = append(v.idx, d)
				v.val = append(v.val, float32(pmi))
			}
		}
		v.normalize()
		vecs[k] = v
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x77c1))
	paths := make([][]byte, len(vocab))
	all := make([]int, len(vocab))
	for i := range all {
		all[i] = i
	}
	split(vecs, all, dims, opt, 0, paths, rng)
	t := &Table{depth: opt.Depth, paths: make(map[string]string, len(vocab))}
	for k, w := range vocab {
		t.paths[w] = string(paths[k])
	}
	return t
}

// sparse is a word's context vector: sorted dimensions and their values.
type sparse struct {
	idx []int32
	val []float32
}

func (v *sparse) normalize() {
	order := make([]int, len(v.idx))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(v.idx[a], v.idx[b]) })
	idx := make([]int32, len(order))
	val := make([]float32, len(order))
	ss := 0.0
	for i, o := range order {
		idx[i], val[i] = v.idx[o], v.val[o]
		ss += float64(val[i]) * float64(val[i])
	}
	if ss > 0 {
		inv := float32(1 / math.Sqrt(ss))
		for i := range val {
			val[i] *= inv
		}
	}
	v.idx, v.val = idx, val
}

func (v *sparse) dot(c []float32) float32 {
	s := float32(0)
	for i, d := range v.idx {
		s += v.val[i] * c[d]
	}
	return s
}

// split divides members into opt.Branch groups by spherical k-means,
// appends each member's group digit to its path and recurses until
// opt.Depth levels. Sets too small to split get digit 0 at every level
// left.
func split(vecs []sparse, members []int, dims int, opt Options, level int, paths [][]byte, rng *rand.Rand) {
	if level == opt.Depth {
		return
	}
	k := opt.Branch
	if len(members) < 2*k {
		for _, m := range members {
			for range opt.Depth - level {
				paths[m] = append(paths[m], '0')
			}
		}
		return
	}
	// The best of a few runs: k-means stops in a local optimum that
	// depends on the first centroids.
	var assign []int
	best := float32(-1)
	for range opt.Restarts {
		a, fit := kmeans(vecs, members, dims, k, opt.Iters, rng)
		if fit > best {
			assign, best = a, fit
		}
	}
	groups := make([][]int, k)
	for i, m := range members {
		paths[m] = append(paths[m], byte('0'+assign[i]))
		groups[assign[i]] = append(groups[assign[i]], m)
	}
	for _, g := range groups {
		split(vecs, g, dims, opt, level+1, paths, rng)
	}
}

// kmeans clusters members into k groups; the first centroids are chosen
// k-means++ style among the members (which come most frequent first), and
// groups are numbered by their most frequent member, so that paths do not
// depend on map order.
//
// It returns the groups and the fit: the sum of the members' similarities
// to their centroids.
func kmeans(vecs []sparse, members []int, dims, k, iters int, rng *rand.Rand) ([]int, float32) {
	cents := make([][]float32, k)
	for c := range cents {
		cents[c] = make([]float32, dims)
	}
	setCent := func(c, m int) {
		clear(cents[c])
		v := &vecs[m]
		for i, d := range v.idx {
			cents[c][d] = v.val[i]
		}
	}
	// k-means++ seeding over the members (at most the 4000 most frequent, to bound the cost).
	cand := members[:min(len(members), 4000)]
	setCent(0, cand[0])
	best := make([]float32, len(cand))
	for i := range best {
		best[i] = 2
	}
	for c := 1; c < k; c++ {
		sum := 0.0
		for i, m := range cand {
			d := 1 - vecs[m].dot(cents[c-1])
			if d < best[i] {
				best[i] = d
			}
			sum += float64(max(best[i], 0))
		}
		r := rng.Float64() * sum
		pick := cand[len(cand)-1]
		for i, m := range cand {
			r -= float64(max(best[i], 0))
			if r <= 0 {
				pick = m
				break
			}
		}
		setCent(c, pick)
	}
	assign := make([]int, len(members))
	fit := float32(0)
	for it := 0; it < iters; it++ {
		changed := 0
		fit = 0
		for i, m := range members {
			bc, bs := 0, float32(-2)
			for c := range cents {
				if s := vecs[m].dot(cents[c]); s > bs {
					bc, bs = c, s
				}
			}
			fit += bs
			if bc != assign[i] || it == 0 {
				changed++
			}
			assign[i] = bc
		}
		if changed == 0 {
			break
		}
		for c := range cents {
			clear(cents[c])
		}
		for i, m := range members {
			v := &vecs[m]
			c := cents[assign[i]]
			for j, d := range v.idx {
				c[d] += v.val[j]
			}
		}
		for c := range cents {
			ss := 0.0
			for _, x := range cents[c] {
				ss += float64(x) * float64(x)
			}
			if ss > 0 {
				inv := float32(1 / math.Sqrt(ss))
				for d := range cents[c] {
					cents[c][d] *= inv
				}
			}
		}
	}
	// Renumber groups by first appearance (members come most frequent first).
	renum := make([]int, k)
	for c := range renum {
		renum[c] = -1
	}
	next := 0
	for i := range assign {
		if renum[assign[i]] < 0 {
			renum[assign[i]] = next
			next++
		}
		assign[i] = renum[assign[i]]
	}
	return assign, fit
}

// Write writes the table: a header line "# wordclass depth N", then one
// line a word, "word<TAB>path", words sorted.
func (t *Table) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# wordclass depth %d\n", t.depth)
	keys := make([]string, 0, len(t.paths))
	for k := range t.paths {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		bw.WriteString(k)
		bw.WriteByte('\t')
		bw.WriteString(t.paths[k])
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// Read reads a table written by Write.
func Read(r io.Reader) (*Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("wordclass: %w", err)
	}
	// The table keeps substrings of one string: no string for every
	// line, and the map sized up front.
	text := unsafe.String(unsafe.SliceData(data), len(data)) // data is never written
	t := &Table{paths: make(map[string]string, strings.Count(text, "\n"))}
	line := 0
	for text != "" {
		line++
		var s string
		s, text, _ = strings.Cut(text, "\n")
		s = strings.TrimSuffix(s, "\r") // as bufio.Scanner gives lines
		if line == 1 {
			d, ok := strings.CutPrefix(s, "# wordclass depth ")
			n, err := strconv.Atoi(d)
			if !ok || err != nil || n < 1 || n > 6 {
				return nil, fmt.Errorf("wordclass line 1: want \"# wordclass depth N\" (N 1..6), got %q", s)
			}
			t.depth = n
			continue
		}
		w, p, ok := strings.Cut(s, "\t")
		if !ok || w == "" || len(p) != t.depth || strings.Trim(p, "0123456789") != "" {
			return nil, fmt.Errorf("wordclass line %d: want word, tab and %d digits, got %q", line, t.depth, s)
		}
		t.paths[w] = p
	}
	if line == 0 {
		return nil, fmt.Errorf("wordclass: empty table")
	}
	return t, nil
}
