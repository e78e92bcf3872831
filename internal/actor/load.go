package actor

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unsafe"
)

//go:embed data/*.tsv
var dataFS embed.FS

// derivedAgents is the built-in agents table derived from the Phoenix
// dictionary; its agents are bound (see Entry.Bound).
const derivedAgents = "phoenix_agents.tsv"

// The built-in tables, in load order: later tables override earlier ones
// where a surface form is shared.
// The agents derived from the Phoenix dictionary come first, so every
// hand-written table overrides them.
var builtin = []string{"titles.tsv", "modifiers.tsv", derivedAgents, "countries.tsv", "igos.tsv", "groups.tsv", "agents.tsv", "people.tsv"}

// table is a kind of TSV file the loader reads, known by its columns.
type table uint8

const (
	tableNone table = iota
	tableCountries
	tableIGOs
	tableGroups
	tableAgents
	tablePeople
	tableTitles
	tableModifiers
	numTable
)

var tableNames = [...]string{"", "countries", "igos", "groups", "agents", "people", "titles", "modifiers"}

func (t table) String() string {
	if t < numTable {
		return tableNames[t]
	}
	return fmt.Sprintf("table(%d)", uint8(t))
}

// tableColumns are the header columns that identify each table.
var tableColumns = [...][]string{
	tableCountries: {"id", "kind", "country", "name", "aliases", "demonyms", "metonyms", "dates", "successor"},
	tableIGOs:      {"id", "kind", "code", "name", "aliases", "metonyms", "dates"},
	tableGroups:    {"id", "name", "aliases", "roles"},
	tableAgents:    {"id", "sector", "forms"},
	tablePeople:    {"id", "name", "aliases", "gender", "roles"},
	tableTitles:    {"title", "synonyms"},
	tableModifiers: {"modifier"},
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// Default returns the built-in knowledge base, parsed once from the
// embedded tables. It is shared: do not Add to it (use Load for a copy
// with your own entries).
func Default() (*KB, error) {
	defaultOnce.Do(func() {
		defaultKB, defaultErr = builtinKB()
	})
	return defaultKB, defaultErr
}

func builtinKB() (*KB, error) { return tablesKB(builtin) }

// tablesKB builds a knowledge base from the named embedded tables.
func tablesKB(names []string) (*KB, error) {
	kb := NewKB()
	// Size the largest maps for the tables up front, so that they do not
	// grow step by step, and not far above what they will hold (a map's
	// memory is all cleared when it is made): about an entry for every 85
	// bytes, two or three names an entry (the built-in tables: 3,079
	// entries and 7,791 names in 274 kB).
	size := int64(0)
	for _, name := range names {
		if fi, err := fs.Stat(dataFS, "data/"+name); err == nil {
			size += fi.Size()
		}
	}
	n := int(size / 85)
	kb.entries = make(map[string]*Entry, n)
	kb.gaz.byKey = make(map[string][]surface, 5*n/2)
	kb.gaz.keysOf = make(map[string][]string, n)
	var errs []error
	for _, name := range names {
		f, err := dataFS.Open("data/" + name)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // a table not written yet
			}
			errs = append(errs, err)
			continue
		}
		if err := kb.Read("data/"+name, f); err != nil {
			errs = append(errs, err)
		}
		f.Close()
	}
	return kb, errors.Join(errs...)
}

// Load returns a new knowledge base: the built-in tables, then each file
// in order, a later entry replacing an earlier one with the same id. A
// file is a TSV table (its header comment names the columns, see data/;
// failing that its base name, e.g. "people.tsv" or "my.people.tsv") or a
// PETRARCH/TABARI dictionary (".txt" or ".actors", or lines like
// "NAME_ [CODE]"). Bad lines are reported with file and line and skipped;
// the rest is loaded.
func Load(paths ...string) (*KB, error) {
	kb, err := builtinKB()
	errs := []error{err}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("actors: %w", err))
			continue
		}
		errs = append(errs, kb.ReadFile(p, f))
		f.Close()
	}
	return kb, errors.Join(errs...)
}

// ReadFile adds the entries of a user file, TSV or PETRARCH, as Load does.
func (kb *KB) ReadFile(name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if detect(name, string(data)) == tableNone && looksPETRARCH(name, string(data)) {
		entries, errs := ImportPETRARCH(strings.NewReader(string(data)), name)
		for _, e := range entries {
			kb.Add(e)
		}
		return errors.Join(errs...)
	}
	return kb.Read(name, strings.NewReader(string(data)))
}

var petrarchLine = regexp.MustCompile(`(?m)^[A-Z0-9][^\t\n]*_\s*\[[~A-Z]`)

func looksPETRARCH(name, data string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".txt" || ext == ".actors" || petrarchLine.MatchString(data)
}

