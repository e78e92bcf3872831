package server

import (
	"reflect"
	"strings"
	"testing"
)

func TestPiecesCoverTextExactly(t *testing.T) {
	text := "Россия claimed Crimea — “again”, said Kyiv."
	tests := []struct {
		name  string
		marks []Mark
		want  []string // the pieces' texts
	}{
		{"none", nil, []string{text}},
		{"mention", []Mark{{Start: 0, End: len("Россия"), Kind: MarkMention, Event: -1, Label: "RUS"}}, []string{"Россия", text[len("Россия"):]}},
		{"split rune widens", []Mark{{Start: 1, End: 3, Kind: MarkMention, Event: -1}}, []string{"Ро", text[4:]}},
		{"out of range dropped", []Mark{{Start: -5, End: -1, Kind: MarkMention}, {Start: 500, End: 600, Kind: MarkTrigger}}, []string{text}},
		{"reversed dropped", []Mark{{Start: 9, End: 3, Kind: MarkTrigger}}, []string{text}},
		{"overlap", []Mark{
			{Start: 13, End: 20, Kind: MarkTrigger, Event: 0},
			{Start: 13, End: 27, Kind: MarkEvidence, Event: -1},
		}, []string{text[:13], text[13:20], text[20:27], text[27:]}},
	}
	for _, tt := range tests {
		ps := Pieces(text, tt.marks)
		var got []string
		var b strings.Builder
		prev := 0
		for _, p := range ps {
			got = append(got, p.Text)
			b.WriteString(p.Text)
			if p.Start != prev || text[p.Start:p.End] != p.Text {
				t.Errorf("%s: piece %q at [%d,%d) does not continue from %d", tt.name, p.Text, p.Start, p.End, prev)
			}
			prev = p.End
		}
		if b.String() != text {
			t.Errorf("%s: pieces rebuild %q, want the text", tt.name, b.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: pieces %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPiecesMarks(t *testing.T) {
	text := "Russia hit Kyiv."
	ps := Pieces(text, []Mark{
		{Start: 0, End: 6, Kind: MarkMention, Event: -1, Label: "RUS"},
		{Start: 7, End: 10, Kind: MarkTrigger, Event: 2},
		{Start: 7, End: 10, Kind: MarkTrigger, Event: 1},
		{Start: 11, End: 15, Kind: MarkMention, Event: -1, Label: "UKR"},
		{Start: 0, End: 6, Kind: MarkEvidence, Event: -1},
	})
	if len(ps) != 6 {
		t.Fatalf("got %d pieces: %+v", len(ps), ps)
	}
	if !ps[0].Mention || ps[0].Title() != "RUS" || ps[0].Trigger {
		t.Errorf("piece 0 %+v", ps[0])
	}
	if !ps[2].Trigger || ps[2].EventList() != "1 2" || ps[2].FirstEvent() != 1 {
		t.Errorf("piece 2 %+v", ps[2])
	}
	if ps[1].Covered || ps[5].Covered || ps[5].Text != "." || ps[4].Title() != "UKR" {
		t.Errorf("pieces 1, 4, 5: %+v %+v %+v", ps[1], ps[4], ps[5])
	}
}
