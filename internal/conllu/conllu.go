// Package conllu reads and writes CoNLL-U, the Universal Dependencies file
// format: one token a line in ten tab-separated columns, sentences separated
// by a blank line, comments starting with "#".
//
// Every line kind is kept: ordinary words, multi-word token ranges ("3-4")
// and empty nodes ("5.1"), and every comment, so that a file read and
// written again is unchanged apart from line endings. Columns are kept as
// the strings of the file; only ID and HEAD are numbers.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kind is the kind of a token line.
type Kind uint8

// The line kinds.
const (
	Word      Kind = iota // "7": a syntactic word
	MultiWord             // "3-4": a surface token spanning words 3 to 4
	Empty                 // "5.1": an empty node of the enhanced graph
)

var kindNames = [...]string{"word", "multiword", "empty"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown CoNLL-U line kind %q", s)
}

// NoHead is Line.Head when the HEAD column is "_".
const NoHead = -1

// Line is one token line.
type Line struct {
	Kind Kind
	// ID is the word number (1-based); for a MultiWord the first word of the
	// range, for an Empty node the word it follows (0 before the first).
	ID int
	// Sub is the last word of a MultiWord range, or the decimal part of an
	// Empty node's ID; 0 for a Word.
	Sub int
	// The columns FORM to MISC as written; "_" for an empty column.
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // NoHead when the column is "_"
	Deprel, Deps, Misc             string
}

// IDString returns the ID column of l: "7", "3-4" or "5.1".
func (l *Line) IDString() string {
	switch l.Kind {
	case MultiWord:
		return strconv.Itoa(l.ID) + "-" + strconv.Itoa(l.Sub)
	case Empty:
		return strconv.Itoa(l.ID) + "." + strconv.Itoa(l.Sub)
	}
	return strconv.Itoa(l.ID)
}

// Sentence is one sentence: its comment lines and token lines in file order.
type Sentence struct {
	Comments []string // whole comment lines, "#" included
	Lines    []Line
	Line     int // line number of the sentence's first line in its file
}

// Words returns the indexes into s.Lines of the syntactic words, in order.
// Word i (1-based ID i) is s.Lines[s.Words()[i-1]].
func (s *Sentence) Words() []int {
	var w []int
	for i := range s.Lines {
		if s.Lines[i].Kind == Word {
			w = append(w, i)
		}
	}
	return w
}

