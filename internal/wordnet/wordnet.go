// Package wordnet reads the Princeton WordNet 3.0 database files
// (index.noun, index.verb, data.noun, data.verb) as Debian's wordnet-base
// package installs them under /usr/share/wordnet. It reads only what the
// trigger-table derivation needs: the synsets of a lemma in sense order,
// their words, glosses and pointers (hypernyms, derivational links).
//
// The database is read once into memory; a DB is read-only afterwards and
// safe for concurrent use.
package wordnet

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// POS is a WordNet part of speech. Only nouns and verbs are read.
type POS byte

// The parts of speech read by this package, as WordNet writes them.
const (
	Noun POS = 'n'
	Verb POS = 'v'
)

// String returns "n" or "v".
func (p POS) String() string { return string(p) }

func parsePOS(s string) (POS, bool) {
	switch s {
	case "n":
		return Noun, true
	case "v":
		return Verb, true
	}
	return 0, false
}

// Pointer symbols used by the derivation.
const (
	Hypernym     = "@"  // is a kind of
	Derivation   = "+"  // derivationally related form
	InstanceHyp  = "@i" // is an instance of
	HyponymPtr   = "~"  // has the kind
	VerbGroupPtr = "$"  // verb group
)

// Ref names a synset: its part of speech and byte offset in data.POS.
type Ref struct {
	POS    POS
	Offset int64
}

// String returns WordNet's usual "offset-pos" name, e.g. "00976953-n".
func (r Ref) String() string { return fmt.Sprintf("%08d-%s", r.Offset, r.POS) }

// Pointer is one relation from a synset (or one of its words) to another.
type Pointer struct {
	Symbol string // "@", "+", ...
	To     Ref
	// Source and Target are 1-based word numbers in the two synsets for a
	// lexical pointer (between words); both 0 for a semantic pointer
	// (between whole synsets).
	Source, Target int
}

// Synset is one WordNet synset.
type Synset struct {
	Ref
	LexFile  int      // lexicographer file number (e.g. 4 noun.act, 33 verb.competition)
	Words    []string // lemmas, lowercased, spaces for underscores
	Pointers []Pointer
	// Frames are the numbers of the verb's generic sentence frames (1
	// "Something ----s", 2 "Somebody ----s", 8 "Somebody ----s something",
	// 9 "Somebody ----s somebody", ...), for the synset or any of its words.
	Frames []int
	Gloss  string
}

// Name returns a readable identity "word.pos.NN" built from the synset's
// first word and sense rank of that word, e.g. "raid.n.01". rank is the
// 1-based position of the synset among the word's senses.
func Name(word string, pos POS, rank int) string {
	return fmt.Sprintf("%s.%s.%02d", strings.ReplaceAll(word, " ", "_"), pos, rank)
}

// Sense names one sense of a word: its rank among the word's senses of a
// part of speech (1 is the most frequent).
type Sense struct {
	Word string
	Rank int
}

// Senses returns the synsets of the given noun or verb senses, by Ref,
// each with its readable name (Name). A sense WordNet does not have is
// an error.
func (db *DB) Senses(pos POS, senses []Sense) (map[Ref]string, error) {
	out := make(map[Ref]string, len(senses))
	for _, r := range senses {
		ss := db.Synsets(r.Word, pos)
		if r.Rank < 1 || len(ss) < r.Rank {
			return nil, fmt.Errorf("WordNet has no sense %d of %q", r.Rank, r.Word)
		}
		out[ss[r.Rank-1].Ref] = Name(r.Word, pos, r.Rank)
	}
	return out, nil
}

// DB is a loaded WordNet database (nouns and verbs).
type DB struct {
	index   map[POS]map[string][]int64 // lemma → synset offsets, most frequent sense first
	synsets map[Ref]*Synset
	exc     map[POS]map[string][]string // irregular inflected form → lemmas
}

