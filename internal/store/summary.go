package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The aggregates behind the explorer's overview pages (dyads, actors,
// links, dyad series) are costly over millions of events, so Refresh keeps
// them as tables after each ingest. Until then (the meta key "summaries"
// is "stale" after every Put) the readers compute them live from the same
// SQL, so that answers never depend on whether Refresh has run.

// dyadsSQL: pairs of actors at country level, self-pairs left out.
func dyadsSQL(d dialect) string { return dyadsFrom(d, "events") }

func dyadsFrom(d dialect, events string) string {
	return `WITH p AS (SELECT DISTINCT e.id AS event_id, s.k AS src, t.k AS tgt, e.goldstein, e.date_start
		FROM ` + events + ` e, unnest(e.src_ckeys) AS s(k), unnest(e.tgt_ckeys) AS t(k)),
	d AS (SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, event_id, src, goldstein, date_start FROM p WHERE src <> tgt),
	per AS (SELECT a, b, event_id, count(*) FILTER (WHERE src = a) AS ab, count(*) FILTER (WHERE src = b) AS ba,
		min(goldstein) AS goldstein, min(date_start) AS date_start FROM d GROUP BY a, b, event_id)
	SELECT a, b, sum(ab)::INTEGER AS a_to_b, sum(ba)::INTEGER AS b_to_a, count(*)::INTEGER AS events,
		coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein,
		coalesce(` + d.ymd("min(date_start)") + `, '') AS first, coalesce(` + d.ymd("max(date_start)") + `, '') AS last
	FROM per GROUP BY a, b`
}

// linksSQL: who acts on whom, by full code and by country key.
func linksSQL(d dialect) string { return linksFrom(d, "events") }

func linksFrom(d dialect, events string) string {
	return `SELECT 'code' AS level, src, tgt, count(*)::INTEGER AS events, coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein
	FROM (SELECT DISTINCT e.id, s.k AS src, t.k AS tgt, e.goldstein FROM ` + events + ` e, unnest(e.src_codes) AS s(k), unnest(e.tgt_codes) AS t(k)) AS x
	GROUP BY src, tgt
	UNION ALL
	SELECT 'country' AS level, src, tgt, count(*)::INTEGER AS events, coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein
	FROM (SELECT DISTINCT e.id, s.k AS src, t.k AS tgt, e.goldstein FROM ` + events + ` e, unnest(e.src_ckeys) AS s(k), unnest(e.tgt_ckeys) AS t(k)) AS x
	GROUP BY src, tgt`
}

// dyadMonthsSQL: events by source key, target key (each a code or a
// country), month of event date (NULL when undated) and quad class. An
// event counts once per (source key, target key).
func dyadMonthsSQL(d dialect) string { return dyadMonthsFrom(d, "events") }

func dyadMonthsFrom(d dialect, events string) string {
	return `WITH k AS (SELECT e.id, e.date_start, e.quad_class, e.goldstein,
		` + d.distinctConcat("e.src_codes", "e.src_countries") + ` AS sk,
		` + d.distinctConcat("e.tgt_codes", "e.tgt_countries") + ` AS tk FROM ` + events + ` e)
	SELECT s.k AS src, t.k AS tgt, ` + d.ym("date_start") + ` AS month, quad_class,
		count(*)::INTEGER AS events, coalesce(` + d.sumScore("goldstein") + `, 0) AS goldstein
	FROM k, unnest(k.sk) AS s(k), unnest(k.tk) AS t(k) GROUP BY 1, 2, 3, 4`
}

func actorsSQL(dialect) string { return "SELECT * FROM actors" }

func actorsFrom(dialect, string) string { return "SELECT * FROM actors" }

// summaries are the tables Refresh keeps, the SQL of each over a table of
// events, and the columns that name the actors of a row: a row is a
// function of the events that name all of those actors.
var summaries = []struct {
	table string
	sql   func(dialect) string
	from  func(d dialect, events string) string
	keys  []string
}{
	{"sum_dyads", dyadsSQL, dyadsFrom, []string{"a", "b"}},
	{"sum_links", linksSQL, linksFrom, []string{"src", "tgt"}},
	{"sum_dyad_months", dyadMonthsSQL, dyadMonthsFrom, []string{"src", "tgt"}},
	{"sum_actors", actorsSQL, actorsFrom, []string{"code"}},
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
		if err := summarizeTables(ctx, conn, false); err != nil {
			return err
		}
		return markFresh(ctx, conn)
	})
	if err != nil {
		return fmt.Errorf("store %s: summarize: %w", s.path, err)
	}
	return nil
}

