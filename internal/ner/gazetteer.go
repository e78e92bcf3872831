package ner

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// DefaultGazetteer is the name list that `annals train ner` gives the
// model by default (gazetteer/gazetteer.tsv: countries, regions, cities,
// given names, organizations, abbreviations). A trained model keeps its own
// copy, so editing the file changes nothing until the model is retrained.
//
//go:embed gazetteer/gazetteer.tsv
var DefaultGazetteer string

// gazetteer matches sentences against name lists. Its entries are stored
// in the model.
type gazetteer struct {
	cats   []string          // category names, index = category number
	folded map[string]uint32 // lowercased token sequence joined by spaces → category bits
	cased  map[string]uint32 // exact token sequence → category bits
	maxLen int               // longest entry in tokens

	once                sync.Once // builds the indexes on the first match
	foldedIdx, casedIdx gazIndex
}

// maxGazCats is the most categories a gazetteer may have.
const maxGazCats = 32

// parseGazetteer reads a gazetteer in the format of gazetteer.tsv: a
// category, a tab and a name on each line; "#" starts a comment line. The
// category "abbr" matches only with the exact capitalization given.
func parseGazetteer(r io.Reader, name string) (*gazetteer, error) {
	g := &gazetteer{folded: map[string]uint32{}, cased: map[string]uint32{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cat, entry, ok := strings.Cut(line, "\t")
		cat, entry = strings.TrimSpace(cat), strings.TrimSpace(entry)
		if !ok || cat == "" || entry == "" {
			return nil, fmt.Errorf("%s line %d: want a category, a tab and a name", name, n)
		}
		if err := g.add(cat, entry); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return g, nil
}

// add adds a name of a category, with its tokenization variants.
func (g *gazetteer) add(cat, entry string) error {
	c := slices.Index(g.cats, cat)
	if c < 0 {
		if len(g.cats) == maxGazCats {
			return fmt.Errorf("more than %d categories", maxGazCats)
		}
		c = len(g.cats)
		g.cats = append(g.cats, cat)
	}
	for _, v := range gazVariants(entry) {
		toks := strings.Fields(v)
		g.maxLen = max(g.maxLen, len(toks))
		key := strings.Join(toks, " ")
		if cat == "abbr" {
			g.cased[key] |= 1 << c
		} else {
			g.folded[strings.ToLower(key)] |= 1 << c
		}
	}
	return nil
}

// gazVariants returns the ways a tokenizer may split a name: as written,
// with hyphens and slashes apart, and with a final "'s" apart (also
// without its apostrophe, as web text writes it).
func gazVariants(entry string) []string {
	out := []string{entry}
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(strings.NewReplacer("-", " - ", "/", " / ").Replace(entry))
	for _, v := range slices.Clone(out) {
		fields := strings.Fields(v)
		for i, f := range fields {
			for _, cl := range []string{"'s", "’s"} {
				if strings.HasSuffix(f, cl) && len(f) > len(cl) {
					a := slices.Clone(fields)
					a[i] = f[:len(f)-len(cl)] + " " + cl
					add(strings.Join(a, " "))
					b := slices.Clone(fields)
					b[i] = f[:len(f)-len(cl)] + " s"
					add(strings.Join(b, " "))
				}
			}
		}
	}
	return out
}

// gazPos is where a word is in a gazetteer match.
const (
	gazSingle = iota + 1
	gazBegin
	gazInside
	gazEnd
)

// match returns, for each word, hashes naming the categories and positions
// of the longest gazetteer matches starting at or covering it, in s's
// memory: for each start word, the longest match in the lowercased words,
// then the longest in the words as written (cased entries), each giving
// its categories in order to the words it covers.
//
// An entry is found by the hash of its text (the FNV-1a hash of the words
// joined by spaces, computed a word at a time), then compared; and the
// search from a word goes on to the next only while the words so far begin
// some entry, so most words cost one lookup.
func (g *gazetteer) match(s *scratch, words []string, lower []string) [][]uint64 {
	if g == nil || len(g.cats) == 0 {
		return nil
	}
	g.once.Do(g.index)
	pairs := s.gazPairs[:0]
	for i := range words {
		for _, d := range [2]struct {
			x   *gazIndex
			src []string
		}{{&g.foldedIdx, lower}, {&g.casedIdx, words}} {
			n, cats := d.x.longest(d.src[i:min(i+g.maxLen, len(words))])
			if n == 0 {
				continue
			}
			for c := range len(g.cats) {
				if cats&(1<<c) == 0 {
					continue
				}
				for j := i; j < i+n; j++ {
					pos := gazInside
					switch {
					case n == 1:
						pos = gazSingle
					case j == i:
						pos = gazBegin
					case j == i+n-1:
						pos = gazEnd
					}
					pairs = append(pairs, gazPair{int32(j), mix(uint64(c+1), uint64(pos))})
				}
			}
		}
	}
	s.gazPairs = pairs
	// Group the hashes by word, each word's in the order found.
	out := slices.Grow(s.gaz[:0], len(words))[:len(words)]
	clear(out)
	s.gaz = out
	if len(pairs) == 0 {
		return out
	}
	ends := slices.Grow(s.gazEnds[:0], len(words)+1)[:len(words)+1]
	clear(ends)
	for _, p := range pairs {
		ends[p.word+1]++
	}
	for j := range words {
		ends[j+1] += ends[j]
	}
	flat := slices.Grow(s.gazFlat[:0], len(pairs))[:len(pairs)]
	fill := slices.Grow(s.gazFill[:0], len(words))[:len(words)]
	copy(fill, ends[:len(words)])
	for _, p := range pairs {
		flat[fill[p.word]] = p.hash
		fill[p.word]++
	}
	for j := range words {
		if ends[j] < ends[j+1] {
			out[j] = flat[ends[j]:ends[j+1]:ends[j+1]]
		}
	}
	s.gazEnds, s.gazFlat, s.gazFill = ends, flat, fill
	return out
}

// gazPair is a gazetteer feature hash found for a word.
type gazPair struct {
	word int32
	hash uint64
}

// gazIndex finds the entries of one of a gazetteer's dictionaries by the
// hash of their text.
type gazIndex struct {
	// slots is an open-addressing hash table (flat array, power-of-two
	// size, linear probing) of the hashes of the entries and of their
	// prefixes.
	slots []gazSlot
	shift uint8     // a hash's home slot is its scrambled top bits
	first [256]bool // the first bytes of the entries
	keys  []string  // entry texts
	cats  []uint32  // entry categories
	next  []int32   // next entry with the same hash, or -1
}

// gazSlot is what a gazIndex knows of a text hash: the first entry with
// that hash (-1: none) and whether it is the hash of the words before a
// space in some entry (a prefix: a longer match may follow).
type gazSlot struct {
	hash   uint64
	entry  int32
	prefix bool
	used   bool
}

// slot returns the slot of hash h: its own, or the empty one where it
// would go.
func (x *gazIndex) slot(h uint64) *gazSlot {
	mask := uint64(len(x.slots) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> x.shift; ; i = (i + 1) & mask {
		if sl := &x.slots[i]; !sl.used || sl.hash == h {
			return sl
		}
	}
}

// index builds the gazetteer's indexes from its dictionaries.
func (g *gazetteer) index() {
	g.foldedIdx.build(g.folded)
	g.casedIdx.build(g.cased)
}

func (x *gazIndex) build(dict map[string]uint32) {
	keys := make([]string, 0, len(dict))
	n := 0
	for k := range dict {
		keys = append(keys, k)
		n += 1 + strings.Count(k, " ")
	}
	slices.Sort(keys)
	size, bits := 16, uint8(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	x.slots, x.shift = make([]gazSlot, size), 64-bits
	at := func(h uint64) *gazSlot {
		sl := x.slot(h)
		if !sl.used {
			*sl = gazSlot{hash: h, entry: -1, used: true}
		}
		return sl
	}
	for _, k := range keys {
		e := int32(len(x.keys))
		x.keys = append(x.keys, k)
		x.cats = append(x.cats, dict[k])
		if k != "" { // (a model file may hold anything)
			x.first[k[0]] = true
		}
		sl := at(fnv1a(k))
		x.next = append(x.next, sl.entry)
		sl.entry = e
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				at(fnv1a(k[:i])).prefix = true
			}
		}
	}
}

// longest returns the length in words and the categories of the longest
// entry that the words joined by spaces begin with (0 when none).
func (x *gazIndex) longest(words []string) (int, uint32) {
	if len(x.keys) == 0 || len(words) == 0 || words[0] != "" && !x.first[words[0][0]] {
		return 0, 0 // no entry starts with this word
	}
	best, bestCats := 0, uint32(0)
	h := uint64(14695981039346656037)
	for n, w := range words {
		if n > 0 {
			h ^= ' '
			h *= 1099511628211
		}
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= 1099511628211
		}
		gh := x.slot(h)
		if !gh.used {
			break
		}
		for e := gh.entry; e >= 0; e = x.next[e] {
			if joinedIs(x.keys[e], words[:n+1]) {
				best, bestCats = n+1, x.cats[e]
				break
			}
		}
		if !gh.prefix {
			break
		}
	}
	return best, bestCats
}

// joinedIs reports whether key is words joined by single spaces.
func joinedIs(key string, words []string) bool {
	for n, w := range words {
		if n > 0 {
			if len(key) == 0 || key[0] != ' ' {
				return false
			}
			key = key[1:]
		}
		if len(key) < len(w) || key[:len(w)] != w {
			return false
		}
		key = key[len(w):]
	}
	return len(key) == 0
}

// entries lists the gazetteer for storing in a model: category, cased or
// not, token sequence; sorted.
func (g *gazetteer) entries() [][3]string {
	var out [][3]string
	for k, cats := range g.folded {
		for c := range len(g.cats) {
			if cats&(1<<c) != 0 {
				out = append(out, [3]string{g.cats[c], "f", k})
			}
		}
	}
	for k, cats := range g.cased {
		for c := range len(g.cats) {
			if cats&(1<<c) != 0 {
				out = append(out, [3]string{g.cats[c], "c", k})
			}
		}
	}
	slices.SortFunc(out, func(a, b [3]string) int {
		for i := range a {
			if c := strings.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return out
}

// addStored adds an entry as stored by entries.
func (g *gazetteer) addStored(cat, kind, key string) {
	c := slices.Index(g.cats, cat)
	if c < 0 {
		if len(g.cats) == maxGazCats {
			return
		}
		c = len(g.cats)
		g.cats = append(g.cats, cat)
	}
	g.maxLen = max(g.maxLen, len(strings.Fields(key)))
	if kind == "c" {
		g.cased[key] |= 1 << c
	} else {
		g.folded[key] |= 1 << c
	}
}
