package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"annals/internal/record"
)

// exportBatch is how many events ForEachEvent reads at a time.
const exportBatch = 5000

// ForEachEvent calls fn for every stored event, by document and order in
// the document, with the URL of its document ("" when none). It stops at
// the first error fn returns.
func (s *DB) ForEachEvent(ctx context.Context, fn func(e record.Event, url string) error) error {
	lastDoc, lastSeq := "", -1
	for {
		evs, err := s.queryEvents(ctx, s.d.selectEvents(" WHERE e.doc_id > ? OR (e.doc_id = ? AND e.seq > ?)",
			" ORDER BY e.doc_id, e.seq", " LIMIT "+fmt.Sprint(exportBatch)), lastDoc, lastDoc, lastSeq)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			return nil
		}
		urls := map[string]string{}
		var docs []string
		for _, e := range evs {
			if _, ok := urls[e.DocID]; !ok {
				urls[e.DocID] = ""
				docs = append(docs, e.DocID)
			}
		}
		rs, err := s.db.QueryContext(ctx, `SELECT id, coalesce(url, '') FROM documents WHERE `+s.d.inList("id", "?"), docs)
		if err != nil {
			return fmt.Errorf("store %s: export: %w", s.path, err)
		}
		for rs.Next() {
			var id, u string
			if err := rs.Scan(&id, &u); err != nil {
				rs.Close()
				return fmt.Errorf("store %s: export: %w", s.path, err)
			}
			urls[id] = u
		}
		rs.Close()
		for _, e := range evs {
			if err := fn(e, urls[e.DocID]); err != nil {
				return err
			}
		}
		last := evs[len(evs)-1]
		if err := s.db.QueryRowContext(ctx, `SELECT seq FROM events WHERE id = ?`, last.ID).Scan(&lastSeq); err != nil {
			return fmt.Errorf("store %s: export: %w", s.path, err)
		}
		lastDoc = last.DocID
	}
}

// duckType is the DuckDB type of a flat export column.
var duckType = [...]string{record.Text: "VARCHAR", record.Integer: "INTEGER", record.Real: "DOUBLE", record.Day: "DATE"}

// ExportParquet writes every event to a Parquet file at path in the flat
// columns of the CSV export (record.Columns), typed: dates as DATE,
// counts as INTEGER, scores as DOUBLE; empty values become NULL. The rows
// are the CSV export's rows, written to a temporary file beside path and
// converted by DuckDB, so that the two formats cannot drift apart.
func (s *DB) ExportParquet(ctx context.Context, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".annals-export-*.csv")
	if err != nil {
		return fmt.Errorf("store %s: export to %s: %w", s.path, path, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	cw := csv.NewWriter(bw)
	werr := cw.Write(record.CSVHeader)
	if werr == nil {
		werr = s.ForEachEvent(ctx, func(e record.Event, url string) error { return cw.Write(record.CSVRow(e, url)) })
	}
	cw.Flush()
	for _, err := range []error{cw.Error(), bw.Flush(), tmp.Close()} {
		if werr == nil {
			werr = err
		}
	}
	if werr != nil {
		return fmt.Errorf("store %s: export to %s: %w", s.path, path, werr)
	}
	var cols []string
	for _, c := range record.Columns {
		cols = append(cols, fmt.Sprintf("'%s': '%s'", c.Name, duckType[c.Type]))
	}
	q := "COPY (SELECT * FROM read_csv(" + sqlString(tmp.Name()) + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {" +
		strings.Join(cols, ", ") + "})) TO " + sqlString(path) + " (FORMAT parquet, COMPRESSION zstd)"
	// A PostgreSQL store converts through an in-memory DuckDB.
	duck, err := s.db.get(ctx)
	if err != nil {
		return fmt.Errorf("store %s: export to %s: %w", s.path, path, err)
	}
	if s.d.pg {
		conn, err := duckdb.NewConnector("", nil)
		if err != nil {
			return fmt.Errorf("store %s: export to %s: %w", s.path, path, err)
		}
		duck = sql.OpenDB(conn)
		defer duck.Close()
	}
	if _, err := duck.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("store %s: export to %s: %w", s.path, path, err)
	}
	return nil
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
