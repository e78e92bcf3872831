package coref

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Class is what a noun or a given name tells about what it refers to.
type Class uint8

// The classes of nouns and names.
const (
	ClassNone     Class = iota // nothing known
	ClassMale                  // a male person: he
	ClassFemale                // a female person: she
	ClassPerson                // a person of either gender
	ClassGroup                 // a group or institution: it or they
	ClassQuantity              // a quantity or collection: its "of" phrase is meant ("a group of diplomats")
	ClassOffice                // a person named by an office: "the president" may be the one just named
	numClass
)

var classNames = [...]string{"", "m", "f", "p", "g", "q", "o"}

// String returns the class's letter as the data files write it.
func (c Class) String() string {
	if c < numClass {
		return classNames[c]
	}
	return fmt.Sprintf("Class(%d)", uint8(c))
}

// ParseClass returns the class written s: m, f, p, g, q or o.
func ParseClass(s string) (Class, error) {
	for i, n := range classNames {
		if i > 0 && n == s {
			return Class(i), nil
		}
	}
	return ClassNone, fmt.Errorf("unknown class %q (want m, f, p, g, q or o)", s)
}

// person reports whether c is a person class.
func (c Class) person() bool {
	return c == ClassMale || c == ClassFemale || c == ClassPerson || c == ClassOffice
}

// gender returns 'm', 'f' or 0.
func (c Class) gender() byte {
	switch c {
	case ClassMale:
		return 'm'
	case ClassFemale:
		return 'f'
	}
	return 0
}

// Lexicon maps lowercase noun lemmas and given names to classes. It is
// read-only once built.
type Lexicon struct {
	Nouns     map[string]Class // lowercase singular lemma
	Names     map[string]Class // lowercase given name
	Reporting map[string]bool  // lemmas of verbs of saying and thinking ("say", "warn", "believe")
}

//go:embed data/nouns.tsv
var nounsTSV string

//go:embed data/names.tsv
var namesTSV string

//go:embed data/reporting.txt
var reportingTXT string

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// DefaultLexicon returns the embedded lexicon (data/nouns.tsv,
// data/names.tsv and data/reporting.txt), read once.
func DefaultLexicon() (*Lexicon, error) {
	defaultOnce.Do(func() {
		lx := &Lexicon{Nouns: map[string]Class{}, Names: map[string]Class{}, Reporting: map[string]bool{}}
		defaultErr = errors.Join(
			readTable(strings.NewReader(nounsTSV), "data/nouns.tsv", lx.Nouns),
			readTable(strings.NewReader(namesTSV), "data/names.tsv", lx.Names),
			lx.ReadReporting(strings.NewReader(reportingTXT), "data/reporting.txt"))
		defaultLex = lx
	})
	return defaultLex, defaultErr
}

// ReadNouns adds the nouns of a table (word, tab, class; "#" comments) to
// lx; name names the input in errors. Bad lines are skipped and reported.
func (lx *Lexicon) ReadNouns(r io.Reader, name string) error {
	return readTable(r, name, lx.Nouns)
}

// ReadNames adds the given names of a table (name, tab, m or f).
func (lx *Lexicon) ReadNames(r io.Reader, name string) error {
	return readTable(r, name, lx.Names)
}

// ReadReporting adds reporting verbs, one lemma a line ("#" comments).
func (lx *Lexicon) ReadReporting(r io.Reader, name string) error {
	if lx.Reporting == nil {
		lx.Reporting = map[string]bool{}
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w != "" && !strings.HasPrefix(w, "#") {
			lx.Reporting[strings.ToLower(w)] = true
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func readTable(r io.Reader, name string, into map[string]Class) error {
	sc := bufio.NewScanner(r)
	var errs []string
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, cls, ok := strings.Cut(line, "\t")
		if !ok {
			errs = append(errs, fmt.Sprintf("%s:%d: want a word, a tab and a class", name, n))
			continue
		}
		c, err := ParseClass(strings.TrimSpace(cls))
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		into[strings.ToLower(strings.TrimSpace(word))] = c
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", name, err))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}
