package actor_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// peopleFile is the people table, read from disk so that this check runs
// whether or not the package embeds it.
var peopleFile = filepath.Join("data", "people.tsv")

var (
	personIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	roleCodePattern = regexp.MustCompile(`^(?:[A-Z]{3}){1,5}$`)
	roleWordPattern = regexp.MustCompile(`^[a-z][a-z' -]*[a-z]$`)
)

// roleDate is one end of a role's span, as written (YYYY, YYYY-MM or
// YYYY-MM-DD), with the first and last day it can stand for.
type roleDate struct {
	text        string
	first, last time.Time
}

// parseRoleDate reads a role date; an empty string is an open end.
func parseRoleDate(s string) (roleDate, error) {
	if s == "" {
		return roleDate{}, nil
	}
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if len(s) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, s)
		if err != nil {
			return roleDate{}, fmt.Errorf("date %q: %v", s, err)
		}
		if t.Year() < 1900 || t.Year() > 2030 {
			return roleDate{}, fmt.Errorf("date %q: year out of range 1900-2030", s)
		}
		return roleDate{text: s, first: t, last: f.next(t)}, nil
	}
	return roleDate{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// checkedRole is a parsed role of the people table.
type checkedRole struct {
	code, words string
	from, to    roleDate
}

// parseRole reads CODE/role words@FROM..TO.
func parseRole(s string) (checkedRole, error) {
	slash := strings.Index(s, "/")
	at := strings.LastIndex(s, "@")
	if slash < 0 || at < slash {
		return checkedRole{}, fmt.Errorf("role %q: want CODE/role words@FROM..TO", s)
	}
	r := checkedRole{code: s[:slash], words: s[slash+1 : at]}
	if !roleCodePattern.MatchString(r.code) {
		return r, fmt.Errorf("role %q: code %q is not 3 to 15 capital letters in groups of 3", s, r.code)
	}
	if !roleWordPattern.MatchString(r.words) || strings.Contains(r.words, "  ") {
		return r, fmt.Errorf("role %q: role words %q are not lowercase words", s, r.words)
	}
	from, to, ok := strings.Cut(s[at+1:], "..")
	if !ok {
		return r, fmt.Errorf("role %q: span %q has no '..'", s, s[at+1:])
	}
	var err error
	if r.from, err = parseRoleDate(from); err != nil {
		return r, fmt.Errorf("role %q: from: %v", s, err)
	}
	if r.to, err = parseRoleDate(to); err != nil {
		return r, fmt.Errorf("role %q: to: %v", s, err)
	}
	if from != "" && to != "" && r.from.first.After(r.to.last) {
		return r, fmt.Errorf("role %q: starts after it ends", s)
	}
	return r, nil
}

// peopleStats counts what a people table holds.
type peopleStats struct {
	people, roles int
	byCountry     map[string]int // people by the country (or IGO) of their latest role
}

// checkPeople checks every row of a people table and returns all problems,
// each prefixed with the line number.
func checkPeople(data string) (peopleStats, []string) {
	st := peopleStats{byCountry: map[string]int{}}
	var errs []string
	bad := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("line %d: %s", line, fmt.Sprintf(format, args...)))
	}
	lines := strings.Split(data, "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "#") {
		bad(1, "first line must be a comment naming the columns")
	} else {
		for _, col := range []string{"id", "name", "aliases", "gender", "roles"} {
			if !strings.Contains(lines[0], col) {
				bad(1, "header comment does not name column %q", col)
			}
		}
	}
	ids := map[string]int{}
	forms := map[string]string{} // surface form -> id that claims it
	for i, line := range lines {
		n := i + 1
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.TrimSpace(line) != line {
			bad(n, "leading or trailing white space")
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			bad(n, "%d tab-separated fields, want 5 (id, name, aliases, gender, roles)", len(f))
			continue
		}
		id, name, aliases, gender, roles := f[0], f[1], f[2], f[3], f[4]
		if !personIDPattern.MatchString(id) {
			bad(n, "id %q is not a lowercase ascii key", id)
		}
		if prev, dup := ids[id]; dup {
			bad(n, "id %q already used on line %d", id, prev)
		}
		ids[id] = n
		if name == "" || strings.TrimSpace(name) != name || strings.ContainsAny(name, "|;@") {
			bad(n, "name %q is empty, padded or holds | ; @", name)
		}
		// The name counts as a surface form; aliases may repeat it.
		var surface []string
		if aliases != "" {
			surface = strings.Split(aliases, "|")
		}
		if !peopleListHas(surface, name) {
			surface = append(surface, name)
		}
		seen := map[string]bool{}
		for _, a := range surface {
			if a == "" || strings.TrimSpace(a) != a || strings.Contains(a, "  ") {
				bad(n, "alias %q is empty or badly spaced", a)
				continue
			}
			if seen[a] {
				bad(n, "alias %q listed twice", a)
				continue
			}
			seen[a] = true
			if other, taken := forms[a]; taken {
				bad(n, "surface form %q also belongs to %q: give it to one person", a, other)
			}
			forms[a] = id
		}
		switch gender {
		case "m", "f", "-":
		default:
			bad(n, "gender %q, want m, f or -", gender)
		}
		if roles == "" {
			bad(n, "no roles")
			continue
		}
		var prev checkedRole
		latest := ""
		for j, rs := range strings.Split(roles, ";") {
			r, err := parseRole(rs)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			if j > 0 && r.from.text == "" && prev.from.text != "" {
				bad(n, "role %q has an open start but follows a dated role: list roles by start date", rs)
			}
			if j > 0 && r.from.text != "" && prev.from.text != "" && r.from.first.Before(prev.from.first) {
				bad(n, "role %q starts before the role listed ahead of it: list roles by start date", rs)
			}
			prev = r
			latest = r.code[:3]
			if latest == "IGO" || latest == "IMG" {
				latest = r.code[:6]
			}
			st.roles++
		}
		st.people++
		if latest != "" {
			st.byCountry[latest]++
		}
	}
	return st, errs
}