// detect returns the table a file holds, from its header comment or, when
// it has none, from its base name.
func detect(name, data string) table {
	for line := range strings.Lines(data) {
		line = strings.TrimRight(line, "\r\n")
		if !strings.HasPrefix(line, "#") {
			if strings.TrimSpace(line) != "" {
				break
			}
			continue
		}
		if t := headerTable(line); t != tableNone {
			return t
		}
	}
	base := strings.ToLower(filepath.Base(name))
	for t := tableCountries; t < numTable; t++ {
		n := t.String()
		if base == n+".tsv" || strings.HasSuffix(base, "."+n+".tsv") || strings.HasSuffix(base, "_"+n+".tsv") {
			return t
		}
	}
	return tableNone
}

func headerTable(line string) table {
	cols := strings.Fields(strings.TrimLeft(line, "# "))
	for t := tableCountries; t < numTable; t++ {
		if equal(cols, tableColumns[t]) {
			return t
		}
	}
	return tableNone
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Read adds the entries of one TSV table to kb. Lines starting with "#"
// are comments; fields are separated by tabs; list fields by "|" (names)
// or ";" (roles). It returns every bad line as "name:line: reason" and
// loads the good ones.
func (kb *KB) Read(name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// The entries keep substrings of text: one string for the file, not
	// one for every line and field.
	text := unsafe.String(unsafe.SliceData(data), len(data)) // data is never written
	t := detect(name, text)
	if t == tableNone {
		return fmt.Errorf("%s: cannot tell which table this is: start it with a header comment naming the columns (e.g. %q) or name it people.tsv, countries.tsv, igos.tsv, groups.tsv, agents.tsv, titles.tsv or modifiers.tsv",
			name, "# "+strings.Join(tableColumns[tablePeople], "\t"))
	}
	var errs []error
	n := 0
	for text != "" {
		n++
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if len(line) > 4<<20 { // as the line scanner this replaced
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, n, bufio.ErrTooLong))
			break
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := name + ":" + strconv.Itoa(n)
		fields := strings.Split(line, "\t")
		want := len(tableColumns[t])
		if len(fields) > want {
			errs = append(errs, fmt.Errorf("%s: %d fields, the %s table has %d (%s)", where, len(fields), t, want, strings.Join(tableColumns[t], ", ")))
			continue
		}
		for len(fields) < want {
			fields = append(fields, "")
		}
		for i := range fields {
			if fields[i] = strings.TrimSpace(fields[i]); fields[i] == "-" {
				fields[i] = ""
			}
		}
		switch t {
		case tableTitles:
			if err := kb.readTitle(fields); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
			}
			continue
		case tableModifiers:
			if err := kb.readModifier(fields[0]); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
			}
			continue
		}
		e, err := parseRow(t, fields)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			continue
		}
		e.Source = where
		e.Bound = t == tableAgents && name == "data/"+derivedAgents
		kb.Add(e)
		if seat := seatOf(e); seat != nil {
			kb.Add(seat)
		}
	}
	return errors.Join(errs...)
}

func (kb *KB) readTitle(f []string) error {
	title := normTitle(f[0])
	if title == "" {
		return errors.New("empty title")
	}
	kb.canon[title] = true
	for _, s := range list(f[1], "|") {
		kb.titles[normTitle(s)] = title
	}
	kb.retitle()
	return nil
}

func (kb *KB) readModifier(m string) error {
	m = strings.ToLower(m)
	if m == "" || strings.ContainsAny(m, " \t") {
		return fmt.Errorf("modifier %q: want one word", m)
	}
	kb.modifiers[m] = true
	return nil
}

// validID reports whether s is an entry id: letters and digits (any
// script), '_', '.', ':' and '-', starting with a letter or digit (the
// regular expression ^[\p{L}\p{N}][\p{L}\p{N}_.:-]*$, checked by hand
// for every row).
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
		case i > 0 && (r == '_' || r == '.' || r == ':' || r == '-'):
		default:
			return false
		}
	}
	return true
}

