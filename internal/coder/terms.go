package coder

import (
	"strings"
	"time"

	"annals/internal/actor"
	"annals/internal/text"
	"annals/internal/timex"
)

// dater dates events with the temporal layer, and resolves terms of office
// ("during his first term", "under the presidency of Boris Yeltsin") with
// the knowledge base: the holder's mention (through coreference for "his")
// and the holder's dated roles.
type dater struct{ kb *actor.KB }

func (d dater) ForEvent(doc *text.Document, trigger text.TokenID) text.EventDate {
	ed := timex.ForEvent(doc, trigger)
	if ed.Value != "" || !ed.Timex.Valid() || d.kb == nil {
		return ed
	}
	h := timex.HintOf(doc, ed.Timex)
	if h.Kind != timex.KindTerm || !h.HolderToken.Valid() {
		return ed
	}
	entry := ""
	for _, m := range doc.Mentions {
		if m.First <= h.HolderToken && h.HolderToken < m.End && m.Entry != "" {
			entry = m.Entry
			break
		}
	}
	e, ok := d.kb.Entry(entry)
	if !ok {
		return ed
	}
	from, to, ok := term(e.Roles, h.Role, h.Ordinal, doc.Published)
	if !ok {
		return ed
	}
	v := from.Format("2006-01-02") + "/"
	if !to.IsZero() {
		v += to.Add(-time.Nanosecond).Format("2006-01-02") // Period.To is exclusive
	} else if !doc.Published.IsZero() {
		v += doc.Published.Format("2006-01-02")
	}
	return text.EventDate{Value: v, Precision: text.PrecisionRange, Basis: text.BasisRelative, Timex: ed.Timex}
}

// topOffices are the offices a "term", "administration" or "rule" refers to.
var topOffices = []string{"president", "prime minister", "chancellor", "premier", "king", "queen", "emir", "supreme leader", "secretary general", "secretary-general"}

// term picks the holder's nth time in office (ordinal 1-based, -1 the
// last, 0 the one in office at the publication date or else the last).
func term(roles []actor.Role, role string, ordinal int, published time.Time) (time.Time, time.Time, bool) {
	want := topOffices
	switch role {
	case "presidency":
		want = []string{"president"}
	case "premiership":
		want = []string{"prime minister", "premier"}
	case "chancellorship":
		want = []string{"chancellor"}
	}
	var terms []actor.Period
	for _, r := range roles {
		title := strings.TrimPrefix(strings.ToLower(r.Title), "acting ")
		for _, w := range want {
			if title == w && !r.Period.From.IsZero() {
				terms = append(terms, r.Period)
				break
			}
		}
	}
	if len(terms) == 0 {
		return time.Time{}, time.Time{}, false
	}
	var p actor.Period
	switch {
	case ordinal > 0 && ordinal <= len(terms):
		p = terms[ordinal-1]
	case ordinal > 0:
		return time.Time{}, time.Time{}, false
	case ordinal < 0:
		p = terms[len(terms)-1]
	default:
		p = terms[len(terms)-1]
		for _, t := range terms {
			if t.Covers(published) {
				p = t
			}
		}
	}
	return p.From, p.To, true
}
