package actor

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The matcher as it was before the hashed key index, kept as the plain
// definition the index must agree with: the keys sorted, and binary search
// for the keys that start with the words read so far.

// sortedKeyIndex is the sorted keys and, for each first byte, the range of
// keys that start with it.
type sortedKeyIndex struct {
	keys  []string
	first [257]int32
}

func sortedIndex(g *gazetteer) *sortedKeyIndex {
	x := &sortedKeyIndex{}
	for key := range g.byKey {
		x.keys = append(x.keys, key)
	}
	sort.Strings(x.keys)
	k := 0
	for b := 0; b < 256; b++ {
		x.first[b] = int32(k)
		for k < len(x.keys) && int(x.keys[k][0]) == b {
			k++
		}
	}
	x.first[256] = int32(k)
	return x
}

// narrow returns the range [lo, hi) of keys[lo0:hi0] that starts with
// the first key >= p, and whether that key starts with p; the keys of
// keys[lo0:hi0] start with p without its last bytes (the whole index
// when p is the first word). hi stays hi0: the keys with the prefix run
// from lo on, and the next, longer prefix is searched among them.
func (x *sortedKeyIndex) narrow(lo0, hi0 int, p []byte) (lo, hi int, ok bool) {
	keys := x.keys
	if lo0 == 0 && hi0 == len(keys) && len(p) > 0 {
		lo0, hi0 = int(x.first[p[0]]), int(x.first[int(p[0])+1])
	}
	lo, hi = lo0, hi0
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if keys[m] < string(p) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	ok = lo < hi0 && len(keys[lo]) >= len(p) && keys[lo][:len(p)] == string(p)
	return lo, hi0, ok
}

func (kb *KB) matchAtSorted(x *sortedKeyIndex, sc *scratch, i int) (Match, bool) {
	g := &kb.gaz
	ws := sc.ws
	if ws[i].punctuation {
		return Match{}, false
	}
	lo, hi := 0, len(x.keys)
	var best Match
	found := false
	try := func(j int, key, text []byte, poss bool) {
		cands := g.byKey[string(key)]
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
			try(j, acc, text, true)
			acc, text = acc[:n], text[:m]
		}
		acc, text = append(acc, w.key...), append(text, w.shape...)
		var ok bool
		if lo, hi, ok = x.narrow(lo, hi, acc); !ok {
			break // no key starts so
		}
		try(j, acc, text, false)
	}
	sc.acc, sc.text = acc, text
	return best, found
}

// TestMatchAtIndex checks matchAt against matchAtSorted at every word of
// sentences made of the knowledge base's own forms (whole, cut short,
// with possessives, split at hyphens, case changed) and filler words.
func TestMatchAtIndex(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var forms []string
	for _, list := range kb.gaz.byKey {
		for _, s := range list {
			forms = append(forms, s.shape)
		}
	}
	sort.Strings(forms)
	filler := strings.Fields("the of and in said , . 's ' - al US us New new State Department officials troops")
	rng := rand.New(rand.NewPCG(5, 6))
	sc := &scratch{}
	x := sortedIndex(&kb.gaz)
	found := 0
	for range 4000 {
		var ws []string
		for range 1 + rng.IntN(6) {
			if rng.IntN(3) == 0 {
				ws = append(ws, filler[rng.IntN(len(filler))])
				continue
			}
			f := forms[rng.IntN(len(forms))]
			switch rng.IntN(6) {
			case 0:
				f = strings.ToLower(f)
			case 1:
				f = strings.ToUpper(f)
			case 2:
				f += "'s"
			case 3:
				f = f[:rng.IntN(len(f)+1)]
			}
			for _, w := range strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '-' && rng.IntN(2) == 0 }) {
				ws = append(ws, w)
			}
		}
		sc.prepare(ws)
		for i := range ws {
			got, gotOK := kb.matchAt(sc, i)
			want, wantOK := kb.matchAtSorted(x, sc, i)
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("%q at %d: %+v %v, want %+v %v", ws, i, got, gotOK, want, wantOK)
			}
			if wantOK {
				found++
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d matches: the test checks too little", found)
	}
}

// TestIndexHasEveryPrefix: the key index, which puts only the prefixes a
// key does not share with the key before it in sorted order, still finds
// every prefix of every key and every key's forms, and no string that is
// not a prefix.
func TestIndexHasEveryPrefix(t *testing.T) {
	g := newGazetteer()
	for i, name := range []string{"Port Said", "Port Sudan", "Porto", "Port", "Portugal", "Po", "Oslo", "Osaka", "Ottawa", "Ot"} {
		g.add(name, "ID"+string(rune('A'+i)), ViaName)
	}
	x := g.index()
	for key, forms := range g.byKey {
		h := uint64(fnvOffset)
		for i := 0; i < len(key); i++ {
			h = fnvAdd(h, []byte{key[i]})
			if !x.prefix(h) {
				t.Errorf("%q: prefix %q not in the index", key, key[:i+1])
			}
		}
		if got := x.forms(h, []byte(key)); !reflect.DeepEqual(got, forms) {
			t.Errorf("%q: forms %v, want %v", key, got, forms)
		}
	}
	for _, not := range []string{"pr", "portx", "osl0", "x", "ottawaa"} {
		if x.prefix(fnvAdd(fnvOffset, []byte(not))) {
			t.Errorf("%q: reported as a prefix", not)
		}
	}
}
