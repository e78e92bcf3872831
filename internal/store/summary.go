package store

import (
	"context"
	"database/sql"
	"fmt"
)

// The aggregates behind the explorer's overview pages (dyads, actors,
// links, dyad series) are costly over millions of events, so Refresh keeps
// them as tables after each ingest. Until then (the meta key "summaries"
// is "stale" after every Put) the readers compute them live from the same
// SQL, so that answers never depend on whether Refresh has run.

// dyadsSQL: pairs of actors at country level, self-pairs left out.
const dyadsSQL = `WITH p AS (SELECT DISTINCT e.id AS event_id, s.k AS src, t.k AS tgt, e.goldstein, e.date_start
		FROM events e, unnest(e.src_ckeys) AS s(k), unnest(e.tgt_ckeys) AS t(k)),
	d AS (SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, event_id, src, goldstein, date_start FROM p WHERE src <> tgt),
	per AS (SELECT a, b, event_id, count(*) FILTER (WHERE src = a) AS ab, count(*) FILTER (WHERE src = b) AS ba,
		any_value(goldstein) AS goldstein, any_value(date_start) AS date_start FROM d GROUP BY a, b, event_id)
	SELECT a, b, sum(ab)::INTEGER AS a_to_b, sum(ba)::INTEGER AS b_to_a, count(*)::INTEGER AS events,
		coalesce(sum(goldstein), 0) AS goldstein,
		coalesce(strftime(min(date_start), '%Y-%m-%d'), '') AS first, coalesce(strftime(max(date_start), '%Y-%m-%d'), '') AS last
	FROM per GROUP BY a, b`

// linksSQL: who acts on whom, by full code and by country key.
const linksSQL = `SELECT 'code' AS level, src, tgt, count(*)::INTEGER AS events, coalesce(sum(goldstein), 0) AS goldstein
	FROM (SELECT DISTINCT e.id, s.k AS src, t.k AS tgt, e.goldstein FROM events e, unnest(e.src_codes) AS s(k), unnest(e.tgt_codes) AS t(k))
	GROUP BY src, tgt
	UNION ALL
	SELECT 'country' AS level, src, tgt, count(*)::INTEGER AS events, coalesce(sum(goldstein), 0) AS goldstein
	FROM (SELECT DISTINCT e.id, s.k AS src, t.k AS tgt, e.goldstein FROM events e, unnest(e.src_ckeys) AS s(k), unnest(e.tgt_ckeys) AS t(k))
	GROUP BY src, tgt`

// dyadMonthsSQL: events by source key, target key (each a code or a
// country), month of event date (NULL when undated) and quad class. An
// event counts once per (source key, target key).
const dyadMonthsSQL = `WITH k AS (SELECT e.id, e.date_start, e.quad_class, e.goldstein,
		list_distinct(list_concat(e.src_codes, e.src_countries)) AS sk,
		list_distinct(list_concat(e.tgt_codes, e.tgt_countries)) AS tk FROM events e)
	SELECT s.k AS src, t.k AS tgt, strftime(date_start, '%Y-%m') AS month, quad_class,
		count(*)::INTEGER AS events, coalesce(sum(goldstein), 0) AS goldstein
	FROM k, unnest(k.sk) AS s(k), unnest(k.tk) AS t(k) GROUP BY ALL`

// summaries are the tables Refresh keeps, and the SQL of each.
var summaries = []struct{ table, sql string }{
	{"sum_dyads", dyadsSQL},
	{"sum_links", linksSQL},
	{"sum_dyad_months", dyadMonthsSQL},
	{"sum_actors", "SELECT * FROM actors"},
}

// source returns what to select an aggregate from: its table when the
// summaries are fresh, else its SQL as a subquery.
func (s *DB) source(ctx context.Context, table, live string) string {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'summaries'`).Scan(&v)
	if err == nil && v == "fresh" {
		return table
	}
	return "(" + live + ")"
}

// Stale reports whether documents were stored since the last Refresh (or
// a Refresh was interrupted): the clusters and summaries need rebuilding.
func (s *DB) Stale(ctx context.Context) bool {
	return s.source(ctx, "fresh", "stale") != "fresh"
}

// markStale records, within the transaction open on conn, that the
// summaries no longer match the events.
func markStale(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('summaries', 'stale') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	return err
}

// Summarize rebuilds the summary tables in one transaction.
func (s *DB) Summarize(ctx context.Context) error {
	err := s.inTx(ctx, func(conn *sql.Conn) error {
		for _, sm := range summaries {
			// Sorted by their first column, so that DuckDB's zone maps skip
			// most of a table when a query selects one actor.
			if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TABLE "+sm.table+" AS SELECT * FROM ("+sm.sql+") ORDER BY 1, 2"); err != nil {
				return fmt.Errorf("%s: %w", sm.table, err)
			}
		}
		_, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('summaries', 'fresh') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
		return err
	})
	if err != nil {
		return fmt.Errorf("store %s: summarize: %w", s.path, err)
	}
	return nil
}

// Refresh brings the derived tables up to date after an ingest: the
// clusters (Recluster) and the summaries (Summarize).
func (s *DB) Refresh(ctx context.Context) (ClusterStats, error) {
	st, err := s.Recluster(ctx)
	if err != nil {
		return st, err
	}
	return st, s.Summarize(ctx)
}
