package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"annals/internal/analyze"
	"annals/internal/record"
	"annals/internal/text"
)

// Page is a window of a list: at most Limit items (all when Limit <= 0)
// after skipping Offset.
type Page struct {
	Limit, Offset int
}

func (p Page) sql() string {
	s := ""
	if p.Limit > 0 {
		s += fmt.Sprintf(" LIMIT %d", p.Limit)
	}
	if p.Offset > 0 {
		s += fmt.Sprintf(" OFFSET %d", p.Offset)
	}
	return s
}

// EventFilter selects events. Empty fields select everything. An actor
// matches an argument by full code or by country.
type EventFilter struct {
	Actor          string // as source or target
	DyadA, DyadB   string // two actors, either direction
	Source, Target string // one direction
	Type           string // PLOVER event type
	Quad           int    // quad class 1-4, 0 for any
	From, To       string // event-date range, YYYY-MM-DD, inclusive, on the date's first day
	Basis          string // how the date was obtained: explicit, relative, published, or "text" (explicit or relative)
	Doc            string // document id
	Page
	// After, when set, starts the page after this place in the order of
	// event lists (keyset pagination); the total still counts every match.
	After *EventKey
}

// EventKey is a place in the order of event lists: event date (its first
// day, "" for undated: after every dated event), document, sentence, id.
type EventKey struct {
	Start    string
	Doc      string
	Sentence int
	ID       string
}

// afterSQL is the condition that event e comes after k in the order of
// event lists.
func (d dialect) afterSQL(k EventKey) (string, []any) {
	rest := "(e.doc_id > ? OR (e.doc_id = ? AND (e.sentence > ? OR (e.sentence = ? AND e.id > ?))))"
	args := []any{k.Doc, k.Doc, k.Sentence, k.Sentence, k.ID}
	if k.Start == "" {
		return "(e.date_start IS NULL AND " + rest + ")", args
	}
	return "(e.date_start IS NULL OR e.date_start > " + d.tryDate("?") + " OR (e.date_start = " + d.tryDate("?") + " AND " + rest + "))",
		append([]any{k.Start, k.Start}, args...)
}

// DocSummary is a document in a list.
type DocSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"` // YYYY-MM-DD or ""
	Events    int    `json:"events"`
	Bytes     int    `json:"bytes"` // length of the text
	// Teaser is set for a feed entry stored with the feed's text only, its
	// article not read (its key is "teaser:" and the article's key).
	Teaser bool `json:"teaser,omitempty"`
}

// Mention is an actor mention with its offsets into the document text.
type Mention struct {
	Start int        `json:"start"`
	End   int        `json:"end"`
	Text  string     `json:"text"`
	Label string     `json:"label"`
	Via   string     `json:"via,omitempty"`
	Actor text.Actor `json:"actor"`
}

// DocDetail is one document: its text with its mentions and events, all
// with byte offsets into Text.
type DocDetail struct {
	DocSummary
	Text     string         `json:"text"`
	Source   string         `json:"source"` // where it was read
	Mentions []Mention      `json:"mentions"`
	Events   []record.Event `json:"events"`
	// Incomplete are the events with no coded actor, kept beside the
	// dataset (record.Event.Incomplete).
	Incomplete []record.Event `json:"incomplete_events"`
}

// Dyad is a pair of actors (at country level) and the events between them.
type Dyad struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	AToB      int     `json:"a_to_b"`
	BToA      int     `json:"b_to_a"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"` // summed, both directions
	First     string  `json:"first"`     // earliest event date, "" when none dated
	Last      string  `json:"last"`
}

// ActorCount is an actor (by full code) and the events it takes part in.
type ActorCount struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Country  string `json:"country"`
	AsSource int    `json:"as_source"`
	AsTarget int    `json:"as_target"`
	Events   int    `json:"events"`
}

