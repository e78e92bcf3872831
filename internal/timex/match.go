package timex

import (
	"strings"

	"annals/internal/text"
)

// found is one expression a rule read: words [i, j) of the sentence and
// what they mean.
type found struct {
	i, j     int
	val      value
	known    bool // val is set; false for a term, or a relative date without a reference
	basis    text.Basis
	anchor   text.TimexID
	kind     Kind
	hint     Hint
	allowThe bool // a "the" before the words belongs to the expression
}

// matcher holds the state of one Process call.
type matcher struct {
	t      *Tagger
	doc    *text.Document
	low    string // doc.Text with ASCII letters lower-cased
	w      []word
	sent   text.SentenceID
	para   []int // paragraph of each sentence
	pub    point
	hasPub bool
	future int  // index of the first future cue in the sentence, len(w) when none
	noLib  bool // leave ambiguous numeric dates without a value (HintOf needs none)

	out   []text.Timex
	vals  []value
	known []bool
	kinds []Kind
}

func newMatcher(t *Tagger, doc *text.Document) *matcher {
	m := &matcher{t: t, doc: doc, low: lowerASCII(doc.Text), para: paragraphs(doc)}
	if !doc.Published.IsZero() {
		m.pub, m.hasPub = ofTime(doc.Published.UTC()), true
	}
	return m
}

// paragraphs numbers the paragraph of each sentence (see paraBreak).
func paragraphs(doc *text.Document) []int {
	para := make([]int, len(doc.Sentences))
	wrapped := hardWrapped(doc, 0, len(doc.Sentences))
	for i := 1; i < len(para); i++ {
		para[i] = para[i-1]
		if paraBreak(doc, i, wrapped) {
			para[i]++
		}
	}
	return para
}

// paragraphStart returns the first sentence of s's paragraph, judging
// whether the text is hard-wrapped from the sentences around s.
func paragraphStart(doc *text.Document, s int) int {
	wrapped := hardWrapped(doc, max(0, s-50), min(len(doc.Sentences), s+51))
	for i := s; i > 0; i-- {
		if paraBreak(doc, i, wrapped) {
			return i
		}
	}
	return 0
}

// hardWrapped reports whether more of the sentences [lo, hi) run across a
// line break than line breaks fall between them.
func hardWrapped(doc *text.Document, lo, hi int) bool {
	ss := doc.Sentences
	wrapped, lines := 0, 0
	for i := lo; i < hi; i++ {
		if strings.Contains(doc.Slice(ss[i].Span), "\n") {
			wrapped++
		}
		if i > 0 && strings.Count(doc.Slice(text.Span{Start: ss[i-1].Span.End, End: ss[i].Start}), "\n") == 1 {
			lines++
		}
	}
	return wrapped > lines
}

// paraBreak reports whether a paragraph ends between sentences i-1 and i:
// at a blank line, or at a line break when the text is not hard-wrapped,
// but not after a line that ends with ":" (it introduces a quote).
func paraBreak(doc *text.Document, i int, wrapped bool) bool {
	ss := doc.Sentences
	n := strings.Count(doc.Slice(text.Span{Start: ss[i-1].Span.End, End: ss[i].Start}), "\n")
	return (n >= 2 || n == 1 && !wrapped) && !strings.HasSuffix(doc.SentenceText(text.SentenceID(i-1)), ":")
}

// sentence reads the expressions of sentence s.
func (m *matcher) sentence(s text.SentenceID) {
	sent := m.doc.Sentences[s]
	if sent.Start < 0 || sent.Span.End > len(m.low) || sent.Start >= sent.Span.End {
		return
	}
	m.sent = s
	m.w = scanWordsAt(m.doc.Text[:sent.Span.End], m.low[:sent.Span.End], sent.Start, m.w[:0])
	m.future = len(m.w)
	for k := range m.w {
		w := &m.w[k]
		if w.kind != wPunct || w.low == "$" || w.low == "%" || w.low == "#" || w.low == "€" || w.low == "£" {
			w.lex = m.t.lex[w.low]
		}
		if w.lex != nil && w.lex.is(lexFuture) && m.future == len(m.w) {
			m.future = k
		}
	}
	last := 0
	for k := 0; k < len(m.w); {
		if !m.candidate(k) {
			k++
			continue
		}
		f, ok := m.best(k)
		if !ok {
			k++
			continue
		}
		if f.i < last {
			f.i = k
		}
		if f.allowThe && f.i-1 >= last && m.w[f.i-1].low == "the" {
			f.i--
		}
		if f.i-1 >= last && m.lexIs(f.i-1, lexPrep) && f.kind != KindTerm {
			f.i--
		}
		m.emit(f)
		last, k = f.j, f.j
	}
}