// validCode reports whether s is a code: three or more of A-Z and 0-9.
func validCode(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// parseRow builds an entry from the fields of one row of table t.
func parseRow(t table, f []string) (*Entry, error) {
	if !validID(f[0]) {
		return nil, fmt.Errorf("id %q: want letters, digits, '_', '.', ':' or '-', starting with a letter or digit", f[0])
	}
	e := &Entry{ID: f[0]}
	var err error
	switch t {
	case tableCountries:
		// id kind country name aliases demonyms metonyms dates successor
		e.Name, e.Aliases, e.Demonyms, e.Metonyms = f[3], list(f[4], "|"), list(f[5], "|"), list(f[6], "|")
		switch f[1] {
		case "state":
			e.Kind, e.Code, e.Country = KindState, f[0], f[0]
			if f[2] != "" && f[2] != f[0] {
				return nil, fmt.Errorf("state %s: country column %q must be empty or the id", f[0], f[2])
			}
		case "place":
			e.Kind, e.Code, e.Country = KindPlace, f[2], f[2]
		case "seat":
			// A seat of power with its own code: "the Pentagon" → USAMIL.
			e.Kind, e.Code, e.Seat = KindState, f[2], true
			if len(e.Code) >= 3 {
				e.Country = e.Code[:3]
			}
			e.Metonyms, e.Aliases = append(e.Aliases, e.Metonyms...), nil
		case "region":
			e.Kind, e.Code = KindPlace, f[2]
			if e.Code == "" {
				e.Code = f[0]
			}
		default:
			return nil, fmt.Errorf("kind %q: want state, place, seat or region", f[1])
		}
		if !validCode(e.Code) {
			return nil, fmt.Errorf("code %q: want uppercase letters (ISO alpha-3 for states; the owning country for places)", e.Code)
		}
		if e.Period, err = ParsePeriod(f[7]); err != nil {
			return nil, err
		}
		if e.Successor = f[8]; e.Successor != "" && !validCode(e.Successor) {
			return nil, fmt.Errorf("successor %q: want a country code", e.Successor)
		}
	case tableIGOs:
		// id kind code name aliases metonyms dates
		switch f[1] {
		case "igo":
			e.Kind = KindIGO
		case "ngo", "organization":
			e.Kind = KindOrganization
		default:
			return nil, fmt.Errorf("kind %q: want igo or ngo", f[1])
		}
		e.Code, e.Name, e.Aliases, e.Metonyms = f[2], f[3], list(f[4], "|"), list(f[5], "|")
		if !validCode(e.Code) {
			return nil, fmt.Errorf("code %q: want uppercase letters such as IGOUNO", e.Code)
		}
		if e.Period, err = ParsePeriod(f[6]); err != nil {
			return nil, err
		}
	case tableGroups:
		// id name aliases roles
		e.Kind, e.Name, e.Aliases = KindGroup, f[1], list(f[2], "|")
		if e.Roles, err = ParseRoles(f[3]); err != nil {
			return nil, err
		}
		if len(e.Roles) == 0 {
			return nil, fmt.Errorf("group %s: no code in the roles column", e.ID)
		}
	case tableAgents:
		// id sector forms
		e.Kind, e.Code, e.Forms = KindAgent, f[1], list(f[2], "|")
		if !validCode(e.Code) {
			return nil, fmt.Errorf("sector %q: want uppercase letters such as MIL", e.Code)
		}
		if len(e.Forms) == 0 {
			return nil, fmt.Errorf("agent %s: no forms", e.ID)
		}
		e.Name = e.Forms[0]
	case tablePeople:
		// id name aliases gender roles
		e.Kind, e.Name, e.Aliases = KindPerson, f[1], list(f[2], "|")
		switch f[3] {
		case "m", "f":
			e.Gender = f[3]
		case "-", "":
		default:
			return nil, fmt.Errorf("gender %q: want m, f or -", f[3])
		}
		if e.Roles, err = ParseRoles(f[4]); err != nil {
			return nil, err
		}
	}
	if e.Name == "" {
		return nil, fmt.Errorf("%s: empty name", e.ID)
	}
	return e, nil
}

// seatOf returns the entry for a state's capitals and seats of power,
// which stand for its government: "the Kremlin" is RUSGOV, not RUS. Its
// id is the state's id with ".gov" appended.
func seatOf(e *Entry) *Entry {
	if e.Kind != KindState || e.Seat || len(e.Metonyms) == 0 {
		return nil
	}
	seat := &Entry{ID: e.ID + ".gov", Kind: KindState, Seat: true, Name: e.Metonyms[0], Metonyms: e.Metonyms,
		Code: e.Code + "GOV", Country: e.Code, Period: e.Period, Source: e.Source}
	if e.Successor != "" {
		seat.Successor = e.Successor + ".gov"
	}
	e.Metonyms = nil
	return seat
}

// ParseRoles reads a roles field: ";"-separated roles, each
// "CODE/title words@FROM..TO", where the title and the dates are optional
// ("RUSGOV/president@2000-05-07..2008-05-07", "PSEREB@1987..", "USAGOV").
func ParseRoles(s string) ([]Role, error) {
	var roles []Role
	for _, part := range list(s, ";") {
		var r Role
		head, dates, _ := strings.Cut(part, "@")
		code, title, _ := strings.Cut(head, "/")
		r.Code, r.Title = strings.TrimSpace(code), strings.TrimSpace(title)
		if !validCode(r.Code) {
			return nil, fmt.Errorf("role %q: code %q: want uppercase letters such as RUSGOV", part, r.Code)
		}
		var err error
		if r.Period, err = ParsePeriod(dates); err != nil {
			return nil, fmt.Errorf("role %q: %w", part, err)
		}
		roles = append(roles, r)
	}
	return roles, nil
}

// list splits a list field and drops empty items; "-" alone is empty.
func list(s, sep string) []string {
	if s == "" || s == "-" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, sep) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
