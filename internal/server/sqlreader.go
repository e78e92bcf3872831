package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"annals/internal/analyze"
	"annals/internal/record"
	"annals/internal/text"
)

// SQLReader is the Reader over annals' DuckDB store (package store's
// schema.sql: documents, mentions, events, event_args, clusters,
// cluster_events and the actors view). Every query is parameterized; the
// filters mean what Memory's do.
type SQLReader struct {
	db *sql.DB
}

// NewSQLReader returns a Reader over db, a store opened read-only
// (store.OpenReadOnly(path) then .SQL()).
func NewSQLReader(db *sql.DB) *SQLReader { return &SQLReader{db: db} }

// where builds the WHERE clause of an event filter over events e, and its
// arguments.
func (f EventFilter) where() (string, []any) {
	var conds []string
	var args []any
	// argIs matches an argument row a of a role to an actor by code or
	// country.
	argIn := func(role, actor string) string {
		args = append(args, role, actor, actor)
		return `e.id IN (SELECT a.event_id FROM event_args a WHERE a.role = ? AND (a.code = ? OR a.country = ?))`
	}
	if f.Actor != "" {
		args = append(args, f.Actor, f.Actor)
		conds = append(conds, `e.id IN (SELECT a.event_id FROM event_args a WHERE a.code = ? OR a.country = ?)`)
	}
	if f.DyadA != "" {
		a, b := f.DyadA, f.DyadB
		args = append(args, a, a, b, b, b, b, a, a)
		conds = append(conds, `e.id IN (SELECT s.event_id FROM event_args s JOIN event_args t ON t.event_id = s.event_id AND t.role = 'target'
			WHERE s.role = 'source' AND (
				(s.code = ? OR s.country = ?) AND (t.code = ? OR t.country = ?) OR
				(s.code = ? OR s.country = ?) AND (t.code = ? OR t.country = ?)))`)
	}
	if f.Source != "" {
		conds = append(conds, argIn("source", f.Source))
	}
	if f.Target != "" {
		conds = append(conds, argIn("target", f.Target))
	}
	if f.Type != "" {
		args = append(args, f.Type)
		conds = append(conds, `e.event_type = ?`)
	}
	if f.Quad.Valid() {
		args = append(args, int(f.Quad))
		conds = append(conds, `e.quad_class = ?`)
	}
	if f.From != "" {
		args = append(args, f.From)
		conds = append(conds, `e.date_start >= CAST(? AS DATE)`)
	}
	if f.To != "" {
		args = append(args, f.To)
		conds = append(conds, `e.date_start <= CAST(? AS DATE)`)
	}
	if f.Doc != "" {
		args = append(args, f.Doc)
		conds = append(conds, `e.doc_id = ?`)
	}
	if len(conds) == 0 {
		return "TRUE", nil
	}
	return strings.Join(conds, " AND "), args
}

// eventColumns are read by scanEvent, in order.
const eventColumns = `e.id, e.doc_id, e.sentence, e.sentence_text, e.event_type, e.mode, to_json(e.context), e.cameo,
	e.quad_class, e.goldstein, e.trigger_text, e.trigger_start, e.trigger_end,
	e.date_value, e.date_precision, e.date_basis, e.date_text, e.published,
	e.location_text, e.location_country, e.polarity, e.modality, e.certainty,
	e.attribution, e.confidence, e.rule, e.evidence`

const eventOrder = `e.date_start NULLS LAST, e.doc_id, e.sentence, e.id`

type scanner interface{ Scan(...any) error }

