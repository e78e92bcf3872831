package actor

import (
	"strings"
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
	Candidates []string
}

// surface is one indexed form of an entry.
type surface struct {
	shape string // the form normalized but with its case kept
	id    string
	via   Via
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
}

func newGazetteer() gazetteer {
	return gazetteer{byKey: map[string][]surface{}, keysOf: map[string][]string{}}
}

// normalize returns s without spaces, hyphens and periods, with curly
// apostrophes and dashes made plain. It keeps case.
func normalize(s string) string {
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

func (g *gazetteer) add(form, id string, v Via) {
	shape := normalize(strings.TrimSpace(form))
	if shape == "" {
		return
	}
	key := strings.ToLower(shape)
	for _, s := range g.byKey[key] {
		if s.id == id && s.shape == shape {
			return
		}
	}
	// Later forms come first: a user's entry overrides a built-in one
	// with the same name.
	g.byKey[key] = append([]surface{{shape, id, v}}, g.byKey[key]...)
	g.keysOf[id] = append(g.keysOf[id], key)
	g.maxLen = max(g.maxLen, len(key))
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
}

// caseFits reports whether text (normalized, case kept) fits the case of
// shape: every uppercase letter of shape is uppercase in text.
func caseFits(shape, text string) bool {
	for shape != "" && text != "" {
		s, n := utf8.DecodeRuneInString(shape)
		t, m := utf8.DecodeRuneInString(text)
		if unicode.ToLower(s) != unicode.ToLower(t) {
			return false
		}
		if unicode.IsUpper(s) && !unicode.IsUpper(t) {
			return false
		}
		shape, text = shape[n:], text[m:]
	}
	return shape == "" && text == ""
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
	return kb.matchAt(prepare(words), i)
}

// MatchAll returns the non-overlapping longest matches in a sentence's
// words, left to right.
func (kb *KB) MatchAll(words []string) []Match {
	ws := prepare(words)
	var out []Match
	for i := 0; i < len(ws); {
		if m, ok := kb.matchAt(ws, i); ok {
			out = append(out, m)
			i = m.End
			continue
		}
		i++
	}
	return out
}

// word is a word normalized for lookup: its shape (case kept) and key
// (lowercase), and the same without a possessive ending.
type word struct {
	shape, key         string
	possShape, possKey string
	poss               bool
}

func prepare(words []string) []word {
	ws := make([]word, len(words))
	for i, w := range words {
		n := normalize(w)
		ws[i] = word{shape: n, key: strings.ToLower(n)}
		if stem, ok := possessive(n); ok {
			ws[i].possShape, ws[i].possKey, ws[i].poss = stem, strings.ToLower(stem), true
		}
	}
	return ws
}

func (kb *KB) matchAt(ws []word, i int) (Match, bool) {
	g := &kb.gaz
	if first := ws[i].shape; first == "" || first == "'s" || first == "'" {
		return Match{}, false
	}
	var best Match
	found := false
	var shape, key strings.Builder
	try := func(j int, shape, key string, poss bool) {
		cands := g.byKey[key]
		if len(cands) == 0 {
			return
		}
		var ids []string
		var via Via
		// Proper names (forms with a capital) before common nouns, so that
		// "State Department" is the US seat, not the agent noun; otherwise
		// the later-loaded form first.
		for _, proper := range []bool{true, false} {
			for _, s := range cands {
				if hasUpper(s.shape) == proper && caseFits(s.shape, shape) && !contains(ids, s.id) {
					if len(ids) == 0 {
						via = s.via
					}
					ids = append(ids, s.id)
				}
			}
		}
		if len(ids) == 0 {
			return
		}
		best = Match{First: i, End: j + 1, Entry: ids[0], Via: via, Possessive: poss, Candidates: ids}
		if e, ok := kb.entries[ids[0]]; ok {
			best.Kind = e.Kind
		}
		found = true
	}
	for j := i; j < len(ws); j++ {
		w := ws[j]
		if key.Len()+len(w.key) > g.maxLen+2 {
			break
		}
		if w.key == "" {
			continue // punctuation inside a name ("al - Qaeda")
		}
		if w.poss {
			try(j, shape.String()+w.possShape, key.String()+w.possKey, true)
		}
		shape.WriteString(w.shape)
		key.WriteString(w.key)
		try(j, shape.String(), key.String(), false)
	}
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
