package ner

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// ClusterOptions control the word table induced from unlabelled text:
// lowercased words are clustered by their neighbours (spherical k-means
// over positive-PMI context vectors) at numGrains granularities, finest
// first, the coarser ones clustering the finer clusters' centroids.
type ClusterOptions struct {
	MinFreq    int            // words seen fewer times get no entry
	Contexts   int            // context vocabulary: the most frequent words
	K          [numGrains]int // clusters per granularity, finest first
	Iterations int            // k-means iterations
	Seed       uint64
}

// DefaultClusterOptions are the options Train uses by default.
func DefaultClusterOptions() ClusterOptions {
	return ClusterOptions{MinFreq: 2, Contexts: 1000, K: [numGrains]int{600, 150, 40}, Iterations: 12, Seed: 7}
}

// sentenceEnd reports whether w ends a sentence or clause, after which a
// capital letter says nothing (for the capitalization statistics).
func sentenceEnd(w string) bool {
	switch w {
	case ".", "!", "?", ":", "\"", "“", "”", "-", "--", "...", "*", "(", ")":
		return true
	}
	return false
}

// induceWords builds the word table from unlabelled sentences.
func induceWords(corpus [][]string, opt ClusterOptions, logf func(string, ...any)) map[string]wordInfo {
	freq := map[string]int{}
	capsN := map[string]int{} // uses inside a sentence
	capsC := map[string]int{} // of which capitalized
	low := make([][]string, len(corpus))
	for si, s := range corpus {
		ls := make([]string, len(s))
		for i, w := range s {
			lw := strings.ToLower(w)
			ls[i] = lw
			freq[lw]++
			if i > 0 && !sentenceEnd(s[i-1]) {
				r, _ := utf8.DecodeRuneInString(w)
				if unicode.IsLetter(r) {
					capsN[lw]++
					if unicode.IsUpper(r) {
						capsC[lw]++
					}
				}
			}
		}
		low[si] = ls
	}
	var vocab []string
	for w, n := range freq {
		if n >= opt.MinFreq {
			vocab = append(vocab, w)
		}
	}
	// Most frequent first, ties by spelling, so that the order (and so the
	// clusters) do not depend on map iteration.
	slices.SortFunc(vocab, func(a, b string) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		return strings.Compare(a, b)
	})
	table := make(map[string]wordInfo, len(vocab))
	for _, w := range vocab {
		var info wordInfo
		if n := capsN[w]; n >= opt.MinFreq {
			switch r := float64(capsC[w]) / float64(n); {
			case r < 0.1:
				info.Caps = capsRare
			case r < 0.5:
				info.Caps = capsSome
			case r < 0.9:
				info.Caps = capsMost
			default:
				info.Caps = capsAlways
			}
		}
		table[w] = info
	}
	if len(vocab) == 0 || opt.K[0] <= 0 {
		return table
	}

	// Context vectors: the word before and after, two before and two
	// after, each among the most frequent words.
	nc := min(opt.Contexts, len(vocab))
	ctx := make(map[string]int, nc)
	for i, w := range vocab[:nc] {
		ctx[w] = i
	}
	vid := make(map[string]int, len(vocab))
	for i, w := range vocab {
		vid[w] = i
	}
	dims := 4 * nc
	counts := make([]map[int32]float32, len(vocab))
	for i := range counts {
		counts[i] = map[int32]float32{}
	}
	colSum := make([]float64, dims)
	var total float64
	for _, s := range low {
		for i, w := range s {
			v, ok := vid[w]
			if !ok {
				continue
			}
			for k, off := range [4]int{-2, -1, 1, 2} {
				j := i + off
				var c string
				switch {
				case j < 0:
					c = "<s>"
				case j >= len(s):
					c = "</s>"
				default:
					c = s[j]
				}
				ci, ok := ctx[c]
				if !ok {
					continue
				}
				d := int32(k*nc + ci)
				counts[v][d]++
				colSum[d]++
				total++
			}
		}
	}
	vecs := make([]sparseVec, len(vocab))
	for v := range vocab {
		var rowSum float64
		for _, n := range counts[v] {
			rowSum += float64(n)
		}
		var sv sparseVec
		for d, n := range counts[v] {
			pmi := math.Log(float64(n) * total / (rowSum * colSum[d]))
			if pmi > 0 {
				sv.idx = append(sv.idx, d)
				sv.val = append(sv.val, float32(pmi))
			}
		}
		sv.sortAndNormalize()
		vecs[v] = sv
		counts[v] = nil
	}

	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b9))
	assign, cents := kmeansSparse(vecs, dims, min(opt.K[0], len(vocab)), opt.Iterations, rng)
	logf("clusters: %d words into %d clusters", len(vocab), len(cents))
	grains := [numGrains][]int{assign}
	for g := 1; g < numGrains; g++ {
		k := min(opt.K[g], len(cents))
		sub, next := kmeansDense(cents, k, opt.Iterations, rng)
		a := make([]int, len(vocab))
		for v := range a {
			a[v] = sub[grains[g-1][v]]
		}
		grains[g] = a
		cents = next
	}
	for v, w := range vocab {
		info := table[w]
		for g := range numGrains {
			info.Cluster[g] = uint16(grains[g][v])
		}
		table[w] = info
	}
	return table
}