// Comment returns the value of the comment "# key = value" and whether it
// is present.
func (s *Sentence) Comment(key string) (string, bool) {
	for _, c := range s.Comments {
		body := strings.TrimSpace(strings.TrimPrefix(c, "#"))
		k, v, ok := strings.Cut(body, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// Text returns the sentence's "# text" comment, or the forms of its surface
// tokens joined by spaces (SpaceAfter=No honoured) when there is none.
func (s *Sentence) Text() string {
	if t, ok := s.Comment("text"); ok {
		return t
	}
	var b strings.Builder
	skipTo := 0
	for i := range s.Lines {
		l := &s.Lines[i]
		if l.Kind == Empty || l.Kind == Word && l.ID <= skipTo {
			continue
		}
		if l.Kind == MultiWord {
			skipTo = l.Sub
		}
		b.WriteString(l.Form)
		if !strings.Contains(l.Misc, "SpaceAfter=No") {
			b.WriteByte(' ')
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Error is a problem at one line of a CoNLL-U file.
type Error struct {
	File string // "" when unknown
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.File != "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Reader reads sentences from CoNLL-U input.
type Reader struct {
	sc   *bufio.Scanner
	file string
	line int
}

// NewReader returns a Reader of r; file names the input in errors.
func NewReader(r io.Reader, file string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, file: file}
}

// Read returns the next sentence, or io.EOF after the last. A malformed
// sentence is skipped whole and returned as an *Error with its line; the
// next call goes on with the following sentence.
func (r *Reader) Read() (*Sentence, error) {
	var s *Sentence
	var bad *Error
	for r.sc.Scan() {
		r.line++
		raw := strings.TrimRight(r.sc.Text(), "\r")
		if r.line == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		if strings.TrimSpace(raw) == "" {
			if s == nil && bad == nil {
				continue
			}
			if bad != nil {
				return nil, bad
			}
			return s, nil
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if bad != nil {
			continue
		}
		if strings.HasPrefix(raw, "#") {
			if len(s.Lines) > 0 {
				bad = r.errorf("comment after the first token line of the sentence starting at line %d", s.Line)
				continue
			}
			s.Comments = append(s.Comments, raw)
			continue
		}
		l, err := parseLine(raw)
		if err != nil {
			bad = r.errorf("%v", err)
			continue
		}
		if err := r.checkOrder(s, &l); err != nil {
			bad = err
			continue
		}
		s.Lines = append(s.Lines, l)
	}
	if err := r.sc.Err(); err != nil {
		return nil, &Error{File: r.file, Line: r.line + 1, Msg: err.Error()}
	}
	if bad != nil {
		return nil, bad
	}
	if s != nil {
		return s, nil
	}
	return nil, io.EOF
}

func (r *Reader) errorf(format string, args ...any) *Error {
	return &Error{File: r.file, Line: r.line, Msg: fmt.Sprintf(format, args...)}
}

// checkOrder verifies that word IDs run 1, 2, 3, … and that ranges and
// empty nodes sit where they belong.
func (r *Reader) checkOrder(s *Sentence, l *Line) *Error {
	last := 0
	for i := len(s.Lines) - 1; i >= 0; i-- {
		if s.Lines[i].Kind == Word {
			last = s.Lines[i].ID
			break
		}
	}
	switch l.Kind {
	case Word:
		if l.ID != last+1 {
			return r.errorf("word ID %d follows word %d", l.ID, last)
		}
	case MultiWord:
		if l.ID != last+1 || l.Sub < l.ID {
			return r.errorf("range %d-%d follows word %d", l.ID, l.Sub, last)
		}
	case Empty:
		if l.ID != last {
			return r.errorf("empty node %d.%d follows word %d", l.ID, l.Sub, last)
		}
	}
	return nil
}

func parseLine(raw string) (Line, error) {
	var l Line
	cols := strings.Split(raw, "\t")
	if len(cols) != 10 {
		return l, fmt.Errorf("%d tab-separated columns, want 10", len(cols))
	}
	for i, c := range cols {
		if c == "" {
			return l, fmt.Errorf("column %d is empty (write \"_\")", i+1)
		}
	}
	id := cols[0]
	var err error
	switch {
	case strings.Contains(id, "-"):
		l.Kind = MultiWord
		a, b, _ := strings.Cut(id, "-")
		l.ID, err = posInt(a, id)
		if err == nil {
			l.Sub, err = posInt(b, id)
		}
	case strings.Contains(id, "."):
		l.Kind = Empty
		a, b, _ := strings.Cut(id, ".")
		l.ID, err = natInt(a, id)
		if err == nil {
			l.Sub, err = posInt(b, id)
		}
	default:
		l.ID, err = posInt(id, id)
	}
	if err != nil {
		return l, err
	}
	l.Form, l.Lemma, l.UPOS, l.XPOS, l.Feats = cols[1], cols[2], cols[3], cols[4], cols[5]
	l.Head = NoHead
	if cols[6] != "_" {
		l.Head, err = natInt(cols[6], "HEAD "+cols[6])
		if err != nil {
			return l, err
		}
	}
	l.Deprel, l.Deps, l.Misc = cols[7], cols[8], cols[9]
	return l, nil
}

func posInt(s, what string) (int, error) {
	n, err := natInt(s, what)
	if err == nil && n == 0 {
		return 0, fmt.Errorf("bad ID %q: must be positive", what)
	}
	return n, err
}

func natInt(s, what string) (int, error) {
	if s == "" || len(s) > 9 {
		return 0, fmt.Errorf("bad number in %q", what)
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad number in %q", what)
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// ReadAll reads every sentence of r. It returns the good sentences and all
// errors joined (nil when there were none).
func ReadAll(r io.Reader, file string) ([]*Sentence, error) {
	rd := NewReader(r, file)
	var out []*Sentence
	var errs []error
	for {
		s, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err)
			var ce *Error
			if !errors.As(err, &ce) || strings.Contains(ce.Msg, "token too long") {
				break
			}
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// Field returns s made fit for a CoNLL-U column: tabs and line breaks
// become spaces, and an empty string "_".
func Field(s string) string {
	if s == "" {
		return "_"
	}
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}

// Write writes s in CoNLL-U, followed by the blank line that ends it.
func Write(w io.Writer, s *Sentence) error {
	var b strings.Builder
	for _, c := range s.Comments {
		b.WriteString(c)
		b.WriteByte('\n')
	}
	for i := range s.Lines {
		l := &s.Lines[i]
		head := "_"
		if l.Head != NoHead {
			head = strconv.Itoa(l.Head)
		}
		for j, c := range [...]string{l.IDString(), l.Form, l.Lemma, l.UPOS, l.XPOS, l.Feats, head, l.Deprel, l.Deps, l.Misc} {
			if j > 0 {
				b.WriteByte('\t')
			}
			if c == "" {
				c = "_"
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}
