package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/internal/text"
)

// termKind is how a token may end a sentence.
type termKind uint8

const (
	termNone   termKind = iota
	termStop            // ".", "!", "?", "?!"
	termDots            // "...", "…"
	termAbbrev          // an abbreviation or initial with its period: "Inc.", "W."
)

// splitSentences marks the pieces that start a sentence. An abbreviation
// that ends a sentence gives its period to the sentence, as UD English
// does ("etc" + "."), so the result may hold more pieces than ps.
func splitSentences(t *tables, src string, ps []Piece) []Piece {
	if len(ps) == 0 {
		return ps
	}
	ps[0].Starts = true
	wrap := wrapWidth(t, src)
	for i := 1; i < len(ps); i++ {
		if lineBreak(t, src, ps, i, wrap) || unpunctuated(t, src, ps, i) {
			ps[i].Starts = true
		}
	}
	stamps(src, ps)
	for i := 0; i < len(ps); i++ {
		kind := terminal(t, src, ps[i])
		if kind == termNone || kind == termStop && i > 0 && ps[i-1].Starts && enumerator(src, ps, i) || kind != termStop && ps[i].Starts {
			continue // "2. Sign it", "P.S. I moved", "... Then"
		}
		// Closing quotes and brackets after the stop belong to its
		// sentence, and so do reference marks ("[12]").
		j := i + 1
		for j < len(ps) && !ps[j].Starts {
			if closer(src, ps, j) {
				j++
			} else if e := citation(src, ps, j); e > j {
				j = e
			} else {
				break
			}
		}
		if j >= len(ps) || ps[j].Starts {
			i = j - 1
			continue
		}
		if startsSentence(t, src, ps, j, kind) {
			ps[j].Starts = true
		}
		i = j - 1
	}
	// Split the period off abbreviations that end a sentence.
	var out []Piece
	for i, p := range ps {
		if terminal(t, src, p) == termAbbrev {
			j := i + 1
			for j < len(ps) && !ps[j].Starts && closer(src, ps, j) {
				j++
			}
			if j == len(ps) || ps[j].Starts {
				if out == nil {
					out = append(make([]Piece, 0, len(ps)+8), ps[:i]...)
				}
				out = append(out, Piece{Span: text.Span{Start: p.Start, End: p.End - 1}, Attached: p.Attached, Starts: p.Starts},
					Piece{Span: text.Span{Start: p.End - 1, End: p.End}})
				continue
			}
		}
		if out != nil {
			out = append(out, p)
		}
	}
	if out != nil {
		return out
	}
	return ps
}

// text returns the text of piece p.
func pieceText(src string, p Piece) string { return src[p.Start:p.End] }

// terminal classifies piece p as a possible sentence end.
func terminal(t *tables, src string, p Piece) termKind {
	s := pieceText(src, p)
	r, _ := utf8.DecodeRuneInString(s)
	if stopRune(r) {
		dots := 0
		for _, c := range s {
			switch c {
			case '.':
				dots++
			case '…':
				dots += 3
			case '!', '?':
			default:
				return termNone
			}
		}
		if dots == utf8.RuneCountInString(s) && dots > 1 || dots >= 3 && s[0] != '.' || r == '…' {
			return termDots
		}
		return termStop
	}
	switch r {
	case '‼', '⁇', '⁈', '⁉':
		return termStop
	}
	if len(s) > 1 && s[len(s)-1] == '.' {
		k := tokenizer{t: t}
		switch k.abbrevKind(s[:len(s)-1]) {
		case abbrevOther, abbrevInitial, abbrevDotted:
			return termAbbrev
		}
	}
	return termNone
}

// closer reports whether piece j closes a quotation or bracket that the
// sentence before it opened: closing brackets and curly quotes always,
// straight quotes when nothing separates them from the previous piece.
func closer(src string, ps []Piece, j int) bool {
	s := pieceText(src, ps[j])
	r, w := utf8.DecodeRuneInString(s)
	if emoticonAt(s, 0, len(s)) == len(s) {
		return true // "Loved it. :)"
	}
	if w != len(s) && !(r == '\'' && s == "''") {
		return false
	}
	switch r {
	case ')', ']', '}', '”', '’', '»', '›':
		return true
	case '"', '\'':
		return ps[j].Start == ps[j-1].End
	}
	return false
}

