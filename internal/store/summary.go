package store

import (
	"context"
	"fmt"
)

// The aggregates behind the explorer's overview pages (dyads, actors,
// links, dyad series) are costly over millions of events, so Refresh keeps
// them as tables after each ingest. Until then (the meta key "summaries"
// is "stale" after every Put) the readers compute them live from the same
// SQL, so that answers never depend on whether Refresh has run.

// dyadsSQL: pairs of actors at country level, self-pairs left out.
func dyadsSQL(d dialect) string {
	return `WITH p AS (SELECT DISTINCT e.id AS event_id, s.k AS src, t.k AS tgt, e.goldstein, e.date_start
		FROM events e, unnest(e.src_ckeys) AS s(k), unnest(e.tgt_ckeys) AS t(k)),
	d AS (SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, event_id, src, goldstein, date_start FROM p WHERE src <> tgt),
	per AS (SELECT a, b, event_id, count(*) FILTER (WHERE src = a) AS ab, count(*) FILTER (WHERE src = b) AS ba,
		min(goldstein) AS goldstein, min(date_start) AS date_start FROM d GROUP BY a, b, event_id)
	SELECT a, b, sum(ab)::INTEGER AS a_to_b, sum(ba)::INTEGER AS b_to_a, count(*)::INTEGER AS events,
		coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein,
		coalesce(` + d.ymd("min(date_start)") + `, '') AS first, coalesce(` + d.ymd("max(date_start)") + `, '') AS last
	FROM per GROUP BY a, b`
}

// linksSQL: who acts on whom, by full code and by country key.
func linksSQL(d dialect) string {
	return `SELECT 'code' AS level, src, tgt, count(*)::INTEGER AS events, coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein
	FROM (SELECT DISTINCT e.id, s.k AS src, t.k AS tgt, e.goldstein FROM events e, unnest(e.src_codes) AS s(k), unnest(e.tgt_codes) AS t(k)) AS x
	GROUP BY src, tgt
	UNION ALL
	SELECT 'country' AS level, src, tgt, count(*)::INTEGER AS events, coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein
	FROM (SELECT DISTINCT e.id, s.k AS src, t.k AS tgt, e.goldstein FROM events e, unnest(e.src_ckeys) AS s(k), unnest(e.tgt_ckeys) AS t(k)) AS x
	GROUP BY src, tgt`
}

// dyadMonthsSQL: events by source key, target key (each a code or a
// country), month of event date (NULL when undated) and quad class. An
// event counts once per (source key, target key).
func dyadMonthsSQL(d dialect) string {
	return `WITH k AS (SELECT e.id, e.date_start, e.quad_class, e.goldstein,
		` + d.distinctConcat("e.src_codes", "e.src_countries") + ` AS sk,
		` + d.distinctConcat("e.tgt_codes", "e.tgt_countries") + ` AS tk FROM events e)
	SELECT s.k AS src, t.k AS tgt, ` + d.ym("date_start") + ` AS month, quad_class,
		count(*)::INTEGER AS events, coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein
	FROM k, unnest(k.sk) AS s(k), unnest(k.tk) AS t(k) GROUP BY 1, 2, 3, 4`
}

func actorsSQL(dialect) string { return "SELECT * FROM actors" }

// summaries are the tables Refresh keeps, and the SQL of each.
var summaries = []struct {
	table string
	sql   func(dialect) string
}{
	{"sum_dyads", dyadsSQL},
	{"sum_links", linksSQL},
	{"sum_dyad_months", dyadMonthsSQL},
	{"sum_actors", actorsSQL},
}

// source returns what to select an aggregate from: its table when the
// summaries are fresh, else its SQL as a subquery (named as the table).
func (s *DB) source(ctx context.Context, table string, live func(dialect) string) string {
	if !s.Stale(ctx) {
		return table
	}
	return "(" + live(s.d) + ") AS " + table
}

// Stale reports whether documents were stored since the last Refresh (or
// a Refresh was interrupted): the clusters and summaries need rebuilding.
func (s *DB) Stale(ctx context.Context) bool {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'summaries'`).Scan(&v)
	return err != nil || v != "fresh"
}

// markStale records, within the transaction open on conn, that the
// summaries no longer match the events.
func markStale(ctx context.Context, conn sqlConn) error {
	_, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('summaries', 'stale') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	if err == nil {
		err = nextGeneration(ctx, conn)
	}
	return err
}

// nextGeneration counts, within the transaction open on conn, a change of
// a PostgreSQL store (Stamp); a DuckDB store's stamp is its file's.
func nextGeneration(ctx context.Context, conn sqlConn) error {
	if !conn.d.pg {
		return nil
	}
	_, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('generation', '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS VARCHAR)`)
	return err
}

// Summarize rebuilds the summary tables in one transaction.
func (s *DB) Summarize(ctx context.Context) error {
	err := s.inTx(ctx, func(conn sqlConn) error {
		for _, sm := range summaries {
			for _, q := range s.d.replaceTable(sm.table, sm.sql(s.d)) {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("%s: %w", sm.table, err)
				}
			}
		}
		_, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('summaries', 'fresh') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
		if err == nil {
			err = nextGeneration(ctx, conn)
		}
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
