package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of a template number and the values it reads,
// so that extracting them allocates no strings. The model keeps the hashes
// of the features it learned weights for.

// fnv1a hashes s.
func fnv1a(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix combines a hash with one more value (splitmix64's finalizer over a
// multiplicative combination).
func mix(a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 + b + 0x632BE59BD9B4E019
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// The feature templates. Their numbers are part of the model format: add new
// ones at the end and bump modelVersion when their meaning changes.
const (
	fBias uint64 = iota + 1
	fWord
	fLower
	fShape
	fPrefix
	fSuffix
	fFlags
	fFlagsFirst
	fLowerM2
	fLowerM1
	fLowerP1
	fLowerP2
	fShapeM1
	fShapeP1
	fBigramM1
	fBigramP1
	fShape3
	fCluster
	fClusterM1
	fClusterP1
	fCaps
	fCapsShape
	fShapeM1Lower
	fShapeP1Lower
	fLen
	fClusterWin
	fWordM1
	fWordP1
	fStyleFlags
	fStyleCaps
	fClusterM2
	fClusterP2
	fGaz
	fGazCaps
	fGazM1
	fGazP1
	fDoc
	fDocCaps
	fDocM1
	fDocP1
	fRunLast
	fRunFirst
	fRunPos
	fLowerM1Caps
	fLowerP1Caps
	fRunLastCluster
)

// Word flags.
const (
	flagInitCap = 1 << iota
	flagAllCaps
	flagHasDigit
	flagAllDigit
	flagHyphen
	flagPeriod
	flagApostrophe
	flagPunct
	flagMixedCaps
)

// wordInfo is what the model knows about a lowercased word from unlabelled
// text: its distributional clusters at several granularities (0 when
// unknown) and how often it is capitalized inside a sentence.
type wordInfo struct {
	Cluster [numGrains]uint16
	Caps    uint8 // capsUnknown, or a bucket of the share of capitalized uses
}

// numGrains is the number of cluster granularities.
const numGrains = 3

// Capitalization buckets.
const (
	capsUnknown uint8 = iota
	capsRare          // under 10% of uses inside a sentence are capitalized
	capsSome          // 10–50%
	capsMost          // 50–90%
	capsAlways        // 90% or more
)

// token is one word's precomputed hashes.
type token struct {
	word, lower, shape uint64
	flags              uint64
	cluster            [numGrains]uint64
	caps               uint64
	length             uint64
	style              uint64 // the sentence's capitalization style, same for every word
	lowerStr           string
	gaz                []uint64 // gazetteer matches covering the word
	doc                uint64   // document context: tags given to the word elsewhere (0: none)
	// In a run of capitalized words ("Fair Housing Action Center"): the
	// hashes of the run's first and last words, lowercased, and the word's
	// place in the run; 0 outside runs.
	runFirst, runLast, runPos uint64
	runLastCluster            uint64 // mid-grain cluster of the run's last word
}

var (
	padStart = token{word: fnv1a("<s>"), lower: fnv1a("<s>"), shape: fnv1a("<s>"), cluster: [numGrains]uint64{1 << 20, 1 << 20, 1 << 20}}
	padEnd   = token{word: fnv1a("</s>"), lower: fnv1a("</s>"), shape: fnv1a("</s>"), cluster: [numGrains]uint64{1 << 21, 1 << 21, 1 << 21}}
)

// flagsOf returns a word's flags.
func flagsOf(w string) uint64 {
	var f uint64
	upper, lower, digit, letters := 0, 0, 0, 0
	punct := true
	first := true
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			if first {
				f |= flagInitCap
			}
		case unicode.IsLetter(r):
			lower++
			letters++
		case unicode.IsDigit(r):
			digit++
		case r == '-':
			f |= flagHyphen
		case r == '.':
			f |= flagPeriod
		case r == '\'' || r == '’':
			f |= flagApostrophe
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			punct = false
		}
		first = false
	}
	if upper > 0 && lower == 0 {
		f |= flagAllCaps
	}
	if upper > 0 && lower > 0 && f&flagInitCap == 0 || upper > 1 && lower > 0 {
		f |= flagMixedCaps
	}
	if digit > 0 {
		f |= flagHasDigit
		if digit == utf8.RuneCountInString(w) {
			f |= flagAllDigit
		}
	}
	if punct {
		f |= flagPunct
	}
	return f
}

// prepare computes the per-word hashes of a sentence in s's memory; doc,
// when not nil, is each word's document context.
func (m *model) prepare(s *scratch, words []string, doc []uint64) []token {
	toks := slices.Grow(s.toks[:0], len(words))
	lower := s.lowerWords(words)
	for i, w := range words {
		lw := lower[i]
		t := token{
			word:     fnv1a(w),
			lower:    fnv1a(lw),
			shape:    shapeHash(w),
			flags:    flagsOf(w),
			lowerStr: lw,
		}
		n := utf8.RuneCountInString(w)
		if n > 6 {
			n = 6
		}
		t.length = uint64(n)
		if info, ok := m.words[lw]; ok {
			for g := range numGrains {
				t.cluster[g] = uint64(info.Cluster[g]) + 1
			}
			t.caps = uint64(info.Caps)
		}
		toks = append(toks, t)
	}
	style := sentenceStyle(words, toks)
	var gaz [][]uint64
	if m.gaz != nil {
		gaz = m.gaz.match(s, words, lower)
	}
	if style == styleNormal || style == styleLower {
		capRuns(toks)
	}
	for i := range toks {
		toks[i].style = style
		if gaz != nil {
			toks[i].gaz = gaz[i]
		}
		if i < len(doc) {
			toks[i].doc = doc[i]
		}
	}
	s.toks = toks
	return toks
}

// lowerWords returns strings.ToLower of each word, in s's memory. Words
// already lowercase are returned as they are, ASCII words with capitals
// are lowercased into one string for the whole sentence, and only the
// others (rare) cost an allocation each.
func (s *scratch) lowerWords(words []string) []string {
	lower := slices.Grow(s.lower[:0], len(words))
	buf := s.buf[:0]
	spans := s.spans[:0] // the words lowercased into buf: word, start in buf
	for _, w := range words {
		ascii, upper := true, false
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			upper = upper || 'A' <= c && c <= 'Z'
		}
		switch {
		case !ascii:
			lower = append(lower, strings.ToLower(w))
		case !upper:
			lower = append(lower, w)
		default:
			start := len(buf)
			for i := 0; i < len(w); i++ {
				c := w[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			spans = append(spans, [2]int32{int32(len(lower)), int32(start)})
			lower = append(lower, "")
		}
	}
	if len(spans) > 0 {
		all := string(buf)
		for _, sp := range spans {
			i, start := sp[0], int(sp[1])
			lower[i] = all[start : start+len(words[i])]
		}
	}
	s.lower, s.buf, s.spans = lower, buf, spans
	return lower
}

// shapeHash returns the hash of a word's short shape: each character
// mapped to X (upper), x (lower), d (digit), l (other letter) or itself,
// runs of the same class collapsed, at most 8 classes. It hashes the
// shape's UTF-8 bytes as it goes, without building it.
func shapeHash(w string) uint64 {
	h := uint64(14695981039346656037)
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		if r < utf8.RuneSelf {
			switch {
			case 'A' <= r && r <= 'Z':
				c = 'X'
			case 'a' <= r && r <= 'z':
				c = 'x'
			case '0' <= r && r <= '9':
				c = 'd'
			default:
				c = r
			}
		} else {
			switch {
			case unicode.IsUpper(r):
				c = 'X'
			case unicode.IsLower(r):
				c = 'x'
			case unicode.IsDigit(r):
				c = 'd'
			case unicode.IsLetter(r):
				c = 'l'
			default:
				c = r
			}
		}
		if c == last {
			continue
		}
		if c < utf8.RuneSelf {
			h ^= uint64(c)
			h *= 1099511628211
		} else {
			var b [utf8.UTFMax]byte
			for _, x := range b[:utf8.EncodeRune(b[:], c)] {
				h ^= uint64(x)
				h *= 1099511628211
			}
		}
		last = c
		n++
		if n >= 8 {
			break
		}
	}
	return h
}

// Sentence capitalization styles: web text is often all lowercase or all
// capitals, and headlines capitalize every word, which changes what a
// capital letter says.
const (
	styleNormal uint64 = iota
	styleLower         // no capitalized word after the first
	styleTitle         // most words capitalized
	styleUpper         // most words all capitals
)

// sentenceStyle returns the capitalization style of a sentence, given its
// words and their tokens (for the flags).
func sentenceStyle(words []string, toks []token) uint64 {
	letters, caps, upper := 0, 0, 0
	for i, w := range words {
		f := toks[i].flags
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if i > 0 {
			letters++
			if f&flagInitCap != 0 {
				caps++
			}
		}
		if f&flagAllCaps != 0 && utf8.RuneCountInString(w) > 1 {
			upper++
		}
	}
	switch {
	case letters == 0:
		return styleNormal
	case upper*10 >= letters*7:
		return styleUpper
	case caps == 0:
		return styleLower
	case caps*10 >= letters*6 && letters >= 3:
		return styleTitle
	}
	return styleNormal
}

// features appends the feature hashes of word i of a prepared sentence.
func features(toks []token, i int, out []uint64) []uint64 {
	at := func(j int) *token {
		switch {
		case j < 0:
			return &padStart
		case j >= len(toks):
			return &padEnd
		}
		return &toks[j]
	}
	t, m1, m2, p1, p2 := &toks[i], at(i-1), at(i-2), at(i+1), at(i+2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	out = append(out,
		fBias,
		mix(fWord, t.word),
		mix(fLower, t.lower),
		mix(fShape, t.shape),
		mix(fFlags, t.flags),
		mix(mix(fFlagsFirst, t.flags), first),
		mix(fLowerM2, m2.lower),
		mix(fLowerM1, m1.lower),
		mix(fLowerP1, p1.lower),
		mix(fLowerP2, p2.lower),
		mix(fShapeM1, m1.shape),
		mix(fShapeP1, p1.shape),
		mix(mix(fBigramM1, m1.lower), t.lower),
		mix(mix(fBigramP1, t.lower), p1.lower),
		mix(mix(mix(fShape3, m1.shape), t.shape), p1.shape),
		mix(mix(fShapeM1Lower, m1.lower), t.shape),
		mix(mix(fShapeP1Lower, p1.lower), t.shape),
		mix(mix(mix(fCaps, t.caps), first), t.flags&(flagInitCap|flagAllCaps)),
		mix(mix(fCapsShape, t.caps), t.shape),
		mix(mix(fLen, t.length), t.flags&(flagInitCap|flagAllCaps)),
		mix(mix(fStyleFlags, t.style), t.flags),
		mix(mix(mix(fStyleCaps, t.style), t.caps), t.flags&(flagInitCap|flagAllCaps)),
		mix(fClusterM2, m2.cluster[0]),
		mix(fClusterP2, p2.cluster[0]),
	)
	for g := range numGrains {
		out = append(out,
			mix(mix(fCluster, uint64(g)), t.cluster[g]),
			mix(mix(fClusterM1, uint64(g)), m1.cluster[g]),
			mix(mix(fClusterP1, uint64(g)), p1.cluster[g]),
			mix(mix(mix(fClusterWin, uint64(g)), t.cluster[g]), t.flags&(flagInitCap|flagAllCaps)),
		)
	}
	caps := t.flags & (flagInitCap | flagAllCaps)
	out = append(out,
		mix(mix(fLowerM1Caps, m1.lower), caps),
		mix(mix(fLowerP1Caps, p1.lower), caps),
	)
	if t.runPos != 0 {
		out = append(out,
			mix(mix(fRunLast, t.runLast), t.runPos),
			mix(mix(fRunFirst, t.runFirst), t.runPos),
			mix(fRunPos, t.runPos),
			mix(mix(fRunLastCluster, t.runLastCluster), t.runPos),
		)
	}
	if t.doc != 0 {
		out = append(out, mix(fDoc, t.doc), mix(mix(fDocCaps, t.doc), caps))
	}
	if m1.doc != 0 {
		out = append(out, mix(mix(fDocM1, m1.doc), caps))
	}
	if p1.doc != 0 {
		out = append(out, mix(mix(fDocP1, p1.doc), caps))
	}
	for _, g := range t.gaz {
		out = append(out, mix(fGaz, g), mix(mix(fGazCaps, g), caps))
	}
	for _, g := range m1.gaz {
		out = append(out, mix(mix(fGazM1, g), caps))
	}
	for _, g := range p1.gaz {
		out = append(out, mix(mix(fGazP1, g), caps))
	}
	// Prefixes and suffixes of the lowercased word, up to 4 characters,
	// when shorter than the word.
	lw := t.lowerStr
	if n := utf8.RuneCountInString(lw); n > 1 {
		k := 0
		for pos := range lw {
			if k > 0 && k <= 4 && k < n {
				out = append(out, mix(mix(fPrefix, uint64(k)), fnv1a(lw[:pos])))
			}
			k++
		}
		k = 0
		for end := len(lw); end > 0 && k < 4 && k+1 < n; {
			_, size := utf8.DecodeLastRuneInString(lw[:end])
			end -= size
			k++
			out = append(out, mix(mix(fSuffix, uint64(k)), fnv1a(lw[end:])))
		}
	}
	return out
}

// docContext returns, for every word of a document, the set of tags (one
// bit per tag) that pass-one tagging gave the same lowercased word
// elsewhere in the document, or 0 when the word occurs nowhere else or is
// not a word (no letter, or one character).
func docContext(sents [][]string, tags [][]Tag) [][]uint64 {
	type key = string
	counts := map[key]*[numTags]int32{}
	lower := make([][]string, len(sents))
	for si, ws := range sents {
		lower[si] = make([]string, len(ws))
		for i, w := range ws {
			if utf8.RuneCountInString(w) < 2 || !strings.ContainsFunc(w, unicode.IsLetter) {
				continue
			}
			lw := strings.ToLower(w)
			lower[si][i] = lw
			c := counts[lw]
			if c == nil {
				c = new([numTags]int32)
				counts[lw] = c
			}
			if i < len(tags[si]) {
				c[tags[si][i]]++
			}
		}
	}
	out := make([][]uint64, len(sents))
	for si, ws := range sents {
		out[si] = make([]uint64, len(ws))
		for i := range ws {
			lw := lower[si][i]
			if lw == "" {
				continue
			}
			c := counts[lw]
			var mask uint64
			for t := range numTags {
				n := c[t]
				if i < len(tags[si]) && int(tags[si][i]) == t {
					n--
				}
				if n > 0 {
					mask |= 1 << t
				}
			}
			out[si][i] = mask
		}
	}
	return out
}

// runJoiners are lowercase words that may join the capitalized words of a
// name ("Bank of America", "Food and Drug Administration").
var runJoiners = map[string]bool{"of": true, "and": true, "for": true, "the": true, "de": true, "&": true}

// capRuns marks the runs of capitalized words of a sentence (in text whose
// capitals mean something): the run's first and last words and each word's
// place, coded 1 + 4·min(length−1, 3) + (0 single, 1 first, 2 inside,
// 3 last).
func capRuns(toks []token) {
	isCap := func(t *token) bool {
		return t.flags&(flagInitCap|flagAllCaps) != 0 && t.flags&flagPunct == 0
	}
	for i := 0; i < len(toks); {
		if !isCap(&toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			if isCap(&toks[j]) {
				j++
				continue
			}
			if runJoiners[toks[j].lowerStr] && j+1 < len(toks) && isCap(&toks[j+1]) {
				j += 2
				continue
			}
			break
		}
		n := j - i
		for k := i; k < j; k++ {
			place := uint64(2)
			switch {
			case n == 1:
				place = 0
			case k == i:
				place = 1
			case k == j-1:
				place = 3
			}
			toks[k].runFirst = toks[i].lower
			toks[k].runLast = toks[j-1].lower
			toks[k].runPos = 1 + 4*uint64(min(n-1, 3)) + place
			toks[k].runLastCluster = toks[j-1].cluster[1]
		}
		i = j
	}
}
