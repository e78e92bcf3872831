package server

import (
	"strings"
	"unicode/utf8"
)

// Para is one paragraph of a document's text as the document page shows
// it: its pieces, then Sep, the line breaks (and the white space around
// them) that end it. Sep is kept in the page, hidden, so that the text of
// the page is exactly the document's and byte offsets still count in it.
type Para struct {
	Pieces []Piece
	Sep    string
}

// hardWrapped reports whether text is hard-wrapped: whether more of its
// single line breaks fall inside a sentence than after one (after . ! ? :
// or a closing quote or bracket). A hard-wrapped text separates its
// paragraphs by blank lines; any other ends one at every line break.
func hardWrapped(text string) bool {
	inside, after := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			i = j // a blank line: always a paragraph break
			continue
		}
		prev := strings.TrimRight(text[:i], " \t\r")
		if prev == "" {
			continue
		}
		if strings.ContainsRune(".!?:\"')]”’…", lastRune(prev)) {
			after++
		} else {
			inside++
		}
	}
	return inside > after
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// separators returns the byte ranges of text that end paragraphs: runs of
// white space holding at least two line breaks in hard-wrapped text (a
// single line break then stays inside its paragraph), else at least one.
func separators(text string, wrapped bool) [][2]int {
	need := 1
	if wrapped {
		need = 2
	}
	var out [][2]int
	for i := 0; i < len(text); {
		if !isSpaceByte(text[i]) {
			i++
			continue
		}
		j, nl := i, 0
		for j < len(text) && isSpaceByte(text[j]) {
			if text[j] == '\n' {
				nl++
			}
			j++
		}
		if nl >= need {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// Paragraphs groups pieces (in order, covering text[ps[0].Start:…]) into
// paragraphs, cutting pieces where a separator falls inside one. wrapped
// says how the whole document separates its paragraphs (hardWrapped), so
// that every window of a long text is cut alike.
func Paragraphs(text string, ps []Piece, wrapped bool) []Para {
	if len(ps) == 0 {
		return nil
	}
	from, to := ps[0].Start, ps[len(ps)-1].End
	seps := separators(text[from:to], wrapped)
	for k := range seps {
		seps[k][0] += from
		seps[k][1] += from
	}
	var out []Para
	cur := Para{}
	k := 0
	for _, p := range ps {
		for p.Start < p.End {
			for k < len(seps) && seps[k][1] <= p.Start {
				k++
			}
			if k == len(seps) || seps[k][0] >= p.End {
				cur.Pieces = append(cur.Pieces, p)
				break
			}
			s := seps[k]
			if s[0] > p.Start {
				q := p
				q.End, q.Text = s[0], text[p.Start:s[0]]
				cur.Pieces = append(cur.Pieces, q)
			}
			end := min(s[1], p.End)
			cur.Sep += text[max(s[0], p.Start):end]
			if end == s[1] {
				out = append(out, cur)
				cur = Para{}
			}
			p.Start = end
			p.Text = text[p.Start:p.End]
		}
	}
	if len(cur.Pieces) > 0 || cur.Sep != "" {
		out = append(out, cur)
	}
	return out
}
