package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// dumpTables returns the rows of the tables Prepare fills (and the
// documents and dirty marks), sorted, as text.
func dumpTables(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT * EXCLUDE (ingested) FROM documents ORDER BY ALL",
		"SELECT * FROM mentions ORDER BY ALL",
		"SELECT * FROM events ORDER BY ALL",
		"SELECT * FROM event_args ORDER BY ALL",
		"SELECT * FROM incomplete_events ORDER BY ALL",
		"SELECT * FROM dirty ORDER BY ALL",
	} {
		rs, err := db.SQL().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rs.Close()
	}
	return b.String()
}

// TestPreparedRows: documents whose rows were built beforehand (as the
// ingest's workers do) are stored as Put stores them from the documents
// alone, also when a first attempt at the batch failed and each document
// is then put on its own with the same rows.
func TestPreparedRows(t *testing.T) {
	ctx := context.Background()
	mk := func() []Doc {
		return []Doc{
			{Doc: mkDoc(t, "p1", "Officials said that Kenya criticized Uganda.", "2021-03-04",
				ev{typ: "ACCUSE", trigger: "criticized", src: "Kenya", srcCode: "KEN", tgt: "Uganda", tgtCode: "UGAGOV", date: "2021-03", quad: 3, goldstein: -2, speaker: "Officials", cue: "said"}), Key: "url:https://news.example/p1"},
			{Doc: mkDoc(t, "p2", "Chile thanked Peru and Bolivia met Chile.", "",
				ev{typ: "COOPERATE", trigger: "thanked", src: "Chile", srcCode: "CHL", tgt: "Peru", tgtCode: "PER", date: "", quad: 1, goldstein: 2},
				ev{typ: "CONSULT", trigger: "met", src: "Bolivia", srcCode: "BOL", tgt: "Chile", tgtCode: "CHL", date: "2020", quad: 1, goldstein: 1, negated: true}), Key: "url:https://news.example/p2"},
		}
	}
	plain := openTemp(t)
	put(t, plain, mk()...)

	prepared := openTemp(t)
	docs := mk()
	for i := range docs {
		r, err := Prepare(docs[i].Doc)
		if err != nil {
			t.Fatal(err)
		}
		docs[i].Rows = r
	}
	// A batch that fails (two keys under one id) stores nothing ...
	clash := docs[0]
	clash.Key = "url:https://news.example/other"
	if _, err := prepared.Put(ctx, []Doc{docs[0], docs[1], clash}); err == nil {
		t.Fatal("a batch with one id under two keys was stored")
	}
	// ... and its documents, put one by one with the same rows, are
	// stored whole.
	for _, d := range docs {
		if r := put(t, prepared, d); !r.Stored[0] {
			t.Fatalf("%s not stored", d.Doc.ID)
		}
	}
	want, got := dumpTables(t, plain), dumpTables(t, prepared)
	if got != want {
		t.Errorf("prepared rows stored:\n%s\nwant (from the documents):\n%s", got, want)
	}
	if strings.Count(want, "\n") < 10 {
		t.Errorf("too few rows compared:\n%s", want)
	}
}