// Start classes of a word beyond its lexicon kinds: bits above the kinds.
const (
	startNum    = 1 << 30 // a number, a number with letters ("24th", "1990s", "Q3") or an apostrophe ("'90s")
	startPeriod = 1 << 31 // the first word of a period name
)

// starts returns the start classes of word k: its lexicon kinds and the
// classes above.
func (m *matcher) starts(k int) uint32 {
	w := &m.w[k]
	var c uint32
	if w.lex != nil {
		c = w.lex.kinds
	}
	if w.kind == wNum || w.kind == wMixed || isApos(w.low) {
		c |= startNum
	}
	if _, ok := m.t.periods.next[w.low]; ok {
		c |= startPeriod
	}
	return c
}

// candidate reports whether a rule may start at word k.
func (m *matcher) candidate(k int) bool { return m.starts(k)&anyStart != 0 }

func kinds(ks ...lexKind) uint32 {
	var c uint32
	for _, k := range ks {
		c |= 1 << k
	}
	return c
}

// rule is a rule and the classes of words it may start on.
type rule struct {
	read   func(*matcher, int) (found, bool)
	starts uint32
}

// rules, in order of preference when two read the same number of words.
var rules = [...]rule{
	{(*matcher).numericDate, startNum},
	{(*matcher).dayMonth, startNum | kinds(lexOrdinal, lexWeekday)},
	{(*matcher).monthDay, kinds(lexMonth, lexMonthAbbr, lexWeekday)},
	{(*matcher).monthYear, kinds(lexMonth, lexMonthAbbr)},
	{(*matcher).monthRange, kinds(lexMonth, lexMonthAbbr)},
	{(*matcher).period, startPeriod},
	{(*matcher).partOf, startNum | kinds(lexPart, lexOrdinal)},
	{(*matcher).season, kinds(lexSeason)},
	{(*matcher).decade, startNum | kinds(lexDecadeWord, lexOrdinal)},
	{(*matcher).yearRule, startNum},
	{(*matcher).monthBare, kinds(lexMonth)},
	{(*matcher).term, kinds(lexTermPrep)},
	{(*matcher).shift, kinds(lexShift)},
	{(*matcher).quantity, startNum | kinds(lexNumber, lexVague, lexUnit)},
	{(*matcher).anaphor, kinds(lexAnaphor)},
	{(*matcher).deictic, kinds(lexDeictic)},
	{(*matcher).weekday, kinds(lexWeekday)},
}

// anyStart is the union of the rules' start classes.
var anyStart = func() uint32 {
	var c uint32
	for _, r := range rules {
		c |= r.starts
	}
	return c
}()

// best returns the longest expression that starts at word k.
func (m *matcher) best(k int) (found, bool) {
	c := m.starts(k)
	var best found
	ok := false
	for _, r := range rules {
		if r.starts&c == 0 {
			continue
		}
		if f, hit := r.read(m, k); hit && (!ok || f.j > best.j) {
			best, ok = f, true
		}
	}
	return best, ok
}

