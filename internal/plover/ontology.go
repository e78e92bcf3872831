package plover

//go:generate go run ./internal/gen -table data/cameo.tsv

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/cameo.tsv
var cameoTSV []byte

//go:embed data/modes.tsv
var modesTSV []byte

//go:embed data/contexts.tsv
var contextsTSV []byte

// Code is one CAMEO event code and what it means in PLOVER. A code with no
// PLOVER equivalent (CAMEO 01 "make public statement" and 02 "appeal") has
// Type NoType, no mode and no context, but still a quad class and a
// Goldstein value.
type Code struct {
	CAMEO     string   // "192"
	Type      Type     // COERCE; NoType when PLOVER has no equivalent
	Mode      string   // PLOVER v0.8 mode, "" when none
	Context   []string // PLOVER contexts, nil when none
	QuadClass int      // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Goldstein float64  // Goldstein scale weight, -10 to +10
	Label     string   // short description
}

// clone returns c with its own Context slice.
func (c Code) clone() Code {
	c.Context = slices.Clone(c.Context)
	return c
}

// Ontology is a CAMEO code table with its PLOVER mapping. It is read-only
// once built and safe for concurrent use.
type Ontology struct {
	codes  []Code          // sorted by CAMEO code
	byCode map[string]int  // CAMEO code -> index in codes
	home   map[Type]string // the CAMEO root holding most of a type's codes
}

var defaultOntology = sync.OnceValue(func() *Ontology {
	o, err := Load(bytes.NewReader(cameoTSV))
	if err != nil {
		// The embedded table is checked by the package tests; an empty
		// ontology is the only answer that does not panic.
		return &Ontology{byCode: map[string]int{}, home: map[Type]string{}}
	}
	return o
})

// Default returns the ontology embedded in the binary (data/cameo.tsv),
// parsed once.
func Default() *Ontology { return defaultOntology() }

// Load reads a CAMEO code table in the format of data/cameo.tsv: one code
// a line, seven tab-separated fields (code, type, mode, contexts separated
// by commas, quad class, Goldstein value, label), "-" for an empty field,
// "#" comments and blank lines ignored. Every bad line is reported, each
// error naming its line; the ontology is returned only when there are none.
func Load(r io.Reader) (*Ontology, error) {
	o := &Ontology{byCode: map[string]int{}, home: map[Type]string{}}
	var errs []error
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c, err := parseCodeLine(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", n, err))
			continue
		}
		if prev, dup := o.byCode[c.CAMEO]; dup {
			errs = append(errs, fmt.Errorf("line %d: CAMEO code %s listed twice (%s, %s)", n, c.CAMEO, o.codes[prev].Label, c.Label))
			continue
		}
		o.byCode[c.CAMEO] = len(o.codes)
		o.codes = append(o.codes, c)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("line %d: %w", n+1, err))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("plover: reading CAMEO table: %w", errors.Join(errs...))
	}
	if len(o.codes) == 0 {
		return nil, errors.New("plover: reading CAMEO table: no codes")
	}
	sort.Slice(o.codes, func(i, j int) bool { return o.codes[i].CAMEO < o.codes[j].CAMEO })
	for i, c := range o.codes {
		o.byCode[c.CAMEO] = i
	}
	o.home = homeRoots(o.codes)
	return o, nil
}

