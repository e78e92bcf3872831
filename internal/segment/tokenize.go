package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/internal/text"
)

// An atom is a run of word characters (letters, digits, marks) or of
// punctuation inside a whitespace-free chunk. Tokens are made of atoms.
type atom struct {
	start, end int
	word       bool // letters, digits and marks
	r          rune // the first rune
	n          int  // number of runes
}

// tokenizer holds the state of one Pieces call.
type tokenizer struct {
	t          *tables
	src        string
	out        []Piece
	atoms      []atom
	singleOpen bool // a single quote opened and not yet closed
}

// isSpace reports whether r separates tokens: Unicode white space and the
// invisible zero-width space and byte order mark.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// isWordRune reports whether r belongs to a word atom.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r) || r == utf8.RuneError ||
		r == '\u00ad' || r == '\u200c' || r == '\u200d' || r == '\u2060' // soft hyphen, joiners
}

// joinsPrevious reports whether r belongs to the character before it
// whatever that is: a combining mark, a variation selector, a joiner, an
// emoji modifier.
func joinsPrevious(r rune) bool {
	return unicode.IsMark(r) || r == '\u200d' || r == '\u200c' || r == '\u00ad' || r == '\u2060' || 0x1F3FB <= r && r <= 0x1F3FF
}

// isRegional reports whether r is a regional indicator (two make a flag).
func isRegional(r rune) bool { return 0x1F1E6 <= r && r <= 0x1F1FF }

// groups reports whether a run of r forms one token ("...", "!!", "--").
func groups(r rune) bool {
	switch r {
	case '.', '!', '?', '-', '*', '=', '~', '_', '#', '+', '>', '<', '/', '\\', '\'', '`', '|', '^', ':', ')', '(', '…', '•', '–', '—', '$', '’', '‘':
		return true
	}
	return false
}

func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// run tokenizes the whole text, chunk by chunk.
func (k *tokenizer) run() {
	src := k.src
	i := 0
	for i < len(src) {
		r, w := decode(src, i)
		if isSpace(r) {
			if r == '\n' {
				k.singleOpen = false // quotations do not run across lines
			}
			i += w
			continue
		}
		j := i + w
		for j < len(src) {
			r, w := decode(src, j)
			if isSpace(r) {
				break
			}
			j += w
		}
		k.chunk(i, j)
		i = j
	}
	k.repair()
}

// repair merges pieces so that no piece starts inside a UTF-8 sequence
// (stray continuation bytes in invalid text are glued to what precedes).
func (k *tokenizer) repair() {
	out := k.out[:0]
	for _, p := range k.out {
		if len(out) > 0 && !utf8.RuneStart(k.src[p.Start]) {
			out[len(out)-1].End = p.End
			continue
		}
		if len(out) == 0 && !utf8.RuneStart(k.src[p.Start]) {
			p.Start = 0
		}
		out = append(out, p)
	}
	k.out = out
}

func (k *tokenizer) emit(start, end int, attached bool) {
	if start < end {
		k.out = append(k.out, Piece{Span: text.Span{Start: start, End: end}, Attached: attached})
	}
}

// atomize splits [a,b) into atoms.
func (k *tokenizer) atomize(a, b int) {
	k.atoms = k.atoms[:0]
	src := k.src
	i := a
	for i < b {
		r, w := decode(src, i)
		j := i + w
		n := 1
		if last := len(k.atoms) - 1; last >= 0 && !k.atoms[last].word && joinsPrevious(r) {
			// a mark or joiner after a symbol: part of it ("❤️", "👍🏽")
			k.atoms[last].end = j
			if r == '\u200d' && j < b {
				_, w2 := decode(src, j)
				k.atoms[last].end = j + w2
				j += w2
			}
			i = j
			continue
		}
		if isRegional(r) && j < b {
			if r2, w2 := decode(src, j); isRegional(r2) {
				k.atoms = append(k.atoms, atom{start: i, end: j + w2, r: r, n: 2})
				i = j + w2
				continue
			}
		}
		if isWordRune(r) {
			for j < b {
				r2, w2 := decode(src, j)
				if !isWordRune(r2) {
					break
				}
				j += w2
				n++
			}
			k.atoms = append(k.atoms, atom{start: i, end: j, word: true, r: r, n: n})
			i = j
			continue
		}
		if groups(r) || r == '!' || r == '?' {
			for j < b {
				r2, w2 := decode(src, j)
				same := r2 == r || stopRune(r) && stopRune(r2)
				if !same || r == '(' || r == ')' || r == '\'' && n == 2 {
					break
				}
				j += w2
				n++
			}
		}
		k.atoms = append(k.atoms, atom{start: i, end: j, r: r, n: n})
		i = j
	}
}

