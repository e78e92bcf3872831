package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"annals/internal/record"
)

// MaxDocumentText is the most text of one document that a response
// carries: a longer document is served in windows of this many bytes (cut
// at a character boundary), each with a link to the next.
const MaxDocumentText = 64 << 10

// TextWindow says which part of a document's text a response carries.
// Offsets everywhere in the response stay offsets into the whole text.
type TextWindow struct {
	From      int    `json:"text_from"` // first byte of Text in the document
	To        int    `json:"text_to"`   // end of Text in the document
	Truncated bool   `json:"truncated"` // the document has text outside [From, To)
	Prev      string `json:"prev,omitempty"`
	Next      string `json:"next,omitempty"` // the link to the following window
}

// textFrom reads the text_from parameter: a byte offset, 0 when absent.
func textFrom(q url.Values) (int, error) {
	s, err := param(q, "text_from")
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, &BadRequest{"text_from", fmt.Sprintf("want a byte offset, got %q", s)}
	}
	return n, nil
}

// textWindow cuts d down to the window of at most size bytes of text that
// starts at from (moved back to a character boundary): its text, the
// mentions inside it and the events (complete or not) whose trigger starts
// inside it. base is the path of the document, with its query if any, for
// the links to the windows around it.
func textWindow(d DocDetail, from, size int, base string) (DocDetail, TextWindow) {
	n := len(d.Text)
	from = min(from, n)
	for from > 0 && from < n && !utf8.RuneStart(d.Text[from]) {
		from--
	}
	to := min(n, from+size)
	for to > from && to < n && !utf8.RuneStart(d.Text[to]) {
		to--
	}
	if to == from && from < n { // a window smaller than one character
		_, w := utf8.DecodeRuneInString(d.Text[from:])
		to = from + w
	}
	w := TextWindow{From: from, To: to, Truncated: from > 0 || to < n}
	if !w.Truncated {
		return d, w
	}
	link := func(at int) string { return withParam(base, "text_from", strconv.Itoa(at)) }
	if to < n {
		w.Next = link(to)
	}
	if from > 0 {
		w.Prev = link(max(0, from-size))
	}
	out := d
	out.Text = d.Text[from:to]
	out.Mentions = []MentionOut{}
	for _, m := range d.Mentions {
		if m.Start >= from && m.End <= to {
			out.Mentions = append(out.Mentions, m)
		}
	}
	in := func(es []record.Event) []record.Event {
		out := []record.Event{}
		for _, e := range es {
			if e.Trigger.Start >= from && e.Trigger.Start < to {
				out = append(out, e)
			}
		}
		return out
	}
	out.Events = in(d.Events)
	if d.Incomplete != nil {
		out.Incomplete = in(d.Incomplete)
	}
	return out, w
}

// withParam adds name=value to the query of the path u.
func withParam(u, name, value string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + name + "=" + url.QueryEscape(value)
}

// clipPieces keeps the pieces of text that overlap [from, to), cut to it.
func clipPieces(text string, ps []Piece, from, to int) []Piece {
	var out []Piece
	for _, p := range ps {
		if p.End <= from || p.Start >= to {
			continue
		}
		p.Start, p.End = max(p.Start, from), min(p.End, to)
		p.Text = text[p.Start:p.End]
		out = append(out, p)
	}
	return out
}
