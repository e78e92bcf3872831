package ner

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
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
// of the longest gazetteer matches starting at or covering it.
func (g *gazetteer) match(words []string, lower []string) [][]uint64 {
	if g == nil || len(g.cats) == 0 {
		return nil
	}
	out := make([][]uint64, len(words))
	var b strings.Builder
	for i := range words {
		for _, cased := range []bool{false, true} {
			dict := g.folded
			src := lower
			if cased {
				dict, src = g.cased, words
			}
			if len(dict) == 0 {
				continue
			}
			for n := min(g.maxLen, len(words)-i); n >= 1; n-- {
				b.Reset()
				for j := i; j < i+n; j++ {
					if j > i {
						b.WriteByte(' ')
					}
					b.WriteString(src[j])
				}
				cats, ok := dict[b.String()]
				if !ok {
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
						out[j] = append(out[j], mix(uint64(c+1), uint64(pos)))
					}
				}
				break // longest match from i only
			}
		}
	}
	return out
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
