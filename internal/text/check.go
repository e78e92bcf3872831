package text

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Check verifies the invariants of every layer the document has: spans
// inside the text, on rune boundaries, sorted and not overlapping; only
// whitespace between tokens; sentences covering consecutive token runs;
// every index in range; graph arcs sorted, within one sentence, and every
// token with a head. It returns all problems found, joined.
func (d *Document) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	n := len(d.Text)
	spanOK := func(what string, i int, s Span) bool {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			bad("%s %d: span [%d,%d) outside text of %d bytes", what, i, s.Start, s.End, n)
			return false
		}
		if !boundary(d.Text, s.Start) || !boundary(d.Text, s.End) {
			bad("%s %d: span [%d,%d) splits a UTF-8 character", what, i, s.Start, s.End)
			return false
		}
		return true
	}
	tokOK := func(what string, i int, t TokenID, allowNone bool) {
		if t == NoToken && allowNone {
			return
		}
		if t < 0 || int(t) >= len(d.Tokens) {
			bad("%s %d: token index %d out of range [0,%d)", what, i, t, len(d.Tokens))
		}
	}

	if d.Has(LayerTokens) {
		prev := 0
		for i, t := range d.Tokens {
			if !spanOK("token", i, t.Span) {
				continue
			}
			if t.Start == t.End {
				bad("token %d: empty span at %d", i, t.Start)
			}
			if t.Start < prev {
				bad("token %d: starts at %d before the previous token ends at %d", i, t.Start, prev)
				continue
			}
			if !blank(d.Text[prev:t.Start]) {
				bad("token %d: non-space text %q before it is in no token", i, d.Text[prev:t.Start])
			}
			prev = t.End
		}
		if prev <= n && !blank(d.Text[prev:]) {
			bad("text after the last token is in no token: %q", d.Text[prev:])
		}
	}
	if d.Has(LayerSentences) {
		next := TokenID(0)
		for i, s := range d.Sentences {
			spanOK("sentence", i, s.Span)
			if s.First != next || s.End <= s.First || int(s.End) > len(d.Tokens) {
				bad("sentence %d: tokens [%d,%d) do not continue from token %d", i, s.First, s.End, next)
				next = s.End
				continue
			}
			if s.Start != d.Tokens[s.First].Start || s.End > 0 && s.Span.End != d.Tokens[s.End-1].End {
				bad("sentence %d: span [%d,%d) is not the span of its tokens", i, s.Start, s.Span.End)
			}
			for t := s.First; t < s.End; t++ {
				if d.Tokens[t].Sentence != SentenceID(i) {
					bad("token %d: sentence %d, but sentence %d holds it", t, d.Tokens[t].Sentence, i)
				}
			}
			next = s.End
		}
		if int(next) != len(d.Tokens) {
			bad("sentences cover %d of %d tokens", next, len(d.Tokens))
		}
	}
	if d.Has(LayerDeps) {
		for i, t := range d.Tokens {
			tokOK("token head", i, t.Head, true)
			if t.Head.Valid() && int(t.Head) < len(d.Tokens) && d.Has(LayerSentences) && d.Tokens[t.Head].Sentence != t.Sentence {
				bad("token %d: head %d is in another sentence", i, t.Head)
			}
			if t.Head == TokenID(i) {
				bad("token %d: is its own head", i)
			}
		}
	}
	if d.Has(LayerGraph) {
		d.checkGraph(bad)
	}
	if d.Has(LayerMentions) {
		for i, m := range d.Mentions {
			spanOK("mention", i, m.Span)
			tokOK("mention", i, m.First, false)
			if m.End < m.First || int(m.End) > len(d.Tokens) {
				bad("mention %d: tokens [%d,%d) out of range", i, m.First, m.End)
			}
			tokOK("mention head", i, m.Head, true)
			if m.Antecedent != NoMention && (m.Antecedent < 0 || int(m.Antecedent) >= len(d.Mentions) || int(m.Antecedent) == i) {
				bad("mention %d: antecedent %d invalid", i, m.Antecedent)
			}
		}
	}
	if d.Has(LayerTimex) {
		for i, x := range d.Timexes {
			spanOK("timex", i, x.Span)
			if x.Anchor != NoTimex && (x.Anchor < 0 || int(x.Anchor) >= len(d.Timexes)) {
				bad("timex %d: anchor %d out of range", i, x.Anchor)
			}
		}
	}
	if d.Has(LayerEvents) {
		for i, e := range d.Events {
			spanOK("event trigger", i, e.Trigger)
			if e.Sentence < 0 || int(e.Sentence) >= len(d.Sentences) {
				bad("event %d: sentence %d out of range", i, e.Sentence)
			}
			for _, a := range append(append([]Argument(nil), e.Source...), e.Target...) {
				spanOK("event argument", i, a.Span)
				if a.Mention != NoMention && (a.Mention < 0 || int(a.Mention) >= len(d.Mentions)) {
					bad("event %d: mention %d out of range", i, a.Mention)
				}
			}
			if e.Date.Timex != NoTimex && (e.Date.Timex < 0 || int(e.Date.Timex) >= len(d.Timexes)) {
				bad("event %d: timex %d out of range", i, e.Date.Timex)
			}
			for _, ev := range e.Evidence {
				spanOK("event evidence", i, ev.Span)
			}
		}
	}
	return errors.Join(errs...)
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
	}
	return true
}

// checkGraph verifies the enhanced graph: indexes in range, heads in the
// dependent's sentence, no token its own head, arcs sorted by dependent
// then head with no arc twice, and every token with at least one head.
func (d *Document) checkGraph(bad func(string, ...any)) {
	inRange := func(t TokenID) bool { return t >= 0 && int(t) < len(d.Tokens) }
	next := TokenID(0) // the first token not yet seen as a dependent
	for i, a := range d.Graph {
		if !inRange(a.Dep) || a.Head != NoToken && !inRange(a.Head) || a.Marker != NoToken && !inRange(a.Marker) {
			bad("graph arc %d: token index out of range [0,%d)", i, len(d.Tokens))
			continue
		}
		if a.Head == a.Dep {
			bad("graph arc %d: token %d is its own head", i, a.Dep)
		}
		sent := d.Tokens[a.Dep].Sentence
		if a.Head != NoToken && d.Tokens[a.Head].Sentence != sent || a.Marker != NoToken && d.Tokens[a.Marker].Sentence != sent {
			bad("graph arc %d: head or marker of token %d is in another sentence", i, a.Dep)
		}
		if a.Rel == NoDep {
			bad("graph arc %d: no relation", i)
		}
		if i > 0 {
			p := d.Graph[i-1]
			switch {
			case p.Dep > a.Dep || p.Dep == a.Dep && p.Head > a.Head:
				bad("graph arc %d: not sorted by dependent, then head", i)
			case p.Dep == a.Dep && p.Head == a.Head && p.Rel == a.Rel && p.Marker == a.Marker:
				bad("graph arc %d: repeats arc %d", i, i-1)
			}
		}
		if a.Dep > next {
			bad("graph: token %d has no head", next)
		}
		next = max(next, a.Dep+1)
	}
	if int(next) < len(d.Tokens) {
		bad("graph: token %d has no head", next)
	}
}