// Cluster is a set of reports of the same event.
type Cluster struct {
	ID        string   `json:"id"`
	EventType string   `json:"event_type"`
	Source    string   `json:"source"`
	Target    string   `json:"target"`
	Date      string   `json:"date"` // first day, or "first/last" when they differ
	Reports   int      `json:"reports"`
	Documents int      `json:"documents"`
	Outlets   int      `json:"outlets"`
	Disputed  bool     `json:"disputed"`
	Conflicts []string `json:"conflicts"`
	Events    []string `json:"events"`
}

// where builds the WHERE clause of f over events e.
func (f EventFilter) where(d dialect) (string, []any) {
	var conds []string
	var args []any
	match := func(role, x string) string {
		args = append(args, x)
		return d.match(role, "?")
	}
	if f.Actor != "" {
		conds = append(conds, "("+match("source", f.Actor)+" OR "+match("target", f.Actor)+")")
	}
	if f.DyadA != "" {
		conds = append(conds, "(("+match("source", f.DyadA)+" AND "+match("target", f.DyadB)+") OR ("+
			match("source", f.DyadB)+" AND "+match("target", f.DyadA)+"))")
	}
	if f.Source != "" {
		conds = append(conds, match("source", f.Source))
	}
	if f.Target != "" {
		conds = append(conds, match("target", f.Target))
	}
	if f.Type != "" {
		conds = append(conds, "e.event_type = ?")
		args = append(args, f.Type)
	}
	if f.Quad >= 1 && f.Quad <= 4 {
		conds = append(conds, "e.quad_class = ?")
		args = append(args, f.Quad)
	}
	// A bound that is not a day matches nothing (DuckDB's TRY_CAST gives
	// NULL; PostgreSQL is given no such bound).
	bound := func(op, day string) {
		if d.pg && !isDay(day) {
			conds = append(conds, "FALSE")
			return
		}
		conds = append(conds, "e.date_start "+op+" "+d.tryDate("?"))
		args = append(args, day)
	}
	if f.From != "" {
		bound(">=", f.From)
	}
	if f.To != "" {
		bound("<=", f.To)
	}
	if f.From != "" || f.To != "" {
		conds = append(conds, "e.date_start IS NOT NULL")
	}
	switch f.Basis {
	case "":
	case "text":
		conds = append(conds, "e.date_basis IN ('explicit', 'relative')")
	default:
		conds = append(conds, "e.date_basis = ?")
		args = append(args, f.Basis)
	}
	if f.Doc != "" {
		conds = append(conds, "e.doc_id = ?")
		args = append(args, f.Doc)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// match is the condition that an argument of role ("source" or
// "target") of event e matches x (a parameter placeholder) by full code or
// by country.
func (d dialect) match(role, x string) string {
	col := "e.src_keys"
	if role == "target" {
		col = "e.tgt_keys"
	}
	return d.contains(col, "'|' || CAST("+x+" AS VARCHAR) || '|'")
}

// isDay reports whether s is a day as YYYY-MM-DD.
func isDay(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// eventOrder is the order of event lists: by event date (undated last),
// then document, sentence and id.
const eventOrder = " ORDER BY e.date_start ASC NULLS LAST, e.doc_id, e.sentence, e.id"

// eventCols are the columns of an event record but its sentence's text,
// which is stored once, with the sentence (fillSentences).
func (d dialect) eventCols() string {
	return `e.id, e.doc_id, e.sentence, e.event_type, e.mode, ` + d.list("e.context") + `, e.cameo, e.quad_class,
	e.goldstein, e.trigger_text, e.trigger_start, e.trigger_end, e.date_value, e.date_precision, e.date_basis, e.date_text,
	e.published, e.location_text, e.location_country, e.polarity, e.modality, e.certainty, e.attribution, e.confidence,
	e.rule, e.evidence, e.source, e.target`
}

// selectEvents is the query of eventCols for the events e that where
// selects, in order, a page of them when page is set.
func (d dialect) selectEvents(where, order, page string) string {
	return "SELECT " + d.eventCols() + " FROM events e" + where + order + page
}

// Events returns the events that match f, in event-date order, and how
// many match in all.
func (s *DB) Events(ctx context.Context, f EventFilter) ([]record.Event, int, error) {
	where, args := f.where(s.d)
	// Two scans (count, then the page) measured faster than one with a
	// window count, which carries every matching row's columns to the sort.
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM events e"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store %s: events: %w", s.path, err)
	}
	if f.After != nil {
		if k := f.After.Start; k != "" {
			if _, err := time.Parse("2006-01-02", k); err != nil {
				return nil, 0, fmt.Errorf("store %s: events: cursor date %q is not a day", s.path, k)
			}
		}
		cond, more := s.d.afterSQL(*f.After)
		where += andOrWhere(where) + cond
		args = append(args, more...)
	}
	evs, err := s.queryEvents(ctx, s.d.selectEvents(where, eventOrder, f.Page.sql()), args...)
	if err != nil {
		return nil, 0, err
	}
	return evs, total, nil
}

// Event returns one event by id.
func (s *DB) Event(ctx context.Context, id string) (record.Event, error) {
	evs, err := s.queryEvents(ctx, s.d.selectEvents(" WHERE e.id = ?", "", ""), id)
	if err != nil {
		return record.Event{}, err
	}
	if len(evs) == 0 {
		return record.Event{}, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	return evs[0], nil
}

// queryEvents runs q (selecting eventCols) and fills in the arguments.
func (s *DB) queryEvents(ctx context.Context, q string, args ...any) ([]record.Event, error) {
	return s.queryEventsTotal(ctx, q, nil, args...)
}

// queryEventsTotal is queryEvents for a query with one more column, an
// integer scanned into total, when total is not nil.
func (s *DB) queryEventsTotal(ctx context.Context, q string, total *int, args ...any) ([]record.Event, error) {
	rs, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store %s: events: %w", s.path, err)
	}
	defer rs.Close()
	out := []record.Event{}
	for rs.Next() {
		var r record.Event
		var ctxList any
		var mode, cameo, dv, dp, db, dt, pub, lt, lc, attr, rule, evid, srcJSON, tgtJSON sql.NullString
		var trig sql.NullString
		dst := []any{&r.ID, &r.DocID, &r.Sentence, &r.EventType, &mode, &ctxList, &cameo, &r.QuadClass,
			&r.Goldstein, &trig, &r.Trigger.Start, &r.Trigger.End, &dv, &dp, &db, &dt, &pub, &lt, &lc,
			&r.Polarity, &r.Modality, &r.Certainty, &attr, &r.Confidence, &rule, &evid, &srcJSON, &tgtJSON}
		if total != nil {
			dst = append(dst, total)
		}
		err := rs.Scan(dst...)
		if err != nil {
			return nil, fmt.Errorf("store %s: events: %w", s.path, err)
		}
		r.Mode, r.CAMEO, r.Trigger.Text = mode.String, cameo.String, trig.String
		r.Date = record.Date{Value: dv.String, Precision: dp.String, Basis: db.String, Text: dt.String}
		r.Published, r.Location = pub.String, record.Location{Text: lt.String, Country: lc.String}
		r.Rule = rule.String
		r.Context = strings1(ctxList)
		r.Source, r.Target = []record.Argument{}, []record.Argument{}
		r.Evidence = []record.Evidence{}
		if attr.String != "" {
			if err := json.Unmarshal([]byte(attr.String), &r.Attribution); err != nil {
				return nil, fmt.Errorf("store %s: event %s attribution: %w", s.path, r.ID, err)
			}
		}
		if evid.String != "" {
			if err := json.Unmarshal([]byte(evid.String), &r.Evidence); err != nil {
				return nil, fmt.Errorf("store %s: event %s evidence: %w", s.path, r.ID, err)
			}
		}
		for _, x := range []struct {
			js  sql.NullString
			dst *[]record.Argument
		}{{srcJSON, &r.Source}, {tgtJSON, &r.Target}} {
			if x.js.String == "" {
				continue
			}
			if err := json.Unmarshal([]byte(x.js.String), x.dst); err != nil {
				return nil, fmt.Errorf("store %s: event %s arguments: %w", s.path, r.ID, err)
			}
			for i := range *x.dst {
				if (*x.dst)[i].Actor.Sector == nil {
					(*x.dst)[i].Actor.Sector = []string{}
				}
			}
		}
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("store %s: events: %w", s.path, err)
	}
	rs.Close()
	if err := s.fillSentences(ctx, out); err != nil {
		return nil, fmt.Errorf("store %s: events' sentences: %w", s.path, err)
	}
	return out, nil
}

// sentenceBatch is how many documents' sentences fillSentences asks for
// at once.
const sentenceBatch = 256

// fillSentences sets the sentence text of evs from the sentences table,
// where it is stored once a sentence: the events' sentences are looked up
// by (doc_id, sentence) = (doc_id, idx), a few documents at a time, by a
// filter on doc_id that the store applies before it reads any text. (A
// join of the events to the whole sentences table costs a scan of its
// text: at 1,000,000 sentences, some 5 to 40 ms more for one event or a
// page of 50; this lookup, about 1 ms.)
// An event whose sentence is not stored gets "".
func (s *DB) fillSentences(ctx context.Context, evs []record.Event) error {
	type key struct {
		doc string
		idx int
	}
	want := map[key][]int{}
	var docs []string
	seen := map[string]bool{}
	for i, e := range evs {
		k := key{e.DocID, e.Sentence}
		want[k] = append(want[k], i)
		if !seen[e.DocID] {
			seen[e.DocID] = true
			docs = append(docs, e.DocID)
		}
	}
	for len(docs) > 0 {
		n := min(len(docs), sentenceBatch)
		args := make([]any, n)
		for i, d := range docs[:n] {
			args[i] = d
		}
		docs = docs[n:]
		q := `SELECT doc_id, idx, text FROM sentences WHERE doc_id IN (?` + strings.Repeat(", ?", n-1) + `) AND text IS NOT NULL`
		if n == 1 {
			q = `SELECT doc_id, idx, text FROM sentences WHERE doc_id = ? AND text IS NOT NULL`
		}
		rs, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		for rs.Next() {
			var k key
			var txt string
			if err := rs.Scan(&k.doc, &k.idx, &txt); err != nil {
				rs.Close()
				return err
			}
			for _, i := range want[k] {
				evs[i].SentenceText = txt
			}
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return err
		}
	}
	return nil
}

// strings1 converts a scanned list of strings: a DuckDB list, or a
// PostgreSQL array read as JSON (dialect.list).
func strings1(v any) []string {
	out := []string{}
	if js, ok := v.(string); ok {
		var xs []*string
		if json.Unmarshal([]byte(js), &xs) == nil {
			for _, x := range xs {
				if x != nil {
					out = append(out, *x)
				}
			}
		}
		return out
	}
	xs, ok := v.([]any)
	if !ok {
		return out
	}
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (d dialect) docSummaryCols() string {
	return `id, coalesce(title, ''), coalesce(url, ''), coalesce(` + d.ymd("published") + `, ''), n_events, ` + d.byteLen("text") + `, key LIKE 'teaser:%'`
}

func scanSummary(sc interface{ Scan(...any) error }, d *DocSummary) error {
	return sc.Scan(&d.ID, &d.Title, &d.URL, &d.Published, &d.Events, &d.Bytes, &d.Teaser)
}

// Documents returns the documents whose title or text contains q
// (ignoring case; all when q is ""), newest first, and how many match.
func (s *DB) Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	where, args := "", []any{}
	if q != "" {
		where = " WHERE " + s.d.contains("lower(coalesce(title, ''))", "lower(CAST(? AS VARCHAR))") + " OR " +
			s.d.contains("lower(text)", "lower(CAST(? AS VARCHAR))")
		args = append(args, q, q)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM documents"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store %s: documents: %w", s.path, err)
	}
	rs, err := s.db.QueryContext(ctx, "SELECT "+s.d.docSummaryCols()+" FROM documents"+where+
		" ORDER BY published DESC NULLS LAST, id"+pg.sql(), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: documents: %w", s.path, err)
	}
	defer rs.Close()
	out := []DocSummary{}
	for rs.Next() {
		var d DocSummary
		if err := scanSummary(rs, &d); err != nil {
			return nil, 0, fmt.Errorf("store %s: documents: %w", s.path, err)
		}
		out = append(out, d)
	}
	return out, total, rs.Err()
}

