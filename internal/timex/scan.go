package timex

import (
	"unicode"
	"unicode/utf8"
)

// wordKind classifies a scanned word.
type wordKind uint8

const (
	wAlpha wordKind = iota // letters only
	wNum                   // digits, maybe with inner separators ("1,000", "24.02.2022")
	wMixed                 // letters and digits ("24th", "1990s", "G8")
	wPunct                 // one other character
)

// word is a unit the rules read: a run of letters and digits, or one other
// character. The scanner is independent of the tokenizer's conventions, so
// "Feb." and "mid-1980s" read the same however the segmenter split them.
type word struct {
	start, end int    // byte offsets in the document text
	low        string // lower-cased text (ASCII letters only are folded)
	kind       wordKind
	upper      bool // starts with an upper-case letter
	sep        bool // a number with inner "," or "."
	num        int  // value of an all-digit word without separators, else -1
	lex        *lexEntry
}

// digits returns the number of bytes of s that are ASCII digits at its start.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// scanWords splits low (a lower-cased text) into words, appending to buf.
func scanWords(low string, buf []word) []word {
	return scanWordsAt(low, low, 0, buf)
}

// scanWordsAt scans low[from:to] of a lower-cased text whose original is
// orig; offsets in the result are offsets in the whole text.
func scanWordsAt(orig, low string, from int, buf []word) []word {
	i := from
	n := len(low)
	for i < n {
		c := low[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(low[i:])
		}
		if isAlnum(r) {
			start := i
			hasL, hasD, sep := false, false, false
			for i < n {
				c := low[i]
				r, size := rune(c), 1
				if c >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(low[i:])
				}
				if isDigit(r) {
					hasD = true
					i += size
					continue
				}
				if isAlnum(r) {
					hasL = true
					i += size
					continue
				}
				// "1,000", "3.5", "24.02.2022": a separator between digits.
				if (c == ',' || c == '.') && hasD && !hasL && i > start && isDigitByte(low[i-1]) && i+1 < n && isDigitByte(low[i+1]) {
					sep = true
					i++
					continue
				}
				break
			}
			w := word{start: start, end: i, low: low[start:i], num: -1, sep: sep}
			switch {
			case hasD && hasL:
				w.kind = wMixed
			case hasD:
				w.kind = wNum
				if !sep && i-start <= 9 {
					v := 0
					for _, d := range low[start:i] {
						v = v*10 + int(d-'0')
					}
					w.num = v
				}
			default:
				w.kind = wAlpha
			}
			fr, _ := utf8.DecodeRuneInString(orig[start:])
			w.upper = unicode.IsUpper(fr)
			buf = append(buf, w)
			continue
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		buf = append(buf, word{start: i, end: i + size, low: low[i : i+size], kind: wPunct, num: -1})
		i += size
	}
	return buf
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return false
}

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) // other scripts' digits are not read as numbers
}

// lowerASCII folds ASCII letters to lower case; byte offsets are kept.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
