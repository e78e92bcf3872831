package reload_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/record"
	"annals/internal/reload"
	"annals/internal/text"
)

// stories are made up for this test: a dated attack with a place, a
// reported statement, a meeting, and text with no event at all.
var stories = []struct{ id, text string }{
	{"raid", "Turkish jets struck positions of Kurdish fighters near the town of Qamishli on 3 March 2021, the ministry said. Nobody claimed the raid."},
	{"summit", "On Tuesday the president of Kenya met the prime minister of Ethiopia in Nairobi to discuss the border. Both leaders later signed a trade agreement."},
	{"quote", "\"We will not accept sanctions,\" the foreign minister of Iran told reporters, accusing the European Union of bad faith."},
	{"weather", "Heavy rain is expected over the weekend in the north of the country."},
}

// codeAll codes the stories and returns their records as JSON lines
// (every event, as annals-beam --all writes them) and the event count.
func codeAll(t *testing.T) (string, int) {
	t.Helper()
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	n := 0
	for _, s := range stories {
		d := text.New(s.id, s.text)
		d.Published = time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
		if err := p.Process(d); err != nil {
			t.Fatal(err)
		}
		for _, r := range record.FromDocument(d) {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return buf.String(), n
}

// rebuild reads lines as records and rebuilds every story from them.
func rebuild(t *testing.T, lines string) ([]*text.Document, *reload.Records, error) {
	t.Helper()
	recs := reload.NewRecords()
	if err := recs.Read(strings.NewReader(lines), "events.jsonl", func(err error) { t.Errorf("bad line: %v", err) }); err != nil {
		t.Fatal(err)
	}
	st := reload.NewStage(recs)
	var docs []*text.Document
	var errs []error
	for _, s := range stories {
		d := text.New(s.id, s.text)
		d.Published = time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
		if err := st.Process(d); err != nil {
			errs = append(errs, err)
		}
		docs = append(docs, d)
	}
	return docs, recs, errors.Join(errs...)
}

// TestRoundTrip: documents rebuilt from their records give back exactly
// those records.
func TestRoundTrip(t *testing.T) {
	lines, n := codeAll(t)
	if n < 3 {
		t.Fatalf("the coder finds %d events in the stories: too few for the test to mean anything", n)
	}
	docs, recs, err := rebuild(t, lines)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if len(d.Sentences) == 0 {
			t.Errorf("%s: no sentences", d.ID)
		}
		for _, r := range record.FromDocument(d) {
			enc.Encode(r)
		}
	}
	if got.String() != lines {
		t.Errorf("rebuilt records differ:\n got %s\nwant %s", got.String(), lines)
	}
	if recs.Events() != n {
		t.Errorf("%d records held, want %d", recs.Events(), n)
	}
	if u := recs.Unused(); len(u) != 0 {
		t.Errorf("records of %v unused", u)
	}
}

// TestMismatches: a gap in a document's event ids, a record of another
// text, a record of an absent document and a bad line are each reported.
func TestMismatches(t *testing.T) {
	lines, _ := codeAll(t)
	all := strings.Split(strings.TrimSuffix(lines, "\n"), "\n")
	var first record.Event
	if err := json.Unmarshal([]byte(all[0]), &first); err != nil {
		t.Fatal(err)
	}
	// The second event of a sentence whose first was left out (as
	// annals-beam leaves out events with no coded actor).
	second := first
	second.ID = fmt.Sprintf("%s:%d:1", first.DocID, first.Sentence)
	b, _ := json.Marshal(second)
	if _, _, err := rebuild(t, string(b)); err == nil || !strings.Contains(err.Error(), "--all") || !strings.Contains(err.Error(), second.ID) {
		t.Errorf("gap: error %v, want one that names the event and --all", err)
	}

	changed := first
	changed.SentenceText = "A sentence that is not in the story."
	b, _ = json.Marshal(changed)
	if _, _, err := rebuild(t, string(b)); err == nil || !strings.Contains(err.Error(), first.ID) || !strings.Contains(err.Error(), "not the one coded") {
		t.Errorf("changed sentence: error %v", err)
	}

	moved := first
	moved.Trigger.Start++
	b, _ = json.Marshal(moved)
	if _, _, err := rebuild(t, string(b)); err == nil || !strings.Contains(err.Error(), "trigger") {
		t.Errorf("moved trigger: error %v", err)
	}

	orphan := first
	orphan.DocID, orphan.ID = "elsewhere", "elsewhere:0:0"
	b, _ = json.Marshal(orphan)
	_, recs, err := rebuild(t, string(b))
	if err != nil {
		t.Errorf("orphan record: %v", err)
	}
	if u := recs.Unused(); len(u) != 1 || u[0] != "elsewhere" {
		t.Errorf("unused %v, want [elsewhere]", u)
	}

	var bad []string
	r := reload.NewRecords()
	r.Read(strings.NewReader(all[0]+"\n{not json\n\n{\"id\":\"x\"}\n"), "ev.jsonl", func(err error) { bad = append(bad, err.Error()) })
	if len(bad) != 2 || !strings.HasPrefix(bad[0], "ev.jsonl:2:") || !strings.HasPrefix(bad[1], "ev.jsonl:4:") {
		t.Errorf("bad lines reported as %q", bad)
	}
	if r.Events() != 1 {
		t.Errorf("%d records kept, want 1", r.Events())
	}
}
