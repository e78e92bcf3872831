package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"annals/internal/record"
)

// TestIngestEvents: records that annals code --all wrote are stored with
// their documents by ingest --input events, without coding, and the store
// then exports exactly the records an ordinary ingest would (the complete
// ones); a bad record line and records of a missing document are reported.
func TestIngestEvents(t *testing.T) {
	dir := t.TempDir()
	docs := `{"id": "d1", "text": "Police in Lagos arrested forty protesters on Friday after clashes with soldiers.", "published": "2022-10-21", "url": "https://example.org/lagos"}
{"id": "d2", "text": "The government of Peru expelled the Bolivian ambassador. Bolivia condemned the decision a day later.", "published": "2023-01-09"}
{"id": "d3", "text": "Flowers bloom early this year.", "title": "Spring"}
`
	docPath := filepath.Join(dir, "documents-00000-of-00001.jsonl")
	if err := os.WriteFile(docPath, []byte(docs), 0o644); err != nil {
		t.Fatal(err)
	}
	code, recs, errs := runCmd(t, "", "code", "--all", "--input", "jsonl", docPath)
	if code != exitOK {
		t.Fatalf("code: exit %d\n%s", code, errs)
	}
	var complete []string
	for _, l := range strings.Split(strings.TrimSpace(recs), "\n") {
		var r record.Event
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if !r.Incomplete {
			complete = append(complete, l)
		}
	}
	if len(complete) == 0 {
		t.Fatal("the coder finds no complete event in the test documents: the comparison would prove nothing")
	}
	orphan := `{"id": "gone:0:0", "doc_id": "gone", "sentence": 0, "event_type": "ASSAULT"}`
	events := recs + "{bad\n" + orphan + "\n"
	if err := os.WriteFile(filepath.Join(dir, "events-00000-of-00001.jsonl"), []byte(events), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "t.duckdb")
	args := []string{"ingest", "--db", db, "--progress", "none", "--input", "events",
		"--documents", filepath.Join(dir, "documents-*.jsonl"), filepath.Join(dir, "events-*.jsonl")}
	code, _, errs = runCmd(t, "", args...)
	if code != exitFailed {
		t.Fatalf("ingest --input events with a bad line: exit %d, want %d\n%s", code, exitFailed, errs)
	}
	nLines := strings.Count(recs, "\n")
	for _, want := range []string{`events-00000-of-00001.jsonl:` + itoa(nLines+1) + `: bad event record`, `events of document "gone" not loaded`,
		`documents read\s+3\n`, `\n\s+stored\s+3\n`, `events stored\s+` + itoa(len(complete)) + `\n`} {
		if !regexp.MustCompile(want).MatchString(errs) {
			t.Errorf("ingest output lacks %q:\n%s", want, errs)
		}
	}
	code, out, errs := runCmd(t, "", "export", "--db", db, "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}
	if got := strings.TrimSpace(out); got != strings.Join(complete, "\n") {
		t.Errorf("stored records differ from the coder's:\n got %s\nwant %s", got, strings.Join(complete, "\n"))
	}

	// Loading again stores nothing and complains only of the bad line and
	// the missing document.
	code, _, errs = runCmd(t, "", args...)
	if !regexp.MustCompile(`already stored\s+3\n`).MatchString(errs) || !regexp.MustCompile(`inputs failed\s+2\n`).MatchString(errs) || code != exitFailed {
		t.Errorf("second load: exit %d\n%s", code, errs)
	}

	// --input events needs the documents.
	if code, _, errs := runCmd(t, "", "ingest", "--db", db, "--input", "events", filepath.Join(dir, "events-*.jsonl")); code != exitUsage || !strings.Contains(errs, "--documents") {
		t.Errorf("no --documents: exit %d\n%s", code, errs)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
