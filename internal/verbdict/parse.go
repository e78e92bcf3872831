package verbdict

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Error is a line Parse could not read.
type Error struct {
	File   string
	Line   int // 1-based; 0 for an error of the whole file
	Reason string
}

// Error returns "file:line: reason".
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Reason
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
}

// maxLine is the longest line Parse reads; a longer one is an error.
const maxLine = 1 << 20

// Parse reads a PETRARCH/TABARI verb dictionary. It returns the dictionary
// with every line it could read, and one error per line it could not, in
// line order; such lines are skipped. name identifies the file in errors.
//
// Lines, by their first character:
//
//	#  ;          comment (also after other content; ";" is TABARI's marker)
//	<!-- ... -->  comment block, over any number of lines
//	&NAME         opens a synonym set; its members follow as "+WORD" lines
//	--- NAME [code] ---  opens a verb block with its default code
//	-             a pattern of the current block: "- words * words [code]"
//	~             a transformation rule (kept, not applied)
//	otherwise     a verb of the current block: "WORD {FORMS} [code]"
func Parse(r io.Reader, name string) (*Dict, []error) {
	p := &parser{d: &Dict{Name: name, Sets: map[string]*SynSet{}}, file: name, block: -1}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for sc.Scan() {
		p.line++
		p.parseLine(sc.Text())
	}
	if err := sc.Err(); err != nil {
		p.errs = append(p.errs, &Error{File: name, Line: p.line + 1, Reason: fmt.Sprintf("reading stopped: %v", err)})
	}
	if p.inComment {
		p.errorf("comment block opened at line %d is never closed", p.commentLine)
	}
	p.checkSets()
	return p.d, p.errs
}

type parser struct {
	d           *Dict
	file        string
	line        int
	block       int     // current block, -1 before the first
	set         *SynSet // open synonym set, nil when none
	inComment   bool
	commentLine int
	errs        []error
}

func (p *parser) errorf(format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: p.line, Reason: fmt.Sprintf(format, args...)})
}

// stripComments removes <!-- --> blocks (tracking ones that span lines) and
// returns what is left of the line.
func (p *parser) stripComments(s string) string {
	var out strings.Builder
	for {
		if p.inComment {
			i := strings.Index(s, "-->")
			if i < 0 {
				return out.String()
			}
			s = s[i+3:]
			p.inComment = false
			continue
		}
		i := strings.Index(s, "<!--")
		if i < 0 {
			out.WriteString(s)
			return out.String()
		}
		out.WriteString(s[:i])
		out.WriteByte(' ')
		s = s[i+4:]
		p.inComment, p.commentLine = true, p.line
	}
}

// splitComment splits a line at its first "#" or ";".
func splitComment(s string) (body, comment string) {
	if i := strings.IndexAny(s, "#;"); i >= 0 {
		return s[:i], strings.TrimSpace(s[i+1:])
	}
	return s, ""
}

func (p *parser) parseLine(raw string) {
	s := strings.TrimRight(raw, "\r")
	if strings.Contains(s, "<!--") || p.inComment {
		s = p.stripComments(s)
	}
	body, comment := splitComment(s)
	body = strings.TrimSpace(body)
	if body == "" {
		return
	}
	switch {
	case strings.HasPrefix(body, "---"):
		p.parseHeader(body)
	case body[0] == '&':
		p.parseSetHeader(body)
	case body[0] == '~':
		p.parseTransform(body)
	case body[0] == '-':
		p.parsePattern(body, comment)
	case p.set != nil:
		p.parseMember(body)
	default:
		p.parseVerb(body, comment)
	}
}