// emit appends f to the document's expressions. A relative expression
// followed by a comma and a stated date ("years later, in 2021") becomes
// one expression with the stated date.
func (m *matcher) emit(f found) {
	sp := m.snap(text.Span{Start: m.w[f.i].start, End: m.w[f.j-1].end})
	x := text.Timex{Span: sp, Sentence: m.sent, Anchor: text.NoTimex}
	if f.known {
		x.Value, x.Precision = f.val.String(), f.val.precision()
		if x.Value == "" {
			f.known = false
		}
	}
	x.Basis = f.basis
	if f.known || f.kind == KindTerm || f.basis == text.BasisRelative {
		x.Anchor = f.anchor
	}
	if !f.known {
		x.Precision = text.PrecisionNone
		if x.Basis == text.BasisNone || x.Basis == text.BasisExplicit && f.kind != KindPeriod {
			x.Basis = text.BasisRelative
		}
	}
	if n := len(m.out); n > 0 && f.kind == KindDate && f.basis == text.BasisExplicit {
		p := m.out[n-1]
		if p.Sentence == m.sent && (m.kinds[n-1] == KindAnaphoric || m.kinds[n-1] == KindDeictic) && (p.End >= x.Start || joinable(m.doc.Text[p.End:x.Start])) {
			x.Span.Start = p.Start
			m.out, m.vals, m.known, m.kinds = m.out[:n-1], m.vals[:n-1], m.known[:n-1], m.kinds[:n-1]
		}
	}
	if len(m.out) > 0 && m.out[len(m.out)-1].End > x.Start {
		return // snapping to tokens made it overlap the previous one
	}
	m.out = append(m.out, x)
	m.vals = append(m.vals, f.val)
	m.known = append(m.known, f.known)
	m.kinds = append(m.kinds, f.kind)
}

func joinable(gap string) bool {
	gap = strings.TrimSpace(gap)
	return gap == "," || gap == "" || gap == "—" || gap == "–"
}

// snap widens sp to the tokens it touches, so that every expression is a
// run of whole tokens.
func (m *matcher) snap(sp text.Span) text.Span {
	d := m.doc
	if t := d.TokenAt(sp.Start); t.Valid() {
		sp.Start = d.Tokens[t].Start
	}
	if t := d.TokenAt(sp.End - 1); t.Valid() {
		sp.End = d.Tokens[t].End
	}
	return sp
}

// word helpers

func (m *matcher) at(k int) string {
	if k < 0 || k >= len(m.w) {
		return ""
	}
	return m.w[k].low
}

func (m *matcher) lexVal(k int, kind lexKind) (int, bool) {
	if k < 0 || k >= len(m.w) || m.w[k].lex == nil {
		return 0, false
	}
	return m.w[k].lex.get(kind)
}

func (m *matcher) lexIs(k int, kind lexKind) bool {
	_, ok := m.lexVal(k, kind)
	return ok
}

func (m *matcher) upper(k int) bool { return k >= 0 && k < len(m.w) && m.w[k].upper }

func isApos(s string) bool { return s == "'" || s == "’" || s == "‘" }

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

// references

// ref returns the reference date of deictic expressions: the publication
// date, or when it is unknown the most recent stated date in the text.
func (m *matcher) ref() (point, text.TimexID, bool) {
	if m.hasPub {
		return m.pub, text.NoTimex, true
	}
	return m.lastDate(false)
}

// lastDate returns the most recent stated date (a point) earlier in the
// document, or only in this or the previous sentence of the paragraph
// when near is set.
func (m *matcher) lastDate(near bool) (point, text.TimexID, bool) {
	for i := len(m.out) - 1; i >= 0; i-- {
		x := m.out[i]
		if near && (x.Sentence < m.sent-1 || m.para[x.Sentence] != m.para[m.sent]) {
			break
		}
		if m.known[i] && x.Basis == text.BasisExplicit && m.kinds[i] == KindDate && !m.vals[i].rng && m.vals[i].a.p != text.PrecisionDecade {
			return m.vals[i].a, text.TimexID(i), true
		}
	}
	return point{}, text.NoTimex, false
}

// antecedent returns the most recent known date earlier in the document,
// for anaphora; ranges only when ranges is set.
func (m *matcher) antecedent(ranges bool) (value, text.TimexID, bool) {
	for i := len(m.out) - 1; i >= 0; i-- {
		if !m.known[i] {
			continue
		}
		if !ranges && (m.vals[i].rng || m.vals[i].a.p == text.PrecisionDecade) {
			continue
		}
		return m.vals[i], text.TimexID(i), true
	}
	return value{}, text.NoTimex, false
}

// isFuture reports whether a future cue comes before word k in the sentence.
func (m *matcher) isFuture(k int) bool { return m.future < k }
