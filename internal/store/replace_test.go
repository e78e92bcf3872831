package store

import (
	"context"
	"testing"
)

// TestTeaserReplaced: a document stored as a feed teaser is listed as one;
// its article, stored with Replaces, takes its place under the same id in
// one transaction, and none of the teaser's rows are left.
func TestTeaserReplaced(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	const url = "url:https://courier.example/2025/10/ports"
	teaser := mkDoc(t, "d1", "Chile thanked Peru for the grain.", "2025-10-02",
		ev{typ: "SUPPORT", trigger: "thanked", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2025-10", quad: 1, goldstein: 2})
	other := mkDoc(t, "d2", "Brazil warned Paraguay about the dam.", "2025-10-01",
		ev{typ: "THREATEN", trigger: "warned", src: "Brazil", srcCode: "BRA", tgt: "Paraguay", tgtCode: "PRY", date: "2025-10", quad: 3, goldstein: -4})
	put(t, db, Doc{Doc: teaser, Key: "teaser:" + url}, Doc{Doc: other})
	d, err := db.Document(ctx, "d1")
	if err != nil || !d.Teaser {
		t.Fatalf("the teaser is not marked as one: %+v, %v", d.DocSummary, err)
	}
	if d2, _ := db.Document(ctx, "d2"); d2.Teaser {
		t.Error("a document with an ordinary key is marked a teaser")
	}
	full := mkDoc(t, "d1", "Chile thanked Peru for the grain and asked Bolivia to open its roads.", "2025-10-02",
		ev{typ: "SUPPORT", trigger: "thanked", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "2025-10", quad: 1, goldstein: 2},
		ev{typ: "REQUEST", trigger: "asked", src: "Chile", srcCode: "CHL", tgt: "Bolivia", tgtCode: "BOL", date: "2025-10", quad: 1, goldstein: 3})
	r := put(t, db, Doc{Doc: full, Key: url, Replaces: "teaser:" + url})
	if r.Replaced != 1 || r.Stored[0] != true {
		t.Fatalf("put of the article: %+v, want it stored in place of the teaser", r)
	}
	d, err = db.Document(ctx, "d1")
	if err != nil || d.Teaser || d.Text != full.Text || len(d.Events) != 2 || len(d.Mentions) != 4 {
		t.Errorf("after replacement: teaser %v, text %q, %d events, %d mentions (%v)", d.Teaser, d.Text, len(d.Events), len(d.Mentions), err)
	}
	if ok, _ := db.HasKey(ctx, "teaser:"+url); ok {
		t.Error("the teaser's key is still stored")
	}
	c, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// d2 (1 event, 2 mentions, 1 sentence) and the article (2, 4, 1).
	if c.Documents != 2 || c.Events != 3 || c.Mentions != 6 || c.Sentences != 2 {
		t.Errorf("counts %+v: rows of the teaser left behind or lost", c)
	}
	var args int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM event_args WHERE doc_id = 'd1'`).Scan(&args); err != nil || args != 4 {
		t.Errorf("event_args of d1: %d, want the article's 4 (%v)", args, err)
	}
	// Replacing what is not stored replaces nothing and stores the document.
	r = put(t, db, Doc{Doc: mkDoc(t, "d3", "Peru thanked Chile.", "", ev{typ: "SUPPORT", trigger: "thanked", src: "Peru", srcCode: "PER", tgt: "Chile", tgtCode: "CHL", quad: 1, goldstein: 2}),
		Replaces: "teaser:url:https://courier.example/none"})
	if r.Replaced != 0 || !r.Stored[0] {
		t.Errorf("put replacing a missing key: %+v", r)
	}
}
