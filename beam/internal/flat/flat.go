// Package flat writes event records as Parquet in the flat columns of the
// CSV and Parquet export (record.Columns, docs/export.md) without cgo: the
// same names in the same order, text as UTF-8 strings, integers as INT32,
// reals as DOUBLE, dates as the DATE logical type, and every empty value
// as NULL — what `annals export --format parquet` writes through DuckDB.
//
// The rows themselves are record.CSVRow, the function both exports use, so
// the Beam pipeline and the store's export cannot flatten a record in two
// different ways; this package only gives each value its column's type.
package flat

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"annals/internal/record"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// rowType is a struct with one optional field per column of
// record.Columns, in order, tagged with the column's name; SchemaOf keeps
// the field order, so the Parquet columns come in the export's order.
var rowType = func() reflect.Type {
	fields := make([]reflect.StructField, len(record.Columns))
	for i, c := range record.Columns {
		f := reflect.StructField{Name: fmt.Sprintf("C%02d", i)}
		switch c.Type {
		case record.Text:
			f.Type, f.Tag = reflect.TypeFor[*string](), reflect.StructTag(`parquet:"`+c.Name+`,optional"`)
		case record.Integer:
			f.Type, f.Tag = reflect.TypeFor[*int32](), reflect.StructTag(`parquet:"`+c.Name+`,optional"`)
		case record.Real:
			f.Type, f.Tag = reflect.TypeFor[*float64](), reflect.StructTag(`parquet:"`+c.Name+`,optional"`)
		case record.Day:
			f.Type, f.Tag = reflect.TypeFor[*int32](), reflect.StructTag(`parquet:"`+c.Name+`,date"`)
		default:
			panic(fmt.Sprintf("flat: column %s of unknown type %v", c.Name, c.Type))
		}
		fields[i] = f
	}
	return reflect.StructOf(fields)
}()

// Schema is the Parquet schema of the flat export.
var Schema = parquet.SchemaOf(reflect.New(rowType).Interface())

// epoch is day 0 of the Parquet DATE type.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// Value returns s, a value of column c as CSVRow writes it, typed for
// Parquet: nil for an empty value; a string, an int32, a float64, or the
// days since 1970-01-01 (int32) for a date.
func Value(c record.Column, s string) (any, error) {
	if s == "" {
		return nil, nil
	}
	switch c.Type {
	case record.Integer:
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("column %s: %q is not an integer", c.Name, s)
		}
		return int32(n), nil
	case record.Real:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("column %s: %q is not a number", c.Name, s)
		}
		return x, nil
	case record.Day:
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, fmt.Errorf("column %s: %q is not a date (YYYY-MM-DD)", c.Name, s)
		}
		// Unix seconds, not a Duration: a Duration saturates beyond 292
		// years, and the coder writes dates of any century.
		return int32(t.Unix() / 86400), nil
	}
	return s, nil
}

// Line returns the flat row of e (record.CSVRow with the document's url)
// as one line of JSON, an array of strings ending in a newline: the form
// in which the pipeline carries rows to the Parquet writer. A value its
// column cannot hold is an error here, for this event, rather than later
// for the whole file.
func Line(e record.Event, url string) (string, error) {
	row := record.CSVRow(e, url)
	for i, c := range record.Columns {
		if _, err := Value(c, row[i]); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(row)
	if err != nil {
		return "", err
	}
	return string(b) + "\n", nil
}

// Writer writes flat rows to a Parquet file.
type Writer struct {
	pw  *parquet.Writer
	row reflect.Value
}

// NewWriter starts a Parquet file of the flat export on w (zstd-compressed,
// as DuckDB writes the export). Close finishes it.
func NewWriter(w io.Writer) *Writer {
	return &Writer{
		pw:  parquet.NewWriter(w, Schema, parquet.Compression(&zstd.Codec{})),
		row: reflect.New(rowType),
	}
}

// Write writes one row of strings under record.CSVHeader.
func (w *Writer) Write(row []string) error {
	if len(row) != len(record.Columns) {
		return fmt.Errorf("flat: row of %d values for %d columns", len(row), len(record.Columns))
	}
	r := w.row.Elem()
	for i, c := range record.Columns {
		v, err := Value(c, row[i])
		if err != nil {
			return fmt.Errorf("flat: row %s: %w", row[0], err)
		}
		f := r.Field(i)
		if v == nil {
			f.SetZero()
			continue
		}
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(reflect.ValueOf(v))
		f.Set(p)
	}
	return w.pw.Write(w.row.Interface())
}

// Close writes the file's footer. It does not close the underlying writer.
func (w *Writer) Close() error { return w.pw.Close() }

// WriteLines writes every line of text (each a JSON array of strings, as
// Line makes them; blank lines are passed over) as a row.
func (w *Writer) WriteLines(text string) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<30)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var row []string
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return fmt.Errorf("flat: line %d: %w", n, err)
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	return sc.Err()
}