// Document returns a document with its text, mentions and events.
func (s *DB) Document(ctx context.Context, id string) (DocDetail, error) {
	var d DocDetail
	err := scanSummary(s.db.QueryRowContext(ctx, "SELECT "+s.d.docSummaryCols()+" FROM documents WHERE id = ?", id), &d.DocSummary)
	if err == sql.ErrNoRows {
		return d, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("store %s: document %q: %w", s.path, id, err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT text, coalesce(source, '') FROM documents WHERE id = ?", id).Scan(&d.Text, &d.Source); err != nil {
		return d, fmt.Errorf("store %s: document %q: %w", s.path, id, err)
	}
	rs, err := s.db.QueryContext(ctx, `SELECT start_byte, end_byte, coalesce(text, ''), coalesce(label, ''), coalesce(via, ''),
		coalesce(actor_code, ''), coalesce(actor_country, ''), `+s.d.list("actor_sector")+`, coalesce(actor_name, ''), coalesce(actor_kind, '')
		FROM mentions WHERE doc_id = ? ORDER BY start_byte, idx`, id)
	if err != nil {
		return d, fmt.Errorf("store %s: document %q mentions: %w", s.path, id, err)
	}
	defer rs.Close()
	d.Mentions = []Mention{}
	for rs.Next() {
		var m Mention
		var sect any
		if err := rs.Scan(&m.Start, &m.End, &m.Text, &m.Label, &m.Via, &m.Actor.Code, &m.Actor.Country, &sect, &m.Actor.Name, &m.Actor.Kind); err != nil {
			return d, fmt.Errorf("store %s: document %q mentions: %w", s.path, id, err)
		}
		m.Actor.Sector = strings1(sect)
		d.Mentions = append(d.Mentions, m)
	}
	if err := rs.Err(); err != nil {
		return d, err
	}
	d.Events, err = s.queryEvents(ctx, s.d.selectEvents(" WHERE e.doc_id = ?", " ORDER BY e.seq", ""), id)
	if err != nil {
		return d, err
	}
	d.Incomplete, err = s.incompleteEvents(ctx, id)
	return d, err
}

// incompleteEvents returns the events of document id that have no coded
// actor, in order.
func (s *DB) incompleteEvents(ctx context.Context, id string) ([]record.Event, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'incomplete_events'").Scan(&n); err != nil || n == 0 {
		return []record.Event{}, err // a store written before the table existed, opened read-only
	}
	rs, err := s.db.QueryContext(ctx, "SELECT record FROM incomplete_events WHERE doc_id = ? ORDER BY seq", id)
	if err != nil {
		return nil, fmt.Errorf("store %s: document %q incomplete events: %w", s.path, id, err)
	}
	defer rs.Close()
	out := []record.Event{}
	for rs.Next() {
		var js string
		if err := rs.Scan(&js); err != nil {
			return nil, fmt.Errorf("store %s: document %q incomplete events: %w", s.path, id, err)
		}
		var e record.Event
		if err := json.Unmarshal([]byte(js), &e); err != nil {
			return nil, fmt.Errorf("store %s: document %q incomplete event: %w", s.path, id, err)
		}
		out = append(out, e)
	}
	return out, rs.Err()
}