// stopRune reports whether r is a full stop, a question or exclamation
// mark or an ellipsis; a run of them is one token ("?!", "!.", "...").
func stopRune(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// opening reports whether r opens a quotation or bracket.
func opening(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '<', '“', '‘', '«', '‹', '„', '‚', '¿', '¡', '`':
		return true
	}
	return false
}

// closing reports whether r closes a quotation or bracket.
func closing(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '>', '”', '’', '»', '›':
		return true
	}
	return false
}

// urlAt returns the end of a URL or e-mail address starting at i within
// [i,b), or i when there is none. Trailing punctuation is left out.
func urlAt(src string, i, b int) int {
	s := src[i:b]
	lower := func(p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }
	end := i
	switch {
	case lower("http://") || lower("https://") || lower("ftp://") || lower("mailto:"):
		if len(s) > 8 {
			end = b
		}
	case lower("www.") && len(s) > 5:
		end = b
	default:
		end = emailAt(src, i, b)
		if end == i {
			return i
		}
	}
	// Leave out trailing punctuation, but keep a ")" that closes a "(" of the URL.
	open := strings.Count(src[i:end], "(") - strings.Count(src[i:end], ")")
	for end > i {
		c := src[end-1]
		if strings.IndexByte(".,;:!?'\"]>}", c) >= 0 {
			end--
			continue
		}
		if c == ')' && open < 0 {
			end--
			open++
			continue
		}
		if c == 0x9d || c == 0x99 { // ” and ’ end in these bytes
			if strings.HasSuffix(src[i:end], "”") || strings.HasSuffix(src[i:end], "’") {
				end -= 3
				continue
			}
		}
		break
	}
	return end
}

// emailAt returns the end of an e-mail address ("ana.ruiz@example.org")
// starting at i, or i. Only the address is taken: a local part of at most
// 64 characters, "@", and a domain with a dot.
func emailAt(src string, i, b int) int {
	j := i
	for j < b && j-i <= 64 {
		c := src[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._%+-'", c) >= 0) {
			break
		}
		j++
	}
	if j == i || j >= b || src[j] != '@' {
		return i
	}
	j++
	dom, dot := j, -1
	for j < b {
		c := src[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			break
		}
		if c == '.' && j+1 < b && src[j+1] != '.' {
			dot = j
		}
		j++
	}
	for j > dom && src[j-1] == '.' {
		j--
	}
	if dot < dom+1 || dot+2 >= j {
		return i
	}
	return j
}

// chunk tokenizes the whitespace-free text [a,b).
func (k *tokenizer) chunk(a, b int) {
	for a < b {
		a = k.chunkStep(a, b)
	}
}

// chunkStep tokenizes the start of [a,b): leading openers, then a URL, an
// e-mail address, a hashtag, a file name or an emoticon, or else the rest
// of the chunk. It returns where it stopped.
func (k *tokenizer) chunkStep(a, b int) int {
	src := k.src
	i := a
	for i < b {
		r, w := decode(src, i)
		if !opening(r) && r != '*' && r != '-' || r == '\'' && i+w < b && isDigit(src[i+w]) {
			break
		}
		if e := urlAt(src, i+w, b); e > i+w {
			k.emit(i, i+w, false)
			i += w
			break
		}
		if r == '\'' || r == '‘' {
			k.singleOpen = true
		}
		if r == '-' || r == '*' || r == '`' || r == '\'' || r == '<' || r == '‘' {
			// a run of these is one token ("--", "``")
			j := i + w
			for j < b && strings.HasPrefix(src[j:], string(r)) {
				j += w
			}
			if r == '‘' && strings.HasPrefix(src[j:b], "’") {
				j += len("’") // ‘’ stands for an opening double quote
			}
			k.emit(i, j, false)
			i = j
			continue
		}
		k.emit(i, i+w, false)
		i += w
	}
	if i >= b {
		return b
	}
	for _, special := range [...]func(int, int) int{k.urlAt, k.tagAt, k.fileAt, k.emoticonAt} {
		if e := special(i, b); e > i {
			k.emit(i, e, false)
			return e
		}
	}
	k.atomize(i, b)
	k.words()
	return b
}

