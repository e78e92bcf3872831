package postag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/internal/perceptron"
	"annals/internal/wordclass"
)

// Feature templates. Their numbers are part of the model: changing one
// needs retraining.
const (
	fBias uint64 = iota + 1
	fForm
	fLower
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fSuf5
	fPre1
	fPre2
	fPre3
	fShape
	fFlags
	fPrevTag
	fPrev2Tag
	fPrevTags
	fPrevTagWord
	fPrevWord
	fPrevSuf3
	fPrev2Word
	fNextWord
	fNextSuf3
	fNext2Word
	fPrevWordWord
	fWordNextWord
	fPrevTagNextWord
	fNextShape
	fPrevShape
	fPrevTagSuf3
	fFirstShape
	fNextSuf1
	fPrevTagNextSuf3
	fNextNextSuf3
	fAmb
	fNextAmb
	fNext2Amb
	fAmbNextAmb
	fPrevTagAmb
	fPrevAmb
	// word classes (package wordclass): path prefixes of 2 and 3 levels
	// and the whole path
	fCls2
	fCls3
	fClsAll
	fPrevCls3
	fNextCls3
	fPrevTagCls
	fClsNextCls
	fNext2Cls3
	// the word with what follows it ("for" before a gerund, "up" before a
	// noun phrase)
	fWordNextAmb
	fWordNextSuf3
	fWordNextCls
	fWordNext2Amb
)

// wordInfo holds the hashes of one word's parts, computed once a sentence.
type wordInfo struct {
	form, lower, shape, flags uint64
	suf                       [5]uint64 // suffixes of 1..5 runes of the lowercase form, 0 if shorter
	pre                       [3]uint64
	amb                       uint64    // hash of the word's ambiguity class in the lexicon
	cls                       [3]uint64 // hashes of the word's class path: 2 and 3 levels, all
}

// classHashes returns the hashes of the class path's prefixes of 2 and 3
// levels and of the whole path ("" for a word without a class).
func classHashes(path string) [3]uint64 {
	return [3]uint64{
		perceptron.String(path[:min(2, len(path))]),
		perceptron.String(path[:min(3, len(path))]),
		perceptron.String(path),
	}
}

var hUnknown = perceptron.String("<unknown>")

var (
	hStart  = perceptron.String("<s>")
	hStart2 = perceptron.String("<s2>")
	hEnd    = perceptron.String("</s>")
	hEnd2   = perceptron.String("</s2>")
)

func analyze(words []string, info []wordInfo, lex map[string]uint64, classes *wordclass.Table) {
	for i, w := range words {
		lw := strings.ToLower(w)
		wi := &info[i]
		*wi = wordInfo{form: perceptron.String(w), lower: perceptron.String(lw), amb: hUnknown}
		wi.cls = classHashes(classes.Path(w))
		if a, ok := lex[lw]; ok {
			wi.amb = a
		}
		wi.shape = perceptron.String(shape(w))
		wi.flags = flags(w)
		// suffixes and prefixes by runes
		n := utf8.RuneCountInString(lw)
		end := len(lw)
		for k := 0; k < 5 && k < n; k++ {
			_, sz := utf8.DecodeLastRuneInString(lw[:end])
			end -= sz
			wi.suf[k] = perceptron.String(lw[end:])
		}
		start := 0
		for k := 0; k < 3 && k < n; k++ {
			_, sz := utf8.DecodeRuneInString(lw[start:])
			start += sz
			wi.pre[k] = perceptron.String(lw[:start])
		}
	}
}

// shape maps a word to its character classes, runs longer than two
// collapsed: "McCain" → "XxXx", "2014" → "dd", "U.S." → "X.X.".
func shape(w string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
		}
		last = c
		b.WriteRune(c)
		if b.Len() > 12 {
			break
		}
	}
	return b.String()
}

func flags(w string) uint64 {
	var f uint64
	for i, r := range w {
		switch {
		case r == '-':
			f |= 1
		case unicode.IsDigit(r):
			f |= 2
		case unicode.IsUpper(r):
			if i == 0 {
				f |= 4
			} else {
				f |= 8
			}
		case r == '@' || r == '/' || r == ':':
			f |= 16
		}
	}
	return f
}

