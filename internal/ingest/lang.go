package ingest

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed stopwords_en.txt
var stopwordsFile string

//go:embed functionwords_other.txt
var otherWordsFile string

// otherWords maps a function word of some other language (none of them an
// English word) to that language's code.
var otherWords = func() map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(otherWordsFile, "\n") {
		f := strings.Fields(l)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		for _, w := range f[1:] {
			if !stopwords[w] {
				m[w] = f[0]
			}
		}
	}
	return m
}()

// stopwords is the set read from stopwords_en.txt.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(stopwordsFile, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			m[strings.ToLower(l)] = true
		}
	}
	return m
}()

// Thresholds of the language check.
const (
	minWordsToJudge = 12   // shorter texts are accepted: too little to tell
	minStopRatio    = 0.12 // English prose runs at 0.3–0.5; other languages well under 0.1
	minLatinRatio   = 0.5  // share of letters that must be Latin script
	maxWordsToCount = 2000 // words looked at; the start of a text is enough
	// Text with few English function words (headlines, telegraphic wire
	// copy, lists of names) is English when it has even fewer function
	// words of any one other language and almost no letters outside ASCII.
	maxOtherRatio = 0.04
	minASCIIRatio = 0.98
)

// IsEnglish reports whether s looks like English, and the share of its
// words that are English function words. A text is English when most of
// its letters are Latin and enough of its words are English stopwords;
// texts shorter than a dozen words in Latin script are given the benefit of
// the doubt. A text with few English stopwords (headlines, telegraphic
// copy) is English when it has fewer still of another language's function
// words and its letters are nearly all ASCII.
func IsEnglish(s string) (bool, float64) {
	var words, stops, letters, latin, ascii int
	other := map[string]int{}
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		words++
		w := strings.ToLower(s[start:end])
		if stopwords[w] {
			stops++
		} else if lang, ok := otherWords[w]; ok {
			other[lang]++
		}
		start = -1
	}
	for i, r := range s {
		if words >= maxWordsToCount {
			break
		}
		if unicode.IsLetter(r) || (r == '\'' && start >= 0) {
			if unicode.IsLetter(r) {
				letters++
				if unicode.Is(unicode.Latin, r) {
					latin++
				}
				if r < utf8.RuneSelf {
					ascii++
				}
			}
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	if words < maxWordsToCount {
		flush(len(s))
	}
	if letters == 0 {
		return false, 0
	}
	ratio := 0.0
	if words > 0 {
		ratio = float64(stops) / float64(words)
	}
	if float64(latin)/float64(letters) < minLatinRatio {
		return false, ratio
	}
	if words < minWordsToJudge || ratio >= minStopRatio {
		return true, ratio
	}
	most := 0
	for _, n := range other {
		most = max(most, n)
	}
	headline := float64(most)/float64(words) < maxOtherRatio && float64(ascii)/float64(letters) >= minASCIIRatio
	return headline, ratio
}