func scanEvent(row scanner) (record.Event, error) {
	var e record.Event
	var (
		sentence, quad, tstart, tend                               sql.NullInt64
		sentText, typ, mode, ctx, cameo, trig                      sql.NullString
		dval, dprec, dbasis, dtext, pub, loc, locc, pol, moda, cer sql.NullString
		attr, rule, evid                                           sql.NullString
		gold, conf                                                 sql.NullFloat64
	)
	if err := row.Scan(&e.ID, &e.DocID, &sentence, &sentText, &typ, &mode, &ctx, &cameo,
		&quad, &gold, &trig, &tstart, &tend,
		&dval, &dprec, &dbasis, &dtext, &pub,
		&loc, &locc, &pol, &moda, &cer,
		&attr, &conf, &rule, &evid); err != nil {
		return e, err
	}
	e.Sentence, e.SentenceText = int(sentence.Int64), sentText.String
	e.EventType, e.Mode, e.CAMEO = typ.String, mode.String, cameo.String
	e.Context = []string{}
	if ctx.Valid && ctx.String != "" && ctx.String != "null" {
		if err := json.Unmarshal([]byte(ctx.String), &e.Context); err != nil {
			return e, fmt.Errorf("event %s: context: %w", e.ID, err)
		}
	}
	e.QuadClass, e.Goldstein = int(quad.Int64), gold.Float64
	e.Trigger = record.Span{Text: trig.String, Start: int(tstart.Int64), End: int(tend.Int64)}
	e.Date = record.Date{Value: dval.String, Precision: dprec.String, Basis: dbasis.String, Text: dtext.String}
	e.Published = pub.String
	e.Location = record.Location{Text: loc.String, Country: locc.String}
	e.Polarity, e.Modality, e.Certainty = pol.String, moda.String, cer.String
	e.Confidence, e.Rule = conf.Float64, rule.String
	e.Attribution = record.Attribution{Speaker: "author"}
	if attr.Valid && attr.String != "" {
		if err := json.Unmarshal([]byte(attr.String), &e.Attribution); err != nil {
			return e, fmt.Errorf("event %s: attribution: %w", e.ID, err)
		}
	}
	e.Evidence = []record.Evidence{}
	if evid.Valid && evid.String != "" && evid.String != "null" {
		if err := json.Unmarshal([]byte(evid.String), &e.Evidence); err != nil {
			return e, fmt.Errorf("event %s: evidence: %w", e.ID, err)
		}
	}
	e.Source, e.Target = []record.Argument{}, []record.Argument{}
	return e, nil
}

