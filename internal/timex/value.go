package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"annals/internal/text"
)

// point is a calendar date known to a precision: a day, a month, a year or
// a decade. Fields finer than the precision are zero.
type point struct {
	y, m, d int
	p       text.Precision
}

// value is a normalized date: one point, or a range of two.
type value struct {
	a, b point
	rng  bool
}

func (v value) precision() text.Precision {
	if v.rng {
		return text.PrecisionRange
	}
	return v.a.p
}

func (v value) String() string {
	if v.rng {
		return v.a.String() + "/" + v.b.String()
	}
	return v.a.String()
}

func (p point) String() string {
	if p.y < 0 || p.y > 9999 {
		return ""
	}
	switch p.p {
	case text.PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", p.y, p.m, p.d)
	case text.PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", p.y, p.m)
	case text.PrecisionYear:
		return fmt.Sprintf("%04d", p.y)
	case text.PrecisionDecade:
		return fmt.Sprintf("%03dX", p.y/10)
	}
	return ""
}

func day(y, m, d int) point    { return point{y, m, d, text.PrecisionDay} }
func month(y, m int) point     { return point{y, m, 0, text.PrecisionMonth} }
func year(y int) point         { return point{y, 0, 0, text.PrecisionYear} }
func single(p point) value     { return value{a: p} }
func span(a, b point) value    { return value{a: a, b: b, rng: true} }
func years(a, b int) value     { return span(year(a), year(b)) }
func ofTime(t time.Time) point { return day(t.Year(), int(t.Month()), t.Day()) }

func (p point) time() time.Time {
	m, d := max(p.m, 1), max(p.d, 1)
	return time.Date(p.y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
}

// coarsen returns p at precision q when q is coarser than p's precision.
func (p point) coarsen(q text.Precision) point {
	if q <= p.p {
		return p
	}
	switch q {
	case text.PrecisionMonth:
		return month(p.y, p.m)
	case text.PrecisionYear:
		return year(p.y)
	case text.PrecisionDecade:
		return point{y: p.y / 10 * 10, p: text.PrecisionDecade}
	}
	return p
}

// validDay reports whether y-m-d is a calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Calendar units, as in data/lexicon.tsv.
const (
	unitDay     = 1
	unitWeek    = 2
	unitMonth   = 3
	unitYear    = 4
	unitDecade  = 5
	unitCentury = 6
)

// shift moves p by n units and keeps p's precision; callers make it
// coarser to the unit's precision when they need to ("two years ago").
func (p point) shift(n, unit int) point {
	if p.p == text.PrecisionDecade {
		p = year(p.y)
	}
	t := p.time()
	switch unit {
	case unitDay:
		t = t.AddDate(0, 0, n)
	case unitWeek:
		t = t.AddDate(0, 0, 7*n)
	case unitMonth:
		t = addMonths(p, n)
	case unitYear:
		t = addMonths(p, 12*n)
	case unitDecade:
		t = addMonths(p, 120*n)
	case unitCentury:
		t = addMonths(p, 1200*n)
	}
	q := ofTime(t)
	return q.coarsen(p.p)
}

// unitPrecision is the precision a count of units gives ("two months ago"
// is a month).
func unitPrecision(unit int) text.Precision {
	switch unit {
	case unitDay, unitWeek:
		return text.PrecisionDay
	case unitMonth:
		return text.PrecisionMonth
	}
	return text.PrecisionYear
}

// parseValue reads a value written as Timex.Value is ("2014-03",
// "1999/2009", "199X").
func parseValue(s string) (value, error) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		pa, err := parsePoint(a)
		if err != nil {
			return value{}, err
		}
		pb, err := parsePoint(b)
		if err != nil {
			return value{}, err
		}
		return span(pa, pb), nil
	}
	p, err := parsePoint(s)
	return single(p), err
}

func parsePoint(s string) (point, error) {
	bad := fmt.Errorf("bad date %q: want YYYY, YYYY-MM, YYYY-MM-DD or YYYX", s)
	if len(s) == 4 && s[3] == 'X' {
		d, err := strconv.Atoi(s[:3])
		if err != nil {
			return point{}, bad
		}
		return point{y: d * 10, p: text.PrecisionDecade}, nil
	}
	f := strings.Split(s, "-")
	n := make([]int, len(f))
	for i, x := range f {
		v, err := strconv.Atoi(x)
		if err != nil || len(f) > 3 {
			return point{}, bad
		}
		n[i] = v
	}
	switch len(n) {
	case 1:
		return year(n[0]), nil
	case 2:
		if n[1] < 1 || n[1] > 12 {
			return point{}, bad
		}
		return month(n[0], n[1]), nil
	}
	if !validDay(n[0], n[1], n[2]) {
		return point{}, bad
	}
	return day(n[0], n[1], n[2]), nil
}

// first and last are the first and last points of v, at v's precision.
func (v value) first() point { return v.a }
func (v value) last() point {
	if v.rng {
		return v.b
	}
	return v.a
}

// addMonths moves p by n months, keeping its day when the month has it
// (else the month's last day).
func addMonths(p point, n int) time.Time {
	mi := p.y*12 + max(p.m, 1) - 1 + n
	y, m := mi/12, mi%12+1
	d := min(max(p.d, 1), daysIn(y, m))
	return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
}