// startsSentence reports whether piece j starts a new sentence after a
// terminal of the given kind.
func startsSentence(t *tables, src string, ps []Piece, j int, kind termKind) bool {
	s := pieceText(src, ps[j])
	r, _ := utf8.DecodeRuneInString(s)
	if opening(r) {
		// look through opening quotes and brackets
		k := j + 1
		for k < len(ps) && k < j+3 {
			s2 := pieceText(src, ps[k])
			r2, _ := utf8.DecodeRuneInString(s2)
			if opening(r2) {
				k++
				continue
			}
			if unicode.IsUpper(r2) || unicode.IsDigit(r2) {
				return kind != termAbbrev || has(t.starter, s2) || t.opener[s2]
			}
			break
		}
		return false
	}
	switch {
	case unicode.IsUpper(r):
		if kind == termAbbrev {
			return has(t.starter, s) || t.opener[s]
		}
		return true
	case unicode.IsDigit(r):
		return kind == termStop
	case unicode.IsLower(r):
		// web text often starts sentences in lower case; not after a
		// quotation ("Welcome!" to Ana)
		return kind == termStop && !closer(src, ps, j-1)
	}
	switch r {
	case '-', '*', '•', '#', '@', '$', '€', '£', '–', '—', '&':
		return kind == termStop
	case '.', '…', '=', '_', '+', '~':
		// a leading ellipsis ("... and then") or a separator line ("=====")
		return kind == termStop && (terminal(t, src, ps[j]) == termDots || separator(s))
	}
	return false
}

// separator reports whether s is a run of three or more of one symbol, as
// in the lines that divide an e-mail or a page ("=====", "_____").
func separator(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return strings.IndexByte("=_*+~-#", s[0]) >= 0
}

// lineBreak reports whether a line break before piece i ends a sentence:
// always at a blank line; at a single line break when the line before
// ends without final punctuation (a headline, a list item) and the next
// line starts with a capital, a digit or a bullet.
//
// In hard-wrapped text (wrap > 0) a line as long as the wrapped ones does
// not end a sentence: its last word goes on in the next line.
func lineBreak(t *tables, src string, ps []Piece, i int, wrap int) bool {
	gap := src[ps[i-1].End:ps[i].Start]
	lines := 0
	for k := 0; k < len(gap); k++ {
		if gap[k] == '\n' {
			lines++
		}
	}
	if lines == 0 {
		// a lone \r, or a Unicode line or paragraph separator
		for _, r := range gap {
			if r == '\r' || r == '\u2028' {
				lines++
			} else if r == '\u2029' {
				lines += 2
			}
		}
		if lines == 0 {
			return false
		}
	}
	if lines >= 2 {
		return true
	}
	prev := pieceText(src, ps[i-1])
	last, _ := utf8.DecodeLastRuneInString(prev)
	switch last {
	case ',', ';', ':', '-', '–', '—', '(', '[', '{', '“', '‘', '&', '/':
		return false
	}
	if prev[len(prev)-1] == '.' && len(prev) > 1 {
		k := tokenizer{t: t}
		if k.abbrevKind(prev[:len(prev)-1]) == abbrevTitle {
			return false
		}
	}
	if wrap > 0 {
		begin := strings.LastIndexByte(src[:ps[i-1].End], '\n') + 1
		if n := utf8.RuneCountInString(strings.TrimSpace(src[begin:ps[i-1].End])); n*10 >= wrap*6 {
			return false
		}
	}
	s := pieceText(src, ps[i])
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || opening(r) || r == '-' || r == '*' || r == '•' || r == '–' || r == '—'
}

