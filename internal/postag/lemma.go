package postag

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// maxSuffix is the longest suffix (in bytes) a lemma rule looks at.
const maxSuffix = 6

// Lemmatizer gives the lemma of a word from its Penn tag: first a table of
// words whose lemma the rules get wrong, learned from the treebank, then
// suffix rules by tag ("-ies" under NNS → "-y"), also learned. It is
// read-only and safe for concurrent use.
type Lemmatizer struct {
	words map[string]string // form "\t" xpos → lemma
	rules map[string]rule   // xpos "\t" suffix → rule
	known map[string]bool   // lemmas seen in training, lowercase
	// A lemmatizer read from its text finds the three in the text's
	// lines through idx instead, and its maps are nil (see tables).
	idx *lineIndex
}

type rule struct {
	cut int    // bytes to remove from the end
	add string // then append
}

// Lemma returns the lemma of form tagged xpos.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	if lem, ok := l.word(form, xpos); ok {
		return lem
	}
	lower := strings.ToLower(form)
	if lem, ok := l.word(lower, xpos); ok {
		return lem
	}
	base := lower
	if strings.HasPrefix(xpos, "NNP") {
		base = form
	}
	// The rule of the longest suffix wins, unless a shorter suffix's rule
	// gives a lemma seen in training and the longer one's does not.
	first := ""
	anyKnown := l.anyKnown()
	for n := min(len(lower), maxSuffix); n >= 0; n-- {
		r, ok := l.rule(xpos, lower[len(lower)-n:])
		if !ok {
			continue
		}
		if r.cut > len(base) || r.cut == len(base) && r.add == "" {
			continue
		}
		lem := base[:len(base)-r.cut] + r.add
		if !anyKnown || l.isKnown(strings.ToLower(lem)) {
			return lem
		}
		if first == "" {
			first = lem
		}
	}
	if first != "" {
		return first
	}
	return base
}

// word returns the lemma the exceptions give form tagged xpos.
func (l *Lemmatizer) word(form, xpos string) (string, bool) {
	if l.idx == nil {
		lem, ok := l.words[form+"\t"+xpos]
		return lem, ok
	}
	line, ok := l.idx.find('w', form, xpos)
	if !ok {
		return "", false
	}
	return line[strings.LastIndexByte(line, '\t')+1:], true
}

// rule returns the rule of suffix under xpos.
func (l *Lemmatizer) rule(xpos, suffix string) (rule, bool) {
	if l.idx == nil {
		r, ok := l.rules[xpos+"\t"+suffix]
		return r, ok
	}
	line, ok := l.idx.find('r', xpos, suffix)
	if !ok {
		return rule{}, false
	}
	_, r, _ := parseRuleLine(line)
	return r, true
}

// anyKnown reports whether the lemmatizer knows the lemmas of training.
func (l *Lemmatizer) anyKnown() bool {
	if l.idx == nil {
		return len(l.known) > 0
	}
	return l.idx.count['k'] > 0
}

// isKnown reports whether lemma was seen in training.
func (l *Lemmatizer) isKnown(lemma string) bool {
	if l.idx == nil {
		return l.known[lemma]
	}
	_, ok := l.idx.find('k', lemma, "")
	return ok
}

// tables returns the lemmatizer's three tables as maps (built from its
// text when it was read).
func (l *Lemmatizer) tables() (words map[string]string, rules map[string]rule, known map[string]bool) {
	if l.idx == nil {
		return l.words, l.rules, l.known
	}
	words, rules, known = map[string]string{}, map[string]rule{}, map[string]bool{}
	for _, off := range l.idx.slots {
		if off == 0 {
			continue
		}
		line := l.idx.line(off - 1)
		key := lineKey(line)
		switch line[0] {
		case 'w':
			words[key] = line[strings.LastIndexByte(line, '\t')+1:]
		case 'r':
			_, r, _ := parseRuleLine(line)
			rules[key] = r
		case 'k':
			known[key] = true
		}
	}
	return words, rules, known
}

// transform returns the rule that turns lower into lemma.
func transform(lower, lemma string) rule {
	p := 0
	for p < len(lower) && p < len(lemma) && lower[p] == lemma[p] {
		p++
	}
	return rule{cut: len(lower) - p, add: lemma[p:]}
}