func (p *parser) parseHeader(body string) {
	inner := strings.TrimSpace(strings.TrimPrefix(body, "---"))
	if !strings.HasSuffix(inner, "---") {
		p.errorf("verb block header %q does not end with ---", body)
		return
	}
	inner = strings.TrimSpace(strings.TrimSuffix(inner, "---"))
	code := Code{}
	if i := strings.IndexByte(inner, '['); i >= 0 {
		c, rest, err := parseCode(inner[i:])
		if err != nil {
			p.errorf("verb block header: %v", err)
			return
		}
		// A doubled closing "---" after the code is harmless.
		if strings.Trim(rest, " \t-") != "" {
			p.errorf("verb block header: unexpected %q after the code", strings.TrimSpace(rest))
			return
		}
		code = c
		inner = strings.TrimSpace(inner[:i])
	}
	if inner == "" {
		p.errorf("verb block header has no name")
		return
	}
	p.set = nil
	p.d.Blocks = append(p.d.Blocks, &Block{Name: inner, Code: code, Line: p.line})
	p.block = len(p.d.Blocks) - 1
}

func (p *parser) parseSetHeader(body string) {
	name := strings.TrimSpace(body[1:])
	if name == "" || strings.ContainsAny(name, " \t") || !isWordText(name) {
		p.errorf("synonym set name %q: want &NAME, one word", body)
		p.set = nil
		return
	}
	name = strings.ToUpper(name)
	if old, ok := p.d.Sets[name]; ok {
		p.errorf("synonym set &%s defined again (first at line %d); members are added to it", name, old.Line)
		p.set = old
	} else {
		p.set = &SynSet{Name: name, Line: p.line}
		p.d.Sets[name] = p.set
	}
	p.block = -1
}

func (p *parser) parseMember(body string) {
	f := strings.Fields(body)
	if len(f) != 1 {
		p.errorf("synonym set member %q: want one +WORD or +WORD_WORD a line", body)
		return
	}
	t, _, err := parseTerm(strings.TrimPrefix(f[0], "+"))
	if err != nil {
		p.errorf("synonym set member: %v", err)
		return
	}
	p.set.Members = append(p.set.Members, t)
}

func (p *parser) parseTransform(body string) {
	i := strings.IndexByte(body, '=')
	if i < 0 {
		p.errorf("transformation %q has no '='", body)
		return
	}
	l, r := strings.TrimSpace(body[1:i]), strings.TrimSpace(body[i+1:])
	if l == "" || r == "" {
		p.errorf("transformation %q: empty side of '='", body)
		return
	}
	p.d.Transforms = append(p.d.Transforms, Transform{Pattern: l, Result: r, Line: p.line})
}

// parseVerb reads "WORD {FORMS} [code]".
func (p *parser) parseVerb(body, comment string) {
	if p.block < 0 {
		p.errorf("verb %q outside a verb block (no --- NAME --- header before it)", body)
		return
	}
	b := p.d.Blocks[p.block]
	rest := body
	word := rest
	if i := strings.IndexAny(rest, " \t{["); i >= 0 {
		word, rest = rest[:i], strings.TrimSpace(rest[i:])
	} else {
		rest = ""
	}
	t, head, err := parseTerm(word)
	if err != nil {
		p.errorf("verb: %v", err)
		return
	}
	v := &Verb{Words: t.Words, Head: head, Code: b.Code, Block: p.block, Line: p.line, Comment: comment}
	if strings.HasPrefix(rest, "{") {
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			p.errorf("verb %s: forms opened with { are not closed", word)
			return
		}
		v.Irregular = true
		// Forms are separated by spaces; some files put commas between them.
		for _, f := range strings.Fields(strings.ReplaceAll(rest[1:j], ",", " ")) {
			ft, _, err := parseTerm(f)
			if err != nil {
				p.errorf("verb %s: form: %v", word, err)
				return
			}
			v.Forms = append(v.Forms, ft.Words)
		}
		rest = strings.TrimSpace(rest[j+1:])
	}
	if strings.HasPrefix(rest, "[") {
		c, after, err := parseCode(rest)
		if err != nil {
			p.errorf("verb %s: %v", word, err)
			return
		}
		v.Code, v.OwnCode = c, true
		rest = strings.TrimSpace(after)
	}
	if rest != "" {
		p.errorf("verb %s: unexpected %q (want WORD {FORMS} [code])", word, rest)
		return
	}
	p.d.Verbs = append(p.d.Verbs, v)
	b.Verbs = append(b.Verbs, len(p.d.Verbs)-1)
}

