package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkExistingKeys measures the duplicate check of one batch of 64
// keys (half of them stored) against a store of 1,000,000 documents, as
// Put makes it.
func BenchmarkExistingKeys(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "keys.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.db.ExecContext(ctx, `INSERT INTO documents SELECT 'k' || i, 'url:https://news.example/' || i, NULL, NULL, NULL,
		'', 'x', 'bench', now(), 0 FROM range(1000000) t(i)`); err != nil {
		b.Fatal(err)
	}
	x, _ := db.db.get(ctx)
	conn, err := x.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	c := sqlConn{conn, db.d}
	round := 0
	for b.Loop() {
		var keys []string
		for i := range 64 {
			if i%2 == 0 {
				keys = append(keys, fmt.Sprintf("url:https://news.example/%d", (round*7919+i*104729)%1000000))
			} else {
				keys = append(keys, fmt.Sprintf("url:https://elsewhere.example/%d-%d", round, i))
			}
		}
		round++
		have, err := existingKeys(ctx, c, keys)
		if err != nil {
			b.Fatal(err)
		}
		if len(have) != 32 {
			b.Fatalf("%d of 32 stored keys found", len(have))
		}
	}
}