// attachArgs reads the sources and targets of evs.
func (r *SQLReader) attachArgs(ctx context.Context, evs []record.Event) error {
	if len(evs) == 0 {
		return nil
	}
	index := make(map[string]int, len(evs))
	ph := make([]string, len(evs))
	args := make([]any, len(evs))
	for i, e := range evs {
		index[e.ID] = i
		ph[i] = "?"
		args[i] = e.ID
	}
	rows, err := r.db.QueryContext(ctx, `SELECT event_id, role, text, start_byte, end_byte, code, country, to_json(sector), name, kind
		FROM event_args WHERE event_id IN (`+strings.Join(ph, ", ")+`) ORDER BY event_id, role, idx`, args...)
	if err != nil {
		return fmt.Errorf("event arguments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, role string
		var txt, code, country, sector, name, kind sql.NullString
		var start, end sql.NullInt64
		if err := rows.Scan(&id, &role, &txt, &start, &end, &code, &country, &sector, &name, &kind); err != nil {
			return fmt.Errorf("event arguments: %w", err)
		}
		a := record.Argument{Span: record.Span{Text: txt.String, Start: int(start.Int64), End: int(end.Int64)},
			Actor: text.Actor{Code: code.String, Country: country.String, Name: name.String, Kind: kind.String, Sector: []string{}}}
		if sector.Valid && sector.String != "" && sector.String != "null" {
			if err := json.Unmarshal([]byte(sector.String), &a.Actor.Sector); err != nil {
				return fmt.Errorf("event %s: sector: %w", id, err)
			}
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		if role == "source" {
			evs[i].Source = append(evs[i].Source, a)
		} else {
			evs[i].Target = append(evs[i].Target, a)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("event arguments: %w", err)
	}
	return nil
}

func (r *SQLReader) queryEvents(ctx context.Context, query string, args ...any) ([]record.Event, error) {
	rows, err := r.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	evs := []record.Event{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return evs, r.attachArgs(ctx, evs)
}

// Events implements Reader.
func (r *SQLReader) Events(ctx context.Context, f EventFilter) ([]record.Event, int, error) {
	where, args := f.where()
	var total int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM events e WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting events: %w", err)
	}
	if total == 0 || f.Offset >= total {
		return []record.Event{}, total, nil
	}
	evs, err := r.queryEvents(ctx, `SELECT `+eventColumns+` FROM events e WHERE `+where+` ORDER BY `+eventOrder+` LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	return evs, total, err
}

// Event implements Reader.
func (r *SQLReader) Event(ctx context.Context, id string) (record.Event, error) {
	evs, err := r.queryEvents(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = ?`, id)
	if err != nil {
		return record.Event{}, err
	}
	if len(evs) == 0 {
		return record.Event{}, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	return evs[0], nil
}

func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

func dateString(t sql.NullTime) string {
	if !t.Valid {
		return ""
	}
	return t.Time.UTC().Format("2006-01-02")
}

// Documents implements Reader.
func (r *SQLReader) Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	where, args := "TRUE", []any{}
	if q != "" {
		where = `(d.title ILIKE ? ESCAPE '\' OR d.text ILIKE ? ESCAPE '\')`
		args = append(args, likePattern(q), likePattern(q))
	}
	var total int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM documents d WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting documents: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, `SELECT d.id, d.title, d.url, d.published, d.n_events, strlen(d.text)
		FROM documents d WHERE `+where+` ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?`, append(args, pg.Limit, pg.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	out := []DocSummary{}
	for rows.Next() {
		var d DocSummary
		var title, u sql.NullString
		var pub sql.NullTime
		if err := rows.Scan(&d.ID, &title, &u, &pub, &d.Events, &d.Bytes); err != nil {
			return nil, 0, fmt.Errorf("documents: %w", err)
		}
		d.Title, d.URL, d.Published = title.String, u.String, dateString(pub)
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// Document implements Reader.
func (r *SQLReader) Document(ctx context.Context, id string) (DocDetail, error) {
	var d DocDetail
	var title, u sql.NullString
	var pub sql.NullTime
	err := r.db.QueryRowContext(ctx, `SELECT id, title, url, published, n_events, strlen(text), text FROM documents WHERE id = ?`, id).
		Scan(&d.ID, &title, &u, &pub, &d.DocSummary.Events, &d.Bytes, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("document %q: %w", id, err)
	}
	d.Title, d.URL, d.Published = title.String, u.String, dateString(pub)
	rows, err := r.db.QueryContext(ctx, `SELECT start_byte, end_byte, text, label, via, actor_code, actor_country, to_json(actor_sector), actor_name, actor_kind
		FROM mentions WHERE doc_id = ? ORDER BY idx`, id)
	if err != nil {
		return d, fmt.Errorf("document %q: mentions: %w", id, err)
	}
	defer rows.Close()
	d.Mentions = []MentionOut{}
	for rows.Next() {
		var m MentionOut
		var txt, label, via, code, country, sector, name, kind sql.NullString
		if err := rows.Scan(&m.Start, &m.End, &txt, &label, &via, &code, &country, &sector, &name, &kind); err != nil {
			return d, fmt.Errorf("document %q: mentions: %w", id, err)
		}
		m.Text, m.Label, m.Via = txt.String, label.String, via.String
		m.Actor = text.Actor{Code: code.String, Country: country.String, Name: name.String, Kind: kind.String, Sector: []string{}}
		if sector.Valid && sector.String != "" && sector.String != "null" {
			if err := json.Unmarshal([]byte(sector.String), &m.Actor.Sector); err != nil {
				return d, fmt.Errorf("document %q: mention sector: %w", id, err)
			}
		}
		d.Mentions = append(d.Mentions, m)
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("document %q: mentions: %w", id, err)
	}
	d.Events, err = r.queryEvents(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.doc_id = ? ORDER BY e.seq`, id)
	if err != nil {
		return d, fmt.Errorf("document %q: %w", id, err)
	}
	return d, nil
}

// countryKeySQL is an argument's actor at country level: its country,
// else its code.
const countryKeySQL = `COALESCE(NULLIF(country, ''), code)`

// pairsSQL lists the distinct (event, source key, target key) triples of
// every event, keys given by key.
func pairsSQL(key string) string {
	return `WITH k AS (
		SELECT DISTINCT event_id, role, ` + key + ` AS k FROM event_args
		WHERE ` + key + ` IS NOT NULL AND ` + key + ` <> ''),
	p AS (
		SELECT DISTINCT s.event_id, s.k AS src, t.k AS tgt
		FROM k s JOIN k t ON t.event_id = s.event_id AND t.role = 'target'
		WHERE s.role = 'source')`
}

// Dyads implements Reader.
func (r *SQLReader) Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	filter, args := "TRUE", []any{}
	if actor != "" {
		filter, args = "(x.a = ? OR x.b = ?)", []any{actor, actor}
	}
	base := pairsSQL(countryKeySQL) + `,
	x AS (
		SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, event_id,
			bool_or(src < tgt) AS ab, bool_or(src > tgt) AS ba
		FROM p WHERE src <> tgt GROUP BY ALL)`
	var total int
	if err := r.db.QueryRowContext(ctx, base+` SELECT count(DISTINCT (x.a, x.b)) FROM x WHERE `+filter, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting dyads: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, base+`
		SELECT x.a, x.b, count_if(x.ab), count_if(x.ba), count(*), COALESCE(sum(e.goldstein), 0), min(e.date_start), max(e.date_start)
		FROM x JOIN events e ON e.id = x.event_id
		WHERE `+filter+`
		GROUP BY x.a, x.b
		ORDER BY count(*) DESC, x.a, x.b
		LIMIT ? OFFSET ?`, append(args, pg.Limit, pg.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("dyads: %w", err)
	}
	defer rows.Close()
	out := []DyadOut{}
	for rows.Next() {
		var d DyadOut
		var first, last sql.NullTime
		if err := rows.Scan(&d.A, &d.B, &d.AToB, &d.BToA, &d.Events, &d.Goldstein, &first, &last); err != nil {
			return nil, 0, fmt.Errorf("dyads: %w", err)
		}
		d.First, d.Last = dateString(first), dateString(last)
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// dyadRolesSQL marks, per event with an argument matching a or b, which
// of the four role/actor combinations it has. Arguments: a, a, b, b.
const dyadRolesSQL = `WITH r AS (
	SELECT event_id,
		bool_or(role = 'source' AND (code = $1 OR country = $1)) AS sa,
		bool_or(role = 'source' AND (code = $2 OR country = $2)) AS sb,
		bool_or(role = 'target' AND (code = $1 OR country = $1)) AS ta,
		bool_or(role = 'target' AND (code = $2 OR country = $2)) AS tb
	FROM event_args
	WHERE code IN ($1, $2) OR country IN ($1, $2)
	GROUP BY event_id)`

// DyadSeries implements Reader.
func (r *SQLReader) DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	rows, err := r.db.QueryContext(ctx, dyadRolesSQL+`
		SELECT strftime(e.date_start, '%Y-%m') AS month, d.dir, COALESCE(e.quad_class, 0), count(*), COALESCE(sum(e.goldstein), 0)
		FROM r JOIN events e ON e.id = r.event_id
		JOIN (VALUES (0), (1)) d(dir) ON (d.dir = 0 AND r.sa AND r.tb) OR (d.dir = 1 AND r.sb AND r.ta AND $1 <> $2)
		WHERE e.date_start IS NOT NULL
		GROUP BY ALL
		ORDER BY month, d.dir, 3`, a, b)
	if err != nil {
		return nil, 0, fmt.Errorf("dyad %s-%s: %w", a, b, err)
	}
	defer rows.Close()
	out := []analyze.MonthCount{}
	for rows.Next() {
		var month string
		var c analyze.MonthCount
		var dir, quad int
		if err := rows.Scan(&month, &dir, &quad, &c.Events, &c.Goldstein); err != nil {
			return nil, 0, fmt.Errorf("dyad %s-%s: %w", a, b, err)
		}
		if c.Month, err = analyze.ParseMonth(month); err != nil {
			return nil, 0, fmt.Errorf("dyad %s-%s: %w", a, b, err)
		}
		c.Dir, c.Quad = analyze.Direction(dir), analyze.Quad(quad)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("dyad %s-%s: %w", a, b, err)
	}
	var undated int
	if err := r.db.QueryRowContext(ctx, dyadRolesSQL+`
		SELECT count(*) FROM r JOIN events e ON e.id = r.event_id
		WHERE e.date_start IS NULL AND (r.sa AND r.tb OR r.sb AND r.ta)`, a, b).Scan(&undated); err != nil {
		return nil, 0, fmt.Errorf("dyad %s-%s: undated: %w", a, b, err)
	}
	return out, undated, nil
}

// Actors implements Reader.
func (r *SQLReader) Actors(ctx context.Context, pg Page) ([]ActorOut, int, error) {
	var total int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM actors`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting actors: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, `SELECT code, name, country, as_source, as_target, events FROM actors
		ORDER BY events DESC, code LIMIT ? OFFSET ?`, pg.Limit, pg.Offset)
	if err != nil {
		return nil, 0, fmt.Errorf("actors: %w", err)
	}
	defer rows.Close()
	out := []ActorOut{}
	for rows.Next() {
		var a ActorOut
		var name, country sql.NullString
		if err := rows.Scan(&a.Code, &name, &country, &a.AsSource, &a.AsTarget, &a.Events); err != nil {
			return nil, 0, fmt.Errorf("actors: %w", err)
		}
		a.Name, a.Country = name.String, country.String
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// Clusters implements Reader.
func (r *SQLReader) Clusters(ctx context.Context, disputed bool, pg Page) ([]ClusterOut, int, error) {
	where := "TRUE"
	if disputed {
		where = "c.disputed"
	}
	var total int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM clusters c WHERE `+where).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting clusters: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, `SELECT c.id, c.event_type, c.source, c.target, c.date_start, c.date_end, c.reports, c.documents,
			c.disputed, to_json(c.conflicts),
			(SELECT to_json(list(ce.event_id ORDER BY ce.event_id)) FROM cluster_events ce WHERE ce.cluster_id = c.id)
		FROM clusters c WHERE `+where+` ORDER BY c.reports DESC, c.id LIMIT ? OFFSET ?`, pg.Limit, pg.Offset)
	if err != nil {
		return nil, 0, fmt.Errorf("clusters: %w", err)
	}
	defer rows.Close()
	out := []ClusterOut{}
	for rows.Next() {
		var c ClusterOut
		var start, end sql.NullTime
		var conflicts, events sql.NullString
		if err := rows.Scan(&c.ID, &c.EventType, &c.Source, &c.Target, &start, &end, &c.Reports, &c.Documents, &c.Disputed, &conflicts, &events); err != nil {
			return nil, 0, fmt.Errorf("clusters: %w", err)
		}
		c.Date = dateString(start)
		if e := dateString(end); e != "" && e != c.Date {
			c.Date += "/" + e
		}
		c.Conflicts, c.Events = []string{}, []string{}
		for _, js := range []struct {
			s   sql.NullString
			dst *[]string
		}{{conflicts, &c.Conflicts}, {events, &c.Events}} {
			if js.s.Valid && js.s.String != "" && js.s.String != "null" {
				if err := json.Unmarshal([]byte(js.s.String), js.dst); err != nil {
					return nil, 0, fmt.Errorf("cluster %s: %w", c.ID, err)
				}
			}
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

// Timeline implements Reader.
func (r *SQLReader) Timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error) {
	where, args := f.where()
	rows, err := r.db.QueryContext(ctx, `SELECT strftime(e.date_start, '%Y-%m') AS month, COALESCE(e.quad_class, 0), count(*)
		FROM events e WHERE e.date_start IS NOT NULL AND `+where+` GROUP BY ALL ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("timeline: %w", err)
	}
	defer rows.Close()
	out := []analyze.TimeCount{}
	for rows.Next() {
		var month string
		var quad int
		var c analyze.TimeCount
		if err := rows.Scan(&month, &quad, &c.Events); err != nil {
			return nil, 0, fmt.Errorf("timeline: %w", err)
		}
		if c.Month, err = analyze.ParseMonth(month); err != nil {
			return nil, 0, fmt.Errorf("timeline: %w", err)
		}
		c.Quad = analyze.Quad(quad)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("timeline: %w", err)
	}
	var undated int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM events e WHERE e.date_start IS NULL AND `+where, args...).Scan(&undated); err != nil {
		return nil, 0, fmt.Errorf("timeline: undated: %w", err)
	}
	return out, undated, nil
}

// maxLinks bounds the links read for the network (the strongest first).
const maxLinks = 20000

// Links implements Reader.
func (r *SQLReader) Links(ctx context.Context, level string) ([]analyze.Link, error) {
	key := "code"
	if level == "country" {
		key = countryKeySQL
	}
	rows, err := r.db.QueryContext(ctx, pairsSQL(key)+`
		SELECT p.src, p.tgt, count(*), COALESCE(sum(e.goldstein), 0)
		FROM p JOIN events e ON e.id = p.event_id
		GROUP BY p.src, p.tgt
		ORDER BY count(*) DESC, p.src, p.tgt
		LIMIT ?`, maxLinks)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	defer rows.Close()
	out := []analyze.Link{}
	for rows.Next() {
		var l analyze.Link
		if err := rows.Scan(&l.Source, &l.Target, &l.Events, &l.Goldstein); err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
