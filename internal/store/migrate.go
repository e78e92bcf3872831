package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"annals/internal/record"
)

// A migration brings a store from schema version From to From+1. Steps
// run in order, each in its own transaction with the version stamp that
// ends it, so that a store is always at one version or the next, never in
// between. schema.sql then creates whatever is missing (new tables and
// views), which needs no step.
type migration struct {
	From  int
	About string
	Apply func(ctx context.Context, tx *sql.Tx) error
}

// migrations are the steps from each earlier schema version to the
// current one (SchemaVersion).
var migrations = []migration{
	{1, "sources' and targets' codes, countries and country keys as lists on each event row", func(ctx context.Context, tx *sql.Tx) error {
		// The actors view of version 1 reads event_args; version 2's reads
		// the new columns and is created by schema.sql after the steps.
		if _, err := tx.ExecContext(ctx, `DROP VIEW IF EXISTS actors`); err != nil {
			return err
		}
		if err := addColumns(ctx, tx, "src_codes VARCHAR[]", "src_countries VARCHAR[]", "src_ckeys VARCHAR[]",
			"tgt_codes VARCHAR[]", "tgt_countries VARCHAR[]", "tgt_ckeys VARCHAR[]"); err != nil {
			return err
		}
		return backfillEventArgs(ctx, tx, false)
	}},
	{2, "actor key strings and the source and target lists as JSON on each event row", func(ctx context.Context, tx *sql.Tx) error {
		if err := addColumns(ctx, tx, "src_keys VARCHAR", "tgt_keys VARCHAR", "source VARCHAR", "target VARCHAR"); err != nil {
			return err
		}
		return backfillEventArgs(ctx, tx, true)
	}},
	{3, "a table of what writes changed, so that Refresh updates the clusters and summaries incrementally", untrack},
	{4, sentencesOnce, func(ctx context.Context, tx *sql.Tx) error {
		return sentenceText(ctx, tx, `decode(encode(d.text)[sentences.start_byte + 1:sentences.end_byte])`, "")
	}},
}

// sentencesOnce says what step 4 does.
const sentencesOnce = "each sentence's text stored once, in sentences, instead of on every event of the sentence"