// Dyads returns pairs of actors at country level (an international actor
// by its code) by the number of events between them in either direction,
// self-pairs left out; with actor set, only pairs that include it.
func (s *DB) Dyads(ctx context.Context, actor string, pg Page) ([]Dyad, int, error) {
	q := "SELECT a, b, a_to_b, b_to_a, events, goldstein, first, last FROM " + s.source(ctx, "sum_dyads", dyadsSQL)
	args := []any{}
	if actor != "" {
		q += ` WHERE a = ? OR b = ?`
		args = append(args, actor, actor)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM ("+q+") AS q", args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store %s: dyads: %w", s.path, err)
	}
	rs, err := s.db.QueryContext(ctx, q+` ORDER BY 5 DESC, 1, 2`+pg.sql(), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: dyads: %w", s.path, err)
	}
	defer rs.Close()
	out := []Dyad{}
	for rs.Next() {
		var d Dyad
		if err := rs.Scan(&d.A, &d.B, &d.AToB, &d.BToA, &d.Events, &d.Goldstein, &d.First, &d.Last); err != nil {
			return nil, 0, fmt.Errorf("store %s: dyads: %w", s.path, err)
		}
		out = append(out, d)
	}
	return out, total, rs.Err()
}

// DyadSeries groups the events between a and b (each matching an argument
// by code or country) by month of event date, direction and quad class,
// and counts the undated ones. An event that goes both ways counts in both
// directions (once when a == b).
func (s *DB) DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	q := `WITH d AS (
		SELECT month, quad_class, events, goldstein, 0 AS dir FROM ` + s.source(ctx, "sum_dyad_months", dyadMonthsSQL) + ` WHERE src = $1 AND tgt = $2
		UNION ALL
		SELECT month, quad_class, events, goldstein, 1 AS dir FROM ` + s.source(ctx, "sum_dyad_months", dyadMonthsSQL) + ` WHERE src = $2 AND tgt = $1 AND $1 <> $2)
	SELECT month, dir, quad_class, sum(events)::INTEGER, ` + s.d.sumScore("goldstein") + `
	FROM d WHERE month IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
	rs, err := s.db.QueryContext(ctx, q, a, b)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: dyad series: %w", s.path, err)
	}
	defer rs.Close()
	out := []analyze.MonthCount{}
	for rs.Next() {
		var month string
		var dir, quad int
		var c analyze.MonthCount
		if err := rs.Scan(&month, &dir, &quad, &c.Events, &c.Goldstein); err != nil {
			return nil, 0, fmt.Errorf("store %s: dyad series: %w", s.path, err)
		}
		c.Month, _ = analyze.ParseMonth(month)
		c.Dir, c.Quad = analyze.AToB, analyze.Quad(quad)
		if dir == 1 {
			c.Dir = analyze.BToA
		}
		out = append(out, c)
	}
	if err := rs.Err(); err != nil {
		return nil, 0, err
	}
	var undated int
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM events e WHERE e.date_start IS NULL AND (
		(`+s.d.match("source", "$1")+` AND `+s.d.match("target", "$2")+`) OR (`+s.d.match("source", "$2")+` AND `+s.d.match("target", "$1")+`))`,
		a, b).Scan(&undated)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: dyad series: %w", s.path, err)
	}
	return out, undated, nil
}

