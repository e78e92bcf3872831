package actor

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Match is a run of words [First, End) that names a knowledge-base entry.
type Match struct {
	First, End int
	Entry      string // id of the entry chosen (see Candidates)
	Via        Via
	Kind       Kind
	// Possessive is set when the last word carries a possessive ("Russia's"
	// as one word) that is not part of the name. When the tokenizer splits
	// the possessive off ("Russia" "'s"), it is simply outside the match.
	Possessive bool
	// Candidates lists every entry with this surface form, Entry first;
	// more than one means the name is ambiguous (Choose picks by date).
	// It is shared with the knowledge base: read it, do not change it.
	Candidates []string
}

// surface is one indexed form of an entry.
type surface struct {
	shape string // the form normalized but with its case kept
	id    string
	via   Via
	ids   []string // {id}, shared by the matches that find only this entry
}

// gazetteer indexes surface forms by their folded key. Keys ignore spaces,
// hyphens and periods and fold apostrophes, so "al-Qaeda", "al Qaeda",
// "U.S." and "US" find their forms however a tokenizer split them; the
// case of the form is then checked: a letter capitalized in the form must
// be capitalized in the text ("US" is not "us", "Turkey" is not "turkey"),
// while a lowercase letter matches either case ("troops", "Troops").
type gazetteer struct {
	byKey  map[string][]surface
	keysOf map[string][]string // id → its keys, for removal
	maxLen int                 // longest key in bytes
	cache  *indexCache         // the key index, to find keys and stop early
}

// indexCache holds the gazetteer's key index, built on first use after a
// change.
type indexCache struct {
	mu  sync.Mutex
	idx atomic.Pointer[keyIndex]
}

// keyIndex finds keys, and the byte prefixes of keys, by their FNV-1a
// hash, which matching computes a word at a time as it reads a name: so
// a lookup builds no string, and matching stops as soon as no key starts
// with the words read so far. It is an open-addressing hash table (flat
// array, power-of-two size, linear probing) of every prefix's whole 64-bit
// hash; the slot of a whole key also names the key, which is compared
// byte for byte before it counts.
type keyIndex struct {
	slots []keySlot
	shift uint8 // a hash's home slot is its scrambled top bits
	keys  []string
	cands [][]surface // the forms of each key (byKey when the index was built)
	next  []int32     // the next key with the same hash, or -1
}

