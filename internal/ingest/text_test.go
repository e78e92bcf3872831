package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestReadTextEncodingsAndTitles: plain text in UTF-16 (with its
// byte-order mark) or Latin-1 is decoded, with a note, and a text file is
// titled by its name.
func TestReadTextEncodingsAndTitles(t *testing.T) {
	dir := t.TempDir()
	u16 := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune("Ministers in Zürich agreed on a truce.")) {
		u16 = append(u16, byte(u), byte(u>>8))
	}
	files := map[string][]byte{
		"geneva_talks-day2.txt": []byte("Envoys met again on Tuesday."),
		"zurich.txt":            u16,
		"malaga":                u16, // no extension: the byte-order mark tells
		"latin.text":            []byte("Caf\xe9 owners in M\xe1laga protested."),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var c collect
	if err := (Options{AllLanguages: true}).Walk([]string{dir}, c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.errs) != 0 || len(c.items) != len(files) {
		t.Fatalf("%d items, errors %v; want %d items", len(c.items), c.errs, len(files))
	}
	want := map[string]struct{ title, text, note string }{
		"geneva_talks-day2.txt": {"geneva talks day2", "Envoys met again on Tuesday.", ""},
		"zurich.txt":            {"zurich", "Ministers in Zürich agreed on a truce.", "UTF-16LE"},
		"malaga":                {"malaga", "Ministers in Zürich agreed on a truce.", "UTF-16LE"},
		"latin.text":            {"latin", "Café owners in Málaga protested.", "Windows-1252"},
	}
	for _, it := range c.items {
		w, ok := want[filepath.Base(it.Origin.File)]
		if !ok {
			t.Errorf("unexpected item from %s", it.Origin.File)
			continue
		}
		if it.Title != w.title || it.Text != w.text || (w.note == "") != (it.Note == "") || !strings.Contains(it.Note, w.note) {
			t.Errorf("%s: title %q, text %q, note %q; want %q, %q, a note naming %q", it.Origin.File, it.Title, it.Text, it.Note, w.title, w.text, w.note)
		}
		if d := it.Document(); it.Note != "" && (len(d.Warnings) != 1 || d.Warnings[0] != it.Note) {
			t.Errorf("%s: document warnings %v, want the note", it.Origin.File, d.Warnings)
		}
	}
}
