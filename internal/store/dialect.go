package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strconv"
	"strings"
)

// A store lives in DuckDB (a file) or in PostgreSQL (a server a team
// shares). Both hold the same tables and answer through the same methods
// of DB, from the same Go code; the few SQL spellings that differ between
// the two are the methods of dialect, so that a query reads alike for both.
type dialect struct {
	pg bool
}

// name is the backend's name for messages.
func (d dialect) name() string {
	if d.pg {
		return "PostgreSQL"
	}
	return "DuckDB"
}

// ymd is the date x as text YYYY-MM-DD (NULL when x is NULL).
func (d dialect) ymd(x string) string {
	if d.pg {
		return "to_char(" + x + ", 'YYYY-MM-DD')"
	}
	return "strftime(" + x + ", '%Y-%m-%d')"
}

// ym is the month of date x as text YYYY-MM (NULL when x is NULL).
func (d dialect) ym(x string) string {
	if d.pg {
		return "to_char(" + x + ", 'YYYY-MM')"
	}
	return "strftime(" + x + ", '%Y-%m')"
}

// contains is the test that text hay contains text needle.
func (d dialect) contains(hay, needle string) string {
	if d.pg {
		return "(strpos(" + hay + ", " + needle + ") > 0)"
	}
	return "contains(" + hay + ", " + needle + ")"
}

// inList is the test that col is one of the values of the list parameter p.
func (d dialect) inList(col, p string) string {
	if d.pg {
		return col + " = ANY(" + p + ")"
	}
	return "list_contains(" + p + ", " + col + ")"
}

// overlaps is the test that list column col and list parameter p have a
// value in common.
func (d dialect) overlaps(col, p string) string {
	if d.pg {
		return "(" + col + " && CAST(" + p + " AS VARCHAR[]))"
	}
	return "list_has_any(" + col + ", " + p + ")"
}

// list is a list column as the Go side reads it (strings1): DuckDB's
// lists scan as []any; PostgreSQL's arrays are read as JSON text.
func (d dialect) list(col string) string {
	if d.pg {
		return "array_to_json(" + col + ")::text"
	}
	return col
}

// listAgg aggregates x, ordered by x, into a list read as list reads one.
func (d dialect) listAgg(x string) string {
	if d.pg {
		return "array_to_json(array_agg(" + x + " ORDER BY " + x + "))::text"
	}
	return "list(" + x + " ORDER BY " + x + ")"
}

// distinctConcat is the distinct values of lists a and b together.
func (d dialect) distinctConcat(a, b string) string {
	if d.pg {
		return "ARRAY(SELECT DISTINCT x FROM unnest(" + a + " || " + b + ") AS u(x))"
	}
	return "list_distinct(list_concat(" + a + ", " + b + "))"
}

// sumScore is the sum of the scores x (Goldstein scale values), added
// exactly, as decimals: floating-point sums depend on the order of the
// terms, which differs between the two backends (and between runs).
func (d dialect) sumScore(x string) string {
	if d.pg {
		return "CAST(sum(CAST(" + x + " AS NUMERIC(18, 6))) AS DOUBLE PRECISION)"
	}
	return "CAST(sum(CAST(" + x + " AS DECIMAL(18, 6))) AS DOUBLE)"
}

// byteLen is the length of text x in bytes.
func (d dialect) byteLen(x string) string {
	if d.pg {
		return "octet_length(" + x + ")"
	}
	return "strlen(" + x + ")"
}

// days is the number of days from date a to date b.
func (d dialect) days(a, b string) string {
	if d.pg {
		return "(" + b + " - " + a + ")"
	}
	return "date_diff('day', " + a + ", " + b + ")"
}

// tryDate is parameter p read as a date, NULL when it is not one.
// PostgreSQL has no TRY_CAST: EventFilter.where passes it only valid days.
func (d dialect) tryDate(p string) string {
	if d.pg {
		return "CAST(" + p + " AS DATE)"
	}
	return "TRY_CAST(" + p + " AS DATE)"
}

// replaceTable is the statement that replaces table with the rows of
// query (sorted by its first two columns, so that DuckDB's zone maps skip
// most of a table when a query selects one actor).
func (d dialect) replaceTable(table, query string) []string {
	if d.pg {
		return []string{"DROP TABLE IF EXISTS " + table,
			"CREATE TABLE " + table + " AS SELECT * FROM (" + query + ") AS q ORDER BY 1, 2",
			"ANALYZE " + table}
	}
	return []string{"CREATE OR REPLACE TABLE " + table + " AS SELECT * FROM (" + query + ") ORDER BY 1, 2"}
}

// rebind rewrites the ? placeholders of q as PostgreSQL's $1, $2...
// (outside quoted text); DuckDB takes q as it is.
func (d dialect) rebind(q string) string {
	if !d.pg || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// sqlDB is the store's database, whose queries are written with ?
// placeholders for both backends: one *sql.DB kept open, or a DuckDB file
// opened while in use (lease, for a file that other processes use too).
type sqlDB struct {
	fixed *sql.DB
	lease *lease
	d     dialect
}

// get returns the database, opening a leased one when needed.
func (db sqlDB) get(ctx context.Context) (*sql.DB, error) {
	if db.lease != nil {
		return db.lease.get(ctx)
	}
	return db.fixed, nil
}

func (db sqlDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	x, err := db.get(ctx)
	if err != nil {
		return nil, err
	}
	return x.QueryContext(ctx, db.d.rebind(q), args...)
}

func (db sqlDB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	x, err := db.get(ctx)
	if err != nil {
		x = failing(err)
	}
	return x.QueryRowContext(ctx, db.d.rebind(q), args...)
}

func (db sqlDB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	x, err := db.get(ctx)
	if err != nil {
		return nil, err
	}
	return x.ExecContext(ctx, db.d.rebind(q), args...)
}

// failing returns a database whose every query fails with err (so that a
// QueryRowContext that could not open the store returns a Row with err).
func failing(err error) *sql.DB { return sql.OpenDB(failConnector{err}) }

type failConnector struct{ err error }

func (c failConnector) Connect(context.Context) (driver.Conn, error) { return nil, c.err }
func (c failConnector) Driver() driver.Driver                        { return failDriver{c.err} }

type failDriver struct{ err error }

func (d failDriver) Open(string) (driver.Conn, error) { return nil, d.err }

// sqlConn is one connection of the store's database, as sqlDB.
type sqlConn struct {
	*sql.Conn
	d dialect
}

func (c sqlConn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.Conn.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c sqlConn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return c.Conn.QueryRowContext(ctx, c.d.rebind(q), args...)
}

func (c sqlConn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.Conn.ExecContext(ctx, c.d.rebind(q), args...)
}
