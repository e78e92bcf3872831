package server

import (
	"testing"

	"annals/internal/record"
)

func TestEventLinks(t *testing.T) {
	tests := []struct {
		id   string
		sent int
		want string
	}{
		{"doc7:12:0", 12, "/documents/doc7#ev-12-0"},
		{"url:https://x.invalid/a b:3:1", 3, "/documents/url:https:%2F%2Fx.invalid%2Fa%20b#ev-3-1"},
		{"odd", 0, "/api/events/odd"},
		{"a:b:c", 0, "/api/events/a:b:c"},
	}
	for _, tt := range tests {
		if got := eventIDURL(tt.id); got != tt.want {
			t.Errorf("eventIDURL(%q) = %q, want %q", tt.id, got, tt.want)
		}
		if tt.want[:11] == "/documents/" {
			e := record.Event{ID: tt.id, Sentence: tt.sent}
			e.DocID = tt.id[:len(tt.id)-len(suffix(tt.id))]
			if got := eventURL(e); got != tt.want {
				t.Errorf("eventURL(%q) = %q, want %q", tt.id, got, tt.want)
			}
		}
	}
}

// suffix returns ":sentence:k" of an event id.
func suffix(id string) string {
	n := 0
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == ':' {
			n++
			if n == 2 {
				return id[i:]
			}
		}
	}
	return ""
}