func (k *tokenizer) urlAt(i, b int) int { return urlAt(k.src, i, b) }

// tagAt returns the end of a hashtag or a user handle ("#StandWithKyiv",
// "@POTUS") at i, or i.
func (k *tokenizer) tagAt(i, b int) int {
	src := k.src
	if i+1 >= b || src[i] != '#' && src[i] != '@' {
		return i
	}
	j := i + 1
	letters := false
	for j < b {
		r, w := decode(src, j)
		if !isWordRune(r) && r != '_' {
			break
		}
		letters = letters || unicode.IsLetter(r)
		j += w
	}
	if !letters {
		return i // "#1", "@ 5"
	}
	return j
}

// maxFileName bounds the file names fileAt looks for, so that a long
// chunk costs linear time.
const maxFileName = 255

// fileAt returns the end of a file name ("ld2d-#6936-1.DOC") starting at
// i, or i: a word with letters or digits, then "." and a known extension,
// then only closing punctuation.
func (k *tokenizer) fileAt(i, b int) int {
	if b-i > maxFileName {
		return i
	}
	s := k.src[i:b]
	end := len(s)
	for end > 0 && strings.IndexByte(".,;:!?'\")]>", s[end-1]) >= 0 {
		end--
	}
	dot := strings.LastIndexByte(s[:end], '.')
	if dot <= 0 || dot == end-1 || !has(k.t.filetype, s[dot+1:end]) {
		return i
	}
	for j := 0; j < dot; j++ {
		c := s[j]
		if c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == ',' {
			return i
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !isWordRune(r) {
		return i
	}
	return i + end
}

func (k *tokenizer) emoticonAt(i, b int) int { return emoticonAt(k.src, i, b) }

// emoticonAt returns the end of an emoticon (":)", ";-)", ":D") at i, or i.
func emoticonAt(src string, i, b int) int {
	j := i
	if j < b && (src[j] == ':' || src[j] == ';' || src[j] == '=') {
		j++
	} else {
		return i
	}
	if j < b && (src[j] == '-' || src[j] == '\'') {
		j++
	}
	if j < b && strings.IndexByte(")(DPpO/|][", src[j]) >= 0 {
		j++
		// the mouth may repeat: ":))"
		for j < b && src[j] == src[j-1] && (src[j] == ')' || src[j] == '(') {
			j++
		}
		if j == b || !isWordRune(rune(src[j])) {
			return j
		}
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

func isUpperWord(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// words joins the atoms of one chunk into tokens.
func (k *tokenizer) words() {
	as := k.atoms
	start := 0 // first atom of the current token
	for x := 0; x < len(as); x++ {
		// Decide whether atom x+1 joins the token that atom x ends.
		if x+1 < len(as) && k.join(start, x) {
			continue
		}
		k.word(as[start].start, as[x].end)
		start = x + 1
	}
}

// join reports whether the token made of atoms [start..x] continues with
// atom x+1.
func (k *tokenizer) join(start, x int) bool {
	as := k.atoms
	src := k.src
	cur, next := as[x], as[x+1]
	if cur.word && next.word {
		return true // split by an invalid byte or the like
	}
	if cur.word {
		// word followed by punctuation: join when the punctuation connects
		// to a following word, or is an abbreviation's period.
		c := next
		if c.n != 1 {
			return false // "...", "--", "''": always a token of their own
		}
		var after *atom
		if x+2 < len(as) && as[x+2].word {
			after = &as[x+2]
		}
		left := src[as[start].start:cur.end]
		w := src[cur.start:cur.end]
		switch c.r {
		case '.':
			if after != nil {
				return true // U.S, 3.5, example.com, e.g
			}
			return k.abbrev(left, x+2)
		case '\'', '’', '`':
			if after != nil {
				return true // O'Brien, don't, Zelensky's (clitics split later)
			}
			// plural possessive: "parents'", unless it closes a quotation
			// (which this consumes)
			if k.singleOpen || k.quoteOpen(start) {
				k.singleOpen = false
				return false
			}
			return w[len(w)-1] == 's' || w[len(w)-1] == 'S'
		case ',':
			return after != nil && allDigits(w) && len(w) <= 3 && allDigits(src[after.start:after.end]) && len(src[after.start:after.end]) == 3
		case ':':
			if after == nil || !allDigits(w) {
				return false
			}
			r := src[after.start:after.end]
			return allDigits(r) || k.unit(r) > 0 // 10:30, 11:30am
		case '/':
			return after != nil && allDigits(w) && allDigits(src[after.start:after.end])
		case '-':
			if after == nil {
				return false
			}
			r := src[after.start:after.end]
			if hasDigit(w) && hasDigit(r) {
				// ISO dates (2022-02-24), phone numbers (853-3242) and ZIP+4
				// codes (77042-2016) join; ranges (1990-1991, 49-53) split
				return x+3 < len(as) && as[x+3].r == '-' && as[x+3].n == 1 || x > start && as[x-1].r == '-' && as[x-1].n == 1 ||
					allDigits(w) && allDigits(r) && (len(w) <= 3 || len(w) == 5) && len(r) == 4 && !(x+3 < len(as) && as[x+3].word)
			}
			if hasDigit(w) != hasDigit(r) {
				// F - 16, as UD English does, but mid-1980s
				return !hasDigit(w) && has(k.t.prefix, w)
			}
			if start < x && src[as[x-1].start] == '-' {
				// the previous hyphen joined: keep the compound together
				return true
			}
			// e-mail, T-shirt, X-ray, but D-Santa Ana, R-Ariz.
			if utf8.RuneCountInString(w) == 1 {
				r, _ := utf8.DecodeRuneInString(r)
				return !unicode.IsUpper(r)
			}
			return has(k.t.prefix, w)
		case '&':
			return after != nil && isUpperWord(w) && isUpperWord(src[after.start:after.end]) && len(w) <= 3
		case '@', '_':
			return after != nil
		}
		return false
	}
	// punctuation followed by something
	if cur.n == 1 && next.word && start < x {
		// the connector already joined to the word before it
		return true
	}
	if cur.n == 1 && (cur.r == '\'' || cur.r == '’') && next.word && start == x && isDigit(src[next.start]) && next.end-next.start >= 2 {
		return true // '90s, '72
	}
	return false
}

// quoteOpen reports whether the chunk opened a single quote before atom
// start (so that a final "'" closes it rather than marking a possessive).
func (k *tokenizer) quoteOpen(start int) bool {
	if start == 0 {
		// look at the piece emitted just before this chunk's words
		if n := len(k.out); n > 0 {
			p := k.out[n-1]
			if p.End == k.atoms[0].start {
				s := k.src[p.Start:p.End]
				return s == "'" || s == "‘"
			}
		}
	}
	return false
}

// abbrev reports whether the period after word (the token text so far)
// belongs to it. nextAtom is the index of the atom after the period.
func (k *tokenizer) abbrev(word string, nextAtom int) bool {
	switch k.abbrevKind(word) {
	case abbrevTitle, abbrevOther, abbrevInitial, abbrevDotted:
		return true
	case abbrevNum:
		// only before a number: look past the chunk
		return nextAtom >= len(k.atoms) && k.digitFollows(k.atoms[len(k.atoms)-1].end)
	}
	return false
}

// The kinds of abbreviations beyond the table's classes.
const (
	abbrevInitial abbrevClass = 10 + iota // "W." of "George W. Bush"
	abbrevDotted                          // "U.S.", "e.g.", "Ph.D."
)

// abbrevKind classifies word (without its final period).
func (k *tokenizer) abbrevKind(word string) abbrevClass {
	if c, ok := k.t.abbrev[word]; ok {
		return c
	}
	r, w := utf8.DecodeRuneInString(word)
	if w == len(word) && unicode.IsUpper(r) && r != 'I' {
		return abbrevInitial
	}
	// dotted: letter groups of one or two letters separated by periods
	if strings.IndexByte(word, '.') > 0 {
		n := 0
		for _, r := range word {
			switch {
			case r == '.':
				if n == 0 {
					return abbrevNone
				}
				n = 0
			case unicode.IsLetter(r):
				n++
				if n > 2 {
					return abbrevNone
				}
			default:
				return abbrevNone
			}
		}
		return abbrevDotted
	}
	return abbrevNone
}

// digitFollows reports whether the next non-space character after i is a
// digit or "#".
func (k *tokenizer) digitFollows(i int) bool {
	for i < len(k.src) {
		c := k.src[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		return isDigit(c) || c == '#'
	}
	return false
}

// word emits the token [a,b), split into UD words when it holds a clitic,
// or into a number and its unit ("5pm", "65k").
func (k *tokenizer) word(a, b int) {
	s := k.src[a:b]
	if len(s) >= 2 && isDigit(s[0]) {
		if cut := k.unit(s); cut > 0 {
			k.emit(a, a+cut, false)
			k.emit(a+cut, b, false)
			return
		}
	}
	if len(s) >= 2 {
		if r, _ := utf8.DecodeRuneInString(s); unicode.IsLetter(r) {
			if cut := k.clitic(s); cut > 0 {
				// a word may hold two clitics: "wouldn't've" is rare; one is enough
				k.emit(a, a+cut, false)
				k.emit(a+cut, b, true)
				return
			}
		}
	}
	k.emit(a, b, false)
}

// unit returns where the unit of a number with a unit ("5pm", "11:30am",
// "2.5kg") starts, or 0.
func (k *tokenizer) unit(s string) int {
	i := 0
	for i < len(s) && (isDigit(s[i]) || (s[i] == '.' || s[i] == ':' || s[i] == ',') && i+1 < len(s) && isDigit(s[i+1])) {
		i++
	}
	if i == 0 || i == len(s) || !has(k.t.unit, s[i:]) {
		return 0
	}
	return i
}

// clitic returns where the clitic of s starts, or 0.
func (k *tokenizer) clitic(s string) int {
	n := len(s)
	if strings.IndexByte(s, '\'') < 0 && strings.IndexByte(s, '`') < 0 && strings.Index(s, "’") < 0 {
		return k.contraction(s)
	}
	// n't, n’t
	for _, suf := range [...]string{"n't", "n’t", "N'T", "N’T", "n`t"} {
		if n > len(suf) && strings.HasSuffix(s, suf) {
			return n - len(suf)
		}
	}
	// 's 're 've 'll 'd 'm, any apostrophe, either case
	for _, ap := range [...]string{"'", "’", "`"} {
		i := strings.LastIndex(s, ap)
		if i <= 0 {
			continue
		}
		rest := s[i+len(ap):]
		if rest == "" {
			// plural possessive "parents'"
			if c := s[i-1]; c == 's' || c == 'S' {
				return i
			}
			continue
		}
		switch strings.ToLower(rest) {
		case "s", "re", "ve", "ll", "d", "m":
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) {
				return i
			}
		}
	}
	return k.contraction(s)
}

// contraction returns where the second word of a contraction written
// without an apostrophe ("cannot", "dont") starts, or 0.
func (k *tokenizer) contraction(s string) int {
	if n := len(s); n < k.t.contractionLen[0] || n > k.t.contractionLen[1] {
		return 0
	}
	var buf [32]byte
	if key, ok := lowerKey(s, &buf); ok {
		if c, ok := k.t.contraction[string(key)]; ok {
			return c
		}
	}
	return 0
}
