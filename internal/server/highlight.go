package server

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Mark is a span of a document's text to highlight: an actor mention, an
// event trigger, or a piece of evidence (an argument, a date expression, a
// speaker) that the click-to-show evidence lights up.
type Mark struct {
	Start, End int
	Kind       MarkKind
	Event      int    // index of the event in the document, for triggers; -1 otherwise
	Label      string // for mentions: actor code, name or entity label
}

// MarkKind is what a highlighted span is.
type MarkKind uint8

// The kinds of marks.
const (
	MarkEvidence MarkKind = iota // a span some event refers to
	MarkMention                  // an actor mention
	MarkTrigger                  // an event trigger
)

var markKindNames = [...]string{"evidence", "mention", "trigger"}

func (k MarkKind) String() string {
	if int(k) < len(markKindNames) {
		return markKindNames[k]
	}
	return "MarkKind(" + strconv.Itoa(int(k)) + ")"
}

// Piece is a run of text covered by the same marks. A piece covered by no
// mark is plain text.
type Piece struct {
	Text       string
	Start, End int
	Mention    bool
	Trigger    bool
	Events     []int    // events whose trigger covers the piece
	Labels     []string // labels of the mentions covering it
	Covered    bool     // covered by some mark (evidence, mention or trigger)
}

// EventList renders the piece's events as a space-separated list.
func (p Piece) EventList() string {
	s := make([]string, len(p.Events))
	for i, e := range p.Events {
		s[i] = strconv.Itoa(e)
	}
	return strings.Join(s, " ")
}

// FirstEvent returns the first event whose trigger covers the piece.
func (p Piece) FirstEvent() int {
	if len(p.Events) == 0 {
		return -1
	}
	return p.Events[0]
}

// Title is a short description for a tooltip.
func (p Piece) Title() string { return strings.Join(p.Labels, ", ") }

// Pieces splits text at every boundary of the marks and returns the runs
// in order; together they are exactly text. Marks outside the text, empty,
// reversed or splitting a UTF-8 character are moved to the nearest
// character boundary inside or dropped, never trusted blindly: the text
// comes from a store another program wrote.
func Pieces(text string, marks []Mark) []Piece {
	n := len(text)
	cuts := []int{0, n}
	var ok []Mark
	for _, m := range marks {
		s, e := clampRune(text, m.Start, false), clampRune(text, m.End, true)
		if s >= e {
			continue
		}
		m.Start, m.End = s, e
		ok = append(ok, m)
		cuts = append(cuts, s, e)
	}
	sort.Ints(cuts)
	var out []Piece
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		if s == e {
			continue
		}
		p := Piece{Text: text[s:e], Start: s, End: e}
		for _, m := range ok {
			if m.Start > s || m.End < e {
				continue
			}
			p.Covered = true
			switch m.Kind {
			case MarkMention:
				p.Mention = true
				if m.Label != "" && !contains(p.Labels, m.Label) {
					p.Labels = append(p.Labels, m.Label)
				}
			case MarkTrigger:
				p.Trigger = true
				if m.Event >= 0 && !containsInt(p.Events, m.Event) {
					p.Events = append(p.Events, m.Event)
				}
			}
		}
		sort.Ints(p.Events)
		// Merge with the previous piece when both carry the same marks,
		// so plain text is not cut into needless runs.
		if k := len(out) - 1; k >= 0 && sameMarks(out[k], p) {
			out[k].Text += p.Text
			out[k].End = p.End
			continue
		}
		out = append(out, p)
	}
	return out
}

// clampRune moves off into [0, len(text)] and onto a character boundary:
// backward for a start and forward for an end, so that a span that cut a
// character covers all of it.
func clampRune(text string, off int, end bool) int {
	if off <= 0 {
		return 0
	}
	if off >= len(text) {
		return len(text)
	}
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		if end {
			off++
		} else {
			off--
		}
	}
	return off
}

func sameMarks(a, b Piece) bool {
	return !a.Covered && !b.Covered
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
