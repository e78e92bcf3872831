package ingest

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:embed stopwords_en.txt
var stopwordsFile string

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
)

// IsEnglish reports whether s looks like English, and the share of its
// words that are English function words. A text is English when most of
// its letters are Latin and enough of its words are English stopwords;
// texts shorter than a dozen words in Latin script are given the benefit of
// the doubt.
func IsEnglish(s string) (bool, float64) {
	var words, stops, letters, latin int
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		words++
		if stopwords[strings.ToLower(s[start:end])] {
			stops++
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
	if words < minWordsToJudge {
		return true, ratio
	}
	return ratio >= minStopRatio, ratio
}