// parsePattern reads "- words * words [code]".
func (p *parser) parsePattern(body, comment string) {
	if p.block < 0 {
		p.errorf("pattern outside a verb block (no --- NAME --- header before it)")
		return
	}
	s := strings.TrimSpace(body[1:])
	i := strings.LastIndexByte(s, '[')
	if i < 0 {
		p.errorf("pattern has no [code]")
		return
	}
	code, after, err := parseCode(s[i:])
	if err != nil {
		p.errorf("pattern: %v", err)
		return
	}
	if strings.TrimSpace(after) != "" {
		p.errorf("pattern: unexpected %q after the code", strings.TrimSpace(after))
		return
	}
	toks := tokenize(s[:i])
	elems, err := parseElems(&toks, "")
	if err != nil {
		p.errorf("pattern: %v", err)
		return
	}
	pat := &Pattern{Code: code, Block: p.block, Line: p.line, Comment: comment}
	star := -1
	for j, e := range elems {
		if e.Kind == 0 { // the verb's place
			if star >= 0 {
				p.errorf("pattern has more than one *")
				return
			}
			star = j
		}
	}
	if star < 0 {
		p.errorf("pattern has no * for the verb")
		return
	}
	pat.Before = elems[:star:star]
	pat.After = elems[star+1:]
	if len(pat.After) == 0 {
		pat.After = nil
	}
	if len(pat.Before) == 0 {
		pat.Before = nil
	}
	b := p.d.Blocks[p.block]
	b.Patterns = append(b.Patterns, pat)
}

