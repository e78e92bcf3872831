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
