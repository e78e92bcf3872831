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

// crossing has a mention across a line break ("harbour\nmaster"); its
// lines mostly end sentences, so each is a paragraph.
const crossing = "Ships left at dawn.\nThe port fell quiet.\nIts old harbour\nmaster resigned."

var crossingMark = Mark{Start: strings.Index(crossing, "harbour"), End: strings.Index(crossing, " resigned"), Kind: MarkMention, Event: -1}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, text string
		marks      []Mark
		from, to   int // window; 0, 0 for all
		want       string
	}{
		{"one line a paragraph", "The ferry sailed at dawn.\nIt reached the island by noon.\nNobody was hurt.", nil, 0, 0,
			"The ferry sailed at dawn.¶It reached the island by noon.¶Nobody was hurt.¶"},
		{"hard-wrapped: blank lines separate, wraps stay", "Farmers blocked the road\nto the capital on Monday and\nsaid they would stay.\n\n  Police watched.\r\n\r\nTalks begin\ntoday.", nil, 0, 0,
			"Farmers blocked the road\nto the capital on Monday and\nsaid they would stay.¶Police watched.¶Talks begin\ntoday.¶"},
		{"lines with a blank line among them", "Strike at the port\nDockers stopped work on Monday.\nThe port authority said talks would resume.\n\nShips waited offshore.", nil, 0, 0,
			"Strike at the port¶Dockers stopped work on Monday.¶The port authority said talks would resume.¶Ships waited offshore.¶"},
		{"a mark across a break is cut in two", crossing, []Mark{crossingMark}, 0, 0,
			"Ships left at dawn.¶The port fell quiet.¶Its old harbour¶master resigned.¶"},
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
		paras := Paragraphs(tt.text, ps, hardWrapped(tt.text))
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
	ps := Paragraphs(crossing, Pieces(crossing, []Mark{crossingMark}), hardWrapped(crossing))
	if len(ps) != 4 || !ps[2].Pieces[len(ps[2].Pieces)-1].Mention || !ps[3].Pieces[0].Mention {
		t.Errorf("the mention is not kept on both sides of the break: %+v", ps)
	}
}