// Actors returns actors (by full code) by the number of events they take
// part in, and how many there are.
func (s *DB) Actors(ctx context.Context, pg Page) ([]ActorCount, int, error) {
	var total int
	from := s.source(ctx, "sum_actors", actorsSQL)
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+from).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store %s: actors: %w", s.path, err)
	}
	rs, err := s.db.QueryContext(ctx, `SELECT code, coalesce(name, ''), coalesce(country, ''), as_source::INTEGER, as_target::INTEGER, events::INTEGER
		FROM `+from+` ORDER BY events DESC, code`+pg.sql())
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: actors: %w", s.path, err)
	}
	defer rs.Close()
	out := []ActorCount{}
	for rs.Next() {
		var a ActorCount
		if err := rs.Scan(&a.Code, &a.Name, &a.Country, &a.AsSource, &a.AsTarget, &a.Events); err != nil {
			return nil, 0, fmt.Errorf("store %s: actors: %w", s.path, err)
		}
		out = append(out, a)
	}
	return out, total, rs.Err()
}

// Links returns who acts on whom: events and summed Goldstein scores by
// source and target, actors taken by full code (level "code") or by
// country (level "country"; an international actor by its code).
func (s *DB) Links(ctx context.Context, level string) ([]analyze.Link, error) {
	if level != "country" {
		level = "code"
	}
	rs, err := s.db.QueryContext(ctx, `SELECT src, tgt, events, goldstein FROM `+s.source(ctx, "sum_links", linksSQL)+`
		WHERE level = ? ORDER BY 3 DESC, 1, 2`, level)
	if err != nil {
		return nil, fmt.Errorf("store %s: links: %w", s.path, err)
	}
	defer rs.Close()
	out := []analyze.Link{}
	for rs.Next() {
		var l analyze.Link
		if err := rs.Scan(&l.Source, &l.Target, &l.Events, &l.Goldstein); err != nil {
			return nil, fmt.Errorf("store %s: links: %w", s.path, err)
		}
		out = append(out, l)
	}
	return out, rs.Err()
}

