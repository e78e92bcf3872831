package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"annals/internal/record"
	"annals/internal/text"
)

// Doc is a coded document to store.
type Doc struct {
	Doc    *text.Document
	Key    string // identity (ingest.Item.Key); "" means the hash of the text
	Source string // where it was read: file, file:line or file#record
	// Replaces is the key of a stored document that this one takes the
	// place of (a feed teaser whose article has arrived): it is deleted,
	// with all its rows, in the transaction that stores this one. ""
	// replaces nothing.
	Replaces string
	// Rows are the document's rows as Prepare built them (nil: Put
	// builds them).
	Rows *Rows
}

func (d Doc) key() string {
	if d.Key != "" {
		return d.Key
	}
	return "sha256:" + contentHash(d.Doc.Text)
}

func contentHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// HasKey reports whether a document with identity key is stored.
func (s *DB) HasKey(ctx context.Context, key string) (bool, error) {
	if s.keys != nil {
		if ok, err := s.keys.mayHave(ctx, s, key, false); !ok || err != nil {
			return false, err
		}
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE key = ?`, key).Scan(&n); err != nil {
		return false, fmt.Errorf("store %s: %w", s.path, err)
	}
	return n > 0, nil
}

// KeyOfID returns the identity of the stored document with id, "" when
// there is none. Callers use it to keep ids unique: a new document whose
// id is taken by another key needs another id before it is coded.
func (s *DB) KeyOfID(ctx context.Context, id string) (string, error) {
	if s.keys != nil {
		if ok, err := s.keys.mayHave(ctx, s, id, true); !ok || err != nil {
			return "", err
		}
	}
	var k string
	err := s.db.QueryRowContext(ctx, `SELECT key FROM documents WHERE id = ?`, id).Scan(&k)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store %s: %w", s.path, err)
	}
	return k, nil
}

// PutResult says what Put did with each document, in input order.
type PutResult struct {
	Stored    []bool // false: a document with the same key was already stored
	Replaced  int    // stored documents deleted in favour of new ones (Doc.Replaces)
	Events    int    // events stored
	Mentions  int
	Sentences int
}

// Put stores docs, each with its sentences, mentions and events, in one
// transaction: after a crash each document is either complete or absent.
// A document whose key is already stored (or repeated within docs) is
// passed over. A document whose id belongs to another stored key is an
// error (see KeyOfID), and nothing of the batch is stored.
func (s *DB) Put(ctx context.Context, docs []Doc) (PutResult, error) {
	if len(docs) == 0 {
		return PutResult{}, nil
	}
	var res PutResult
	err := s.inTx(ctx, func(conn sqlConn) error {
		var err error
		res, err = s.put(ctx, conn, docs)
		return err
	})
	if err != nil {
		return PutResult{Stored: make([]bool, len(docs))}, fmt.Errorf("store %s: %w", s.path, err)
	}
	if s.keys != nil {
		s.keys.add(docs, res.Stored)
	}
	return res, nil
}

// put appends docs within the transaction open on conn.
func (s *DB) put(ctx context.Context, conn sqlConn, docs []Doc) (PutResult, error) {
	res := PutResult{Stored: make([]bool, len(docs))}
	if conn.d.pg {
		// Writers to a shared PostgreSQL store take turns, so that the
		// check of keys below sees what another ingest has just stored:
		// a document stored by two ingests at once is stored once.
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(pgLock+1)); err != nil {
			return res, err
		}
	}
	keys := make([]string, len(docs))
	for i, d := range docs {
		keys[i] = d.key()
	}
	// A shared DuckDB store's key index says which keys are certainly
	// not stored; only the others are looked up.
	lookup := keys
	if s.keys != nil && !conn.d.pg {
		var err error
		if lookup, err = s.keys.candidates(ctx, s, keys); err != nil {
			return res, err
		}
	}
	have, err := existingKeys(ctx, conn, lookup)
	if err != nil {
		return res, err
	}
	docRows := newRows("documents", "id", "key", "url", "title", "published", "text", "content_hash", "source", "ingested", "n_events")
	sentRows := newRows("sentences", "doc_id", "idx", "start_byte", "end_byte", "text")
	mentRows := newRows(mentCols[0], mentCols[1:]...)
	evRows := newRows(evCols[0], evCols[1:]...)
	incRows := newRows(incCols[0], incCols[1:]...)
	argRows := newRows(argCols[0], argCols[1:]...)
	dirtyRows := newRows("dirty", "kind", "a", "b")
	dirty := map[[3]string]bool{}
	mark := func(kind, a, b string) {
		k := [3]string{kind, a, b}
		if a+b != "" && !dirty[k] {
			dirty[k] = true
			dirtyRows.add(kind, a, b)
		}
	}
	now := time.Now().UTC()
	ids := map[string]string{}
	for i, d := range docs {
		k := keys[i]
		if have[k] {
			continue
		}
		have[k] = true
		if d.Replaces != "" && d.Replaces != k {
			gone, err := deleteKey(ctx, conn, d.Replaces)
			if err != nil {
				return res, err
			}
			if gone {
				res.Replaced++
			}
		}
		doc := d.Doc
		if doc.ID == "" {
			return res, fmt.Errorf("document from %s has no id", d.Source)
		}
		if other, ok := ids[doc.ID]; ok && other != k {
			return res, fmt.Errorf("document id %q used by two documents in one batch (%s)", doc.ID, d.Source)
		}
		ids[doc.ID] = k
		pr := d.Rows
		if pr == nil {
			var err error
			if pr, err = Prepare(doc); err != nil {
				return res, err
			}
		}
		var published any
		if !doc.Published.IsZero() {
			published = dateValue(doc.Published.UTC().Format("2006-01-02"))
		}
		docRows.add(doc.ID, k, nullString(doc.URL), nullString(doc.Title), published, doc.Text, contentHash(doc.Text),
			d.Source, now, pr.events)
		for j, se := range doc.Sentences {
			sentRows.add(doc.ID, j, se.Span.Start, se.Span.End, doc.Slice(se.Span))
		}
		mentRows.merge(pr.mentions)
		evRows.merge(pr.evs)
		argRows.merge(pr.args)
		incRows.merge(pr.incomplete)
		for _, x := range pr.dirty {
			mark(x[0], x[1], x[2])
		}
		res.Stored[i] = true
		res.Events += pr.events
		res.Mentions += len(doc.Mentions)
		res.Sentences += len(doc.Sentences)
	}
	if err := appendAll(ctx, conn, docRows, sentRows, mentRows, evRows, argRows, incRows, dirtyRows); err != nil {
		return res, err
	}
	if docRows.n > 0 || res.Replaced > 0 {
		return res, markStale(ctx, conn)
	}
	return res, nil
}

// The columns of the tables whose rows Prepare builds.
var (
	mentCols = []string{"mentions", "doc_id", "idx", "start_byte", "end_byte", "sentence", "label", "via", "antecedent", "entry",
		"actor_code", "actor_country", "actor_sector", "actor_name", "actor_kind", "text"}
	evCols = []string{"events", "id", "doc_id", "seq", "sentence", "event_type", "mode", "context", "cameo",
		"quad_class", "goldstein", "trigger_text", "trigger_start", "trigger_end", "date_value", "date_precision", "date_basis",
		"date_text", "date_start", "date_end", "published", "location_text", "location_country", "polarity", "modality",
		"certainty", "attribution", "confidence", "rule", "evidence",
		"src_codes", "src_countries", "src_ckeys", "tgt_codes", "tgt_countries", "tgt_ckeys",
		"src_keys", "tgt_keys", "source", "target"}
	incCols = []string{"incomplete_events", "id", "doc_id", "seq", "record"}
	argCols = []string{"event_args", "event_id", "doc_id", "role", "idx", "text", "start_byte", "end_byte", "code", "country",
		"sector", "name", "kind"}
)

// Rows are a coded document's mentions, events, event arguments and
// incomplete events as rows of the store, and the actors and (event type,
// target) pairs its events touch. Building them (records, JSON) is most of
// the work of a write that is not the database's: an ingest builds them in
// its coding workers, in parallel, and its one writer only appends them.
type Rows struct {
	events                          int // complete events
	mentions, evs, args, incomplete *rows
	dirty                           [][3]string
}

// Prepare builds the rows of doc (which must have its id) for Put.
func Prepare(doc *text.Document) (*Rows, error) {
	pr := &Rows{mentions: newRows(mentCols[0], mentCols[1:]...), evs: newRows(evCols[0], evCols[1:]...), args: newRows(argCols[0], argCols[1:]...), incomplete: newRows(incCols[0], incCols[1:]...)}
	mentRows, evRows, argRows, incRows := pr.mentions, pr.evs, pr.args, pr.incomplete
	seen := map[[3]string]bool{}
	mark := func(kind, a, b string) {
		k := [3]string{kind, a, b}
		if a+b != "" && !seen[k] {
			seen[k] = true
			pr.dirty = append(pr.dirty, k)
		}
	}
	all := record.FromDocument(doc)
	var recs []record.Event
	nInc := 0
	for _, r := range all {
		if !r.Incomplete {
			recs = append(recs, r)
			continue
		}
		js, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", r.ID, err)
		}
		incRows.add(r.ID, r.DocID, nInc, string(js))
		nInc++
	}
	pr.events = len(recs)
	for j, m := range doc.Mentions {
		var ante any
		if m.Antecedent.Valid() {
			ante = int(m.Antecedent)
		}
		mentRows.add(doc.ID, j, m.Span.Start, m.Span.End, int(m.Sentence), string(m.Label), nullString(m.Via), ante, nullString(m.Entry),
			nullString(m.Actor.Code), nullString(m.Actor.Country), list(m.Actor.Sector), nullString(m.Actor.Name),
			nullString(string(m.Actor.Kind)), doc.Slice(m.Span))
	}
	for j, r := range recs {
		attr, err := json.Marshal(r.Attribution)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", r.ID, err)
		}
		ev, err := json.Marshal(r.Evidence)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", r.ID, err)
		}
		start, end := DateBounds(r.Date.Value)
		evRows.add(r.ID, r.DocID, j, r.Sentence, r.EventType, r.Mode, list(r.Context), r.CAMEO,
			r.QuadClass, r.Goldstein, r.Trigger.Text, r.Trigger.Start, r.Trigger.End, r.Date.Value, r.Date.Precision,
			r.Date.Basis, r.Date.Text, dateValue(start), dateValue(end), r.Published, r.Location.Text,
			r.Location.Country, r.Polarity, r.Modality, r.Certainty, string(attr), r.Confidence, r.Rule, string(ev))
		evRows.addList(argKeys(r.Source))
		evRows.addList(argKeys(r.Target))
		srcJSON, err := json.Marshal(r.Source)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", r.ID, err)
		}
		tgtJSON, err := json.Marshal(r.Target)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", r.ID, err)
		}
		evRows.addList([]any{keyString(r.Source), keyString(r.Target), string(srcJSON), string(tgtJSON)})
		for _, a := range r.Source {
			mark("actor", a.Actor.Code, "")
			mark("actor", a.Actor.Country, "")
		}
		for _, a := range r.Target {
			mark("actor", a.Actor.Code, "")
			mark("actor", a.Actor.Country, "")
			if a.Actor.Code != "" {
				mark("target", r.EventType, a.Actor.Code)
			}
		}
		for _, role := range []string{"source", "target"} {
			args := r.Source
			if role == "target" {
				args = r.Target
			}
			for k, a := range args {
				argRows.add(r.ID, r.DocID, role, k, a.Text, a.Start, a.End, a.Actor.Code, a.Actor.Country,
					list(a.Actor.Sector), a.Actor.Name, string(a.Actor.Kind))
			}
		}
	}
	return pr, nil
}

// existingKeys returns which of keys are stored. PostgreSQL looks them
// up in the index of documents.key at once; DuckDB one by one, each
// lookup a filtered scan that its zone maps keep short: at 1,000,000
// stored documents a batch of 64 keys takes 63 ms this way, 418 ms as one
// list_contains scan (BenchmarkExistingKeys).
func existingKeys(ctx context.Context, conn sqlConn, keys []string) (map[string]bool, error) {
	have := map[string]bool{}
	if conn.d.pg {
		rs, err := conn.QueryContext(ctx, `SELECT key FROM documents WHERE key = ANY(?)`, keys)
		if err != nil {
			return nil, err
		}
		defer rs.Close()
		for rs.Next() {
			var k string
			if err := rs.Scan(&k); err != nil {
				return nil, err
			}
			have[k] = true
		}
		return have, rs.Err()
	}
	st, err := conn.PrepareContext(ctx, conn.d.rebind(`SELECT count(*) FROM documents WHERE key = ?`))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	for _, k := range keys {
		if have[k] {
			continue
		}
		var n int
		if err := st.QueryRowContext(ctx, k).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			have[k] = true
		}
	}
	return have, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func list(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// rows collects rows to append to one table.
type rows struct {
	table string
	cols  []string
	vals  []driver.Value
	n     int
}

func newRows(table string, cols ...string) *rows { return &rows{table: table, cols: cols} }

// merge appends the rows of o, a value of the same table.
func (r *rows) merge(o *rows) {
	r.vals = append(r.vals, o.vals...)
	r.n += o.n
}

func (r *rows) add(vals ...any) {
	for _, v := range vals {
		r.vals = append(r.vals, v)
	}
	r.n++
}

// addList appends more values to the last row added.
func (r *rows) addList(vals []any) {
	for _, v := range vals {
		r.vals = append(r.vals, v)
	}
}

// keyString returns the codes and countries of args as "|A|B|".
func keyString(args []record.Argument) string {
	var b strings.Builder
	b.WriteByte('|')
	seen := map[string]bool{}
	for _, a := range args {
		for _, k := range []string{a.Actor.Code, a.Actor.Country} {
			if k != "" && !seen[k] && !strings.Contains(k, "|") {
				seen[k] = true
				b.WriteString(k)
				b.WriteByte('|')
			}
		}
	}
	return b.String()
}

// argKeys returns the distinct non-empty codes, countries and
// country-level keys (the country, else the code) of args.
func argKeys(args []record.Argument) []any {
	var codes, countries, ckeys []string
	add := func(xs []string, x string) []string {
		if x == "" {
			return xs
		}
		for _, y := range xs {
			if y == x {
				return xs
			}
		}
		return append(xs, x)
	}
	for _, a := range args {
		codes = add(codes, a.Actor.Code)
		countries = add(countries, a.Actor.Country)
		ck := a.Actor.Country
		if ck == "" {
			ck = a.Actor.Code
		}
		ckeys = add(ckeys, ck)
	}
	return []any{list(codes), list(countries), list(ckeys)}
}

// copyTo writes the rows through PostgreSQL's COPY on the connection c,
// inside whatever transaction the connection has open.
func (r *rows) copyTo(ctx context.Context, c *pgx.Conn) error {
	if r.n == 0 {
		return nil
	}
	nc := len(r.cols)
	src := make([][]any, r.n)
	for i := range src {
		row := make([]any, nc)
		for j, v := range r.vals[i*nc : (i+1)*nc] {
			row[j] = v
		}
		src[i] = row
	}
	if _, err := c.CopyFrom(ctx, pgx.Identifier{r.table}, r.cols, pgx.CopyFromRows(src)); err != nil {
		return fmt.Errorf("copy to %s: %w", r.table, err)
	}
	return nil
}

// appendTo writes the rows through DuckDB's appender on the raw
// connection dc, inside whatever transaction the connection has open.
func (r *rows) appendTo(dc driver.Conn) error {
	if r.n == 0 {
		return nil
	}
	a, err := duckdb.NewAppenderWithColumns(dc, "", "", r.table, r.cols)
	if err != nil {
		return fmt.Errorf("append to %s: %w", r.table, err)
	}
	nc := len(r.cols)
	for i := 0; i < r.n; i++ {
		if err := a.AppendRow(r.vals[i*nc : (i+1)*nc]...); err != nil {
			a.Close()
			return fmt.Errorf("append to %s: %w", r.table, err)
		}
	}
	if err := a.Close(); err != nil {
		return fmt.Errorf("append to %s: %w", r.table, err)
	}
	return nil
}

// inTx runs f on one connection inside a transaction, and commits when f
// succeeds. DuckDB's appender (PostgreSQL's COPY) writes within the
// connection's transaction, so that what f appends is committed, or
// rolled back, with the rest.
func (s *DB) inTx(ctx context.Context, f func(conn sqlConn) error) error {
	x, err := s.db.get(ctx)
	if err != nil {
		return err
	}
	c, err := x.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	conn := sqlConn{c, s.d}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	if err := f(conn); err != nil {
		if _, rerr := conn.ExecContext(context.Background(), "ROLLBACK"); rerr != nil {
			return fmt.Errorf("%w (and rollback failed: %v)", err, rerr)
		}
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// appendAll appends every rows value through conn's driver connection.
func appendAll(ctx context.Context, conn sqlConn, rs ...*rows) error {
	return conn.Raw(func(dc any) error {
		if pc, ok := dc.(*stdlib.Conn); ok {
			for _, r := range rs {
				if err := r.copyTo(ctx, pc.Conn()); err != nil {
					return err
				}
			}
			return nil
		}
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		for _, r := range rs {
			if err := r.appendTo(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// dateValue is a DATE column value: the day, or NULL for "".
func dateValue(s string) any {
	if s == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil
	}
	return t
}

// DateBounds returns the first and last day (YYYY-MM-DD) covered by an
// event date value as the coder writes it: a day "2014-03-18", a month
// "2014-03", a year "2014", a decade "199X" or a range "1999/2009". Both
// are "" for an empty or unreadable value.
func DateBounds(v string) (start, end string) {
	return record.Date{Value: v}.Bounds()
}