// wrapWidth returns the width in characters of the longest line when src
// looks hard-wrapped (at least two single line breaks, and a fifth of them,
// fall inside a sentence: a line without final punctuation followed by one
// that starts in lower case, or a line ending in a function word), else 0.
func wrapWidth(t *tables, src string) int {
	single, inside, width := 0, 0, 0
	start := 0
	for start < len(src) {
		nl := strings.IndexByte(src[start:], '\n')
		if nl < 0 {
			width = max(width, utf8.RuneCountInString(strings.TrimSpace(src[start:])))
			break
		}
		line := strings.TrimSpace(src[start : start+nl])
		width = max(width, utf8.RuneCountInString(line))
		start += nl + 1
		next := strings.TrimLeft(src[start:], " \t\r")
		if line == "" || next == "" || next[0] == '\n' {
			continue // a paragraph break, not a wrap
		}
		single++
		last, _ := utf8.DecodeLastRuneInString(line)
		first, _ := utf8.DecodeRuneInString(next)
		lastWord := line[strings.LastIndexAny(line, " \t")+1:]
		if unicode.IsLower(first) && !stopRune(last) && last != ':' && last != ';' || has(t.starter, lastWord) {
			inside++
		}
	}
	if inside >= 2 && inside*5 >= single {
		return width
	}
	return 0
}

// unpunctuated reports whether piece i starts a sentence that nothing
// ended: an opener word ("Please", "Thanks") after a lower-case content
// word or a number, as in e-mail and forum text.
func unpunctuated(t *tables, src string, ps []Piece, i int) bool {
	if c := src[ps[i].Start]; c < 'A' || c > 'Z' || ps[i-1].End == ps[i].Start || !t.opener[pieceText(src, ps[i])] {
		return false
	}
	prev := pieceText(src, ps[i-1])
	r, _ := utf8.DecodeRuneInString(prev)
	last, _ := utf8.DecodeLastRuneInString(prev)
	if !(unicode.IsLower(r) || unicode.IsDigit(r)) || !(unicode.IsLetter(last) || unicode.IsDigit(last)) {
		return false
	}
	return !has(t.starter, prev)
}

// stamps makes a time stamp of a forwarded message header ("Kay Mann
// 04/26/2001 07:17 AM Will you ...") a sentence of its own, with the name
// before it: a sentence starts at the date unless a lower-case word leads
// to it ("sent on 04/26/2001"), and after the AM or PM.
func stamps(src string, ps []Piece) {
	for i := 0; i+2 < len(ps); i++ {
		if !isDigit(src[ps[i].Start]) || !isDate(pieceText(src, ps[i])) || !isClock(pieceText(src, ps[i+1])) {
			continue
		}
		end := i + 2
		if ap := pieceText(src, ps[i+2]); strings.EqualFold(ap, "am") || strings.EqualFold(ap, "pm") {
			end = i + 3
		}
		if i > 0 {
			r, _ := utf8.DecodeRuneInString(pieceText(src, ps[i-1]))
			if !unicode.IsLower(r) && !closing(r) && r != ',' && r != '(' && r != '-' {
				ps[i].Starts = true
			}
		}
		if end < len(ps) {
			r, _ := utf8.DecodeRuneInString(pieceText(src, ps[end]))
			if unicode.IsLetter(r) || unicode.IsDigit(r) || opening(r) {
				ps[end].Starts = true
			}
		}
		i = end - 1
	}
}

// isDate reports whether s is a numeric date such as 04/26/2001 or 4/26/01.
func isDate(s string) bool {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return false
	}
	for i, p := range parts {
		if !allDigits(p) || len(p) > 2 && !(i == 2 && len(p) == 4) {
			return false
		}
	}
	return true
}

// isClock reports whether s is a time of day such as 07:17 or 06:03:48.
func isClock(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if !allDigits(p) || len(p) > 2 {
			return false
		}
	}
	return true
}

// enumerator reports whether the stop at piece i closes a list number at
// the start of a sentence ("2. We liked it"): then it ends nothing.
func enumerator(src string, ps []Piece, i int) bool {
	n := pieceText(src, ps[i-1])
	return ps[i-1].End == ps[i].Start && pieceText(src, ps[i]) == "." && len(n) <= 2 && allDigits(n)
}

// citation returns the index after a reference mark such as "[12]" or
// "[3 – 5]" that starts at piece j, or j.
func citation(src string, ps []Piece, j int) int {
	if pieceText(src, ps[j]) != "[" {
		return j
	}
	for k := j + 1; k < len(ps) && k < j+8; k++ {
		s := pieceText(src, ps[k])
		switch {
		case s == "]":
			if k == j+1 {
				return j
			}
			return k + 1
		case allDigits(s) || s == "," || s == "-" || s == "–":
		default:
			return j
		}
	}
	return j
}
