package actor

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a span of dates. From is the first day and To the first day
// after the period; either may be zero (open). A bound written with year
// or month precision covers the whole year or month: "2008..2012" runs from
// 2008-01-01 to the end of 2012, and "2000-05-07..2008-05-07" includes
// 2008-05-07.
type Period struct {
	From, To time.Time
}

// Open reports whether p has no bounds.
func (p Period) Open() bool { return p.From.IsZero() && p.To.IsZero() }

// Covers reports whether date d falls in p. A zero d is covered only by an
// open-ended period (one with no To).
func (p Period) Covers(d time.Time) bool {
	if d.IsZero() {
		return p.To.IsZero()
	}
	if !p.From.IsZero() && d.Before(p.From) {
		return false
	}
	if !p.To.IsZero() && !d.Before(p.To) {
		return false
	}
	return true
}

func (p Period) String() string {
	if p.Open() {
		return ""
	}
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	to := ""
	if !p.To.IsZero() {
		to = f(p.To.AddDate(0, 0, -1))
	}
	return f(p.From) + ".." + to
}

// ParsePeriod reads "FROM..TO", where each bound is YYYY, YYYY-MM or
// YYYY-MM-DD and may be empty (open). A single date with no ".." is a
// period from that date on. The empty string is the open period.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Period{}, nil
	}
	from, to, ok := strings.Cut(s, "..")
	var p Period
	var err error
	if from = strings.TrimSpace(from); from != "" {
		if p.From, _, err = parseBound(from, false); err != nil {
			return Period{}, fmt.Errorf("period %q: %w", s, err)
		}
	}
	if ok {
		if to = strings.TrimSpace(to); to != "" {
			if p.To, _, err = parseBound(to, true); err != nil {
				return Period{}, fmt.Errorf("period %q: %w", s, err)
			}
		}
	}
	if !p.From.IsZero() && !p.To.IsZero() && !p.From.Before(p.To) {
		return Period{}, fmt.Errorf("period %q ends before it starts", s)
	}
	return p, nil
}

// parseBound reads YYYY, YYYY-MM or YYYY-MM-DD. For an end bound it
// returns the first day after the year, month or day named.
func parseBound(s string, end bool) (time.Time, int, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return time.Time{}, 0, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) {
			return time.Time{}, 0, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	y, m, d := nums[0], 1, 1
	if len(nums) > 1 {
		m = nums[1]
		if m < 1 || m > 12 {
			return time.Time{}, 0, fmt.Errorf("date %q: month %d out of range", s, m)
		}
	}
	if len(nums) > 2 {
		d = nums[2]
		if d < 1 || d > daysIn(y, time.Month(m)) {
			return time.Time{}, 0, fmt.Errorf("date %q: day %d out of range", s, d)
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if end {
		switch len(nums) {
		case 1:
			t = t.AddDate(1, 0, 0)
		case 2:
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
	}
	return t, len(nums), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
