package store

import (
	"context"
	"database/sql"
	"fmt"
)

// docTables are the tables that hold a document's rows by doc_id, the
// documents table last.
var docTables = []string{"event_args", "events", "incomplete_events", "mentions", "sentences"}

// deleteKey removes the stored document with key, and all its rows, within
// the transaction open on conn. It reports whether there was one.
func deleteKey(ctx context.Context, conn sqlConn, key string) (bool, error) {
	var id string
	err := conn.QueryRowContext(ctx, `SELECT id FROM documents WHERE key = ?`, key).Scan(&id)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := markDeleted(ctx, conn, id); err != nil {
		return false, fmt.Errorf("replacing %s: %w", key, err)
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM cluster_events WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)`, id); err != nil {
		return false, fmt.Errorf("replacing %s: %w", key, err)
	}
	for _, t := range docTables {
		if _, err := conn.ExecContext(ctx, "DELETE FROM "+t+" WHERE doc_id = ?", id); err != nil {
			return false, fmt.Errorf("replacing %s: %s: %w", key, t, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return false, fmt.Errorf("replacing %s: %w", key, err)
	}
	return true, nil
}

// markDeleted records in the dirty table, within the transaction open on
// conn, what deleting the events of document id changes: the actors and
// the event types and targets of its events, and the clusters they were
// reports of.
func markDeleted(ctx context.Context, conn sqlConn, id string) error {
	for _, q := range []string{
		`INSERT INTO dirty SELECT DISTINCT 'actor', k.k, '' FROM events e,
			unnest(e.src_codes || e.src_countries || e.tgt_codes || e.tgt_countries) AS k(k) WHERE e.doc_id = ?`,
		`INSERT INTO dirty SELECT DISTINCT 'target', coalesce(e.event_type, ''), k.k FROM events e, unnest(e.tgt_codes) AS k(k)
			WHERE e.doc_id = ?`,
		`INSERT INTO dirty SELECT DISTINCT 'cluster', cluster_id, '' FROM cluster_events
			WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)`,
	} {
		if _, err := conn.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}