// features appends the features of word i given the tags chosen for the
// words before it (prev, prev2; class numbers, or -1/-2 at the start).
func features(dst []uint64, info []wordInfo, i int, prev, prev2 int) []uint64 {
	w := &info[i]
	p1, p2 := uint64(prev+3), uint64(prev2+3)
	pl, ps3, psh, p2l, nl, ns3, nsh, n2l, n2s3, nsuf1, namb, n2amb, pamb, ncls, n2cls, pcls := context(info, i)
	dst = append(dst,
		fBias,
		perceptron.F1(fForm, w.form),
		perceptron.F1(fLower, w.lower),
		perceptron.F1(fShape, w.shape),
		perceptron.F1(fFlags, w.flags),
		perceptron.F1(fPrevTag, p1),
		perceptron.F1(fPrev2Tag, p2),
		perceptron.F2(fPrevTags, p1, p2),
		perceptron.F2(fPrevTagWord, p1, w.lower),
		perceptron.F1(fPrevWord, pl),
		perceptron.F1(fPrevSuf3, ps3),
		perceptron.F1(fPrev2Word, p2l),
		perceptron.F1(fNextWord, nl),
		perceptron.F1(fNextSuf3, ns3),
		perceptron.F1(fNext2Word, n2l),
		perceptron.F2(fPrevWordWord, pl, w.lower),
		perceptron.F2(fWordNextWord, w.lower, nl),
		perceptron.F2(fPrevTagNextWord, p1, nl),
		perceptron.F1(fNextShape, nsh),
		perceptron.F1(fPrevShape, psh),
		perceptron.F1(fNextSuf1, nsuf1),
		perceptron.F2(fPrevTagNextSuf3, p1, ns3),
		perceptron.F1(fNextNextSuf3, n2s3),
		perceptron.F1(fAmb, w.amb),
		perceptron.F1(fNextAmb, namb),
		perceptron.F1(fNext2Amb, n2amb),
		perceptron.F2(fAmbNextAmb, w.amb, namb),
		perceptron.F2(fPrevTagAmb, p1, w.amb),
		perceptron.F1(fPrevAmb, pamb),
		perceptron.F1(fCls2, w.cls[0]),
		perceptron.F1(fCls3, w.cls[1]),
		perceptron.F1(fClsAll, w.cls[2]),
		perceptron.F1(fPrevCls3, pcls),
		perceptron.F1(fNextCls3, ncls),
		perceptron.F2(fPrevTagCls, p1, w.cls[2]),
		perceptron.F2(fClsNextCls, w.cls[1], ncls),
		perceptron.F1(fNext2Cls3, n2cls),
		perceptron.F2(fWordNextAmb, w.lower, namb),
		perceptron.F2(fWordNextSuf3, w.lower, ns3),
		perceptron.F2(fWordNextCls, w.lower, ncls),
		perceptron.F2(fWordNext2Amb, w.lower, n2amb),
	)
	if i == 0 {
		dst = append(dst, perceptron.F1(fFirstShape, w.shape))
	}
	for k, s := range w.suf {
		if s != 0 {
			dst = append(dst, perceptron.F1(fSuf1+uint64(k), s))
		}
	}
	if w.suf[2] != 0 {
		dst = append(dst, perceptron.F2(fPrevTagSuf3, p1, w.suf[2]))
	}
	for k, s := range w.pre {
		if s != 0 {
			dst = append(dst, perceptron.F1(fPre1+uint64(k), s))
		}
	}
	return dst
}

// The forward pass scores a sentence's words in two parts: the features of
// the words alone, for every word at once, so that their memory reads
// overlap, and then, word by word, the features that join the tags chosen
// before it (tagFeatures). Together they are the features of features
// (TestSplitFeaturesAreTheFeatures).

// context returns the hashes features reads around word i.
func context(info []wordInfo, i int) (pl, ps3, psh, p2l, nl, ns3, nsh, n2l, n2s3, nsuf1, namb, n2amb, pamb, ncls, n2cls, pcls uint64) {
	at := func(j int) (uint64, uint64, uint64) { // lower, suf3, shape
		switch {
		case j < 0 && j == -1:
			return hStart, hStart, hStart
		case j < 0:
			return hStart2, hStart2, hStart2
		case j == len(info):
			return hEnd, hEnd, hEnd
		case j > len(info):
			return hEnd2, hEnd2, hEnd2
		}
		s3 := info[j].suf[2]
		if s3 == 0 {
			s3 = info[j].lower
		}
		return info[j].lower, s3, info[j].shape
	}
	pl, ps3, psh = at(i - 1)
	p2l, _, _ = at(i - 2)
	nl, ns3, nsh = at(i + 1)
	n2l, n2s3, _ = at(i + 2)
	nsuf1, namb, n2amb, pamb = nl, hEnd, hEnd2, hStart
	ncls, n2cls, pcls = hEnd, hEnd2, hStart
	if i+1 < len(info) {
		nsuf1, namb, ncls = info[i+1].suf[0], info[i+1].amb, info[i+1].cls[1]
	}
	if i+2 < len(info) {
		n2amb, n2cls = info[i+2].amb, info[i+2].cls[1]
	}
	if i > 0 {
		pamb, pcls = info[i-1].amb, info[i-1].cls[1]
	}
	return
}

