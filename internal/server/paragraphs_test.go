package server

import (
	"strings"
	"testing"
)

// joinParas renders paragraphs as text: pieces, then "¶" and the
// separator, so that a test sees where each paragraph ends.
func joinParas(ps []Para) (shown, all string) {
	var a, b strings.Builder
	for _, p := range ps {
		for _, q := range p.Pieces {
			a.WriteString(q.Text)
			b.WriteString(q.Text)
		}
		a.WriteString("¶")
		b.WriteString(p.Sep)
	}
	return a.String(), b.String()
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, text string
		marks      []Mark
		from, to   int // window; 0, 0 for all
		want       string
	}{
		{"one line a paragraph", "The ferry sailed at dawn.\nIt reached the island by noon.\nNobody was hurt.", nil, 0, 0,
			"The ferry sailed at dawn.¶It reached the island by noon.¶Nobody was hurt.¶"},
		{"blank lines separate, hard wraps stay", "Farmers blocked the road\nto the capital on Monday.\n\n  Police watched.\r\n\r\nTalks begin today.", nil, 0, 0,
			"Farmers blocked the road\nto the capital on Monday.¶Police watched.¶Talks begin today.¶"},
		{"a mark across a break is cut in two", "The old harbour\nmaster resigned.", []Mark{{Start: 8, End: 22, Kind: MarkMention, Event: -1}}, 0, 0,
			"The old harbour¶master resigned.¶"},
		{"a window that starts in a break", "First part ends here.\n\n\nSecond part starts here.", nil, 22, 48,
			"¶Second part starts here.¶"},
	}
	for _, tt := range tests {
		ps := Pieces(tt.text, tt.marks)
		from, to := 0, len(tt.text)
		if tt.to > 0 {
			from, to = tt.from, tt.to
			ps = clipPieces(tt.text, ps, from, to)
		}
		paras := Paragraphs(tt.text, ps, blankLines(tt.text))
		shown, all := joinParas(paras)
		if shown != tt.want {
			t.Errorf("%s: paragraphs %q, want %q", tt.name, shown, tt.want)
		}
		if all != tt.text[from:to] {
			t.Errorf("%s: pieces and separators make %q, not the text %q", tt.name, all, tt.text[from:to])
		}
		for _, p := range paras {
			for _, q := range p.Pieces {
				if q.Text != tt.text[q.Start:q.End] || q.Start >= q.End {
					t.Errorf("%s: piece [%d,%d) %q does not slice the text", tt.name, q.Start, q.End, q.Text)
				}
			}
		}
	}
	// The mark's two halves keep it.
	ps := Paragraphs("The old harbour\nmaster resigned.", Pieces("The old harbour\nmaster resigned.", []Mark{{Start: 8, End: 22, Kind: MarkMention, Event: -1}}), false)
	if len(ps) != 2 || !ps[0].Pieces[len(ps[0].Pieces)-1].Mention || !ps[1].Pieces[0].Mention {
		t.Errorf("the mention is not kept on both sides of the break: %+v", ps)
	}
}