// Timeline groups the events that match f (paging ignored) by month of
// event date and quad class, and counts the undated ones.
func (s *DB) Timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error) {
	f.Page = Page{}
	where, args := f.where(s.d)
	rs, err := s.db.QueryContext(ctx, `SELECT `+s.d.ym("e.date_start")+` AS month, e.quad_class, count(*)::INTEGER
		FROM events e`+where+andOrWhere(where)+`e.date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: timeline: %w", s.path, err)
	}
	defer rs.Close()
	out := []analyze.TimeCount{}
	for rs.Next() {
		var month string
		var quad int
		var c analyze.TimeCount
		if err := rs.Scan(&month, &quad, &c.Events); err != nil {
			return nil, 0, fmt.Errorf("store %s: timeline: %w", s.path, err)
		}
		c.Month, _ = analyze.ParseMonth(month)
		c.Quad = analyze.Quad(quad)
		out = append(out, c)
	}
	if err := rs.Err(); err != nil {
		return nil, 0, err
	}
	var undated int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events e`+where+andOrWhere(where)+`e.date_start IS NULL`, args...).Scan(&undated); err != nil {
		return nil, 0, fmt.Errorf("store %s: timeline: %w", s.path, err)
	}
	return out, undated, nil
}

func andOrWhere(where string) string {
	if where == "" {
		return " WHERE "
	}
	return " AND "
}

