package segment

import (
	"strings"
	"testing"

	"annals/internal/text"
)

func TestBoundSentences(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		max      int
		cuts     int
		startsAt []string // the first word of every sentence after the first
	}{
		{"short sentences untouched", "The rain stopped. Farmers went to the fields.", 6, 0, []string{"Farmers"}},
		{"cut after the last comma", "one two three, four five six seven", 6, 1, []string{"four"}},
		{"cut before a conjunction", "boats left the harbour and trucks left the depot", 6, 1, []string{"and"}},
		{"no marks: cut at the bound", "a b c d e f g h i j k l m", 4, 3, []string{"e", "i", "m"}},
		{"a clitic stays with its word", "x x x x x don't y y", 6, 1, []string{"do"}},
		{"the second half only", "p, q r s t u v w", 6, 1, []string{"u"}},
	}
	for _, tt := range tests {
		s := &Segmenter{t: New().t, MaxTokens: tt.max}
		doc := text.New("d", tt.text)
		if err := s.Process(doc); err != nil {
			t.Fatal(err)
		}
		if err := doc.Check(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		var starts []string
		for i, st := range doc.Sentences {
			if n := int(st.End - st.First); n > tt.max {
				t.Errorf("%s: sentence %d has %d tokens, bound %d", tt.name, i, n, tt.max)
			}
			if i > 0 {
				starts = append(starts, doc.TokenText(st.First))
			}
		}
		if strings.Join(starts, " ") != strings.Join(tt.startsAt, " ") {
			t.Errorf("%s: sentences start at %q, want %q", tt.name, starts, tt.startsAt)
		}
		if got := len(doc.Warnings) > 0; got != (tt.cuts > 0) {
			t.Errorf("%s: warnings %q, want cuts %d", tt.name, doc.Warnings, tt.cuts)
		} else if tt.cuts > 0 && !strings.HasPrefix(doc.Warnings[0], "segment: "+string(rune('0'+tt.cuts))+" cuts") {
			t.Errorf("%s: warning %q, want %d cuts", tt.name, doc.Warnings[0], tt.cuts)
		}
	}
}

// TestBoundLongText checks the default bound on a long run of words with
// no punctuation at all.
func TestBoundLongText(t *testing.T) {
	words := strings.Fields("the envoy said that talks over the river border would resume soon after officials from both capitals")
	var b strings.Builder
	for i := 0; i < 5000; i++ {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	doc := text.New("d", b.String())
	if err := New().Process(doc); err != nil {
		t.Fatal(err)
	}
	most := 0
	for _, st := range doc.Sentences {
		most = max(most, int(st.End-st.First))
	}
	if most > 200 || len(doc.Sentences) < 5000/200 {
		t.Errorf("%d sentences, the longest %d tokens", len(doc.Sentences), most)
	}
	for i, st := range doc.Sentences {
		if !st.Cut {
			t.Errorf("piece %d of the cut run is not marked Cut", i)
		}
	}
	prose := text.New("p", "The envoy arrived. Talks resumed on Monday.")
	if err := New().Process(prose); err != nil {
		t.Fatal(err)
	}
	for i, st := range prose.Sentences {
		if st.Cut {
			t.Errorf("sentence %d of prose marked Cut", i)
		}
	}
}
