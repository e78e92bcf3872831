package record

import (
	"strconv"
	"strings"

	"annals/internal/analyze"
)

// ColumnType is the type of a column of the flat export.
type ColumnType uint8

// The column types. Day is an ISO 8601 calendar date, YYYY-MM-DD.
const (
	Text ColumnType = iota
	Integer
	Real
	Day
)

var columnTypeNames = [...]string{Text: "text", Integer: "integer", Real: "real", Day: "date"}

func (t ColumnType) String() string {
	if int(t) < len(columnTypeNames) {
		return columnTypeNames[t]
	}
	return "ColumnType(" + strconv.Itoa(int(t)) + ")"
}

// Column is one column of the flat export: one row per event, the same
// columns in the same order in CSV and in Parquet (docs/export.md says
// what each holds and its ICEWS, GDELT and POLECAT equivalents).
type Column struct {
	Name string
	Type ColumnType
}

// Columns are the columns of the flat export, in order.
var Columns = []Column{
	{"event_id", Text}, {"doc_id", Text}, {"url", Text},
	{"date_start", Day}, {"date_end", Day}, {"date_precision", Text}, {"date_basis", Text}, {"date_value", Text}, {"date_text", Text},
	{"published", Day},
	{"source_name", Text}, {"source_code", Text}, {"source_country", Text}, {"source_sectors", Text},
	{"event_type", Text}, {"mode", Text}, {"context", Text}, {"cameo", Text}, {"quad_class", Integer}, {"goldstein", Real},
	{"target_name", Text}, {"target_code", Text}, {"target_country", Text}, {"target_sectors", Text},
	{"polarity", Text}, {"modality", Text}, {"certainty", Text}, {"speaker", Text}, {"speaker_code", Text},
	{"location", Text}, {"location_country", Text},
	{"confidence", Real}, {"trigger", Text}, {"rule", Text}, {"sentence", Integer}, {"sentence_text", Text},
}

// CSVHeader is the header of the CSV export: the names of Columns.
var CSVHeader = func() []string {
	h := make([]string, len(Columns))
	for i, c := range Columns {
		h[i] = c.Name
	}
	return h
}()

// CSVRow returns e as a row under CSVHeader. Several sources or targets are
// joined with ";" in each column, the sectors of one actor with "+", the
// contexts with ";". url is the document's URL ("" if none). Unknown values
// are empty strings.
func CSVRow(e Event, url string) []string {
	names, codes, countries, sectors := argCols(e.Source)
	tnames, tcodes, tcountries, tsectors := argCols(e.Target)
	start, end := e.Date.Bounds()
	speakerCode := ""
	if e.Attribution.Actor != nil {
		speakerCode = e.Attribution.Actor.Code
	}
	return []string{
		e.ID, e.DocID, url,
		start, end, e.Date.Precision, e.Date.Basis, e.Date.Value, e.Date.Text,
		e.Published,
		names, codes, countries, sectors,
		e.EventType, e.Mode, strings.Join(e.Context, ";"), e.CAMEO, strconv.Itoa(e.QuadClass), strconv.FormatFloat(e.Goldstein, 'f', -1, 64),
		tnames, tcodes, tcountries, tsectors,
		e.Polarity, e.Modality, e.Certainty, e.Attribution.Speaker, speakerCode,
		e.Location.Text, e.Location.Country,
		strconv.FormatFloat(e.Confidence, 'f', -1, 64), e.Trigger.Text, e.Rule, strconv.Itoa(e.Sentence), e.SentenceText,
	}
}

// Bounds returns the first and last day (YYYY-MM-DD) covered by the date's
// value as the coder writes it: a day "2014-03-18", a month "2014-03", a
// year "2014", a decade "199X" or a range "1999/2009". Both are "" for an
// empty or unreadable value.
func (d Date) Bounds() (start, end string) {
	v := d.Value
	start = analyze.DateStart(v)
	if start == "" {
		return "", ""
	}
	last := v
	if i := strings.IndexByte(v, '/'); i >= 0 {
		last = v[i+1:]
	}
	switch {
	case len(last) == 10 && analyze.DateStart(last) == last:
		end = last
	case len(last) == 7 && analyze.DateStart(last) != "":
		m, _ := analyze.ParseMonth(last)
		end = m.LastDay()
	case len(last) == 4 && analyze.DateStart(last) != "":
		if last[3] == 'X' || last[3] == 'x' {
			end = last[:3] + "9-12-31"
		} else {
			end = last + "-12-31"
		}
	default:
		end = start
	}
	if end < start {
		end = start
	}
	return start, end
}

func argCols(args []Argument) (names, codes, countries, sectors string) {
	var n, c, k, s []string
	for _, a := range args {
		name := a.Actor.Name
		if name == "" {
			name = a.Text
		}
		n = append(n, name)
		c = append(c, a.Actor.Code)
		k = append(k, a.Actor.Country)
		s = append(s, strings.Join(a.Actor.Sector, "+"))
	}
	return strings.Join(n, ";"), strings.Join(c, ";"), strings.Join(k, ";"), strings.Join(s, ";")
}
