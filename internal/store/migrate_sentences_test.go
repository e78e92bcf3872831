package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"annals/internal/record"
	"annals/internal/store/pgtest"
	"annals/internal/text"
)

// sentenceDocs are documents of several sentences with letters of more
// than one byte before and inside them, so that a text cut by character
// offsets instead of byte offsets comes out wrong; one sentence has no
// event.
func sentenceDocs(t *testing.T) []Doc {
	t.Helper()
	multi := func(id string, sents []string, at int, e ev) Doc {
		s := strings.Join(sents, " ")
		d := mkDoc(t, id, s, "2021-06-01", e)
		d.Sentences = nil
		off := 0
		for _, x := range sents {
			d.Sentences = append(d.Sentences, text.Sentence{Span: text.Span{Start: off, End: off + len(x)}})
			off += len(x) + 1
		}
		for i := range d.Mentions {
			d.Mentions[i].Sentence = text.SentenceID(at)
		}
		for i := range d.Events {
			d.Events[i].Sentence = text.SentenceID(at)
		}
		return Doc{Doc: d, Key: "sha256:" + id}
	}
	return []Doc{
		multi("s1", []string{"Señor Ñúñez spoke in Asunción for an hour.", "Paraguay's envoy thanked Brazil.", "Después, nada más."}, 1,
			ev{typ: "COOPERATE", trigger: "thanked", src: "Paraguay", srcCode: "PRY", tgt: "Brazil", tgtCode: "BRA", date: "2021-05", quad: 1, goldstein: 2}),
		multi("s2", []string{"Kraków's mayor warned Łódź.", "It rained."}, 0,
			ev{typ: "THREATEN", trigger: "warned", src: "mayor", srcCode: "POLGOV", tgt: "Łódź", tgtCode: "POL", date: "", quad: 3, goldstein: -4}),
	}
}

// sentenceRows returns every sentence's text as "doc idx text" lines.
func sentenceRows(t *testing.T, db *DB) []string {
	t.Helper()
	rs, err := db.SQL().Query(`SELECT doc_id, idx, coalesce(text, '<null>') FROM sentences ORDER BY doc_id, idx`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var doc, txt string
		var idx int
		if err := rs.Scan(&doc, &idx, &txt); err != nil {
			t.Fatal(err)
		}
		out = append(out, doc+" "+string(rune('0'+idx))+" "+txt)
	}
	return out
}

// eventsByID reads every event of db.
func eventsByID(t *testing.T, db *DB) map[string]record.Event {
	t.Helper()
	evs, _, err := db.Events(context.Background(), EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]record.Event{}
	for _, e := range evs {
		out[e.ID] = e
	}
	return out
}

// hasColumn reports whether table has column.
func hasColumn(t *testing.T, db *DB, table, column string) bool {
	t.Helper()
	var n int
	err := db.SQL().QueryRow(`SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()
		AND table_name = '` + table + `' AND column_name = '` + column + `'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// checkSentencesOnce checks what a store of the current version holds:
// each sentence's text in sentences, none on events, and the events
// read with their sentence's text.
func checkSentencesOnce(t *testing.T, when string, db *DB, docs []Doc, want map[string]record.Event) {
	t.Helper()
	var rows []string
	for _, d := range docs {
		for i, se := range d.Doc.Sentences {
			rows = append(rows, d.Doc.ID+" "+string(rune('0'+i))+" "+d.Doc.Slice(se.Span))
		}
	}
	if got := sentenceRows(t, db); !reflect.DeepEqual(got, rows) {
		t.Errorf("%s: sentences\n got %q\nwant %q", when, got, rows)
	}
	if hasColumn(t, db, "events", "sentence_text") {
		t.Errorf("%s: events still has a sentence_text column", when)
	}
	got := eventsByID(t, db)
	if len(got) != len(want) {
		t.Errorf("%s: %d events, want %d", when, len(got), len(want))
	}
	for id, w := range want {
		if w.SentenceText == "" {
			t.Errorf("%s: event %s has no sentence text to compare", when, id)
		}
		if !reflect.DeepEqual(got[id], w) {
			t.Errorf("%s: event %s\n got %+v\nwant %+v", when, id, got[id], w)
		}
	}
}

// TestSentenceTextStoredOnce: a new store keeps each sentence's text in
// sentences and reads every event with the text of its own sentence.
func TestSentenceTextStoredOnce(t *testing.T) {
	db := openTemp(t)
	docs := sentenceDocs(t)
	put(t, db, docs...)
	want := map[string]record.Event{}
	for _, d := range docs {
		for _, r := range record.FromDocument(d.Doc) {
			want[r.ID] = r
		}
	}
	checkSentencesOnce(t, "new store", db, docs, want)
	for id, w := range want {
		e, err := db.Event(context.Background(), id)
		if err != nil || e.SentenceText != w.SentenceText {
			t.Errorf("Event(%s): sentence %q, %v; want %q", id, e.SentenceText, err, w.SentenceText)
		}
	}
}

// TestMigrateSentenceText: a store of schema version 4, which kept the
// sentence text on every event and none in sentences, opens, is migrated
// to the current version, and answers as before.
func TestMigrateSentenceText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v4.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := sentenceDocs(t)
	put(t, db, docs...)
	want := eventsByID(t, db)
	db.Close()
	// Version 4's layout, made from this one's.
	rawExec(t, path,
		`ALTER TABLE events ADD COLUMN sentence_text VARCHAR`,
		`UPDATE events SET sentence_text = s.text FROM sentences s WHERE s.doc_id = events.doc_id AND s.idx = events.sentence`,
		`ALTER TABLE sentences DROP COLUMN text`,
		`UPDATE meta SET value = '4' WHERE key = 'schema_version'`)
	if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "annals migrate") {
		t.Errorf("read-only open of a version 4 store: %v, want an error naming annals migrate", err)
	}
	raw, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	var kept int
	if err := raw.QueryRow(`SELECT count(*) FROM events WHERE sentence_text <> ''`).Scan(&kept); err != nil || kept != len(want) {
		t.Fatalf("the version 4 store has %d events with text (%v), want %d", kept, err, len(want))
	}
	raw.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := rawVersionOf(t, db); v != SchemaVersion {
		t.Errorf("version %s after migrating, want %s", v, SchemaVersion)
	}
	checkSentencesOnce(t, "migrated", db, docs, want)
}

// TestPostgresMigrateSentenceText is TestMigrateSentenceText on
// PostgreSQL.
func TestPostgresMigrateSentenceText(t *testing.T) {
	url := pgtest.Start(t)
	db, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	docs := sentenceDocs(t)
	put(t, db, docs...)
	want := eventsByID(t, db)
	for _, q := range []string{
		`ALTER TABLE events ADD COLUMN sentence_text VARCHAR COLLATE "C"`,
		`UPDATE events SET sentence_text = s.text FROM sentences s WHERE s.doc_id = events.doc_id AND s.idx = events.sentence`,
		`ALTER TABLE sentences DROP COLUMN text`,
		`UPDATE meta SET value = '4' WHERE key = 'schema_version'`,
	} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db, err = Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := rawVersionOf(t, db); v != SchemaVersion {
		t.Errorf("version %s after migrating, want %s", v, SchemaVersion)
	}
	checkSentencesOnce(t, "migrated", db, docs, want)
}