// sparseVec is a sparse vector with sorted indexes.
type sparseVec struct {
	idx []int32
	val []float32
}

func (v *sparseVec) sortAndNormalize() {
	order := make([]int, len(v.idx))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(v.idx[a]) - int(v.idx[b]) })
	idx := make([]int32, len(order))
	val := make([]float32, len(order))
	var norm float64
	for i, o := range order {
		idx[i], val[i] = v.idx[o], v.val[o]
		norm += float64(val[i]) * float64(val[i])
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range val {
			val[i] *= inv
		}
	}
	v.idx, v.val = idx, val
}

// kmeansSparse clusters unit vectors by cosine similarity (spherical
// k-means), starting from k distinct points chosen by rng. It returns each
// point's cluster and the unit centroids.
func kmeansSparse(vecs []sparseVec, dims, k, iters int, rng *rand.Rand) ([]int, [][]float32) {
	cents := make([][]float32, k)
	perm := rng.Perm(len(vecs))
	for c := range k {
		cents[c] = make([]float32, dims)
		v := vecs[perm[c]]
		for i, d := range v.idx {
			cents[c][d] = v.val[i]
		}
	}
	assign := make([]int, len(vecs))
	for it := 0; it < iters; it++ {
		parallel(len(vecs), func(p int) {
			v := vecs[p]
			best, arg := float32(math.Inf(-1)), 0
			for c, cent := range cents {
				var s float32
				for i, d := range v.idx {
					s += cent[d] * v.val[i]
				}
				if s > best {
					best, arg = s, c
				}
			}
			assign[p] = arg
		})
		sizes := make([]int, k)
		for c := range cents {
			clear(cents[c])
		}
		for p, v := range vecs {
			c := assign[p]
			sizes[c]++
			for i, d := range v.idx {
				cents[c][d] += v.val[i]
			}
		}
		for c := range cents {
			if sizes[c] == 0 {
				// Reseed an empty cluster with a random point.
				v := vecs[rng.IntN(len(vecs))]
				for i, d := range v.idx {
					cents[c][d] = v.val[i]
				}
			}
			normalize(cents[c])
		}
	}
	return assign, cents
}

// kmeansDense clusters dense unit vectors by cosine similarity into k
// clusters; it returns each point's cluster and the unit centroids.
func kmeansDense(points [][]float32, k, iters int, rng *rand.Rand) ([]int, [][]float32) {
	dims := len(points[0])
	cents := make([][]float32, k)
	perm := rng.Perm(len(points))
	for c := range k {
		cents[c] = slices.Clone(points[perm[c]])
	}
	assign := make([]int, len(points))
	for it := 0; it < iters; it++ {
		parallel(len(points), func(p int) {
			v := points[p]
			best, arg := float32(math.Inf(-1)), 0
			for c, cent := range cents {
				var s float32
				for d := range dims {
					s += cent[d] * v[d]
				}
				if s > best {
					best, arg = s, c
				}
			}
			assign[p] = arg
		})
		sizes := make([]int, k)
		for c := range cents {
			clear(cents[c])
		}
		for p, v := range points {
			c := assign[p]
			sizes[c]++
			for d := range dims {
				cents[c][d] += v[d]
			}
		}
		for c := range cents {
			if sizes[c] == 0 {
				copy(cents[c], points[rng.IntN(len(points))])
			}
			normalize(cents[c])
		}
	}
	return assign, cents
}

func normalize(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= inv
	}
}

// parallel calls f(i) for every i in [0, n), spread over GOMAXPROCS
// goroutines; f must only write to its own i.
func parallel(n int, f func(int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}
