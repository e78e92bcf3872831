package store

import (
	"context"
	"fmt"
	"testing"
)

// TestRefreshRetriesOutOfMemory: a refresh that runs out of memory under
// one bound is rolled back and run again under the next; under the last
// bound the error is the caller's.
func TestRefreshRetriesOutOfMemory(t *testing.T) {
	db := openTemp(t)
	var docs []Doc
	for i := range 40 {
		s := fmt.Sprintf("Chile accused Peru of raid number %d near the border.", i)
		docs = append(docs, Doc{Doc: mkDoc(t, fmt.Sprintf("d%d", i), s, "2024-05-01",
			ev{typ: "ACCUSE", trigger: "accused", src: "Chile", srcCode: "CHLGOV", tgt: "Peru", tgtCode: "PER", date: "2024-05"}), Source: "test"})
	}
	put(t, db, docs...)
	ctx := context.Background()
	saved := refreshMemory
	t.Cleanup(func() { refreshMemory = saved })

	refreshMemory = []string{"1KB"}
	_, err := db.Rebuild(ctx)
	if err == nil || !outOfMemory(err) {
		t.Skipf("DuckDB did not run out of memory under 1KB (%v): nothing to retry", err)
	}
	refreshMemory = []string{"1KB", "160MB"}
	if _, err := db.Rebuild(ctx); err != nil {
		t.Fatalf("rebuild with a second bound: %v", err)
	}
	var n int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sum_dyad_months`).Scan(&n); err != nil || n == 0 {
		t.Errorf("summary rows after the retried rebuild: %d, %v", n, err)
	}
}
