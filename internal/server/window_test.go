package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"annals/internal/record"
)

// longDoc is a document of n repetitions of a sentence with a two-byte
// letter, a mention on each sentence's first word and an event on its
// verb.
func longDoc(n int) DocDetail {
	const s = "Ministers in Zürich agreed on a budget. "
	d := DocDetail{DocSummary: DocSummary{ID: "long"}, Text: strings.Repeat(s, n), Mentions: []MentionOut{}, Events: []record.Event{}}
	for i := 0; i < n; i++ {
		off := i * len(s)
		d.Mentions = append(d.Mentions, MentionOut{Start: off, End: off + 9, Text: "Ministers"})
		e := record.Event{ID: fmt.Sprintf("long:%d:0", i)}
		e.Trigger = record.Span{Text: "agreed", Start: off + 21, End: off + 27}
		d.Events = append(d.Events, e)
	}
	return d
}

func TestTextWindow(t *testing.T) {
	d := longDoc(100) // 4,100 bytes
	tests := []struct {
		from, size int
		wantFrom   int
		truncated  bool
		next, prev bool
	}{
		{0, 1 << 20, 0, false, false, false},
		{0, 1000, 0, true, true, false},
		{2000, 1000, 2000, true, true, true},
		{15, 1000, 14, true, true, true}, // inside "ü": moved back to its start
		{4000, 1000, 4000, true, false, true},
		{9999, 1000, len(d.Text), true, false, true},
	}
	for _, tt := range tests {
		got, w := textWindow(d, tt.from, tt.size, "/api/documents/long")
		if w.From != tt.wantFrom || w.Truncated != tt.truncated || (w.Next != "") != tt.next || (w.Prev != "") != tt.prev {
			t.Errorf("from %d size %d: window %+v", tt.from, tt.size, w)
			continue
		}
		if !utf8.ValidString(got.Text) || len(got.Text) > tt.size || got.Text != d.Text[w.From:w.To] {
			t.Errorf("from %d size %d: text of %d bytes is not the window [%d,%d)", tt.from, tt.size, len(got.Text), w.From, w.To)
		}
		for _, m := range got.Mentions {
			if m.Start < w.From || m.End > w.To {
				t.Errorf("from %d: mention [%d,%d) outside the window", tt.from, m.Start, m.End)
			}
		}
		for _, e := range got.Events {
			if e.Trigger.Start < w.From || e.Trigger.Start >= w.To {
				t.Errorf("from %d: event %s outside the window", tt.from, e.ID)
			}
		}
		if tt.next && w.Next != fmt.Sprintf("/api/documents/long?text_from=%d", w.To) {
			t.Errorf("from %d: next %q", tt.from, w.Next)
		}
	}
}

// TestDocumentPaged reads a long document through the API window by
// window and checks that the windows put together give the whole text and
// every event once.
func TestDocumentPaged(t *testing.T) {
	d := longDoc(5000) // 205,000 bytes
	h := newTestServer(t, NewMemory([]DocDetail{d})).Handler()
	var text strings.Builder
	events := 0
	next := "/api/documents/long"
	for pages := 0; next != ""; pages++ {
		if pages > 10 {
			t.Fatal("more windows than the text needs")
		}
		var out struct {
			Text      string         `json:"text"`
			Events    []record.Event `json:"events"`
			From      int            `json:"text_from"`
			To        int            `json:"text_to"`
			Truncated bool           `json:"truncated"`
			Next      string         `json:"next"`
		}
		if code := getJSON(t, h, next, &out); code != http.StatusOK {
			t.Fatalf("%s: status %d", next, code)
		}
		if !out.Truncated || len(out.Text) > MaxDocumentText || out.From != text.Len() {
			t.Fatalf("%s: window [%d,%d) truncated=%v with %d bytes", next, out.From, out.To, out.Truncated, len(out.Text))
		}
		text.WriteString(out.Text)
		events += len(out.Events)
		next = out.Next
	}
	if text.String() != d.Text || events != len(d.Events) {
		t.Errorf("windows give %d bytes and %d events, want %d and %d", text.Len(), events, len(d.Text), len(d.Events))
	}
	code, _, body := get(t, h, "/documents/long?text_from=70000")
	if code != http.StatusOK || !strings.Contains(body, "next part") || !strings.Contains(body, "previous part") {
		t.Errorf("document page in the middle: status %d, no links to the other parts", code)
	}
	if code, _, _ := get(t, h, "/api/documents/long?text_from=-4"); code != http.StatusBadRequest {
		t.Errorf("negative text_from: status %d", code)
	}
}