// Open reads the noun and verb files of the WordNet database in dir. Bad
// lines are reported together, each with file:line and reason; the lines
// that parse are kept, so the returned DB is usable even with an error.
func Open(dir string) (*DB, error) {
	db := &DB{
		index:   map[POS]map[string][]int64{Noun: {}, Verb: {}},
		synsets: map[Ref]*Synset{},
		exc:     map[POS]map[string][]string{Noun: {}, Verb: {}},
	}
	var errs []error
	for _, p := range []struct {
		pos  POS
		name string
	}{{Noun, "noun"}, {Verb, "verb"}} {
		if err := readFile(filepath.Join(dir, "index."+p.name), func(n int, line string) error {
			return db.indexLine(p.pos, line)
		}); err != nil {
			errs = append(errs, err)
		}
		if err := readFile(filepath.Join(dir, "data."+p.name), func(n int, line string) error {
			s, err := parseData(line)
			if err != nil {
				return err
			}
			db.synsets[s.Ref] = s
			return nil
		}); err != nil {
			errs = append(errs, err)
		}
		exc := filepath.Join(dir, p.name+".exc")
		if _, err := os.Stat(exc); err == nil {
			if err := readFile(exc, func(n int, line string) error {
				f := strings.Fields(line)
				if len(f) < 2 {
					return fmt.Errorf("want an inflected form and its lemma")
				}
				db.exc[p.pos][f[0]] = append(db.exc[p.pos][f[0]], f[1:]...)
				return nil
			}); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return db, errors.Join(errs...)
}

// readFile calls fn on every line that is not part of the licence header
// (WordNet's data files start with lines beginning with two spaces).
func readFile(path string, fn func(n int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("wordnet: %w", err)
	}
	defer f.Close()
	return scanLines(f, path, fn)
}

func scanLines(r io.Reader, name string, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var errs []error
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "  ") || strings.TrimSpace(line) == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, n, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	return errors.Join(errs...)
}

// indexLine reads "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
// tagsense_cnt synset_offset...".
func (db *DB) indexLine(pos POS, line string) error {
	f := strings.Fields(line)
	if len(f) < 6 {
		return fmt.Errorf("index line has %d fields, want at least 6", len(f))
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		return fmt.Errorf("synset count %q: %w", f[2], err)
	}
	p, err := strconv.Atoi(f[3])
	if err != nil {
		return fmt.Errorf("pointer count %q: %w", f[3], err)
	}
	first := 4 + p + 2
	if len(f) < first+n {
		return fmt.Errorf("index line names %d synsets, has %d", n, len(f)-first)
	}
	offs := make([]int64, n)
	for i := range n {
		if offs[i], err = strconv.ParseInt(f[first+i], 10, 64); err != nil {
			return fmt.Errorf("synset offset %q: %w", f[first+i], err)
		}
	}
	db.index[pos][strings.ReplaceAll(f[0], "_", " ")] = offs
	return nil
}

// parseData reads "offset lex_filenum ss_type w_cnt word lex_id [word
// lex_id...] p_cnt [ptr...] [frames...] | gloss".
func parseData(line string) (*Synset, error) {
	body, gloss, _ := strings.Cut(line, " | ")
	f := strings.Fields(body)
	if len(f) < 4 {
		return nil, fmt.Errorf("data line has %d fields, want at least 4", len(f))
	}
	off, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("offset %q: %w", f[0], err)
	}
	lex, err := strconv.Atoi(f[1])
	if err != nil {
		return nil, fmt.Errorf("lexicographer file %q: %w", f[1], err)
	}
	pos, ok := parsePOS(f[2])
	if !ok {
		if f[2] == "s" || f[2] == "a" || f[2] == "r" {
			pos = POS(f[2][0])
		} else {
			return nil, fmt.Errorf("synset type %q", f[2])
		}
	}
	wc, err := strconv.ParseInt(f[3], 16, 32)
	if err != nil {
		return nil, fmt.Errorf("word count %q: %w", f[3], err)
	}
	i := 4
	s := &Synset{Ref: Ref{POS: pos, Offset: off}, LexFile: lex, Gloss: strings.TrimSpace(gloss)}
	for range wc {
		if i+1 >= len(f) {
			return nil, fmt.Errorf("synset %d: words run past the line", off)
		}
		w := f[i]
		if k := strings.IndexByte(w, '('); k > 0 { // adjective markers "(p)"
			w = w[:k]
		}
		s.Words = append(s.Words, strings.ToLower(strings.ReplaceAll(w, "_", " ")))
		i += 2
	}
	if i >= len(f) {
		return nil, fmt.Errorf("synset %d: no pointer count", off)
	}
	pc, err := strconv.Atoi(f[i])
	if err != nil {
		return nil, fmt.Errorf("synset %d: pointer count %q: %w", off, f[i], err)
	}
	i++
	for range pc {
		if i+3 >= len(f) {
			return nil, fmt.Errorf("synset %d: pointers run past the line", off)
		}
		to, err := strconv.ParseInt(f[i+1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("synset %d: pointer offset %q: %w", off, f[i+1], err)
		}
		tp := POS(f[i+2][0])
		st, err := strconv.ParseUint(f[i+3], 16, 16)
		if err != nil || len(f[i+3]) != 4 {
			return nil, fmt.Errorf("synset %d: pointer source/target %q", off, f[i+3])
		}
		s.Pointers = append(s.Pointers, Pointer{Symbol: f[i], To: Ref{POS: tp, Offset: to}, Source: int(st >> 8), Target: int(st & 0xff)})
		i += 4
	}
	if pos == Verb && i < len(f) {
		fc, err := strconv.Atoi(f[i])
		if err != nil {
			return nil, fmt.Errorf("synset %d: frame count %q: %w", off, f[i], err)
		}
		i++
		for range fc {
			if i+2 >= len(f) || f[i] != "+" {
				return nil, fmt.Errorf("synset %d: frames run past the line", off)
			}
			n, err := strconv.Atoi(f[i+1])
			if err != nil {
				return nil, fmt.Errorf("synset %d: frame %q: %w", off, f[i+1], err)
			}
			if !slices.Contains(s.Frames, n) {
				s.Frames = append(s.Frames, n)
			}
			i += 3
		}
		slices.Sort(s.Frames)
	}
	return s, nil
}

// Intransitive reports whether every frame of a verb synset lacks an
// object or a prepositional complement ("Somebody ----s", "Something
// ----s", "It is ----ing"): such a verb names something that happens to
// its subject ("die", "perish"), not an act on another. It is false for a
// synset with no frames.
func (s *Synset) Intransitive() bool {
	if len(s.Frames) == 0 {
		return false
	}
	for _, f := range s.Frames {
		switch f {
		case 1, 2, 3, 4, 7:
		default:
			return false
		}
	}
	return true
}

// Synsets returns the synsets of lemma (lowercase, spaces between words)
// as part of speech pos, most frequent sense first. Irregular inflected
// forms are looked up through the exception lists.
func (db *DB) Synsets(lemma string, pos POS) []*Synset {
	offs, ok := db.index[pos][lemma]
	if !ok {
		for _, l := range db.exc[pos][strings.ReplaceAll(lemma, " ", "_")] {
			if o, ok := db.index[pos][strings.ReplaceAll(l, "_", " ")]; ok {
				offs = o
				break
			}
		}
	}
	out := make([]*Synset, 0, len(offs))
	for _, o := range offs {
		if s := db.synsets[Ref{POS: pos, Offset: o}]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Synset returns the synset r names, or nil.
func (db *DB) Synset(r Ref) *Synset { return db.synsets[r] }

// Has reports whether lemma is in the index as pos.
func (db *DB) Has(lemma string, pos POS) bool {
	_, ok := db.index[pos][lemma]
	return ok
}

// Rank returns the 1-based rank of synset r among the senses of lemma as
// r's part of speech, or 0 when lemma does not have that sense.
func (db *DB) Rank(lemma string, r Ref) int {
	for i, o := range db.index[r.POS][lemma] {
		if o == r.Offset {
			return i + 1
		}
	}
	return 0
}

// Lemmas returns the base forms WordNet knows for an inflected form:
// the exception lists first, then the regular detachment rules of
// WordNet's morphy (-s, -es, -ed, -ing ...), keeping those in the index.
func (db *DB) Lemmas(form string, pos POS) []string {
	form = strings.ToLower(form)
	var out []string
	add := func(l string) {
		if db.Has(l, pos) {
			for _, x := range out {
				if x == l {
					return
				}
			}
			out = append(out, l)
		}
	}
	add(form)
	for _, l := range db.exc[pos][strings.ReplaceAll(form, " ", "_")] {
		add(strings.ReplaceAll(l, "_", " "))
	}
	for _, r := range detach[pos] {
		if strings.HasSuffix(form, r[0]) && len(form) > len(r[0]) {
			add(strings.TrimSuffix(form, r[0]) + r[1])
		}
	}
	return out
}

// detach holds morphy's suffix rules: an ending and what replaces it.
var detach = map[POS][][2]string{
	Noun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	Verb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
}

// Derived returns the synsets of part of speech to that word w of synset
// s is derivationally related to (WordNet's "+" pointers from that word),
// with the related word in each. w is a lemma of s.
func (db *DB) Derived(s *Synset, w string, to POS) []Related {
	idx := 0
	for i, x := range s.Words {
		if x == w {
			idx = i + 1
			break
		}
	}
	if idx == 0 {
		return nil
	}
	var out []Related
	for _, p := range s.Pointers {
		if p.Symbol != Derivation || p.To.POS != to || p.Source != idx {
			continue
		}
		t := db.synsets[p.To]
		if t == nil || p.Target < 1 || p.Target > len(t.Words) {
			continue
		}
		out = append(out, Related{Synset: t, Word: t.Words[p.Target-1]})
	}
	return out
}

// Related is a word of a synset reached through a pointer.
type Related struct {
	Synset *Synset
	Word   string
}

// Hypernyms returns the synsets s is a kind of, transitively, nearest
// first, up to depth levels.
func (db *DB) Hypernyms(s *Synset, depth int) []*Synset {
	var out []*Synset
	seen := map[Ref]bool{s.Ref: true}
	level := []*Synset{s}
	for d := 0; d < depth && len(level) > 0; d++ {
		var next []*Synset
		for _, x := range level {
			for _, p := range x.Pointers {
				if (p.Symbol == Hypernym || p.Symbol == InstanceHyp) && !seen[p.To] {
					seen[p.To] = true
					if h := db.synsets[p.To]; h != nil {
						next = append(next, h)
					}
				}
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}