// Clusters returns clusters of reports of the same event, the largest
// first, and how many there are; disputed keeps only those whose reports
// disagree.
func (s *DB) Clusters(ctx context.Context, disputed bool, pg Page) ([]Cluster, int, error) {
	where := ""
	if disputed {
		where = " WHERE c.disputed"
	}
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM clusters c"+where).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store %s: clusters: %w", s.path, err)
	}
	rs, err := s.db.QueryContext(ctx, `SELECT c.id, c.event_type, c.source, c.target,
		coalesce(`+s.d.ymd("c.date_start")+`, ''), coalesce(`+s.d.ymd("c.date_end")+`, ''),
		c.reports, c.documents, c.outlets, c.disputed, `+s.d.list("c.conflicts")+`,
		(SELECT `+s.d.listAgg("ce.event_id")+` FROM cluster_events ce WHERE ce.cluster_id = c.id)
		FROM clusters c`+where+` ORDER BY c.reports DESC, c.documents DESC, c.id`+pg.sql())
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: clusters: %w", s.path, err)
	}
	defer rs.Close()
	out := []Cluster{}
	for rs.Next() {
		var c Cluster
		var first, last string
		var conflicts, events any
		if err := rs.Scan(&c.ID, &c.EventType, &c.Source, &c.Target, &first, &last, &c.Reports, &c.Documents, &c.Outlets,
			&c.Disputed, &conflicts, &events); err != nil {
			return nil, 0, fmt.Errorf("store %s: clusters: %w", s.path, err)
		}
		c.Date = first
		if last != first {
			c.Date = first + "/" + last
		}
		c.Conflicts, c.Events = strings1(conflicts), strings1(events)
		out = append(out, c)
	}
	return out, total, rs.Err()
}