// LemmaExample is one training word for the lemmatizer.
type LemmaExample struct{ Form, XPOS, Lemma string }

// TrainLemmatizer learns suffix rules and exceptions from examples.
// Deterministic: ties are broken by string order.
func TrainLemmatizer(examples []LemmaExample) *Lemmatizer {
	// Majority lemma per (form, xpos).
	type key struct{ form, xpos string }
	lemmas := map[key]map[string]int{}
	for _, e := range examples {
		k := key{e.Form, e.XPOS}
		if lemmas[k] == nil {
			lemmas[k] = map[string]int{}
		}
		lemmas[k][e.Lemma]++
	}
	keys := make([]key, 0, len(lemmas))
	for k := range lemmas {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.form, b.form); c != 0 {
			return c
		}
		return strings.Compare(a.xpos, b.xpos)
	})
	best := func(m map[string]int) string {
		var b string
		n := -1
		for s, c := range m {
			if c > n || c == n && s < b {
				b, n = s, c
			}
		}
		return b
	}
	// Suffix rules from word types.
	counts := map[string]map[rule]int{}
	for _, k := range keys {
		lem := best(lemmas[k])
		lower := strings.ToLower(k.form)
		r := transform(lower, strings.ToLower(lem))
		for n := 0; n <= maxSuffix && n <= len(lower); n++ {
			if n < r.cut {
				continue
			}
			rk := k.xpos + "\t" + lower[len(lower)-n:]
			if counts[rk] == nil {
				counts[rk] = map[rule]int{}
			}
			counts[rk][r]++
		}
	}
	l := &Lemmatizer{words: map[string]string{}, rules: map[string]rule{}, known: map[string]bool{}}
	for _, e := range examples {
		l.known[strings.ToLower(e.Lemma)] = true
	}
	for rk, m := range counts {
		var br rule
		n := -1
		total := 0
		for r, c := range m {
			total += c
			if c > n || c == n && (r.cut < br.cut || r.cut == br.cut && r.add < br.add) {
				br, n = r, c
			}
		}
		_, suf, _ := strings.Cut(rk, "\t")
		if suf == "" || n >= 2 {
			l.rules[rk] = br
		}
	}
	for _, k := range keys {
		lem := best(lemmas[k])
		if l.Lemma(k.form, k.xpos) != lem {
			l.words[k.form+"\t"+k.xpos] = lem
		}
	}
	return l
}