// peopleListHas reports whether list holds s.
func peopleListHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPeopleData checks the people table: columns, ids, aliases, genders and
// every dated role.
func TestPeopleData(t *testing.T) {
	data, err := os.ReadFile(peopleFile)
	if err != nil {
		t.Fatalf("read %s: %v", peopleFile, err)
	}
	st, errs := checkPeople(string(data))
	for _, e := range errs {
		t.Errorf("%s %s", peopleFile, e)
	}
	if st.people == 0 {
		t.Errorf("%s: no people", peopleFile)
	}
	keys := make([]string, 0, len(st.byCountry))
	for k := range st.byCountry {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if st.byCountry[keys[i]] != st.byCountry[keys[j]] {
			return st.byCountry[keys[i]] > st.byCountry[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s:%d", k, st.byCountry[k])
	}
	t.Logf("%s: %d people, %d roles; people by latest role:%s", peopleFile, st.people, st.roles, b.String())
}

// TestCheckPeopleRejects makes sure the checker catches each kind of bad row.
func TestCheckPeopleRejects(t *testing.T) {
	const head = "# id\tname\taliases\tgender\troles\n"
	const good = "ann\tAnn Example\tExample\tf\tXXXGOV/president@2001-02-03..2005\n"
	if _, errs := checkPeople(head + good); len(errs) != 0 {
		t.Fatalf("good row rejected: %v", errs)
	}
	for _, tc := range []struct{ name, row string }{
		{"four fields", "bob\tBob\tB\tm\n"},
		{"bad id", "Bob\tBob\tB\tm\tXXXGOV/president@2001..\n"},
		{"duplicate id", "ann\tAnn Other\tOther\tf\tXXXGOV/president@2001..\n"},
		{"shared alias", "bob\tBob Example\tExample\tm\tXXXGOV/president@2001..\n"},
		{"alias twice", "bob\tBob\tBobby|Bobby\tm\tXXXGOV/president@2001..\n"},
		{"bad gender", "bob\tBob\tB\tx\tXXXGOV/president@2001..\n"},
		{"no roles", "bob\tBob\tB\tm\t\n"},
		{"no slash", "bob\tBob\tB\tm\tXXXGOV president@2001..\n"},
		{"lower code", "bob\tBob\tB\tm\txxxGOV/president@2001..\n"},
		{"code length", "bob\tBob\tB\tm\tXXXGO/president@2001..\n"},
		{"no span dots", "bob\tBob\tB\tm\tXXXGOV/president@2001\n"},
		{"bad month", "bob\tBob\tB\tm\tXXXGOV/president@2001-13..\n"},
		{"bad day", "bob\tBob\tB\tm\tXXXGOV/president@2001-02-30..\n"},
		{"short year", "bob\tBob\tB\tm\tXXXGOV/president@01..\n"},
		{"from after to", "bob\tBob\tB\tm\tXXXGOV/president@2005-01-02..2005-01-01\n"},
		{"unsorted roles", "bob\tBob\tB\tm\tXXXGOV/president@2005..;XXXGOV/minister@2001..2005\n"},
		{"capital role words", "bob\tBob\tB\tm\tXXXGOV/President@2001..\n"},
	} {
		if _, errs := checkPeople(head + good + tc.row); len(errs) == 0 {
			t.Errorf("%s: row %q accepted", tc.name, tc.row)
		}
	}
	if _, errs := checkPeople(good); len(errs) == 0 {
		t.Errorf("missing header comment accepted")
	}
}