// tokenize splits a pattern into words, the brackets ( ) { } and the
// verb's place "*", which ends a word it is written against ("*WORD").
func tokenize(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '\t', '(', ')', '{', '}', '*':
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			if c != ' ' && c != '\t' {
				out = append(out, s[i:i+1])
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// parseElems reads elements until the closing bracket close ("" for the
// end of the tokens). The verb's place "*" is returned as an Elem of kind 0,
// and only at the top level.
func parseElems(toks *[]string, close string) ([]Elem, error) {
	var out []Elem
	for len(*toks) > 0 {
		t := (*toks)[0]
		*toks = (*toks)[1:]
		switch t {
		case ")", "}":
			if t != close {
				return nil, fmt.Errorf("unbalanced %q", t)
			}
			return out, nil
		case "(", "{":
			want, kind := ")", ElemPrep
			if t == "{" {
				want, kind = "}", ElemNoun
			}
			items, err := parseElems(toks, want)
			if err != nil {
				return nil, err
			}
			if len(items) == 0 {
				return nil, fmt.Errorf("empty %s%s", t, want)
			}
			out = append(out, Elem{Kind: kind, Items: items})
		case "*":
			if close != "" {
				return nil, fmt.Errorf("* inside a phrase")
			}
			out = append(out, Elem{})
		case "$":
			out = append(out, Elem{Kind: ElemSource})
		case "+":
			out = append(out, Elem{Kind: ElemTarget})
		case "^":
			out = append(out, Elem{Kind: ElemSkip})
		case "%":
			out = append(out, Elem{Kind: ElemCompound})
		default:
			if t[0] == '&' {
				name := strings.ToUpper(t[1:])
				if name == "" || !isWordText(name) {
					return nil, fmt.Errorf("bad synonym set reference %q", t)
				}
				out = append(out, Elem{Kind: ElemSet, Set: name})
				continue
			}
			term, _, err := parseTerm(t)
			if err != nil {
				return nil, err
			}
			out = append(out, Elem{Kind: ElemWord, Term: term})
		}
	}
	if close != "" {
		return nil, fmt.Errorf("%q is never closed", map[string]string{")": "(", "}": "{"}[close])
	}
	return out, nil
}

// parseCode reads "[code]" or "[code:code]" at the start of s and returns
// the rest of s.
func parseCode(s string) (Code, string, error) {
	j := strings.IndexByte(s, ']')
	if !strings.HasPrefix(s, "[") || j < 0 {
		return Code{}, s, fmt.Errorf("code %q: want [NNN], [---] or [NNN:NNN]", s)
	}
	inner := strings.TrimSpace(s[1:j])
	parts := strings.Split(inner, ":")
	if len(parts) > 2 {
		return Code{}, s, fmt.Errorf("code [%s]: more than one ':'", inner)
	}
	var c Code
	for k, part := range parts {
		part = strings.TrimSpace(part)
		if part == "---" || (part == "" && len(parts) == 2) {
			continue
		}
		if !isCAMEO(part) {
			return Code{}, s, fmt.Errorf("code [%s]: %q is not a CAMEO code (2 to 4 digits, or ---)", inner, part)
		}
		if k == 0 {
			c.Primary = part
		} else {
			c.Reverse = part
		}
	}
	return c, s[j+1:], nil
}

func isCAMEO(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseTerm reads WORD, WORD_WORD or WORD_ (exact) with at most one word
// marked "+" (the verb of a multi-word verb); it returns the term and the
// index of the marked word (0 when none is).
func parseTerm(s string) (Term, int, error) {
	if s == "" {
		return Term{}, 0, fmt.Errorf("empty word")
	}
	if !isWordText(strings.ReplaceAll(s, "+", "")) {
		return Term{}, 0, fmt.Errorf("%q is not a word (letters, digits, _ - ' . /)", s)
	}
	t := Term{Exact: strings.HasSuffix(s, "_")}
	head, marked := 0, false
	for _, w := range strings.Split(s, "_") {
		if w == "" {
			continue
		}
		if strings.HasPrefix(w, "+") {
			if marked {
				return Term{}, 0, fmt.Errorf("%q marks more than one word with +", s)
			}
			marked, head = true, len(t.Words)
			w = w[1:]
		}
		if w == "" || strings.Contains(w, "+") {
			return Term{}, 0, fmt.Errorf("%q: misplaced +", s)
		}
		t.Words = append(t.Words, strings.ToLower(w))
	}
	if len(t.Words) == 0 {
		return Term{}, 0, fmt.Errorf("%q has no word", s)
	}
	return t, head, nil
}

func isWordText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' || c == '-' || c == '\'' || c == '.' || c == '/':
		case c >= 0x80: // letters of other scripts, passed through
		default:
			return false
		}
	}
	return s != ""
}

// checkSets reports patterns that use a synonym set the file never defines.
func (p *parser) checkSets() {
	var missing []*Error
	for _, b := range p.d.Blocks {
		for _, pat := range b.Patterns {
			for _, name := range patternSets(pat) {
				if _, ok := p.d.Sets[name]; !ok {
					missing = append(missing, &Error{File: p.file, Line: pat.Line, Reason: fmt.Sprintf("pattern uses synonym set &%s, which is not defined (the pattern is kept; the set matches nothing)", name)})
				}
			}
		}
	}
	for _, e := range missing {
		p.errs = append(p.errs, e)
	}
	sort.SliceStable(p.errs, func(i, j int) bool {
		a, _ := p.errs[i].(*Error)
		b, _ := p.errs[j].(*Error)
		return a != nil && b != nil && a.Line < b.Line
	})
}

func patternSets(p *Pattern) []string {
	var out []string
	var walk func([]Elem)
	walk = func(es []Elem) {
		for _, e := range es {
			if e.Kind == ElemSet {
				out = append(out, e.Set)
			}
			walk(e.Items)
		}
	}
	walk(p.Before)
	walk(p.After)
	return out
}