// keySlot is one cell of a keyIndex: the hash of a key prefix and the
// first key with that hash plus one (0: none, only longer keys start so).
type keySlot struct {
	hash uint64
	key  int32
	used bool
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvAdd continues FNV-1a hash h over b.
func fnvAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func newGazetteer() gazetteer {
	return gazetteer{byKey: map[string][]surface{}, keysOf: map[string][]string{}, cache: &indexCache{}}
}

// index returns the key index, building it if a change made it stale.
func (g *gazetteer) index() *keyIndex {
	if x := g.cache.idx.Load(); x != nil {
		return x
	}
	g.cache.mu.Lock()
	defer g.cache.mu.Unlock()
	if x := g.cache.idx.Load(); x != nil {
		return x
	}
	keys := make([]string, 0, len(g.byKey))
	for key := range g.byKey {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	// In sorted order a key shares its first bytes with the key before
	// it, whose prefixes are in the table already: count, and then put,
	// only the prefixes no earlier key has.
	n, prev := 0, ""
	for _, key := range keys {
		n += len(key) - commonPrefix(prev, key)
		prev = key
	}
	size, bits := 16, uint8(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	x := &keyIndex{slots: make([]keySlot, size), shift: 64 - bits, keys: keys,
		cands: make([][]surface, len(keys)), next: make([]int32, len(keys))}
	var hashes []uint64 // hashes[i]: the hash of the previous key's first i+1 bytes
	prev = ""
	for k, key := range keys {
		x.cands[k] = g.byKey[key]
		c := commonPrefix(prev, key)
		hashes = hashes[:c]
		h := uint64(fnvOffset)
		if c > 0 {
			h = hashes[c-1]
		}
		for i := c; i < len(key); i++ {
			h ^= uint64(key[i])
			h *= fnvPrime
			sl := x.slot(h)
			sl.hash, sl.used = h, true
			hashes = append(hashes, h)
		}
		prev = key
		sl := x.slot(h)
		x.next[k] = sl.key - 1
		sl.key = int32(k) + 1
	}
	g.cache.idx.Store(x)
	return x
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// slot returns the slot of hash h: its own, or the empty one where it
// would go.
func (x *keyIndex) slot(h uint64) *keySlot {
	mask := uint64(len(x.slots) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> x.shift; ; i = (i + 1) & mask {
		if sl := &x.slots[i]; !sl.used || sl.hash == h {
			return sl
		}
	}
}

// prefix reports whether some key may start with the bytes of hash h
// (false: none does; true may rarely be a hash collision).
func (x *keyIndex) prefix(h uint64) bool { return x.slot(h).used }

// forms returns the forms of key, whose hash is h (nil: not a key).
func (x *keyIndex) forms(h uint64, key []byte) []surface {
	sl := x.slot(h)
	if !sl.used {
		return nil
	}
	for k := sl.key - 1; k >= 0; k = x.next[k] {
		if x.keys[k] == string(key) {
			return x.cands[k]
		}
	}
	return nil
}

// normalize returns s without spaces, hyphens and periods, with curly
// apostrophes and dashes made plain. It keeps case.
func normalize(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == ' ', c == '\t', c == '\n', c == '-', c == '.', c == '`':
			plain = false
		}
		if !plain {
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '-', '‐', '‑', '–', '—', '.', '\u00a0':
			continue
		case '’', '‘', 'ʼ', '`', '´':
			r = '\''
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (g *gazetteer) add(form, id string, v Via) { g.addIDs(form, []string{id}, v) }

// addIDs adds a form of entry ids[0]; ids, {id}, is kept and shared, and
// must not change.
func (g *gazetteer) addIDs(form string, ids []string, v Via) {
	id := ids[0]
	shape := normalize(strings.TrimSpace(form))
	if shape == "" {
		return
	}
	key := strings.ToLower(shape)
	old := g.byKey[key]
	for _, s := range old {
		if s.id == id && s.shape == shape {
			return
		}
	}
	// Later forms come first: a user's entry overrides a built-in one
	// with the same name.
	list := make([]surface, 1, len(old)+1)
	list[0] = surface{shape, id, v, ids}
	g.byKey[key] = append(list, old...)
	g.keysOf[id] = append(g.keysOf[id], key)
	g.maxLen = max(g.maxLen, len(key))
	g.stale()
}

// stale drops the key index after a change (an atomic store, with its
// write barrier, only when there is one to drop).
func (g *gazetteer) stale() {
	if g.cache.idx.Load() != nil {
		g.cache.idx.Store(nil)
	}
}

func (g *gazetteer) remove(id string) {
	for _, key := range g.keysOf[id] {
		list := g.byKey[key][:0:0]
		for _, s := range g.byKey[key] {
			if s.id != id {
				list = append(list, s)
			}
		}
		if len(list) == 0 {
			delete(g.byKey, key)
		} else {
			g.byKey[key] = list
		}
	}
	delete(g.keysOf, id)
	g.stale()
}

// caseFits reports whether text (normalized, case kept) fits the case of
// shape: every uppercase letter of shape is uppercase in text.
func caseFits(shape string, text []byte) bool {
	for shape != "" && len(text) > 0 {
		s, n := utf8.DecodeRuneInString(shape)
		t, m := utf8.DecodeRune(text)
		if s != t {
			if unicode.ToLower(s) != unicode.ToLower(t) || unicode.IsUpper(s) {
				return false
			}
		}
		shape, text = shape[n:], text[m:]
	}
	return shape == "" && len(text) == 0
}

// possessive returns w without a trailing possessive ('s or ') and
// whether it had one.
func possessive(w string) (string, bool) {
	if len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")) {
		return w[:len(w)-2], true
	}
	if len(w) > 1 && strings.HasSuffix(w, "'") {
		return w[:len(w)-1], true
	}
	return w, false
}

// MatchAt returns the longest match that starts at words[i].
func (kb *KB) MatchAt(words []string, i int) (Match, bool) {
	if i < 0 || i >= len(words) {
		return Match{}, false
	}
	sc := getScratch()
	defer putScratch(sc)
	sc.prepare(words)
	return kb.matchAt(sc, i)
}

// MatchAll returns the non-overlapping longest matches in a sentence's
// words, left to right. A match gives way to one that starts inside it
// and ends after it: "the UN Security Council" is the Security Council,
// not "the UN" followed by two stray words.
func (kb *KB) MatchAll(words []string) []Match {
	sc := getScratch()
	defer putScratch(sc)
	sc.prepare(words)
	out := make([]Match, 0, len(words)/4+1)
	for i := 0; i < len(sc.ws); {
		m, ok := kb.matchAt(sc, i)
		if !ok {
			i++
			continue
		}
		if m.End-m.First > 1 && kb.overtaken(sc, m) {
			i++
			continue
		}
		out = append(out, m)
		i = m.End
	}
	return out
}

// overtaken reports whether a match starts inside m and ends after it.
func (kb *KB) overtaken(sc *scratch, m Match) bool {
	for k := m.First + 1; k < m.End; k++ {
		if n, ok := kb.matchAt(sc, k); ok && n.End > m.End {
			return true
		}
	}
	return false
}

// word is a word normalized for lookup: its shape (case kept) and key
// (lowercase, in the scratch arena), and the length of both without a
// possessive ending (-1 when there is none).
type word struct {
	shape       string
	key         []byte
	possShape   int
	possKey     int
	punctuation bool // the word is a lone possessive, the start of no name
}

// scratch is the reusable memory of one matching call.
type scratch struct {
	ws    []word
	arena []byte // the words' keys
	acc   []byte // the key read so far
	text  []byte // the shape read so far
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if cap(sc.arena) > 1<<16 || cap(sc.ws) > 1<<12 {
		return // an outsized sentence: let it go
	}
	scratchPool.Put(sc)
}

func (sc *scratch) prepare(words []string) {
	sc.ws = sc.ws[:0]
	sc.arena = sc.arena[:0]
	n := 0
	for _, w := range words {
		n += len(w)
	}
	if cap(sc.arena) < 2*n {
		sc.arena = make([]byte, 0, 2*n)
	}
	for _, w := range words {
		shape := normalize(w)
		start := len(sc.arena)
		for i := 0; i < len(shape); {
			c := shape[i]
			if c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				sc.arena = append(sc.arena, c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(shape[i:])
			sc.arena = utf8.AppendRune(sc.arena, unicode.ToLower(r))
			i += size
		}
		key := sc.arena[start:len(sc.arena):len(sc.arena)]
		x := word{shape: shape, key: key, possShape: -1, possKey: -1}
		if stem, ok := possessive(shape); ok {
			x.possShape = len(stem)
			x.possKey = len(key) - (len(shape) - len(stem))
		}
		x.punctuation = shape == "" || shape == "'s" || shape == "'" || shape == "'S"
		sc.ws = append(sc.ws, x)
	}
}

func (kb *KB) matchAt(sc *scratch, i int) (Match, bool) {
	g := &kb.gaz
	ws := sc.ws
	if ws[i].punctuation {
		return Match{}, false
	}
	x := g.index()
	var best Match
	found := false
	try := func(j int, h uint64, key, text []byte, poss bool) {
		cands := x.forms(h, key)
		if len(cands) == 0 {
			return
		}
		ids, via := pickForms(cands, text)
		if len(ids) == 0 {
			return
		}
		best = Match{First: i, End: j + 1, Entry: ids[0], Via: via, Possessive: poss, Candidates: ids}
		if e, ok := kb.entries[ids[0]]; ok {
			best.Kind = e.Kind
		}
		found = true
	}
	acc, text := sc.acc[:0], sc.text[:0]
	h := uint64(fnvOffset) // of acc
	for j := i; j < len(ws); j++ {
		w := ws[j]
		if len(acc)+len(w.key) > g.maxLen+2 {
			break
		}
		if len(w.key) == 0 {
			continue // punctuation inside a name ("al - Qaeda")
		}
		if w.possKey >= 0 {
			n, m := len(acc), len(text)
			acc, text = append(acc, w.key[:w.possKey]...), append(text, w.shape[:w.possShape]...)
			try(j, fnvAdd(h, w.key[:w.possKey]), acc, text, true)
			acc, text = acc[:n], text[:m]
		}
		acc, text = append(acc, w.key...), append(text, w.shape...)
		h = fnvAdd(h, w.key)
		if !x.prefix(h) {
			break // no key starts so
		}
		try(j, h, acc, text, false)
	}
	sc.acc, sc.text = acc, text
	return best, found
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// forms returns the number of indexed surface forms.
func (g *gazetteer) forms() int {
	n := 0
	for _, list := range g.byKey {
		n += len(list)
	}
	return n
}

// pickForms returns the entries that the forms of one key name for the
// text, and how the first is matched: proper names (forms with a capital)
// before common nouns, so that "State Department" is the US seat, not the
// agent noun; otherwise the later-loaded form first.
func pickForms(cands []surface, text []byte) ([]string, Via) {
	var ids []string
	var via Via
	if len(cands) == 1 {
		if s := cands[0]; caseFits(s.shape, text) {
			ids, via = s.ids, s.via
		}
		return ids, via
	}
	for _, proper := range []bool{true, false} {
		for _, s := range cands {
			if hasUpper(s.shape) == proper && caseFits(s.shape, text) && !contains(ids, s.id) {
				if len(ids) == 0 {
					via = s.via
				}
				ids = append(ids, s.id)
			}
		}
	}
	return ids, via
}
