package analyze

import (
	"math"
	"reflect"
	"testing"
)

func TestParseQuad(t *testing.T) {
	tests := []struct {
		in   string
		want Quad
		ok   bool
	}{
		{"1", VerbalCoop, true},
		{"4", MaterialConflict, true},
		{"verbal conflict", VerbalConflict, true},
		{"Material-Cooperation", MaterialCoop, true},
		{"0", NoQuad, false},
		{"5", NoQuad, false},
		{"war", NoQuad, false},
	}
	for _, tt := range tests {
		got, err := ParseQuad(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseQuad(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestMonth(t *testing.T) {
	tests := []struct {
		in          string
		first, last string
		next        string
		ok          bool
	}{
		{"2014-03", "2014-03-01", "2014-03-31", "2014-04", true},
		{"2024-02-17", "2024-02-01", "2024-02-29", "2024-03", true},
		{"1900-02", "1900-02-01", "1900-02-28", "1900-03", true},
		{"1999-12", "1999-12-01", "1999-12-31", "2000-01", true},
		{"2014", "", "", "", false},
		{"2014-13", "", "", "", false},
	}
	for _, tt := range tests {
		m, err := ParseMonth(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseMonth(%q) error %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if !tt.ok {
			continue
		}
		if m.FirstDay() != tt.first || m.LastDay() != tt.last || m.Next().String() != tt.next {
			t.Errorf("%q: first %s last %s next %s; want %s %s %s", tt.in, m.FirstDay(), m.LastDay(), m.Next(), tt.first, tt.last, tt.next)
		}
	}
}

func TestNewSeriesFillsGapsAndDirections(t *testing.T) {
	rows := []MonthCount{
		{Month{2014, 3}, AToB, MaterialConflict, 2, -18},
		{Month{2014, 1}, BToA, VerbalConflict, 1, -4},
		{Month{2014, 3}, BToA, VerbalCoop, 3, 6},
		{Month{2014, 3}, AToB, MaterialConflict, 1, -9}, // same cell again: summed
		{Month{2014, 2}, AToB, NoQuad, 5, 0},            // invalid quad: dropped
	}
	s := NewSeries("RUS", "USA", rows, 0)
	if got := monthsOf(s.Months); !reflect.DeepEqual(got, []string{"2014-01", "2014-02", "2014-03"}) {
		t.Fatalf("months %v", got)
	}
	if c := s.Cells[2][AToB][MaterialConflict-1]; c.Events != 3 || c.Goldstein != -27 {
		t.Errorf("2014-03 a-b material conflict = %+v", c)
	}
	if c := s.Cells[0][BToA][VerbalConflict-1]; c.Events != 1 {
		t.Errorf("2014-01 b-a verbal conflict = %+v", c)
	}
	if s.Total(1, AToB) != 0 || s.Max() != 3 || s.Events() != 7 {
		t.Errorf("total(feb)=%d max=%d events=%d", s.Total(1, AToB), s.Max(), s.Events())
	}
	bounded := NewSeries("RUS", "USA", rows, 2)
	if got := monthsOf(bounded.Months); !reflect.DeepEqual(got, []string{"2014-02", "2014-03"}) {
		t.Errorf("bounded months %v", got)
	}
	if empty := NewSeries("A", "B", nil, 0); len(empty.Months) != 0 || empty.Max() != 0 {
		t.Errorf("empty series %+v", empty)
	}
}

func monthsOf(ms []Month) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.String())
	}
	return out
}

func TestNewTimelineUnits(t *testing.T) {
	tests := []struct {
		name   string
		rows   []TimeCount
		unit   string
		labels []string
	}{
		{"months", []TimeCount{{Month{2025, 1}, VerbalCoop, 1}, {Month{2025, 3}, MaterialConflict, 2}}, "month", []string{"2025-01", "2025-02", "2025-03"}},
		{"years", []TimeCount{{Month{2019, 5}, VerbalCoop, 1}, {Month{2021, 3}, NoQuad, 2}}, "year", []string{"2019", "2020", "2021"}},
		{"decades", []TimeCount{{Month{1991, 5}, VerbalCoop, 1}, {Month{2025, 10}, VerbalConflict, 2}}, "decade", []string{"1990s", "2000s", "2010s", "2020s"}},
		{"empty", nil, "month", nil},
	}
	for _, tt := range tests {
		tl := NewTimeline(tt.rows, 12)
		var labels []string
		total := 0
		for _, b := range tl.Bins {
			labels = append(labels, b.Label)
			total += b.Total()
		}
		want := 0
		for _, r := range tt.rows {
			want += r.Events
		}
		if tl.Unit != tt.unit || !reflect.DeepEqual(labels, tt.labels) || total != want {
			t.Errorf("%s: unit %s labels %v total %d; want %s %v %d", tt.name, tl.Unit, labels, total, tt.unit, tt.labels, want)
		}
	}
}

func TestNewNetwork(t *testing.T) {
	links := []Link{
		{"RUS", "USA", 5, -10},
		{"USA", "RUS", 2, 3},
		{"RUS", "UKR", 4, -30},
		{"UKR", "UKR", 1, 0},
		{"FRA", "DEU", 1, 2},
		{"", "USA", 9, 0}, // unresolved source: left out
	}
	net := NewNetwork(links, 4, 1)
	var codes []string
	for _, n := range net.Nodes {
		codes = append(codes, n.Code)
		if n.X < 0 || n.X > 1 || n.Y < 0 || n.Y > 1 || math.IsNaN(n.X) {
			t.Errorf("node %s at (%v,%v) outside the unit square", n.Code, n.X, n.Y)
		}
	}
	if !reflect.DeepEqual(codes, []string{"RUS", "USA", "UKR", "DEU"}) {
		t.Errorf("nodes %v", codes)
	}
	if len(net.Links) != 3 || net.Links[0].Source != "RUS" || net.Links[0].Target != "USA" {
		t.Errorf("links %+v", net.Links)
	}
	if len(net.Self) != 1 || net.Self[0].Source != "UKR" {
		t.Errorf("self links %+v", net.Self)
	}
	again := NewNetwork(links, 4, 1)
	if !reflect.DeepEqual(net, again) {
		t.Errorf("layout not reproducible with the same seed")
	}
	if one := NewNetwork([]Link{{"A", "A", 1, 0}}, 10, 1); len(one.Nodes) != 1 || one.Nodes[0].X != 0.5 {
		t.Errorf("single node %+v", one)
	}
}

func TestDateStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2014-03-18", "2014-03-18"},
		{"2014-03", "2014-03-01"},
		{"2014", "2014-01-01"},
		{"199X", "1990-01-01"},
		{"1999/2009", "1999-01-01"},
		{"2014-03/2014-05", "2014-03-01"},
		{"", ""},
		{"2014-13", ""},
		{"soon", ""},
		{"20X4", ""},
	}
	for _, tt := range tests {
		if got := DateStart(tt.in); got != tt.want {
			t.Errorf("DateStart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
