package limits

import (
	"fmt"
	"strings"
	"testing"

	"annals/internal/text"
)

func TestOr(t *testing.T) {
	got := Limits{DocumentBytes: 10, SentenceTokens: -1}.Or()
	want := Default()
	want.DocumentBytes = 10
	if got != want {
		t.Errorf("Or() = %+v, want %+v", got, want)
	}
}

func TestEventCap(t *testing.T) {
	tests := []struct {
		sentences []text.SentenceID // of the events, in order
		max       int
		kept      string
		warn      bool
	}{
		{[]text.SentenceID{0, 0, 1}, 2, "[0 0 1]", false},
		{[]text.SentenceID{0, 0, 0, 1, 1, 1, 1}, 2, "[0 0 1 1]", true},
		{[]text.SentenceID{2, 1, 2, 1, 2}, 1, "[2 1]", true},
		{nil, 1, "[]", false},
	}
	for _, tt := range tests {
		doc := text.New("d", "")
		for _, s := range tt.sentences {
			doc.Events = append(doc.Events, text.Event{Sentence: s})
		}
		if err := (EventCap{Max: tt.max}).Process(doc); err != nil {
			t.Fatal(err)
		}
		var got []text.SentenceID
		for _, e := range doc.Events {
			got = append(got, e.Sentence)
		}
		if fmt.Sprint(got) != tt.kept && !(len(got) == 0 && tt.kept == "[]") {
			t.Errorf("%v max %d: kept %v, want %s", tt.sentences, tt.max, got, tt.kept)
		}
		if w := len(doc.Warnings) == 1 && strings.Contains(doc.Warnings[0], "dropped"); w != tt.warn {
			t.Errorf("%v max %d: warnings %q", tt.sentences, tt.max, doc.Warnings)
		}
	}
}

// TestEventCapCut: a piece of a cut run keeps at most MaxCut events, a
// sentence of prose Max.
func TestEventCapCut(t *testing.T) {
	doc := text.New("d", "")
	doc.Sentences = []text.Sentence{{Cut: true}, {}}
	for _, s := range []text.SentenceID{0, 0, 0, 0, 1, 1, 1, 1} {
		doc.Events = append(doc.Events, text.Event{Sentence: s})
	}
	if err := (EventCap{Max: 3, MaxCut: 1}).Process(doc); err != nil {
		t.Fatal(err)
	}
	var got []text.SentenceID
	for _, e := range doc.Events {
		got = append(got, e.Sentence)
	}
	if fmt.Sprint(got) != "[0 1 1 1]" {
		t.Errorf("kept %v, want [0 1 1 1]", got)
	}
	if len(doc.Warnings) != 2 {
		t.Errorf("warnings %q, want one for the sentence and one for the cut piece", doc.Warnings)
	}
}