// Write writes l as text: "r TAG SUFFIX CUT ADD", "w FORM TAG LEMMA" and
// "k LEMMA" lines, tab-separated, sorted.
func (l *Lemmatizer) Write(w io.Writer) error {
	words, rules, known := l.tables()
	var lines []string
	for k, r := range rules {
		lines = append(lines, fmt.Sprintf("r\t%s\t%d\t%s", k, r.cut, r.add))
	}
	for k, lem := range words {
		lines = append(lines, fmt.Sprintf("w\t%s\t%s", k, lem))
	}
	for lem := range known {
		lines = append(lines, "k\t"+lem)
	}
	slices.Sort(lines)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# annals lemmatizer: r XPOS SUFFIX CUT ADD (suffix rules), w FORM XPOS LEMMA (exceptions), k LEMMA (lemmas seen)")
	for _, s := range lines {
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadLemmatizer reads what Write wrote. The lemmatizer finds its words,
// rules and lemmas in the lines of the text it read, through an index of
// their offsets built in one pass, instead of copying them into maps.
func ReadLemmatizer(r io.Reader) (*Lemmatizer, error) {
	text, err := readText(r)
	if err != nil {
		return nil, fmt.Errorf("lemmatizer: %w", err)
	}
	x := newLineIndex(text, strings.Count(text, "\n")+1)
	off := 0
	err = eachLine(text, func(n int, line string) error {
		start := off
		off += len(line) + 1
		if off <= len(text) && text[off-1] == '\r' { // eachLine took the \r off
			off++
		}
		if line == "" || line[0] == '#' {
			return nil
		}
		kind, rest, found := strings.Cut(line, "\t")
		f := 1 // fields
		if found {
			f = strings.Count(rest, "\t") + 2
		}
		switch {
		case kind == "r" && f == 5:
			if _, _, err := parseRuleLine(line); err != nil {
				return fmt.Errorf("lemmatizer line %d: %w", n, err)
			}
		case kind == "w" && f == 4, kind == "k" && f == 2:
		default:
			return fmt.Errorf("lemmatizer line %d: want r/5, w/4 or k/2 fields, got %q", n, line)
		}
		x.add(start, line)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Lemmatizer{idx: x}, nil
}

// parseRuleLine reads a rule line, "r XPOS SUFFIX CUT ADD" (five fields),
// giving its key ("XPOS<TAB>SUFFIX") and rule.
func parseRuleLine(line string) (string, rule, error) {
	rest := line[2:]
	xpos, after, _ := strings.Cut(rest, "\t")
	suffix, after, _ := strings.Cut(after, "\t")
	c, add, _ := strings.Cut(after, "\t")
	cut, err := strconv.Atoi(c)
	if err != nil || cut < 0 {
		return "", rule{}, fmt.Errorf("bad cut %q", c)
	}
	return rest[:len(xpos)+1+len(suffix)], rule{cut, add}, nil
}

// lineKey returns the key of a lemmatizer line: "FORM<TAB>XPOS" for a w
// line, "XPOS<TAB>SUFFIX" for an r line, the lemma for a k line.
func lineKey(line string) string {
	rest := line[2:]
	switch line[0] {
	case 'w':
		return rest[:strings.LastIndexByte(rest, '\t')]
	case 'r':
		i := strings.IndexByte(rest, '\t')
		return rest[:i+1+strings.IndexByte(rest[i+1:], '\t')]
	}
	return rest
}

// lineIndex finds the lines of a text by their kind (first byte) and key
// (see lineKey): an open-addressing hash table (power-of-two size, at most
// half full, linear probing) of line offsets, whose hash is FNV-1a over
// the kind and the key, so that a lookup by the key's two parts joins no
// strings. A later line replaces an earlier one with the same kind and
// key, as a map would.
type lineIndex struct {
	text  string
	slots []uint32 // a line's offset + 1; 0: empty
	shift uint8
	count [256]int // lines by kind
}

func newLineIndex(text string, n int) *lineIndex {
	size, bits := 16, uint8(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	return &lineIndex{text: text, slots: make([]uint32, size), shift: 64 - bits}
}

// line returns the line at offset off, without its line ending.
func (x *lineIndex) line(off uint32) string {
	line := x.text[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSuffix(line, "\r")
}

func keyHash(kind byte, a, b string, two bool) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * 1099511628211
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * 1099511628211
	}
	if two {
		h = (h ^ '\t') * 1099511628211
		for i := 0; i < len(b); i++ {
			h = (h ^ uint64(b[i])) * 1099511628211
		}
	}
	return h
}

func (x *lineIndex) home(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> x.shift }

// add indexes the line at offset off (line is its text).
func (x *lineIndex) add(off int, line string) {
	key := lineKey(line)
	mask := uint64(len(x.slots) - 1)
	for i := x.home(keyHash(line[0], key, "", false)); ; i = (i + 1) & mask {
		o := x.slots[i]
		if o == 0 {
			x.slots[i] = uint32(off) + 1
			x.count[line[0]]++
			return
		}
		if other := x.line(o - 1); other[0] == line[0] && lineKey(other) == key {
			x.slots[i] = uint32(off) + 1 // the later line wins
			return
		}
	}
}

// find returns the line of kind whose key is a, or a "\t" b when b is
// not empty or kind is not 'k'.
func (x *lineIndex) find(kind byte, a, b string) (string, bool) {
	two := kind != 'k'
	mask := uint64(len(x.slots) - 1)
	for i := x.home(keyHash(kind, a, b, two)); ; i = (i + 1) & mask {
		o := x.slots[i]
		if o == 0 {
			return "", false
		}
		line := x.line(o - 1)
		if line[0] != kind {
			continue
		}
		key := lineKey(line)
		if two {
			if len(key) == len(a)+1+len(b) && key[:len(a)] == a && key[len(a)] == '\t' && key[len(a)+1:] == b {
				return line, true
			}
		} else if key == a {
			return line, true
		}
	}
}
