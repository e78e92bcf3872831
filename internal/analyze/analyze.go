// Package analyze turns grouped event counts into the shapes the explorer
// draws: monthly dyad series by quad class in both directions, timelines by
// event date, and a laid-out actor network. It does no I/O; the store's
// queries do the grouping and this package fills gaps, picks bins and
// places nodes.
package analyze

import (
	"fmt"
	"strconv"
	"strings"
)

// Quad is a CAMEO/PLOVER quad class: 1 verbal cooperation, 2 material
// cooperation, 3 verbal conflict, 4 material conflict. NoQuad is unknown.
type Quad int

// The quad classes.
const (
	NoQuad Quad = iota
	VerbalCoop
	MaterialCoop
	VerbalConflict
	MaterialConflict
)

// Quads lists the four quad classes in order.
var Quads = [...]Quad{VerbalCoop, MaterialCoop, VerbalConflict, MaterialConflict}

var quadNames = [...]string{"unknown", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

func (q Quad) String() string {
	if q >= 0 && int(q) < len(quadNames) {
		return quadNames[q]
	}
	return fmt.Sprintf("Quad(%d)", int(q))
}

// Valid reports whether q is one of the four quad classes.
func (q Quad) Valid() bool { return q >= VerbalCoop && q <= MaterialConflict }

// ParseQuad reads a quad class given as its number ("1".."4") or its name
// ("verbal cooperation", "verbal-cooperation").
func ParseQuad(s string) (Quad, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if n, err := strconv.Atoi(s); err == nil {
		if q := Quad(n); q.Valid() {
			return q, nil
		}
		return NoQuad, fmt.Errorf("quad class %d out of range 1-4", n)
	}
	s = strings.ReplaceAll(s, "-", " ")
	for _, q := range Quads {
		if quadNames[q] == s {
			return q, nil
		}
	}
	return NoQuad, fmt.Errorf("unknown quad class %q (1-4 or a name such as \"verbal conflict\")", s)
}

// Month is a calendar month.
type Month struct {
	Year, Month int // Month 1-12
}

// ParseMonth reads "YYYY-MM", or the month of a longer ISO date
// ("YYYY-MM-DD").
func ParseMonth(s string) (Month, error) {
	if len(s) >= 7 && s[4] == '-' {
		y, err1 := strconv.Atoi(s[:4])
		m, err2 := strconv.Atoi(s[5:7])
		if err1 == nil && err2 == nil && m >= 1 && m <= 12 {
			return Month{y, m}, nil
		}
	}
	return Month{}, fmt.Errorf("bad month %q (want YYYY-MM)", s)
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// Next returns the month after m.
func (m Month) Next() Month {
	if m.Month == 12 {
		return Month{m.Year + 1, 1}
	}
	return Month{m.Year, m.Month + 1}
}

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || m.Year == o.Year && m.Month < o.Month
}

// Index returns the number of months since year 0, for arithmetic.
func (m Month) Index() int { return m.Year*12 + m.Month - 1 }

// LastDay returns the last day of m as "YYYY-MM-DD".
func (m Month) LastDay() string {
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m.Month-1]
	if m.Month == 2 && (m.Year%4 == 0 && m.Year%100 != 0 || m.Year%400 == 0) {
		days = 29
	}
	return fmt.Sprintf("%04d-%02d-%02d", m.Year, m.Month, days)
}

// FirstDay returns the first day of m as "YYYY-MM-DD".
func (m Month) FirstDay() string { return fmt.Sprintf("%04d-%02d-01", m.Year, m.Month) }

// MonthRange returns every month from first to last inclusive (nil when
// last is before first).
func MonthRange(first, last Month) []Month {
	var out []Month
	for m := first; !last.Before(m); m = m.Next() {
		out = append(out, m)
	}
	return out
}

// DateStart returns the first day ("YYYY-MM-DD") of an event date value as
// the coder writes it: a day "2014-03-18", a month "2014-03", a year
// "2014", a decade "199X" or a range "1999/2009" (its start). It returns ""
// for an empty or unreadable value.
func DateStart(v string) string {
	if i := strings.IndexByte(v, '/'); i >= 0 {
		v = v[:i]
	}
	digits := func(s string) bool {
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return s != ""
	}
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-' && digits(v[:4]) && digits(v[5:7]) && digits(v[8:]):
		return v
	case len(v) == 7 && v[4] == '-' && digits(v[:4]) && digits(v[5:]):
		if m, err := ParseMonth(v); err == nil {
			return m.FirstDay()
		}
	case len(v) == 4 && digits(v):
		return v + "-01-01"
	case len(v) == 4 && digits(v[:3]) && (v[3] == 'X' || v[3] == 'x'):
		return v[:3] + "0-01-01"
	}
	return ""
}