// summarizeTables rebuilds the summary tables within the transaction open on
// conn: all their rows, or with incremental the rows of the actors that
// the writes recorded in the dirty table touched. Those rows are deleted
// and computed again from the events that name their actors (an event
// of a row names a key of the row as a source and one as a target).
func summarizeTables(ctx context.Context, conn sqlConn, incremental bool) error {
	d := conn.d
	if !incremental {
		for _, sm := range summaries {
			for _, q := range d.replaceTable(sm.table, sm.sql(d)) {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("%s: %w", sm.table, err)
				}
			}
		}
		return nil
	}
	keys, err := dirtyValues(ctx, conn, "actor", "a")
	if err != nil || len(keys) == 0 {
		return err
	}
	// When the changed actors are a good part of all, the rows to
	// recompute are too: rebuilding the tables costs less.
	var actors int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sum_actors`).Scan(&actors); err != nil {
		return err
	}
	if fullShare*len(keys) >= actors {
		return summarizeTables(ctx, conn, false)
	}
	events := `(SELECT * FROM events WHERE (` + d.overlaps("src_codes", "?") + ` OR ` + d.overlaps("src_countries", "?") + `)
		AND (` + d.overlaps("tgt_codes", "?") + ` OR ` + d.overlaps("tgt_countries", "?") + `))`
	for _, sm := range summaries {
		var where []string
		for _, k := range sm.keys {
			where = append(where, d.inList(k, "?"))
		}
		cond := strings.Join(where, " AND ")
		if _, err := conn.ExecContext(ctx, `DELETE FROM `+sm.table+` WHERE `+cond, repeat(keys, len(sm.keys))...); err != nil {
			return fmt.Errorf("%s: %w", sm.table, err)
		}
		q := sm.from(d, events)
		args := repeat(keys, 4*strings.Count(q, events)+len(sm.keys))
		if _, err := conn.ExecContext(ctx, `INSERT INTO `+sm.table+` SELECT * FROM (`+q+`) AS q WHERE `+cond, args...); err != nil {
			return fmt.Errorf("%s: %w", sm.table, err)
		}
	}
	return nil
}

// repeat returns n copies of the parameter v.
func repeat(v []string, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// markFresh records, within the transaction open on conn, that the
// summaries match the events.
func markFresh(ctx context.Context, conn sqlConn) error {
	_, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('summaries', 'fresh') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	if err == nil {
		err = nextGeneration(ctx, conn)
	}
	return err
}

// Refresh brings the derived tables (the clusters and the summaries) up
// to date after an ingest, in one transaction: where the writes since the
// last Refresh changed them (the dirty table), or in full when the store
// has not kept track of its writes since a full rebuild (a new store, one
// migrated from an earlier schema, or after Rebuild asked for it).
func (s *DB) Refresh(ctx context.Context) (ClusterStats, error) {
	return s.refresh(ctx, false)
}

// Rebuild rebuilds the clusters and the summaries in full, as Refresh
// does when it cannot update them incrementally; it gives the same tables.
func (s *DB) Rebuild(ctx context.Context) (ClusterStats, error) {
	return s.refresh(ctx, true)
}

// refreshMemory bounds DuckDB's memory while it refreshes: its
// aggregates over the whole store spill to disk beyond it, rather than
// grow with the store. Some steps cannot spill (a full recluster of
// millions of events needs more than the first bound): a refresh that
// runs out of memory is rolled back and run again under the next bound.
var refreshMemory = []string{"160MB", "640MB", "2560MB"}

func (s *DB) refresh(ctx context.Context, full bool) (ClusterStats, error) {
	var st ClusterStats
	var err error
	for i, limit := range refreshMemory {
		st, err = s.refreshUnder(ctx, full, limit)
		if err == nil || s.d.pg || i == len(refreshMemory)-1 || !outOfMemory(err) {
			break
		}
	}
	if err != nil {
		return st, fmt.Errorf("store %s: refresh: %w", s.path, err)
	}
	return st, nil
}

// outOfMemory reports whether err is DuckDB's out-of-memory error.
func outOfMemory(err error) bool {
	return strings.Contains(err.Error(), "Out of Memory Error")
}

// refreshUnder refreshes in one transaction with DuckDB's memory bounded by
// limit.
func (s *DB) refreshUnder(ctx context.Context, full bool, limit string) (ClusterStats, error) {
	var st ClusterStats
	err := s.inTx(ctx, func(conn sqlConn) error {
		if !conn.d.pg {
			if _, err := conn.ExecContext(ctx, `SET memory_limit = '`+limit+`'`); err != nil {
				return err
			}
			defer conn.ExecContext(context.Background(), `RESET memory_limit`)
		}
		if conn.d.pg {
			// Writers take turns (as in put), so that the dirty rows
			// deleted below are those read.
			if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(pgLock+1)); err != nil {
				return err
			}
		}
		var v string
		err := conn.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'derived'`).Scan(&v)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		incremental := !full && v == "tracked"
		if st, err = recluster(ctx, conn, incremental); err != nil {
			return fmt.Errorf("recluster: %w", err)
		}
		if err := summarizeTables(ctx, conn, incremental); err != nil {
			return fmt.Errorf("summarize: %w", err)
		}
		if _, err := conn.ExecContext(ctx, `DELETE FROM dirty`); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO meta VALUES ('derived', 'tracked') ON CONFLICT (key) DO UPDATE SET value = excluded.value`); err != nil {
			return err
		}
		return markFresh(ctx, conn)
	})
	return st, err
}