// parseCodeLine reads one line of a CAMEO table.
func parseCodeLine(line string) (Code, error) {
	f := strings.Split(line, "\t")
	if len(f) != 7 {
		return Code{}, fmt.Errorf("want 7 tab-separated fields (code, type, mode, context, quad class, goldstein, label), got %d", len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	var c Code
	c.CAMEO = f[0]
	root, err := cameoRoot(c.CAMEO)
	if err != nil {
		return Code{}, err
	}
	if f[1] != "-" {
		if c.Type, err = ParseType(f[1]); err != nil {
			return Code{}, fmt.Errorf("code %s: %w", c.CAMEO, err)
		}
	}
	if f[2] != "-" {
		if c.Type == NoType {
			return Code{}, fmt.Errorf("code %s: mode %q without a type", c.CAMEO, f[2])
		}
		if !ValidMode(c.Type, f[2]) {
			return Code{}, fmt.Errorf("code %s: %q is not a PLOVER v0.8 mode of %s (modes: %s)", c.CAMEO, f[2], c.Type, strings.Join(Modes(c.Type), ", "))
		}
		c.Mode = f[2]
	}
	if f[3] != "-" {
		if c.Type == NoType {
			return Code{}, fmt.Errorf("code %s: context %q without a type", c.CAMEO, f[3])
		}
		for _, x := range strings.Split(f[3], ",") {
			x = strings.TrimSpace(x)
			if !ValidContext(x) {
				return Code{}, fmt.Errorf("code %s: unknown PLOVER context %q", c.CAMEO, x)
			}
			c.Context = append(c.Context, x)
		}
	}
	q, err := strconv.Atoi(f[4])
	if err != nil {
		return Code{}, fmt.Errorf("code %s: quad class %q is not a number", c.CAMEO, f[4])
	}
	if want := quadOfRoot(root); q != want {
		return Code{}, fmt.Errorf("code %s: quad class %d, but CAMEO root %02d is quad class %d", c.CAMEO, q, root, want)
	}
	c.QuadClass = q
	g, err := strconv.ParseFloat(f[5], 64)
	if err != nil || g < -10 || g > 10 {
		return Code{}, fmt.Errorf("code %s: Goldstein value %q is not a number from -10 to 10", c.CAMEO, f[5])
	}
	c.Goldstein = g
	if f[6] == "" || f[6] == "-" {
		return Code{}, fmt.Errorf("code %s: empty label", c.CAMEO)
	}
	c.Label = f[6]
	return c, nil
}

// cameoRoot checks that code is a CAMEO event code (two to four digits,
// root 01 to 20) and returns its root.
func cameoRoot(code string) (int, error) {
	if len(code) < 2 || len(code) > 4 {
		return 0, fmt.Errorf("CAMEO code %q: want 2 to 4 digits", code)
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("CAMEO code %q: want digits only", code)
		}
	}
	root := int(code[0]-'0')*10 + int(code[1]-'0')
	if root < 1 || root > 20 {
		return 0, fmt.Errorf("CAMEO code %q: root %02d is not 01 to 20", code, root)
	}
	return root, nil
}

// quadOfRoot is the quad class of a CAMEO root: 01-05 verbal cooperation,
// 06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict.
func quadOfRoot(root int) int {
	switch {
	case root <= 5:
		return 1
	case root <= 8:
		return 2
	case root <= 13:
		return 3
	default:
		return 4
	}
}

// QuadClass returns the quad class of a CAMEO code from its root (1 to 4),
// or 0 when code is not a CAMEO code. It needs no table: "1823" is 4.
func QuadClass(code string) int {
	root, err := cameoRoot(code)
	if err != nil {
		return 0
	}
	return quadOfRoot(root)
}

// homeRoots finds, for each type, the CAMEO root with most of its codes
// (ties to the lower root): ACCUSE lives in 11 more than in 09.
func homeRoots(codes []Code) map[Type]string {
	count := map[Type]map[string]int{}
	for _, c := range codes {
		if c.Type == NoType {
			continue
		}
		if count[c.Type] == nil {
			count[c.Type] = map[string]int{}
		}
		count[c.Type][c.CAMEO[:2]]++
	}
	home := map[Type]string{}
	for t, m := range count {
		best := ""
		for root, n := range m {
			if best == "" || n > m[best] || n == m[best] && root < best {
				best = root
			}
		}
		home[t] = best
	}
	return home
}

// CAMEO returns the code named code ("0871"), and whether it is in the table.
func (o *Ontology) CAMEO(code string) (Code, bool) {
	i, ok := o.byCode[strings.TrimSpace(code)]
	if !ok {
		return Code{}, false
	}
	return o.codes[i].clone(), true
}

// Codes returns every code in the table, sorted by code.
func (o *Ontology) Codes() []Code {
	cs := make([]Code, len(o.codes))
	for i, c := range o.codes {
		cs[i] = c.clone()
	}
	return cs
}

// Nearest returns the CAMEO code that best stands for a PLOVER type, mode
// and context: among the codes of type t, those with the mode (or, when no
// code has it, the stand-in named in data/modes.tsv, else the type's codes
// without a mode); of those, the one sharing most of the contexts, then the
// most general (a root's "xx0" code, in the root holding most of the type's
// codes, fewest digits, fewest other contexts). It returns the zero Code
// when t is NoType or the table has no code of type t. An invalid mode is
// treated as no mode.
func (o *Ontology) Nearest(t Type, mode string, context []string) Code {
	var cands []Code
	for _, c := range o.codes {
		if c.Type == t && t != NoType {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return Code{}
	}
	if mode != "" && ValidMode(t, mode) {
		var withMode []Code
		for _, c := range cands {
			if c.Mode == mode {
				withMode = append(withMode, c)
			}
		}
		if len(withMode) > 0 {
			return o.mostGeneral(withMode, context)
		}
		if sub := standIn(t, mode); sub != "" {
			if i, ok := o.byCode[sub]; ok && o.codes[i].Type == t {
				return o.codes[i].clone()
			}
		}
	}
	var noMode []Code
	for _, c := range cands {
		if c.Mode == "" {
			noMode = append(noMode, c)
		}
	}
	if len(noMode) > 0 {
		cands = noMode
	}
	return o.mostGeneral(cands, context)
}

// mostGeneral picks from cands (all of one type) the code sharing most of
// context, then the most general one.
func (o *Ontology) mostGeneral(cands []Code, context []string) Code {
	home := o.home[cands[0].Type]
	best := cands[0]
	for _, c := range cands[1:] {
		if generalityLess(c, best, context, home) {
			best = c
		}
	}
	return best.clone()
}

// generalityLess reports whether a is a better stand-in than b.
func generalityLess(a, b Code, context []string, home string) bool {
	if sa, sb := shared(a.Context, context), shared(b.Context, context); sa != sb {
		return sa > sb
	}
	if ga, gb := isRootCode(a.CAMEO), isRootCode(b.CAMEO); ga != gb {
		return ga
	}
	if ha, hb := a.CAMEO[:2] == home, b.CAMEO[:2] == home; ha != hb {
		return ha
	}
	if len(a.CAMEO) != len(b.CAMEO) {
		return len(a.CAMEO) < len(b.CAMEO)
	}
	if ea, eb := len(a.Context)-shared(a.Context, context), len(b.Context)-shared(b.Context, context); ea != eb {
		return ea < eb
	}
	return a.CAMEO < b.CAMEO
}

// isRootCode reports whether code is a root's general code ("190").
func isRootCode(code string) bool { return len(code) == 3 && code[2] == '0' }

// shared counts the contexts of have that are in want.
func shared(have, want []string) int {
	n := 0
	for _, h := range have {
		if slices.Contains(want, h) {
			n++
		}
	}
	return n
}

// modeTable is the parsed data/modes.tsv and data/contexts.tsv.
type modeTable struct {
	modes    map[Type][]string
	standIn  map[Type]map[string]string
	contexts []string
	err      error
}

var modeData = sync.OnceValue(func() *modeTable {
	m := &modeTable{modes: map[Type][]string{}, standIn: map[Type]map[string]string{}}
	var errs []error
	eachLine(modesTSV, func(n int, f []string) {
		if len(f) != 4 {
			errs = append(errs, fmt.Errorf("modes.tsv line %d: want 4 fields, got %d", n, len(f)))
			return
		}
		t, err := ParseType(f[0])
		if err != nil {
			errs = append(errs, fmt.Errorf("modes.tsv line %d: %w", n, err))
			return
		}
		m.modes[t] = append(m.modes[t], f[1])
		if f[2] != "-" {
			if m.standIn[t] == nil {
				m.standIn[t] = map[string]string{}
			}
			m.standIn[t][f[1]] = f[2]
		}
	})
	eachLine(contextsTSV, func(n int, f []string) {
		if len(f) != 2 {
			errs = append(errs, fmt.Errorf("contexts.tsv line %d: want 2 fields, got %d", n, len(f)))
			return
		}
		m.contexts = append(m.contexts, f[0])
	})
	slices.Sort(m.contexts)
	m.err = errors.Join(errs...)
	return m
})

// eachLine calls fn with the tab-separated fields of each line of data
// that is neither blank nor a "#" comment.
func eachLine(data []byte, fn func(n int, fields []string)) {
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(n+1, strings.Split(line, "\t"))
	}
}

// Modes returns the PLOVER v0.8 modes of t, in codebook order; nil for the
// types that have none (AGREE, AID, CONCEDE, COOPERATE, SUPPORT).
func Modes(t Type) []string { return slices.Clone(modeData().modes[t]) }

// ValidMode reports whether mode is a PLOVER v0.8 mode of t. The empty
// mode is valid for every type.
func ValidMode(t Type, mode string) bool {
	if !t.Valid() {
		return false
	}
	return mode == "" || slices.Contains(modeData().modes[t], mode)
}

// standIn returns the CAMEO code data/modes.tsv names for a mode that no
// CAMEO code has, or "".
func standIn(t Type, mode string) string { return modeData().standIn[t][mode] }

// Contexts returns the PLOVER contexts, sorted.
func Contexts() []string { return slices.Clone(modeData().contexts) }

// ValidContext reports whether s is a PLOVER context.
func ValidContext(s string) bool {
	_, ok := slices.BinarySearch(modeData().contexts, s)
	return ok
}
