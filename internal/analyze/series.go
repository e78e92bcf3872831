package analyze

import (
	"fmt"
	"sort"
)

// Direction says which way a dyad's events go: from its first actor to its
// second (AToB) or back (BToA).
type Direction int

// The directions of a dyad.
const (
	AToB Direction = iota
	BToA
)

func (d Direction) String() string {
	switch d {
	case AToB:
		return "a-b"
	case BToA:
		return "b-a"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// ParseDirection reads "a-b" or "b-a".
func ParseDirection(s string) (Direction, error) {
	switch s {
	case "a-b":
		return AToB, nil
	case "b-a":
		return BToA, nil
	}
	return AToB, fmt.Errorf("unknown direction %q (a-b or b-a)", s)
}

// MonthCount is one group of a dyad query: the events of one direction and
// quad class whose date falls in one month, and their summed Goldstein
// scores.
type MonthCount struct {
	Month     Month
	Dir       Direction
	Quad      Quad
	Events    int
	Goldstein float64
}

// Cell is the count and summed Goldstein score of one bar segment.
type Cell struct {
	Events    int
	Goldstein float64
}

// Series is a dyad's monthly series: every month from the first to the
// last with events (months without events included, so that gaps show), and
// for each month, direction and quad class a Cell.
type Series struct {
	A, B   string
	Months []Month
	Cells  [][2][4]Cell // [month][direction][quad-1]
}

// NewSeries arranges grouped rows into a series. Rows with an invalid quad
// class or direction are left out. maxMonths bounds the series: when the
// months with events span more, only the latest maxMonths are kept (0
// means no bound).
func NewSeries(a, b string, rows []MonthCount, maxMonths int) Series {
	s := Series{A: a, B: b}
	var first, last Month
	n := 0
	for _, r := range rows {
		if !r.Quad.Valid() || (r.Dir != AToB && r.Dir != BToA) || r.Month.Month < 1 || r.Month.Month > 12 {
			continue
		}
		if n == 0 || r.Month.Before(first) {
			first = r.Month
		}
		if n == 0 || last.Before(r.Month) {
			last = r.Month
		}
		n++
	}
	if n == 0 {
		return s
	}
	if maxMonths > 0 && last.Index()-first.Index()+1 > maxMonths {
		idx := last.Index() - maxMonths + 1
		first = Month{Year: idx / 12, Month: idx%12 + 1}
	}
	s.Months = MonthRange(first, last)
	s.Cells = make([][2][4]Cell, len(s.Months))
	base := first.Index()
	for _, r := range rows {
		if !r.Quad.Valid() || (r.Dir != AToB && r.Dir != BToA) {
			continue
		}
		i := r.Month.Index() - base
		if i < 0 || i >= len(s.Cells) {
			continue
		}
		c := &s.Cells[i][r.Dir][r.Quad-1]
		c.Events += r.Events
		c.Goldstein += r.Goldstein
	}
	return s
}

// Total returns the number of events in month i and direction d.
func (s Series) Total(i int, d Direction) int {
	t := 0
	for _, c := range s.Cells[i][d] {
		t += c.Events
	}
	return t
}

// Max returns the largest monthly total in either direction (0 when the
// series is empty).
func (s Series) Max() int {
	m := 0
	for i := range s.Cells {
		for _, d := range [...]Direction{AToB, BToA} {
			if t := s.Total(i, d); t > m {
				m = t
			}
		}
	}
	return m
}

// Events returns the number of events in the series.
func (s Series) Events() int {
	t := 0
	for i := range s.Cells {
		t += s.Total(i, AToB) + s.Total(i, BToA)
	}
	return t
}

// TimeCount is one group of a timeline query: the events of one quad class
// whose date starts in one month.
type TimeCount struct {
	Month  Month
	Quad   Quad
	Events int
}

// Bin is one bar of a timeline: a period and its counts by quad class.
type Bin struct {
	Label    string // "2014-03", "2014" or "2010s"
	From, To string // first and last day, YYYY-MM-DD, for filtering
	Counts   [4]int // by quad class - 1
	Unknown  int    // events of no valid quad class
}

// Total returns the number of events in the bin.
func (b Bin) Total() int {
	t := b.Unknown
	for _, c := range b.Counts {
		t += c
	}
	return t
}

// Timeline is a histogram of events by event date.
type Timeline struct {
	Unit string // "month", "year" or "decade"
	Bins []Bin
}

// NewTimeline bins grouped counts by month when the dates span at most
// maxBins months, else by year when they span at most maxBins years, else
// by decade. Empty periods between the first and last are kept.
func NewTimeline(rows []TimeCount, maxBins int) Timeline {
	if maxBins < 1 {
		maxBins = 1
	}
	var first, last Month
	n := 0
	for _, r := range rows {
		if r.Month.Month < 1 || r.Month.Month > 12 {
			continue
		}
		if n == 0 || r.Month.Before(first) {
			first = r.Month
		}
		if n == 0 || last.Before(r.Month) {
			last = r.Month
		}
		n++
	}
	if n == 0 {
		return Timeline{Unit: "month"}
	}
	var t Timeline
	var key func(Month) int
	switch {
	case last.Index()-first.Index()+1 <= maxBins:
		t.Unit = "month"
		key = func(m Month) int { return m.Index() }
		for m := first; !last.Before(m); m = m.Next() {
			t.Bins = append(t.Bins, Bin{Label: m.String(), From: m.FirstDay(), To: m.LastDay()})
		}
	case last.Year-first.Year+1 <= maxBins:
		t.Unit = "year"
		key = func(m Month) int { return m.Year }
		for y := first.Year; y <= last.Year; y++ {
			t.Bins = append(t.Bins, Bin{Label: fmt.Sprintf("%04d", y), From: fmt.Sprintf("%04d-01-01", y), To: fmt.Sprintf("%04d-12-31", y)})
		}
	default:
		t.Unit = "decade"
		key = func(m Month) int { return floorDiv(m.Year, 10) }
		for d := floorDiv(first.Year, 10); d <= floorDiv(last.Year, 10); d++ {
			t.Bins = append(t.Bins, Bin{Label: fmt.Sprintf("%04ds", d*10), From: fmt.Sprintf("%04d-01-01", d*10), To: fmt.Sprintf("%04d-12-31", d*10+9)})
		}
	}
	base := key(first)
	for _, r := range rows {
		if r.Month.Month < 1 || r.Month.Month > 12 {
			continue
		}
		i := key(r.Month) - base
		if i < 0 || i >= len(t.Bins) {
			continue
		}
		if r.Quad.Valid() {
			t.Bins[i].Counts[r.Quad-1] += r.Events
		} else {
			t.Bins[i].Unknown += r.Events
		}
	}
	return t
}

// Max returns the largest bin total.
func (t Timeline) Max() int {
	m := 0
	for _, b := range t.Bins {
		if v := b.Total(); v > m {
			m = v
		}
	}
	return m
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// sortLinks orders links by events (descending), then source and target.
func sortLinks(ls []Link) {
	sort.Slice(ls, func(i, j int) bool {
		if ls[i].Events != ls[j].Events {
			return ls[i].Events > ls[j].Events
		}
		if ls[i].Source != ls[j].Source {
			return ls[i].Source < ls[j].Source
		}
		return ls[i].Target < ls[j].Target
	})
}
