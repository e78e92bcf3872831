package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"annals/internal/analyze"
	"annals/internal/record"
	"annals/internal/text"
)

// The store's event filter has no date basis (explicit, relative,
// published). Filters with one are answered here, with parameterized SQL
// over the store's events and event_args tables: actor sets as semi-joins,
// a dyad as the union of two intersections, the page and its total in one
// pass, the arguments fetched with an IN list. They mean what Memory's
// filters mean (TestStoreMatchesMemory checks both paths). Once the
// store's filter takes a basis, this file can go.

// sqlWhere builds the WHERE clause of an event filter over events e.
func (f EventFilter) sqlWhere() (string, []any) {
	var conds []string
	var args []any
	role := func(role, x string) string {
		args = append(args, x, x)
		return `e.id IN (SELECT event_id FROM event_args WHERE role = '` + role + `' AND (code = ? OR country = ?))`
	}
	if f.Actor != "" {
		args = append(args, f.Actor, f.Actor)
		conds = append(conds, `e.id IN (SELECT event_id FROM event_args WHERE code = ? OR country = ?)`)
	}
	if f.DyadA != "" {
		a, b := f.DyadA, f.DyadB
		args = append(args, a, a, b, b, b, b, a, a)
		// Intersections of prefiltered argument sets: several times faster
		// in DuckDB than a self-join of event_args.
		const dir = `SELECT event_id FROM (
			SELECT event_id FROM event_args WHERE role = 'source' AND (code = ? OR country = ?)
			INTERSECT
			SELECT event_id FROM event_args WHERE role = 'target' AND (code = ? OR country = ?))`
		conds = append(conds, `e.id IN (`+dir+` UNION `+dir+`)`)
	}
	if f.Source != "" {
		conds = append(conds, role("source", f.Source))
	}
	if f.Target != "" {
		conds = append(conds, role("target", f.Target))
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
	switch f.Basis {
	case "":
	case "text":
		conds = append(conds, `e.date_basis IN ('explicit', 'relative')`)
	default:
		args = append(args, f.Basis)
		conds = append(conds, `e.date_basis = ?`)
	}
	if len(conds) == 0 {
		return "TRUE", nil
	}
	return strings.Join(conds, " AND "), args
}

// eventColumns are read by scanEvent, in order.
const eventColumns = `e.id, e.doc_id, e.sentence, e.sentence_text, e.event_type, e.mode, e.context, e.cameo,
	e.quad_class, e.goldstein, e.trigger_text, e.trigger_start, e.trigger_end,
	e.date_value, e.date_precision, e.date_basis, e.date_text, e.published,
	e.location_text, e.location_country, e.polarity, e.modality, e.certainty,
	e.attribution, e.confidence, e.rule, e.evidence`

const eventOrder = `e.date_start NULLS LAST, e.doc_id, e.sentence, e.id`

type scanner interface{ Scan(...any) error }

func scanEvent(row scanner, extra ...any) (record.Event, error) {
	var e record.Event
	var (
		sentence, quad, tstart, tend                               sql.NullInt64
		sentText, typ, mode, cameo, trig                           sql.NullString
		ctx                                                        any
		dval, dprec, dbasis, dtext, pub, loc, locc, pol, moda, cer sql.NullString
		attr, rule, evid                                           sql.NullString
		gold, conf                                                 sql.NullFloat64
	)
	dest := []any{&e.ID, &e.DocID, &sentence, &sentText, &typ, &mode, &ctx, &cameo,
		&quad, &gold, &trig, &tstart, &tend,
		&dval, &dprec, &dbasis, &dtext, &pub,
		&loc, &locc, &pol, &moda, &cer,
		&attr, &conf, &rule, &evid}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return e, err
	}
	e.Sentence, e.SentenceText = int(sentence.Int64), sentText.String
	e.EventType, e.Mode, e.CAMEO = typ.String, mode.String, cameo.String
	e.Context = stringList(ctx)
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
func attachArgs(ctx context.Context, db *sql.DB, evs []record.Event) error {
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
	rows, err := db.QueryContext(ctx, `SELECT event_id, role, text, start_byte, end_byte, code, country, sector, name, kind
		FROM event_args WHERE event_id IN (`+strings.Join(ph, ", ")+`) ORDER BY event_id, role, idx`, args...)
	if err != nil {
		return fmt.Errorf("event arguments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, role string
		var txt, code, country, name, kind sql.NullString
		var sector any
		var start, end sql.NullInt64
		if err := rows.Scan(&id, &role, &txt, &start, &end, &code, &country, &sector, &name, &kind); err != nil {
			return fmt.Errorf("event arguments: %w", err)
		}
		a := record.Argument{Span: record.Span{Text: txt.String, Start: int(start.Int64), End: int(end.Int64)},
			Actor: text.Actor{Code: code.String, Country: country.String, Name: name.String, Kind: kind.String, Sector: stringList(sector)}}
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

// events reads a page of the events that match f and their total.
func sqlEvents(ctx context.Context, db *sql.DB, f EventFilter) ([]record.Event, int, error) {
	where, args := f.sqlWhere()
	rows, err := db.QueryContext(ctx, `SELECT `+eventColumns+`, count(*) OVER () FROM events e WHERE `+where+
		` ORDER BY `+eventOrder+` LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	evs := []record.Event{}
	total := 0
	for rows.Next() {
		e, err := scanEvent(rows, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("events: %w", err)
		}
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("events: %w", err)
	}
	if len(evs) == 0 {
		// Past the last page (or nothing matches): count apart.
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM events e WHERE `+where, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("counting events: %w", err)
		}
		return evs, total, nil
	}
	return evs, total, attachArgs(ctx, db, evs)
}

// sqlTimeline groups the events that match f by month of event date and
// quad class, and counts the undated ones.
func sqlTimeline(ctx context.Context, db *sql.DB, f EventFilter) ([]analyze.TimeCount, int, error) {
	where, args := f.sqlWhere()
	rows, err := db.QueryContext(ctx, `SELECT strftime(e.date_start, '%Y-%m'), COALESCE(e.quad_class, 0), count(*)
		FROM events e WHERE `+where+` GROUP BY ALL ORDER BY 1 NULLS LAST, 2`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("timeline: %w", err)
	}
	defer rows.Close()
	out := []analyze.TimeCount{}
	undated := 0
	for rows.Next() {
		var month sql.NullString
		var quad, n int
		if err := rows.Scan(&month, &quad, &n); err != nil {
			return nil, 0, fmt.Errorf("timeline: %w", err)
		}
		if !month.Valid {
			undated += n
			continue
		}
		m, err := analyze.ParseMonth(month.String)
		if err != nil {
			return nil, 0, fmt.Errorf("timeline: %w", err)
		}
		out = append(out, analyze.TimeCount{Month: m, Quad: analyze.Quad(quad), Events: n})
	}
	return out, undated, rows.Err()
}

// stringList converts a scanned DuckDB list of strings; anything else is
// an empty list.
func stringList(v any) []string {
	out := []string{}
	xs, _ := v.([]any)
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
