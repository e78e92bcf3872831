package flat

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"annals/internal/record"

	"github.com/parquet-go/parquet-go"
)

// columnTypes maps the Parquet type of a flat column, as its schema names
// it, to the export's column type. INTEGER columns are plain INT32 or INT32
// annotated as a signed 32-bit integer (as DuckDB writes them).
var columnTypes = map[string]record.ColumnType{
	"STRING": record.Text, "INT32": record.Integer, "INT(32,true)": record.Integer,
	"DOUBLE": record.Real, "DATE": record.Day,
}

// Read reads a Parquet file of flat columns (text, integer, real or date
// columns, each optional) and returns its columns, in the file's order,
// and its rows written back as record.CSVRow writes them: NULL as "", a
// date as YYYY-MM-DD, numbers in Go's shortest form. It reads any such
// file, not only the ones this package writes, so that tests can compare
// the pipeline's files with the export's.
func Read(r io.ReaderAt, size int64) ([]record.Column, [][]string, error) {
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, nil, err
	}
	var cols []record.Column
	for _, fd := range f.Schema().Fields() {
		if !fd.Leaf() {
			return nil, nil, fmt.Errorf("column %s is a group, not a flat column", fd.Name())
		}
		t, ok := columnTypes[fd.Type().String()]
		if !ok {
			return nil, nil, fmt.Errorf("column %s: type %s is not one of the flat export's", fd.Name(), fd.Type())
		}
		cols = append(cols, record.Column{Name: fd.Name(), Type: t})
	}
	var rows [][]string
	buf := make([]parquet.Row, 64)
	for _, rg := range f.RowGroups() {
		rs := rg.Rows()
		for {
			n, err := rs.ReadRows(buf)
			for _, row := range buf[:n] {
				out := make([]string, len(cols))
				for _, v := range row {
					c := v.Column()
					if c < 0 || c >= len(cols) {
						rs.Close()
						return nil, nil, fmt.Errorf("row %d: value of column %d of %d", len(rows), c, len(cols))
					}
					out[c] = text(cols[c].Type, v)
				}
				rows = append(rows, out)
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				rs.Close()
				return nil, nil, err
			}
		}
		rs.Close()
	}
	return cols, rows, nil
}

// text writes v, a value of a column of type t, as CSVRow would.
func text(t record.ColumnType, v parquet.Value) string {
	if v.IsNull() {
		return ""
	}
	switch t {
	case record.Integer:
		return strconv.Itoa(int(v.Int32()))
	case record.Real:
		return strconv.FormatFloat(v.Double(), 'f', -1, 64)
	case record.Day:
		return epoch.AddDate(0, 0, int(v.Int32())).Format("2006-01-02")
	}
	return string(v.ByteArray())
}
