package record

import (
	"os"
	"strings"
	"testing"
)

// TestColumnsDocumented: every flat export column has a row in
// docs/export.md, and the document names no column that is gone.
func TestColumnsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/export.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "| `") {
			name := strings.TrimPrefix(line, "| `")
			doc[name[:strings.IndexByte(name, '`')]] = true
		}
	}
	for _, c := range Columns {
		if !doc[c.Name] {
			t.Errorf("column %s is not documented in docs/export.md", c.Name)
		}
		delete(doc, c.Name)
	}
	for name := range doc {
		t.Errorf("docs/export.md documents %s, which is not a column", name)
	}
}

func TestDateBounds(t *testing.T) {
	tests := []struct{ in, start, end string }{
		{"2021-07-04", "2021-07-04", "2021-07-04"},
		{"2021-02", "2021-02-01", "2021-02-28"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"1987", "1987-01-01", "1987-12-31"},
		{"198X", "1980-01-01", "1989-12-31"},
		{"2003/2011", "2003-01-01", "2011-12-31"},
		{"2019-11/2020-01", "2019-11-01", "2020-01-31"},
		{"2020-05-02/2020-05-09", "2020-05-02", "2020-05-09"},
		{"", "", ""},
		{"lately", "", ""},
	}
	for _, tt := range tests {
		if s, e := (Date{Value: tt.in}).Bounds(); s != tt.start || e != tt.end {
			t.Errorf("Bounds(%q) = %q, %q; want %q, %q", tt.in, s, e, tt.start, tt.end)
		}
	}
}

// TestCSVRowWidth: every row has one value per column, and typed columns
// hold values of their type.
func TestCSVRowWidth(t *testing.T) {
	e := Event{ID: "d:0:0", DocID: "d", EventType: "PROTEST", QuadClass: 3, Goldstein: -6.5, Confidence: 0.8,
		Date: Date{Value: "2019-06"}, Published: "2019-07-01", Context: []string{"economic", "political"}}
	row := CSVRow(e, "")
	if len(row) != len(Columns) {
		t.Fatalf("%d values for %d columns", len(row), len(Columns))
	}
	for i, c := range Columns {
		v := row[i]
		switch c.Type {
		case Day:
			if v != "" && (len(v) != 10 || v[4] != '-' || v[7] != '-') {
				t.Errorf("%s = %q: not YYYY-MM-DD", c.Name, v)
			}
		case Integer, Real:
			if v == "" || strings.Trim(v, "-0123456789.") != "" {
				t.Errorf("%s = %q: not a number", c.Name, v)
			}
		}
	}
	if row[3] != "2019-06-01" || row[4] != "2019-06-30" {
		t.Errorf("date_start, date_end = %q, %q", row[3], row[4])
	}
}
