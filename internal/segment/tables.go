package segment

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// abbrevClass is how an abbreviation behaves before the next word.
type abbrevClass uint8

// The abbreviation classes of data/abbreviations.txt.
const (
	abbrevNone  abbrevClass = iota
	abbrevTitle             // "Mr.", "Gen.", "Feb.": a sentence never ends after it
	abbrevNum               // "No.", "pp.": an abbreviation only before a number
	abbrevOther             // "Inc.", "etc.": may end a sentence
)

var abbrevClassNames = [...]string{"", "title", "num", "other"}

// String returns the class name used in data/abbreviations.txt.
func (c abbrevClass) String() string {
	if int(c) < len(abbrevClassNames) {
		return abbrevClassNames[c]
	}
	return "abbrevClass(" + strconv.Itoa(int(c)) + ")"
}

// parseAbbrevClass returns the class named s.
func parseAbbrevClass(s string) (abbrevClass, error) {
	for i, n := range abbrevClassNames {
		if i > 0 && n == s {
			return abbrevClass(i), nil
		}
	}
	return abbrevNone, fmt.Errorf("unknown abbreviation class %q (title, num, other)", s)
}

// tables are the segmenter's data, read from the embedded data files.
type tables struct {
	abbrev         map[string]abbrevClass // form without its period, as written and upper-cased
	prefix         map[string]bool        // lower-case prefixes a hyphen does not split from
	starter        map[string]bool        // lower-case words that often start a sentence
	contraction    map[string]int         // lower-case form → byte length of its first word
	unit           map[string]bool        // lower-case units written after a number: "5pm", "65k"
	opener         map[string]bool        // capitalized words that start a sentence even with no stop before
	filetype       map[string]bool        // lower-case file name extensions
	contractionLen [2]int                 // shortest and longest contraction
}

// loadTables reads the embedded data files. It returns the tables with
// every good line and an error listing the bad ones (file and line).
func loadTables() (*tables, error) {
	t := &tables{
		abbrev:      map[string]abbrevClass{},
		prefix:      map[string]bool{},
		starter:     map[string]bool{},
		contraction: map[string]int{},
		unit:        map[string]bool{},
		opener:      map[string]bool{},
		filetype:    map[string]bool{},
	}
	var errs []string
	read := func(name string, fields int, f func(p []string) error) {
		data, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			return
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			p := strings.Fields(line)
			if len(p) != fields {
				errs = append(errs, fmt.Sprintf("%s line %d: want %d fields, have %d", name, n, fields, len(p)))
				continue
			}
			if err := f(p); err != nil {
				errs = append(errs, fmt.Sprintf("%s line %d: %v", name, n, err))
			}
		}
	}
	read("abbreviations.txt", 2, func(p []string) error {
		c, err := parseAbbrevClass(p[1])
		if err != nil {
			return err
		}
		if _, dup := t.abbrev[p[0]]; dup {
			return fmt.Errorf("duplicate abbreviation %q", p[0])
		}
		t.abbrev[p[0]] = c
		if up := strings.ToUpper(p[0]); up != p[0] {
			if _, ok := t.abbrev[up]; !ok {
				t.abbrev[up] = c
			}
		}
		return nil
	})
	set := func(m map[string]bool) func(p []string) error {
		return func(p []string) error {
			if p[0] != strings.ToLower(p[0]) {
				return fmt.Errorf("%q is not lower case", p[0])
			}
			if m[p[0]] {
				return fmt.Errorf("duplicate %q", p[0])
			}
			m[p[0]] = true
			return nil
		}
	}
	read("prefixes.txt", 1, set(t.prefix))
	read("starters.txt", 1, set(t.starter))
	read("units.txt", 1, set(t.unit))
	read("filetypes.txt", 1, set(t.filetype))
	read("openers.txt", 1, func(p []string) error {
		if t.opener[p[0]] {
			return fmt.Errorf("duplicate %q", p[0])
		}
		t.opener[p[0]] = true
		return nil
	})
	read("contractions.txt", 2, func(p []string) error {
		n, err := strconv.Atoi(p[1])
		if err != nil || n <= 0 || n >= len(p[0]) {
			return fmt.Errorf("bad split point %q for %q", p[1], p[0])
		}
		if p[0] != strings.ToLower(p[0]) {
			return fmt.Errorf("%q is not lower case", p[0])
		}
		t.contraction[p[0]] = n
		if t.contractionLen[0] == 0 || len(p[0]) < t.contractionLen[0] {
			t.contractionLen[0] = len(p[0])
		}
		t.contractionLen[1] = max(t.contractionLen[1], len(p[0]))
		return nil
	})
	if len(errs) > 0 {
		return t, fmt.Errorf("segment data: %s", strings.Join(errs, "; "))
	}
	return t, nil
}

// lowerKey writes s in lower case into buf and returns it, for map
// lookups that do not allocate. ok is false when s is not ASCII or longer
// than buf.
func lowerKey(s string, buf *[32]byte) (key []byte, ok bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// has reports whether m holds s in lower case.
func has(m map[string]bool, s string) bool {
	var buf [32]byte
	k, ok := lowerKey(s, &buf)
	return ok && m[string(k)]
}
