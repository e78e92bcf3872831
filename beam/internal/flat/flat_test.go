package flat_test

import (
	"bytes"
	"strings"
	"testing"

	"annals/beam/internal/flat"
	"annals/internal/record"
	"annals/internal/text"
)

// events are made-up records that exercise every column type: a day, a
// month and a range; several sources; a negative score; a zero score and
// a missing date (NULL, not 0); text with quotes, commas and a line break.
func events() []record.Event {
	gov := text.Actor{Code: "NORGOV", Country: "NOR", Sector: []string{"GOV"}, Name: "Norway"}
	reb := text.Actor{Code: "XYZREB", Country: "XYZ", Sector: []string{"REB", "MIL"}, Name: "Rebels"}
	return []record.Event{
		{
			ID: "harbour:0:0", DocID: "harbour", Sentence: 0, SentenceText: "Norway's navy, \"on alert\", blockaded the port.",
			EventType: "COERCE", Mode: "blockade", Context: []string{"military", "maritime"}, CAMEO: "191", QuadClass: 4, Goldstein: -9.5,
			Trigger: record.Span{Text: "blockaded"}, Source: []record.Argument{{Span: record.Span{Text: "Norway's navy"}, Actor: gov}},
			Target:    []record.Argument{{Span: record.Span{Text: "the port"}}},
			Date:      record.Date{Value: "2023-06-04", Precision: "day", Basis: "explicit", Text: "on 4 June 2023"},
			Published: "2023-06-05", Polarity: "asserted", Modality: "actual", Certainty: "certain",
			Attribution: record.Attribution{Speaker: "author"}, Confidence: 0.875, Rule: "blockade.v",
		},
		{
			ID: "talks:3:1", DocID: "talks", Sentence: 3, SentenceText: "Rebels and the government\nagreed to talk.",
			EventType: "AGREE", CAMEO: "057", QuadClass: 1, Goldstein: 0,
			Source:    []record.Argument{{Span: record.Span{Text: "Rebels"}, Actor: reb}, {Span: record.Span{Text: "the government"}, Actor: gov}},
			Date:      record.Date{Value: "1998/2001", Precision: "range", Basis: "explicit"},
			Published: "2024-02-29", Polarity: "negated", Modality: "planned", Certainty: "possible",
			Attribution: record.Attribution{Speaker: "an envoy", Actor: &gov}, Confidence: 0, Rule: "agree.v",
			Location: record.Location{Text: "Oslo", Country: "NOR"},
		},
		{ID: "bare:1:0", DocID: "bare", Sentence: 1, EventType: "ACCUSE", Date: record.Date{Value: "2019-11", Precision: "month"}, QuadClass: 3, Goldstein: -2},
		{ID: "undated:0:0", DocID: "undated", EventType: "CONSULT"},
		{ID: "treaty:2:0", DocID: "treaty", Sentence: 2, EventType: "AGREE", Date: record.Date{Value: "1648", Precision: "year", Basis: "explicit", Text: "in 1648"}, Published: "2021-10-24"},
	}
}

func write(t *testing.T, lines string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := flat.NewWriter(&buf)
	if err := w.WriteLines(lines); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip writes the events and reads them back: the columns are the
// export's, typed, and every row is the CSV export's row.
func TestRoundTrip(t *testing.T) {
	urls := []string{"https://news.example.org/harbour", "", "", "https://news.example.org/u", ""}
	var lines strings.Builder
	var want [][]string
	for i, e := range events() {
		l, err := flat.Line(e, urls[i])
		if err != nil {
			t.Fatal(err)
		}
		lines.WriteString(l)
		lines.WriteString("\n") // blank lines are passed over
		want = append(want, record.CSVRow(e, urls[i]))
	}
	b := write(t, lines.String())
	cols, rows, err := flat.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != len(record.Columns) {
		t.Fatalf("%d columns, want %d", len(cols), len(record.Columns))
	}
	for i, c := range cols {
		if c != record.Columns[i] {
			t.Errorf("column %d is %s %v, want %s %v", i, c.Name, c.Type, record.Columns[i].Name, record.Columns[i].Type)
		}
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		for j, c := range record.Columns {
			if rows[i][j] != want[i][j] {
				t.Errorf("row %d column %s = %q, want %q", i, c.Name, rows[i][j], want[i][j])
			}
		}
	}
}

// TestNulls: an empty value is NULL in every type, and a zero is not.
func TestNulls(t *testing.T) {
	for _, c := range record.Columns {
		v, err := flat.Value(c, "")
		if err != nil || v != nil {
			t.Errorf("column %s: empty value gives %v, %v; want NULL", c.Name, v, err)
		}
	}
	if v, _ := flat.Value(record.Column{Name: "n", Type: record.Integer}, "0"); v != int32(0) {
		t.Errorf("integer 0 gives %#v", v)
	}
	day := record.Column{Name: "d", Type: record.Day}
	for date, want := range map[string]int32{"1970-01-02": 1, "1969-12-31": -1, "1492-10-12": -174301, "2400-03-01": 157114} {
		if v, _ := flat.Value(day, date); v != want {
			t.Errorf("%s gives %#v, want day %d", date, v, want)
		}
	}
}

// TestBadValues: a value its column cannot hold is an error naming the
// column and the row.
func TestBadValues(t *testing.T) {
	row := record.CSVRow(events()[0], "")
	for _, c := range []struct{ col, val string }{{"date_start", "June 2023"}, {"quad_class", "four"}, {"goldstein", "-9,5"}} {
		bad := append([]string(nil), row...)
		for i, col := range record.Columns {
			if col.Name == c.col {
				bad[i] = c.val
			}
		}
		w := flat.NewWriter(new(bytes.Buffer))
		err := w.Write(bad)
		if err == nil || !strings.Contains(err.Error(), c.col) || !strings.Contains(err.Error(), "harbour:0:0") {
			t.Errorf("%s = %q: error %v, want one naming the column and the event", c.col, c.val, err)
		}
	}
	odd := events()[0]
	odd.Published = "5 June 2023"
	if _, err := flat.Line(odd, ""); err == nil || !strings.Contains(err.Error(), "published") {
		t.Errorf("a record with a published date that is not ISO: Line gives error %v", err)
	}
	if err := flat.NewWriter(new(bytes.Buffer)).Write(row[:3]); err == nil {
		t.Error("a short row is written without error")
	}
	if err := flat.NewWriter(new(bytes.Buffer)).WriteLines("{\"id\": 1}\n"); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a line that is not an array: error %v", err)
	}
}

// TestEmptyFile: a file with no rows still has the columns.
func TestEmptyFile(t *testing.T) {
	b := write(t, "")
	cols, rows, err := flat.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != len(record.Columns) || len(rows) != 0 {
		t.Errorf("%d columns and %d rows, want %d and 0", len(cols), len(rows), len(record.Columns))
	}
}
