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
}

type rule struct {
	cut int    // bytes to remove from the end
	add string // then append
}

// Lemma returns the lemma of form tagged xpos.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	if lem, ok := l.words[form+"\t"+xpos]; ok {
		return lem
	}
	lower := strings.ToLower(form)
	if lem, ok := l.words[lower+"\t"+xpos]; ok {
		return lem
	}
	base := lower
	if strings.HasPrefix(xpos, "NNP") {
		base = form
	}
	// The rule of the longest suffix wins, unless a shorter suffix's rule
	// gives a lemma seen in training and the longer one's does not.
	first := ""
	for n := min(len(lower), maxSuffix); n >= 0; n-- {
		r, ok := l.rules[xpos+"\t"+lower[len(lower)-n:]]
		if !ok {
			continue
		}
		if r.cut > len(base) || r.cut == len(base) && r.add == "" {
			continue
		}
		lem := base[:len(base)-r.cut] + r.add
		if len(l.known) == 0 || l.known[strings.ToLower(lem)] {
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
	var lines []string
	for k, r := range l.rules {
		lines = append(lines, fmt.Sprintf("r\t%s\t%d\t%s", k, r.cut, r.add))
	}
	for k, lem := range l.words {
		lines = append(lines, fmt.Sprintf("w\t%s\t%s", k, lem))
	}
	for lem := range l.known {
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

// ReadLemmatizer reads what Write wrote.
func ReadLemmatizer(r io.Reader) (*Lemmatizer, error) {
	text, err := readText(r)
	if err != nil {
		return nil, fmt.Errorf("lemmatizer: %w", err)
	}
	l := &Lemmatizer{
		words: make(map[string]string, strings.Count(text, "\nw\t")),
		rules: make(map[string]rule, strings.Count(text, "\nr\t")),
		known: make(map[string]bool, strings.Count(text, "\nk\t")),
	}
	err = eachLine(text, func(n int, line string) error {
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
			// the key, "XPOS<TAB>SUFFIX", is the line's next two fields
			xpos, after, _ := strings.Cut(rest, "\t")
			suffix, after, _ := strings.Cut(after, "\t")
			c, add, _ := strings.Cut(after, "\t")
			cut, err := strconv.Atoi(c)
			if err != nil || cut < 0 {
				return fmt.Errorf("lemmatizer line %d: bad cut %q", n, c)
			}
			l.rules[rest[:len(xpos)+1+len(suffix)]] = rule{cut, add}
		case kind == "w" && f == 4:
			// the key, "FORM<TAB>XPOS", is all but the last field
			i := strings.LastIndexByte(rest, '\t')
			l.words[rest[:i]] = rest[i+1:]
		case kind == "k" && f == 2:
			l.known[rest] = true
		default:
			return fmt.Errorf("lemmatizer line %d: want r/5, w/4 or k/2 fields, got %q", n, line)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}