// wordFeatures appends the features of word i that do not depend on the
// tags chosen before it.
func wordFeatures(dst []uint64, info []wordInfo, i int) []uint64 {
	w := &info[i]
	pl, ps3, psh, p2l, nl, ns3, nsh, n2l, n2s3, nsuf1, namb, n2amb, pamb, ncls, n2cls, pcls := context(info, i)
	dst = append(dst,
		fBias,
		perceptron.F1(fForm, w.form),
		perceptron.F1(fLower, w.lower),
		perceptron.F1(fShape, w.shape),
		perceptron.F1(fFlags, w.flags),
		perceptron.F1(fPrevWord, pl),
		perceptron.F1(fPrevSuf3, ps3),
		perceptron.F1(fPrev2Word, p2l),
		perceptron.F1(fNextWord, nl),
		perceptron.F1(fNextSuf3, ns3),
		perceptron.F1(fNext2Word, n2l),
		perceptron.F2(fPrevWordWord, pl, w.lower),
		perceptron.F2(fWordNextWord, w.lower, nl),
		perceptron.F1(fNextShape, nsh),
		perceptron.F1(fPrevShape, psh),
		perceptron.F1(fNextSuf1, nsuf1),
		perceptron.F1(fNextNextSuf3, n2s3),
		perceptron.F1(fAmb, w.amb),
		perceptron.F1(fNextAmb, namb),
		perceptron.F1(fNext2Amb, n2amb),
		perceptron.F2(fAmbNextAmb, w.amb, namb),
		perceptron.F1(fPrevAmb, pamb),
		perceptron.F1(fCls2, w.cls[0]),
		perceptron.F1(fCls3, w.cls[1]),
		perceptron.F1(fClsAll, w.cls[2]),
		perceptron.F1(fPrevCls3, pcls),
		perceptron.F1(fNextCls3, ncls),
		perceptron.F2(fClsNextCls, w.cls[1], ncls),
		perceptron.F1(fNext2Cls3, n2cls),
		perceptron.F2(fWordNextAmb, w.lower, namb),
		perceptron.F2(fWordNextSuf3, w.lower, ns3),
		perceptron.F2(fWordNextCls, w.lower, ncls),
		perceptron.F2(fWordNext2Amb, w.lower, n2amb),
	)
	if i == 0 {
		dst = append(dst, perceptron.F1(fFirstShape, w.shape))
	}
	for k, s := range w.suf {
		if s != 0 {
			dst = append(dst, perceptron.F1(fSuf1+uint64(k), s))
		}
	}
	for k, s := range w.pre {
		if s != 0 {
			dst = append(dst, perceptron.F1(fPre1+uint64(k), s))
		}
	}
	return dst
}

// tagFeatures appends the features of word i that join the tags chosen
// for the words before it (prev, prev2, as for features).
func tagFeatures(dst []uint64, info []wordInfo, i int, prev, prev2 int) []uint64 {
	w := &info[i]
	p1, p2 := uint64(prev+3), uint64(prev2+3)
	_, _, _, _, nl, ns3, _, _, _, _, _, _, _, _, _, _ := context(info, i)
	dst = append(dst,
		perceptron.F1(fPrevTag, p1),
		perceptron.F1(fPrev2Tag, p2),
		perceptron.F2(fPrevTags, p1, p2),
		perceptron.F2(fPrevTagWord, p1, w.lower),
		perceptron.F2(fPrevTagNextWord, p1, nl),
		perceptron.F2(fPrevTagNextSuf3, p1, ns3),
		perceptron.F2(fPrevTagAmb, p1, w.amb),
		perceptron.F2(fPrevTagCls, p1, w.cls[2]),
	)
	if w.suf[2] != 0 {
		dst = append(dst, perceptron.F2(fPrevTagSuf3, p1, w.suf[2]))
	}
	return dst
}
