package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/record"
)

// TestParquetColumnsAreTheCSVHeader: the Parquet export has the CSV
// export's columns, in order, typed, with the same values.
func TestParquetColumnsAreTheCSVHeader(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	s1 := "Officials said, \"quietly\", that Russia shelled Ukraine in March 2014;\nPoland criticized Russia."
	put(t, db,
		Doc{Doc: mkDoc(t, "a", s1, "2025-11-20",
			ev{typ: "ASSAULT", trigger: "shelled", src: "Russia", srcCode: "RUS", tgt: "Ukraine", tgtCode: "UKR", date: "2014-03", quad: 4, goldstein: -9, speaker: "Officials", cue: "said"},
			ev{typ: "ACCUSE", trigger: "criticized", src: "Poland", srcCode: "POLGOV", tgt: "Russia", tgtCode: "RUS", date: "199X", quad: 3, goldstein: -2}), Key: "sha256:a"},
		Doc{Doc: mkDoc(t, "b", "Chad thanked Niger.", "",
			ev{typ: "COOPERATE", trigger: "thanked", src: "Chad", srcCode: "TCD", tgt: "Niger", tgtCode: "NER", date: "", quad: 1, goldstein: 2}), Key: "sha256:b"},
	)
	path := filepath.Join(t.TempDir(), "events.parquet")
	if err := db.ExportParquet(ctx, path); err != nil {
		t.Fatal(err)
	}
	rs, err := db.SQL().QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet("+sqlString(path)+"))")
	if err != nil {
		t.Fatal(err)
	}
	var names, types []string
	for rs.Next() {
		var n, ty string
		if err := rs.Scan(&n, &ty); err != nil {
			t.Fatal(err)
		}
		names, types = append(names, n), append(types, ty)
	}
	rs.Close()
	if strings.Join(names, ",") != strings.Join(record.CSVHeader, ",") {
		t.Fatalf("Parquet columns\n %v\nCSV header\n %v", names, record.CSVHeader)
	}
	for i, c := range record.Columns {
		if types[i] != duckType[c.Type] {
			t.Errorf("column %s: Parquet type %s, want %s", c.Name, types[i], duckType[c.Type])
		}
	}
	var n int
	var start, end, pub, sentence string
	err = db.SQL().QueryRowContext(ctx, "SELECT count(*) OVER (), coalesce(strftime(date_start, '%Y-%m-%d'), ''), coalesce(strftime(date_end, '%Y-%m-%d'), ''), coalesce(strftime(published, '%Y-%m-%d'), ''), sentence_text FROM read_parquet("+sqlString(path)+") WHERE event_type = 'ACCUSE'").Scan(&n, &start, &end, &pub, &sentence)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || start != "1990-01-01" || end != "1999-12-31" || pub != "2025-11-20" || sentence != s1 {
		t.Errorf("ACCUSE row: n %d, date %s..%s, published %s, sentence %q", n, start, end, pub, sentence)
	}
	var undated int
	if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM read_parquet("+sqlString(path)+") WHERE date_start IS NULL AND published IS NULL").Scan(&undated); err != nil || undated != 1 {
		t.Errorf("undated, unpublished rows: %d, %v; want 1", undated, err)
	}
}
