package server

import (
	"strings"
	"testing"

	"annals/internal/coder"
	"annals/internal/text"
)

// TestIncompleteToggle checks that events with no coded actor stay out of
// a document's events, come back with all=1 in the API, and behind a
// toggle on the document page, for both readers.
func TestIncompleteToggle(t *testing.T) {
	p, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := text.New("inc", "Masked gunmen raided a warehouse at dawn. Chile condemned Peru on Monday.")
	if err := p.Process(d); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]Reader{"memory": memoryOf([]*text.Document{d}), "store": storeOf(t, []*text.Document{d})} {
		t.Run(name, func(t *testing.T) {
			h := newTestServer(t, r).Handler()
			var doc DocDetail
			getJSON(t, h, "/api/documents/inc", &doc)
			if len(doc.Incomplete) != 0 {
				t.Errorf("incomplete events served without all=1: %+v", doc.Incomplete)
			}
			for _, e := range doc.Events {
				if e.Incomplete {
					t.Errorf("incomplete event among the dataset's: %+v", e)
				}
			}
			getJSON(t, h, "/api/documents/inc?all=1", &doc)
			if len(doc.Incomplete) == 0 {
				t.Fatal("all=1: no incomplete events")
			}
			_, _, page := get(t, h, "/documents/inc")
			if !strings.Contains(page, "?all=1") {
				t.Error("document page has no toggle for the incomplete events")
			}
			_, _, page = get(t, h, "/documents/inc?all=1")
			if !strings.Contains(page, `class="flag">incomplete`) {
				t.Error("document page with all=1 does not show the incomplete events")
			}
		})
	}
}