// sentenceText is step 4, of both stores: sentences gets a text column,
// filled from its document's text by byte offsets (slice, an expression
// over sentences and documents d, cuts it out), and events loses its
// copy of the text, which reads now take from sentences. A sentence
// without events gets its text too. collate is the text column's
// collation clause.
func sentenceText(ctx context.Context, tx *sql.Tx, slice, collate string) error {
	for _, q := range []string{
		// The actors view reads events; schema.sql makes it again.
		`DROP VIEW IF EXISTS actors`,
		`ALTER TABLE sentences ADD COLUMN IF NOT EXISTS text VARCHAR` + collate,
		`UPDATE sentences SET text = ` + slice + ` FROM documents d WHERE d.id = sentences.doc_id`,
		`ALTER TABLE events DROP COLUMN IF EXISTS sentence_text`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// untrack makes the next Refresh rebuild the clusters and summaries in
// full (the dirty table that schema.sql creates after the step starts
// empty, and knows nothing of earlier writes).
func untrack(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = 'derived'`)
	return err
}

func addColumns(ctx context.Context, tx *sql.Tx, cols ...string) error {
	for _, c := range cols {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE events ADD COLUMN IF NOT EXISTS "+c); err != nil {
			return err
		}
	}
	return nil
}

// pgMigrations are the steps of a PostgreSQL store. Its first schema is
// version 3 (schema_pg.sql); a later version adds a step here as well as
// to migrations, so that both stores move forward together.
var pgMigrations = []migration{
	{3, "a table of what writes changed, so that Refresh updates the clusters and summaries incrementally", untrack},
	{4, sentencesOnce, func(ctx context.Context, tx *sql.Tx) error {
		return sentenceText(ctx, tx, `convert_from(substring(convert_to(d.text, 'UTF8') FROM sentences.start_byte + 1
			FOR greatest(sentences.end_byte - sentences.start_byte, 0)), 'UTF8')`, ` COLLATE "C"`)
	}},
}

// querier is a database, a connection or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// schemaVersion returns the store's version: 0 for an empty database
// (a new store), an error for a database that is not an annals store.
// The tables looked at are those of the current schema (DuckDB's main,
// PostgreSQL's first schema on the search path).
func schemaVersion(ctx context.Context, db querier) (int, error) {
	var tables, meta int
	err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE table_name = 'meta')
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &meta)
	if err != nil {
		return 0, err
	}
	if meta == 0 {
		if tables > 0 {
			return 0, fmt.Errorf("not an annals store: it has tables but no meta table")
		}
		return 0, nil
	}
	var v string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		return 0, fmt.Errorf("not an annals store: no schema version in its meta table: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("not an annals store: schema version %q", v)
	}
	return n, nil
}

// currentVersion is SchemaVersion as a number.
func currentVersion() int {
	n, _ := strconv.Atoi(SchemaVersion)
	return n
}

// checkVersion verifies that a store opened read-only has the current
// schema; it cannot be migrated without writing.
func checkVersion(ctx context.Context, db sqlDB) error {
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	switch cur := currentVersion(); {
	case v == 0:
		return fmt.Errorf("not an annals store: empty")
	case v > cur:
		return fmt.Errorf("schema version %d was written by a newer annals; this one reads version %d", v, cur)
	case v < cur:
		return fmt.Errorf("schema version %d is older than this annals' %d: run \"annals migrate --db PATH\" once to bring it forward", v, cur)
	}
	return nil
}

// migrate brings the store to the current schema: a new store gets
// schema.sql; an older one is migrated forward step by step; a newer one,
// or a database that is not a store, is refused and left as it is.
func migrate(ctx context.Context, db sqlDB) error {
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	cur := currentVersion()
	if v > cur {
		return fmt.Errorf("schema version %d was written by a newer annals; this one knows versions up to %d and leaves the store as it is", v, cur)
	}
	if v > 0 {
		for ; v < cur; v++ {
			if err := migrateStep(ctx, db.fixed, v); err != nil {
				return err
			}
		}
	}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("creating schema: %w", err)
	}
	// A new store is stamped here; a migrated one already is, by its last step.
	if _, err := db.ExecContext(ctx, `INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING`, SchemaVersion); err != nil {
		return err
	}
	return nil
}

// migrateStep applies the step from version v in one transaction, with
// the new version stamp.
func migrateStep(ctx context.Context, db *sql.DB, v int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := applyStep(ctx, tx, migrations, v, "?"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrating schema version %d to %d: %w", v, v+1, err)
	}
	return nil
}

// applyStep applies the step of steps from version v within tx, with the
// new version stamp (param is the backend's first placeholder).
func applyStep(ctx context.Context, tx *sql.Tx, steps []migration, v int, param string) error {
	var step *migration
	for i := range steps {
		if steps[i].From == v {
			step = &steps[i]
		}
	}
	if step == nil {
		return fmt.Errorf("no migration from schema version %d (this annals reads version %s)", v, SchemaVersion)
	}
	fail := func(err error) error {
		return fmt.Errorf("migrating schema version %d to %d (%s): %w", v, v+1, step.About, err)
	}
	if err := step.Apply(ctx, tx); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = `+param+` WHERE key = 'schema_version'`, strconv.Itoa(v+1)); err != nil {
		return fail(err)
	}
	return nil
}

// pgLock is the key of the advisory lock that PostgreSQL stores take
// while they create or migrate their tables, so that two annals starting
// at once against a new database do not both create them.
const pgLock = 0x616e6e616c73 // "annals"

// migratePG brings a PostgreSQL store to the current schema, as migrate
// does a DuckDB one, in one transaction (PostgreSQL's DDL is
// transactional): the steps, the tables, the version stamp.
func migratePG(ctx context.Context, db sqlDB) error {
	tx, err := db.fixed.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(pgLock)); err != nil {
		return err
	}
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	cur := currentVersion()
	if v > cur {
		return fmt.Errorf("schema version %d was written by a newer annals; this one knows versions up to %d and leaves the store as it is", v, cur)
	}
	if v > 0 {
		for ; v < cur; v++ {
			if err := applyStep(ctx, tx, pgMigrations, v, "$1"); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, schemaPG); err != nil {
		return fmt.Errorf("creating schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta VALUES ('schema_version', $1) ON CONFLICT (key) DO NOTHING`, SchemaVersion); err != nil {
		return err
	}
	return tx.Commit()
}

// backfillEventArgs fills every event row's columns derived from its
// arguments, as Put computes them when it writes an event, from
// event_args: the code, country and key lists, and with all (version 3
// on) the key strings and the source and target JSON too.
func backfillEventArgs(ctx context.Context, tx *sql.Tx, all bool) error {
	rs, err := tx.QueryContext(ctx, `SELECT event_id, role, coalesce(text, ''), coalesce(start_byte, 0), coalesce(end_byte, 0),
		coalesce(code, ''), coalesce(country, ''), coalesce(sector, []), coalesce(name, ''), coalesce(kind, '')
		FROM event_args ORDER BY event_id, role, idx`)
	if err != nil {
		return err
	}
	args := map[string]*[2][]record.Argument{}
	var order []string
	for rs.Next() {
		var id, role string
		var a record.Argument
		var sector []any
		if err := rs.Scan(&id, &role, &a.Text, &a.Start, &a.End, &a.Actor.Code, &a.Actor.Country, &sector, &a.Actor.Name, &a.Actor.Kind); err != nil {
			rs.Close()
			return err
		}
		a.Actor.Sector = []string{}
		for _, s := range sector {
			if str, ok := s.(string); ok {
				a.Actor.Sector = append(a.Actor.Sector, str)
			}
		}
		p := args[id]
		if p == nil {
			p = &[2][]record.Argument{{}, {}}
			args[id] = p
			order = append(order, id)
		}
		if role == "target" {
			p[1] = append(p[1], a)
		} else {
			p[0] = append(p[0], a)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return err
	}
	// Events without arguments get empty lists.
	set := `src_codes = ?, src_countries = ?, src_ckeys = ?, tgt_codes = ?, tgt_countries = ?, tgt_ckeys = ?`
	none := []any{[]string{}, []string{}, []string{}, []string{}, []string{}, []string{}}
	if all {
		set += `, src_keys = ?, tgt_keys = ?, source = ?, target = ?`
		none = append(none, "|", "|", "[]", "[]")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET `+set, none...); err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, `UPDATE events SET `+set+` WHERE id = ?`)
	if err != nil {
		return err
	}
	defer up.Close()
	for _, id := range order {
		p := args[id]
		src, err := json.Marshal(p[0])
		if err != nil {
			return err
		}
		tgt, err := json.Marshal(p[1])
		if err != nil {
			return err
		}
		vals := append(argKeys(p[0]), argKeys(p[1])...)
		if all {
			vals = append(vals, keyString(p[0]), keyString(p[1]), string(src), string(tgt))
		}
		vals = append(vals, id)
		if _, err := up.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("event %s: %w", id, err)
		}
	}
	return nil
}
