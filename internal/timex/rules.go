package timex

import (
	"strconv"
	"strings"
	"time"

	"annals/internal/text"
)

// This file holds the rules. Each reads words from index k of the current
// sentence and reports what it found; the matcher keeps the longest.

// year4 reads a four-digit number 1000–2999 at k that is not a time of
// day.
func (m *matcher) year4(k int) (int, bool) {
	if k < 0 || k >= len(m.w) {
		return 0, false
	}
	w := &m.w[k]
	if w.kind != wNum || w.sep || len(w.low) != 4 || w.num < 1000 || w.num > 2999 || m.clockTime(k) {
		return 0, false
	}
	return w.num, true
}

// clockTime reports whether the number at k, of the form HHMM, is a time
// of day: followed by a time zone or "hours" ("1900 GMT", "0600 hours",
// "1430 local time"), after "at" ("at 2130"), or followed by a day ("by
// 1700 on Friday").
func (m *matcher) clockTime(k int) bool {
	w := &m.w[k]
	if w.kind != wNum || w.sep || len(w.low) != 4 || w.num/100 > 24 || w.num%100 > 59 {
		return false
	}
	if m.lexIs(k+1, lexClock) || m.lexIs(k-1, lexClockPrep) {
		return true
	}
	return m.at(k+1) == "on" && m.lexIs(k+2, lexWeekday)
}

// small reads a number of one or two digits at k.
func (m *matcher) small(k int) (int, bool) {
	if k < 0 || k >= len(m.w) {
		return 0, false
	}
	w := &m.w[k]
	if w.kind != wNum || w.sep || len(w.low) > 2 {
		return 0, false
	}
	return w.num, true
}

// yearRef is a year read after a month, a season or a part ("March 2014",
// "March last year", "the summer of that year").
type yearRef struct {
	y      int
	basis  text.Basis
	anchor text.TimexID
	kind   Kind
	known  bool
	j      int
}

func (m *matcher) yearExpr(k int) (yearRef, bool) {
	if y, ok := m.year4(k); ok {
		return yearRef{y: y, basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate, known: true, j: k + 1}, true
	}
	if isApos(m.at(k)) && k+1 < len(m.w) && m.w[k+1].kind == wNum && len(m.w[k+1].low) == 2 {
		return yearRef{y: m.century(m.w[k+1].num), basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate, known: true, j: k + 2}, true
	}
	if sh, ok := m.lexVal(k, lexShift); ok && m.at(k+1) == "year" && m.at(k-1) != "the" && sh >= -1 && sh <= 1 {
		r, a, ok := m.ref()
		return yearRef{y: r.y + sh, basis: text.BasisRelative, anchor: a, kind: KindDeictic, known: ok, j: k + 2}, true
	}
	p := k
	switch {
	case m.at(p) == "that" && m.at(p+1) == "same":
		p += 2
	case m.at(p) == "that", m.at(p) == "the" && m.at(p+1) == "same":
		p++
		if m.at(p) == "same" {
			p++
		}
	default:
		return yearRef{}, false
	}
	if m.at(p) != "year" {
		return yearRef{}, false
	}
	v, a, ok := m.antecedent(false)
	return yearRef{y: v.a.y, basis: text.BasisRelative, anchor: a, kind: KindAnaphoric, known: ok, j: p + 1}, true
}

// century chooses the century of a two-digit year: this century unless
// that is later than the reference year.
func (m *matcher) century(n int) int {
	ref := time.Now().Year()
	if m.hasPub {
		ref = m.pub.y
	}
	if 2000+n <= ref+1 {
		return 2000 + n
	}
	return 1900 + n
}

// dayWord reads a day of the month at k: "24", "24th", "first" (ordinal
// words only when ordinals are allowed).
func (m *matcher) dayWord(k int, words bool) (int, int, bool) {
	if k < 0 || k >= len(m.w) {
		return 0, 0, false
	}
	w := &m.w[k]
	switch w.kind {
	case wNum:
		if n, ok := m.small(k); ok && n >= 1 && n <= 31 {
			return n, k + 1, true
		}
	case wMixed:
		nd := digits(w.low)
		suf := w.low[nd:]
		if nd >= 1 && nd <= 2 && (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
			n, _ := strconv.Atoi(w.low[:nd])
			if n >= 1 && n <= 31 {
				return n, k + 1, true
			}
		}
	case wAlpha:
		if n, ok := m.lexVal(k, lexOrdinal); ok && words && n >= 1 && n <= 31 {
			return n, k + 1, true
		}
	}
	return 0, 0, false
}

// monthAt reads a capitalized month name at k, or an abbreviation (with
// its dot) when abbr is set.
func (m *matcher) monthAt(k int, abbr bool) (int, int, bool) {
	if !m.upper(k) {
		return 0, 0, false
	}
	if mo, ok := m.lexVal(k, lexMonth); ok {
		return mo, k + 1, true
	}
	if mo, ok := m.lexVal(k, lexMonthAbbr); ok && abbr {
		if m.at(k+1) == "." {
			return mo, k + 2, true
		}
		return mo, k + 1, true
	}
	return 0, 0, false
}

// weekdayPrefix skips "Tuesday," before a date.
func (m *matcher) weekdayPrefix(k int) int {
	if _, ok := m.lexVal(k, lexWeekday); ok && m.upper(k) {
		k++
		if m.at(k) == "," {
			k++
		}
	}
	return k
}

// inferYear chooses the year of a month (and day) stated without one: the
// year of a date that follows closely and states it ("on March 3 and
// April 5, 2019"); else the year of a date stated just before (this or
// the previous sentence of the paragraph); else, from the publication
// date, the last such month in the past tense (or with no verb tags), the
// next one in the future, and otherwise the nearer of the two; else the
// year of any earlier stated date.
func (m *matcher) inferYear(k, mo, d int) (int, text.TimexID, bool) {
	if y, ok := m.sharedYear(k); ok {
		return y, text.NoTimex, true
	}
	if p, id, ok := m.lastDate(true); ok {
		return p.y, id, true
	}
	if m.hasPub {
		y := m.pub.y
		later := mo > m.pub.m || mo == m.pub.m && d > m.pub.d
		earlier := mo < m.pub.m || mo == m.pub.m && d > 0 && d < m.pub.d
		switch tn := m.tense(k); {
		case tn > 0:
			if earlier {
				y++
			}
		case tn < 0 || !m.doc.Has(text.LayerPOS):
			if later {
				y--
			}
		default: // the nearer one; the past on a tie
			if later && 12-(mo-m.pub.m) <= mo-m.pub.m {
				y--
			}
			if earlier && 12-(m.pub.m-mo) < m.pub.m-mo {
				y++
			}
		}
		return y, text.NoTimex, true
	}
	if p, id, ok := m.lastDate(false); ok {
		return p.y, id, true
	}
	return 0, text.NoTimex, false
}

// tense reads the tense that governs word k: 1 for the future (a future
// cue before k in the sentence, or with part-of-speech tags a
// to-infinitive as the nearest verb before k: "agreed to meet in July"),
// -1 for the past (with tags, a past verb as the nearest verb), 0 when
// unknown.
func (m *matcher) tense(k int) int {
	if m.isFuture(k) {
		return 1
	}
	if m.noLib || !m.doc.Has(text.LayerPOS) || k >= len(m.w) {
		return 0
	}
	t := m.doc.TokenAt(m.w[k].start)
	if !t.Valid() || int(m.sent) >= len(m.doc.Sentences) {
		return 0
	}
	first := m.doc.Sentences[m.sent].First
	for i := t - 1; i >= first && i >= 0; i-- {
		tok := m.doc.Tokens[i]
		if tok.UPOS != text.VERB && tok.UPOS != text.AUX {
			continue
		}
		switch tok.XPOS {
		case "VBD", "VBN":
			return -1
		case "VB":
			if i > first && strings.EqualFold(m.doc.TokenText(i-1), "to") {
				return 1
			}
		}
		return 0
	}
	return 0
}

func dateFound(i, j int, v value, yr yearRef) found {
	f := found{i: i, j: j, val: v, known: yr.known, basis: yr.basis, anchor: yr.anchor, kind: yr.kind}
	if yr.kind == KindAnaphoric || yr.kind == KindDeictic {
		f.kind = yr.kind
	} else {
		f.kind = KindDate
	}
	return f
}

// numericDate reads "2022-02-24", "2022/02/24", "24.02.2022" and
// "24/02/2022", and the ambiguous "03/04/2022" and "3/4/22" month first,
// as English does.
func (m *matcher) numericDate(k int) (found, bool) {
	w := &m.w[k]
	explicit := yearRef{basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate, known: true}
	if w.kind == wNum && w.sep {
		f := strings.Split(w.low, ".")
		if len(f) != 3 || len(f[0]) > 2 || len(f[1]) > 2 || len(f[2]) != 4 {
			return found{}, false
		}
		d, _ := strconv.Atoi(f[0])
		mo, _ := strconv.Atoi(f[1])
		y, _ := strconv.Atoi(f[2])
		if !validDay(y, mo, d) {
			return found{}, false
		}
		return dateFound(k, k+1, single(day(y, mo, d)), explicit), true
	}
	if y, ok := m.year4(k); ok {
		sep := m.at(k + 1)
		if sep != "-" && sep != "/" || m.at(k+3) != sep {
			return found{}, false
		}
		mo, ok1 := m.small(k + 2)
		d, ok2 := m.small(k + 4)
		if !ok1 || !ok2 || !validDay(y, mo, d) {
			return found{}, false
		}
		return dateFound(k, k+5, single(day(y, mo, d)), explicit), true
	}
	a, ok1 := m.small(k)
	b, ok2 := m.small(k + 2)
	if !ok1 || !ok2 || m.at(k+1) != "/" || m.at(k+3) != "/" || k+4 >= len(m.w) || m.w[k+4].kind != wNum || m.w[k+4].sep {
		return found{}, false
	}
	yw := &m.w[k+4]
	if len(yw.low) == 4 {
		y := yw.num
		switch {
		case a > 12 && b <= 12 && validDay(y, b, a):
			return dateFound(k, k+5, single(day(y, b, a)), explicit), true
		case b > 12 && a <= 12 && validDay(y, a, b):
			return dateFound(k, k+5, single(day(y, a, b)), explicit), true
		case a == b && validDay(y, a, a):
			return dateFound(k, k+5, single(day(y, a, a)), explicit), true
		}
	} else if len(yw.low) != 2 {
		return found{}, false
	}
	if a < 1 || b < 1 || a > 31 || b > 31 {
		return found{}, false
	}
	if m.noLib {
		return found{i: k, j: k + 5, basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate}, true
	}
	y := yw.num
	if len(yw.low) == 2 {
		y = m.century(y)
	}
	// English writes the month first ("03/04/2022" is 4 March); a first
	// number that cannot be a month is a day.
	switch {
	case validDay(y, a, b):
		return dateFound(k, k+5, single(day(y, a, b)), explicit), true
	case validDay(y, b, a):
		return dateFound(k, k+5, single(day(y, b, a)), explicit), true
	}
	return found{}, false
}

// dayMonth reads "24 February 2022", "24th Feb. 2022", "the 24th of
// February", "Tuesday, 24 February".
func (m *matcher) dayMonth(k int) (found, bool) {
	p := m.weekdayPrefix(k)
	d, p, ok := m.dayWord(p, true)
	if !ok {
		return found{}, false
	}
	word := m.w[p-1].kind == wAlpha
	if d2, q, ok := m.dayWord(p+1, false); ok && !word && (isDash(m.at(p)) || m.at(p) == "and" || m.at(p) == "to") && d2 > d {
		if mo, r, ok := m.monthAt(q, true); ok {
			f, ok := m.withYear(k, r, mo, d2)
			if ok && f.known {
				last := f.val.a
				f.val = span(day(last.y, last.m, d), last)
			}
			return f, ok
		}
	}
	if m.at(p) == "of" {
		p++
	} else if word {
		return found{}, false
	}
	mo, p, ok := m.monthAt(p, true)
	if !ok {
		return found{}, false
	}
	return m.withYear(k, p, mo, d)
}

// monthDay reads "February 24, 2022", "Feb. 24", "February 24th".
func (m *matcher) monthDay(k int) (found, bool) {
	p := m.weekdayPrefix(k)
	mo, p, ok := m.monthAt(p, true)
	if !ok {
		return found{}, false
	}
	d, p, ok := m.dayWord(p, false)
	if !ok {
		return found{}, false
	}
	if nx := m.at(p); nx == ":" || m.lexIs(p, lexMeasure) || m.lexIs(p, lexUnit) || plural(m, p) {
		return found{}, false
	}
	return m.withYear(k, p, mo, d)
}

// withYear finishes a day and month with the year that follows, or infers it.
func (m *matcher) withYear(k, p, mo, d int) (found, bool) {
	q := p
	if m.at(q) == "," {
		q++
	}
	if yr, ok := m.yearExpr(q); ok {
		if yr.known && !validDay(yr.y, mo, d) {
			return found{}, false
		}
		f := dateFound(k, yr.j, single(day(yr.y, mo, d)), yr)
		f.allowThe = true
		return f, true
	}
	y, a, ok := m.inferYear(k, mo, d)
	if ok && !validDay(y, mo, d) || d > 31 {
		return found{}, false
	}
	return found{i: k, j: p, val: single(day(y, mo, d)), known: ok, basis: text.BasisRelative, anchor: a, kind: KindDate, allowThe: true}, true
}

// plural reports whether word k is a lower-case plural noun ("2014
// soldiers"), after which a number is a count, not a date.
func plural(m *matcher, k int) bool {
	if k >= len(m.w) {
		return false
	}
	w := &m.w[k]
	return w.kind == wAlpha && !w.upper && len(w.low) > 3 && strings.HasSuffix(w.low, "s") && !strings.HasSuffix(w.low, "ss") && !strings.HasSuffix(w.low, "us")
}

// monthYear reads "March 2014", "March of 2014", "Sept. 2001", "March last year".
func (m *matcher) monthYear(k int) (found, bool) {
	mo, p, ok := m.monthAt(k, true)
	if !ok {
		return found{}, false
	}
	if m.at(p) == "of" || m.at(p) == "," {
		p++
	}
	yr, ok := m.yearExpr(p)
	if !ok {
		return found{}, false
	}
	return dateFound(k, yr.j, single(month(yr.y, mo)), yr), true
}

// monthRange reads "March–May 2014", "from March to May 2014", "between
// March and May", "March to May last year".
func (m *matcher) monthRange(k int) (found, bool) {
	mo, p, ok := m.monthAt(k, true)
	if !ok {
		return found{}, false
	}
	prev, conn := m.at(k-1), m.at(p)
	if !isDash(conn) && conn != "to" && conn != "through" && conn != "until" && !(conn == "and" && prev == "between") {
		return found{}, false
	}
	mo2, q, ok := m.monthAt(p+1, true)
	if !ok {
		return found{}, false
	}
	r := q
	if m.at(r) == "," || m.at(r) == "of" {
		r++
	}
	yr, ok := m.yearExpr(r)
	if !ok {
		if !m.lexIs(k-1, lexMonthCue) && prev != "between" {
			return found{}, false
		}
		y, a, known := m.inferYear(k, mo2, 0)
		yr = yearRef{y: y, basis: text.BasisRelative, anchor: a, kind: KindDate, known: known, j: q}
	}
	y1 := yr.y
	if mo2 < mo {
		y1-- // "December to February 2015"
	}
	f := dateFound(k, yr.j, span(month(y1, mo), month(yr.y, mo2)), yr)
	if prev == "from" || prev == "between" {
		f.i = k - 1
	}
	return f, true
}

// monthBare reads a month name after a preposition ("in March"); its year
// is inferred.
func (m *matcher) monthBare(k int) (found, bool) {
	mo, p, ok := m.monthAt(k, false)
	if !ok || !m.lexIs(k-1, lexMonthCue) {
		return found{}, false
	}
	y, a, ok := m.inferYear(k, mo, 0)
	return found{i: k, j: p, val: single(month(y, mo)), known: ok, basis: text.BasisRelative, anchor: a, kind: KindDate}, true
}

// Parts of a period, as in data/lexicon.tsv.
const (
	partWhole = 0
	partEarly = 1
	partMid   = 2
	partLate  = 3
)

// partOf reads "early 2014", "mid-1980s", "the end of March 2014", "late
// 2025", "the beginning of the Cold War", "the first quarter of 2020",
// "the second half of last year", "Q3 2021".
func (m *matcher) partOf(k int) (found, bool) {
	w := m.at(k)
	if part, ok := m.lexVal(k, lexPart); ok {
		p := k + 1
		switch w {
		case "early", "mid", "late":
			if isDash(m.at(p)) {
				p++
			}
		default:
			if m.at(p) != "of" {
				return found{}, false
			}
			p++
		}
		q := p
		if m.at(q) == "the" {
			q++
		}
		if c, j, cen, ok := m.decadeAt(q); ok {
			f := found{i: k, j: j, known: true, basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate, allowThe: true}
			f.val = partOfDecade(c, cen, part)
			return f, true
		}
		if mo, j, ok := m.monthAt(p, true); ok {
			r := p
			if m.at(j) == "of" || m.at(j) == "," {
				j++
			}
			yr, ok := m.yearExpr(j)
			if !ok {
				if !m.upper(r) || m.lexIs(r, lexMonthAbbr) {
					return found{}, false
				}
				y, a, known := m.inferYear(k, mo, 0)
				yr = yearRef{y: y, basis: text.BasisRelative, anchor: a, kind: KindDate, known: known, j: r + 1}
			}
			f := dateFound(k, yr.j, partOfMonth(yr.y, mo, part), yr)
			f.allowThe = true
			return f, true
		}
		if yr, ok := m.yearExpr(p); ok {
			f := dateFound(k, yr.j, partOfYear(yr.y, part), yr)
			f.allowThe = true
			return f, true
		}
		if q > p && m.at(q) == "year" {
			// "the end of the year": the year just spoken of, else this year
			yr := yearRef{basis: text.BasisRelative, anchor: text.NoTimex, kind: KindDeictic, j: q + 1}
			if pt, id, ok := m.lastDate(true); ok {
				yr.y, yr.anchor, yr.kind, yr.known = pt.y, id, KindAnaphoric, true
			} else if r, a, ok := m.ref(); ok {
				yr.y, yr.anchor, yr.known = r.y, a, true
			}
			f := dateFound(k, yr.j, partOfYear(yr.y, part), yr)
			f.allowThe = true
			return f, true
		}
		if pr, j, ok := m.periodAt(q); ok {
			f := found{i: k, j: j, val: partOfPeriod(pr.val, part), known: true, basis: text.BasisExplicit, anchor: text.NoTimex,
				kind: KindPeriod, hint: Hint{Kind: KindPeriod, Period: pr.id, HolderToken: text.NoToken}, allowThe: true}
			return f, true
		}
		return found{}, false
	}
	// quarters and halves
	if n, ok := m.lexVal(k, lexOrdinal); ok && n >= 1 && n <= 4 {
		unit := m.at(k + 1)
		if unit != "quarter" && !(unit == "half" && n <= 2) || m.at(k+2) != "of" {
			return found{}, false
		}
		p := k + 3
		var yr yearRef
		if m.at(p) == "the" && m.at(p+1) == "year" {
			r, a, ok := m.ref()
			yr = yearRef{y: r.y, basis: text.BasisRelative, anchor: a, kind: KindDeictic, known: ok, j: p + 2}
		} else if yr, ok = m.yearExpr(p); !ok {
			return found{}, false
		}
		size := 3
		if unit == "half" {
			size = 6
		}
		f := dateFound(k, yr.j, span(month(yr.y, (n-1)*size+1), month(yr.y, n*size)), yr)
		f.allowThe = true
		return f, true
	}
	if len(w) == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4' {
		p := k + 1
		if m.at(p) == "of" {
			p++
		}
		yr, ok := m.yearExpr(p)
		if !ok {
			return found{}, false
		}
		n := int(w[1] - '0')
		return dateFound(k, yr.j, span(month(yr.y, 3*n-2), month(yr.y, 3*n)), yr), true
	}
	return found{}, false
}

func partOfYear(y, part int) value {
	switch part {
	case partEarly:
		return span(month(y, 1), month(y, 4))
	case partMid:
		return span(month(y, 5), month(y, 8))
	case partLate:
		return span(month(y, 9), month(y, 12))
	}
	return single(year(y))
}

func partOfMonth(y, mo, part int) value {
	switch part {
	case partEarly:
		return span(day(y, mo, 1), day(y, mo, 10))
	case partMid:
		return span(day(y, mo, 11), day(y, mo, 20))
	case partLate:
		return span(day(y, mo, 21), day(y, mo, daysIn(y, mo)))
	}
	return single(month(y, mo))
}

// partOfDecade divides a decade (or a century, when cen) in three.
func partOfDecade(start int, cen bool, part int) value {
	if cen {
		switch part {
		case partEarly:
			return years(start, start+32)
		case partMid:
			return years(start+33, start+66)
		case partLate:
			return years(start+67, start+99)
		}
		return years(start, start+99)
	}
	switch part {
	case partEarly:
		return years(start, start+3)
	case partMid:
		return years(start+4, start+6)
	case partLate:
		return years(start+7, start+9)
	}
	return single(point{y: start, p: text.PrecisionDecade})
}

// partOfPeriod is the first or last year of a named period, or all of it.
func partOfPeriod(v value, part int) value {
	switch part {
	case partEarly:
		return single(v.first().coarsen(text.PrecisionYear))
	case partLate:
		return single(v.last().coarsen(text.PrecisionYear))
	}
	return v
}

// seasonValue is the season starting in month s of year y.
func seasonValue(y, s int) value {
	e, ey := s+2, y
	if e > 12 {
		e, ey = e-12, y+1
	}
	return span(month(y, s), month(ey, e))
}

// season reads "summer 2014", "the spring of 2011", "in the winter".
func (m *matcher) season(k int) (found, bool) {
	s, ok := m.lexVal(k, lexSeason)
	if !ok {
		return found{}, false
	}
	p := k + 1
	if m.at(p) == "of" || m.at(p) == "," {
		p++
	}
	if yr, ok := m.yearExpr(p); ok {
		f := dateFound(k, yr.j, seasonValue(yr.y, s), yr)
		f.allowThe = true
		return f, true
	}
	prev := m.at(k - 1)
	if m.at(k+1) == "of" || !(prev == "in" || prev == "during" || prev == "the" && m.lexIs(k-2, lexTempPrep)) {
		return found{}, false
	}
	f := found{i: k, j: k + 1, basis: text.BasisRelative, kind: KindDate, allowThe: true, anchor: text.NoTimex}
	if p, id, ok := m.lastDate(true); ok {
		f.val, f.known, f.anchor = seasonValue(p.y, s), true, id
		return f, true
	}
	r, a, ok := m.ref()
	if !ok {
		return f, true
	}
	f.val, f.known, f.anchor = seasonValue(m.seasonYear(r, s, 2, k), s), true, a
	return f, true
}

// seasonYear is the year in which the season starting in month s begins,
// relative to r: the last one (sh -1), this one (sh 0), the next one (sh
// 1), or for a bare season (sh 2) the last one begun, or the next one
// when the sentence speaks of the future.
func (m *matcher) seasonYear(r point, s, sh, k int) int {
	y := r.y
	if r.m < 3 && s == 12 {
		y-- // January and February belong to the winter begun the year before
	}
	begun := y < r.y || s <= r.m
	inside := begun && (y < r.y || r.m <= s+2)
	switch sh {
	case -1:
		if !begun || inside {
			y--
		}
	case 0:
	case 1:
		if begun {
			y++
		}
	default:
		if m.tense(k) > 0 {
			if begun {
				y++
			}
		} else if !begun {
			y--
		}
	}
	return y
}

// decadeAt reads a decade or a century at k: "1990s", "1990's", "'90s",
// "the nineties", "the 19th century". It returns the first year.
func (m *matcher) decadeAt(k int) (int, int, bool, bool) {
	if k < 0 || k >= len(m.w) {
		return 0, 0, false, false
	}
	w := &m.w[k]
	switch {
	case w.kind == wMixed && len(w.low) == 5 && digits(w.low) == 4 && w.low[4] == 's' && w.low[3] == '0':
		y, _ := strconv.Atoi(w.low[:4])
		return y, k + 1, false, true
	case w.kind == wNum && !w.sep && len(w.low) == 4 && w.low[3] == '0' && isApos(m.at(k+1)) && m.at(k+2) == "s":
		return w.num, k + 3, false, true
	case isApos(w.low) && k+1 < len(m.w):
		n := m.w[k+1].low
		if len(n) == 3 && digits(n) == 2 && n[2] == 's' && n[1] == '0' {
			d, _ := strconv.Atoi(n[:2])
			return m.century(d), k + 2, false, true
		}
	case w.kind == wMixed && len(w.low) == 3 && digits(w.low) == 2 && w.low[2] == 's' && w.low[1] == '0':
		if prev := m.at(k - 1); prev == "the" || isDash(prev) || m.lexIs(k-1, lexPart) {
			d, _ := strconv.Atoi(w.low[:2])
			return m.century(d), k + 1, false, true
		}
	case w.kind == wAlpha:
		if d, ok := m.lexVal(k, lexDecadeWord); ok {
			if prev := m.at(k - 1); prev == "the" || isDash(prev) || m.lexIs(k-1, lexPart) {
				return 1900 + d, k + 1, false, true
			}
		}
	}
	// centuries
	n, p, ok := m.dayWord(k, true)
	if !ok || m.w[k].kind == wNum || n < 1 || n > 30 {
		return 0, 0, false, false
	}
	if isDash(m.at(p)) {
		p++
	}
	if m.at(p) != "century" {
		return 0, 0, false, false
	}
	return (n - 1) * 100, p + 1, true, true
}

// decade reads a decade or a century (see decadeAt).
func (m *matcher) decade(k int) (found, bool) {
	start, j, cen, ok := m.decadeAt(k)
	if !ok {
		return found{}, false
	}
	return found{i: k, j: j, val: partOfDecade(start, cen, partWhole), known: true, basis: text.BasisExplicit,
		anchor: text.NoTimex, kind: KindDate, allowThe: true}, true
}

// yearRule reads a year ("in 2014", "of 2025", "in the 2014", "the year
// 2014") or a range of years ("1999–2009", "from 2008 to 2012", "between
// 1999 and 2009", "2014/15"). Numbers that count, page numbers and money
// are not years.
func (m *matcher) yearRule(k int) (found, bool) {
	y, ok := m.year4(k)
	if !ok {
		// "in '98"
		if isApos(m.at(k)) && m.lexIs(k-1, lexYearCue) && m.at(k-1) != "the" && k+1 < len(m.w) && m.w[k+1].kind == wNum && len(m.w[k+1].low) == 2 && !m.lexIs(k+2, lexMeasure) {
			return found{i: k, j: k + 2, val: single(year(m.century(m.w[k+1].num))), known: true, basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate}, true
		}
		return found{}, false
	}
	prev := m.at(k - 1)
	cue := m.lexIs(k-1, lexYearCue) || m.lexIs(k-1, lexMonth) || m.lexIs(k-1, lexMonthAbbr) || prev == "year" || prev == ","
	if m.lexIs(k-1, lexNotYear) || prev == "." && m.lexIs(k-2, lexNotYear) || k > 0 && m.w[k-1].kind == wNum {
		return found{}, false
	}
	if !cue && y < 1700 || y > 2199 {
		return found{}, false
	}
	nx := m.at(k + 1)
	if m.lexIs(k+1, lexMeasure) || (!cue || m.lexIs(k-1, lexApprox)) && plural(m, k+1) {
		return found{}, false
	}
	f := found{i: k, j: k + 1, val: single(year(y)), known: true, basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindDate}
	// ranges
	if isDash(nx) || nx == "/" || nx == "to" || nx == "through" || nx == "until" || nx == "and" && prev == "between" {
		if y2, ok := m.year4(k + 2); ok && y2 > y && y2-y < 200 {
			f.j, f.val = k+3, years(y, y2)
		} else if n, ok := m.small(k + 2); ok && (isDash(nx) || nx == "/") && len(m.w[k+2].low) == 2 {
			if y2 := y/100*100 + n; y2 > y {
				f.j, f.val = k+3, years(y, y2)
			} else if m.w[k+2].low[0] == '0' && n >= 1 && n <= 12 && isDash(nx) {
				f.j, f.val = k+3, single(month(y, n))
			}
		}
		if f.val.rng && (prev == "from" || prev == "between") {
			f.i = k - 1
		}
	}
	switch {
	case prev == "year" && m.at(k-2) == "the":
		f.i = k - 2
	case prev == "the" && (m.lexIs(k-2, lexYearCue) || m.lexIs(k-2, lexPrep)):
		f.allowThe = true // "in the 2014": a slip for "in 2014"
	}
	return f, true
}

// periodAt reads the longest period name at k.
func (m *matcher) periodAt(k int) (*period, int, bool) {
	n := m.t.periods
	var best *period
	bj := 0
	for p := k; p < len(m.w) && n.next != nil; p++ {
		c := n.next[m.w[p].low]
		if c == nil {
			break
		}
		n = c
		if n.p != nil {
			best, bj = n.p, p+1
		}
	}
	return best, bj, best != nil
}

// period reads a named period ("the Cold War", "the Arab Spring", "9/11").
func (m *matcher) period(k int) (found, bool) {
	p, j, ok := m.periodAt(k)
	if !ok {
		return found{}, false
	}
	return found{i: k, j: j, val: p.val, known: true, basis: text.BasisExplicit, anchor: text.NoTimex, kind: KindPeriod,
		hint: Hint{Kind: KindPeriod, Period: p.id, HolderToken: text.NoToken}, allowThe: true}, true
}

// nameRun returns the end of a run of up to four capitalized words at k.
func (m *matcher) nameRun(k int) int {
	q := k
	for q < len(m.w) && q-k < 4 && m.w[q].kind == wAlpha && m.w[q].upper && !m.lexIs(q, lexMonth) && !m.lexIs(q, lexWeekday) && !m.lexIs(q, lexRole) {
		q++
	}
	return q
}

// term reads a person's time in office: "during his first term", "under
// the presidency of Fernando Cardoso", "during Lula's second term", "under
// President Carter", "during the Carter administration", "under Franco,".
// Its value needs the actor knowledge base: the hint names the office and
// the holder.
func (m *matcher) term(k int) (found, bool) {
	if !m.lexIs(k, lexTermPrep) {
		return found{}, false
	}
	prep := m.at(k)
	h := Hint{Kind: KindTerm, HolderToken: text.NoToken}
	p := k + 1
	hs, he := -1, -1 // holder words
	role := func(q int) (int, bool) {
		n := 0
		if o, ok := m.lexVal(q, lexOrdinal); ok {
			n = o
			q++
		} else if d, j, ok := m.dayWord(q, false); ok && m.w[q].kind == wMixed {
			n = d
			q = j
		}
		strict, ok := m.lexVal(q, lexRole)
		if !ok || prep == "in" && strict < 2 && n == 0 {
			return 0, false
		}
		h.Ordinal, h.Role = n, m.at(q)
		q++
		if (m.at(q) == "in" || m.at(q) == "out") && (m.at(q+1) == "office" || m.at(q+1) == "power") {
			q += 2
		}
		return q, true
	}
	j := 0
	switch {
	case m.lexIs(p, lexPossessive):
		hs, he, h.Pronoun = p, p+1, true
		q, ok := role(p + 1)
		if !ok {
			return found{}, false
		}
		j = q
	case m.at(p) == "the" && m.lexIs(p+1, lexRole) && m.at(p+2) == "of":
		hs = p + 3
		he = m.nameRun(hs)
		if he == hs {
			return found{}, false
		}
		h.Role, j = m.at(p+1), he
	case m.at(p) == "the" && m.upper(p+1):
		hs = p + 1
		he = m.nameRun(hs)
		if he == hs {
			return found{}, false
		}
		q, ok := role(he)
		if !ok {
			return found{}, false
		}
		j = q
	case m.upper(p) && m.lexIs(p, lexTitle) && prep != "in":
		q := p
		for m.lexIs(q, lexTitle) && m.upper(q) {
			q++
		}
		hs, he = q, m.nameRun(q)
		if he == hs {
			return found{}, false
		}
		h.Role, j = m.at(p), he
		if h.Role == "prime" {
			h.Role = "premiership"
		} else if h.Role == "president" {
			h.Role = "presidency"
		}
	case m.upper(p):
		hs = p
		he = m.nameRun(p)
		if he == hs {
			return found{}, false
		}
		if isApos(m.at(he)) && m.at(he+1) == "s" {
			q, ok := role(he + 2)
			if !ok {
				return found{}, false
			}
			j = q
		} else if nx := m.at(he); prep == "under" && (nx == "," || nx == "" || nx == "." || nx == ";") {
			h.Role, j = "rule", he
		} else {
			return found{}, false
		}
	default:
		return found{}, false
	}
	h.Holder = text.Span{Start: m.w[hs].start, End: m.w[he-1].end}
	h.HolderToken = m.doc.TokenAt(m.w[he-1].start)
	return found{i: k, j: j, basis: text.BasisRelative, anchor: text.NoTimex, kind: KindTerm, hint: h}, true
}

// Default spans of plural units without a count ("in recent months", "the
// coming weeks"), in units.
var vagueCount = [...]int{unitDay: 7, unitWeek: 6, unitMonth: 6, unitYear: 5, unitDecade: 3, unitCentury: 1}

// shift reads "last week", "this year", "next month", "last Tuesday", "this
// March", "last summer", "last night", "the past two years", "the coming
// months", and the anaphoric "the following year", "the previous day".
func (m *matcher) shift(k int) (found, bool) {
	sh, ok := m.lexVal(k, lexShift)
	if !ok {
		return found{}, false
	}
	w := m.at(k)
	the := m.at(k-1) == "the"
	p := k + 1
	f := found{i: k, basis: text.BasisRelative, anchor: text.NoTimex, kind: KindDeictic, allowThe: the}
	// "the past two years", "the next five years", "the last few months"
	if the && sh != 0 {
		if n, q, ok := m.count(p); ok && q > p {
			if u, ok := m.lexVal(q, lexUnit); ok && n != -2 {
				if n == -1 {
					n = 3
				}
				r, a, ok := m.ref()
				f.j, f.anchor, f.known = q+1, a, ok
				f.val = stretch(r, sh*n, u)
				return f, true
			}
		}
	}
	if u, ok := m.lexVal(p, lexUnit); ok {
		pl := strings.HasSuffix(m.at(p), "s") || m.at(p) == "centuries"
		f.j = p + 1
		if pl {
			if !the && w != "recent" || sh == 0 {
				return found{}, false
			}
			r, a, ok := m.ref()
			f.anchor, f.known = a, ok
			f.val = stretch(r, sh*vagueCount[u], u)
			return f, true
		}
		if the && (w == "following" || w == "previous" || w == "next") {
			if v, a, ok := m.antecedent(false); ok {
				f.kind, f.anchor, f.known = KindAnaphoric, a, true
				f.val = single(v.a.shift(sh, u).coarsen(max(v.a.p, unitPrecision(u))))
				return f, true
			}
		}
		r, a, ok := m.ref()
		f.anchor, f.known = a, ok
		if the && (w == "past" || w == "last") {
			f.val = stretch(r, -1, u)
			return f, true
		}
		if the && w == "coming" {
			f.val = stretch(r, 1, u)
			return f, true
		}
		switch u {
		case unitDay:
			f.val = single(r.shift(sh, unitDay))
		case unitWeek:
			f.val = week(r, sh)
		case unitMonth:
			f.val = single(r.shift(sh, unitMonth).coarsen(text.PrecisionMonth))
		case unitYear:
			f.val = single(year(r.y + sh))
		case unitDecade:
			if sh == 0 {
				f.val = single(point{y: r.y / 10 * 10, p: text.PrecisionDecade})
			} else {
				f.val = stretch(r, 10*sh, unitYear)
			}
		case unitCentury:
			c := r.y / 100 * 100
			f.val = years(c+100*sh, c+100*sh+99)
		}
		return f, true
	}
	if the {
		return found{}, false
	}
	r, a, ok := m.ref()
	f.anchor, f.known = a, ok
	if wd, ok := m.lexVal(p, lexWeekday); ok && m.upper(p) {
		f.j = p + 1
		if m.lexIs(f.j, lexDaypart) {
			f.j++
		}
		f.val = single(weekdayNear(r, wd, sh, false))
		return f, true
	}
	if mo, ok := m.lexVal(p, lexMonth); ok && m.upper(p) {
		f.j = p + 1
		y := r.y
		switch {
		case sh < 0 && mo >= r.m:
			y--
		case sh > 0 && mo <= r.m:
			y++
		}
		f.val = single(month(y, mo))
		return f, true
	}
	if s, ok := m.lexVal(p, lexSeason); ok {
		f.j = p + 1
		f.val = seasonValue(m.seasonYear(r, s, sh, k), s)
		return f, true
	}
	if m.lexIs(p, lexDaypart) && (w == "last" || w == "this") {
		f.j = p + 1
		if w == "last" {
			f.val = single(r.shift(-1, unitDay))
		} else {
			f.val = single(r)
		}
		return f, true
	}
	return found{}, false
}

// stretch is the range from r to n units after it (before it when n < 0),
// at r's precision.
func stretch(r point, n, unit int) value {
	a, b := r.shift(n, unit), r
	if n > 0 {
		a, b = b, a
	}
	return span(a, b)
}

// week is the Monday-to-Sunday week sh weeks from the one holding r.
func week(r point, sh int) value {
	if r.p != text.PrecisionDay {
		return single(r)
	}
	t := r.time().AddDate(0, 0, 7*sh)
	off := (int(t.Weekday()) + 6) % 7
	mon := t.AddDate(0, 0, -off)
	return span(ofTime(mon), ofTime(mon.AddDate(0, 0, 6)))
}

// weekdayNear is the weekday wd nearest r: the last one before r (sh -1),
// the next one after r (sh 1), the one in r's week (sh 0), or, for a bare
// weekday, the last one on or before r (the next one on or after r in the
// future).
func weekdayNear(r point, wd, sh int, bare bool) point {
	if r.p != text.PrecisionDay {
		return r
	}
	t := r.time()
	cur := int(t.Weekday())
	var d int
	switch {
	case bare && sh > 0:
		d = (wd - cur + 7) % 7
	case bare:
		d = -((cur - wd + 7) % 7)
	case sh < 0:
		d = -((cur-wd+6)%7 + 1)
	case sh > 0:
		d = (wd-cur+6)%7 + 1
	default:
		d = (wd+6)%7 - (cur+6)%7
	}
	return ofTime(t.AddDate(0, 0, d))
}

// count reads a quantity at k: a number ("two", "3", "a"), or a vague one
// ("a few", "several": -1; "many": -2). A plural unit with no count
// ("years ago") gives -2 and k itself.
func (m *matcher) count(k int) (int, int, bool) {
	if k >= len(m.w) {
		return 0, 0, false
	}
	w := &m.w[k]
	if w.kind == wNum {
		if w.num >= 1 && w.num <= 1000 {
			return w.num, k + 1, true
		}
		return 0, 0, false
	}
	if w.low == "a" || w.low == "an" {
		switch m.at(k + 1) {
		case "few":
			return -1, k + 2, true
		case "couple":
			if m.at(k+2) == "of" {
				return 2, k + 3, true
			}
			return 2, k + 2, true
		}
	}
	if n, ok := m.lexVal(k, lexNumber); ok {
		return n, k + 1, true
	}
	if n, ok := m.lexVal(k, lexVague); ok {
		return n, k + 1, true
	}
	if u, ok := m.lexVal(k, lexUnit); ok && strings.HasSuffix(w.low, "s") && u > 0 {
		return -2, k, true
	}
	return 0, 0, false
}

// quantity reads "two years ago", "a decade earlier", "three months
// later", "a few weeks ago", "years later".
func (m *matcher) quantity(k int) (found, bool) {
	n, p, ok := m.count(k)
	if !ok {
		return found{}, false
	}
	u, ok := m.lexVal(p, lexUnit)
	if !ok {
		return found{}, false
	}
	dir, ok := m.lexVal(p+1, lexDirection)
	if !ok {
		return found{}, false
	}
	dw := m.at(p + 1)
	if dw == "before" || dw == "after" {
		if nx := m.at(p + 2); nx != "" && nx != "," && nx != "." && nx != ";" {
			return found{}, false
		}
	}
	f := found{i: k, j: p + 2, basis: text.BasisRelative, anchor: text.NoTimex}
	var r point
	if dw == "ago" {
		f.kind = KindDeictic
		r, f.anchor, ok = m.ref()
	} else {
		f.kind = KindAnaphoric
		var v value
		v, f.anchor, ok = m.antecedent(false)
		r = v.a
	}
	if !ok || n == -2 {
		return f, true
	}
	f.known = true
	q := max(r.p, unitPrecision(u))
	switch {
	case n == -1:
		a, b := r.shift(dir*4, u).coarsen(q), r.shift(dir*2, u).coarsen(q)
		if dir > 0 {
			a, b = r.shift(2, u).coarsen(q), r.shift(4, u).coarsen(q)
		}
		f.val = span(a, b)
	default:
		f.val = single(r.shift(dir*n, u).coarsen(q))
	}
	return f, true
}

// anaphor reads "that year", "the same year", "that same month", "later
// that year", "that summer", "those years", "at that time", "at the
// time", "by then", "back then", and "then" in the sentence after a date
// (or the same sentence).
func (m *matcher) anaphor(k int) (found, bool) {
	w := m.at(k)
	f := found{i: k, basis: text.BasisRelative, anchor: text.NoTimex, kind: KindAnaphoric}
	asIs := func(j int, near bool) (found, bool) {
		f.j = j
		v, a, ok := m.antecedent(true)
		if near && (!ok || m.out[a].Sentence < m.sent-1) {
			return found{}, false
		}
		f.val, f.anchor, f.known = v, a, ok
		return f, true
	}
	switch w {
	case "then":
		prev := m.at(k - 1)
		switch prev {
		case "by", "since", "until", "till", "back", "even", "only", "from", "before":
			f.i = k - 1
			return asIs(k+1, false)
		case "the", "and", "or", "if", "than", "but", ",", "just":
			return found{}, false // "the then president", "if ..., then ..."
		}
		if nx := m.at(k + 1); nx == "-" || m.upper(k+1) && m.lexIs(k+1, lexTitle) {
			return found{}, false
		}
		return asIs(k+1, true)
	case "time":
		if m.at(k-1) != "the" || m.at(k-2) != "at" || m.at(k+1) == "of" || m.at(k+1) == "when" {
			return found{}, false
		}
		f.allowThe = true
		return asIs(k+1, false)
	case "that", "those", "same":
		if w == "same" && m.at(k-1) != "the" {
			return found{}, false
		}
	default:
		return found{}, false
	}
	p := k + 1
	if w == "that" && m.at(p) == "same" {
		p++
	}
	if w == "that" && (m.at(k-1) == "later" || m.at(k-1) == "earlier") {
		f.i = k - 1
	}
	f.allowThe = w == "same"
	nx := m.at(p)
	if w == "those" {
		if nx == "days" || nx == "years" || nx == "times" {
			return asIs(p+1, false)
		}
		return found{}, false
	}
	if nx == "time" || (nx == "point" || nx == "moment" || nx == "stage") && m.at(k-1) == "at" {
		if m.at(p+1) == "of" {
			return found{}, false
		}
		return asIs(p+1, false)
	}
	if s, ok := m.lexVal(p, lexSeason); ok {
		v, a, ok := m.antecedent(false)
		f.j, f.anchor, f.known = p+1, a, ok
		f.val = seasonValue(v.a.y, s)
		return f, true
	}
	u, ok := m.lexVal(p, lexUnit)
	if !ok || strings.HasSuffix(nx, "s") {
		return found{}, false
	}
	v, a, ok := m.antecedent(false)
	f.j, f.anchor, f.known = p+1, a, ok
	q := unitPrecision(u)
	if u == unitDecade {
		q = text.PrecisionDecade
	}
	f.val = single(v.a.coarsen(q))
	return f, true
}

// deictic reads "today", "yesterday (morning)", "tomorrow", "now",
// "currently", "recently", "lately", "in recent months".
func (m *matcher) deictic(k int) (found, bool) {
	v, ok := m.lexVal(k, lexDeictic)
	if !ok {
		return found{}, false
	}
	f := found{i: k, j: k + 1, basis: text.BasisRelative, anchor: text.NoTimex, kind: KindDeictic}
	r, a, known := m.ref()
	f.anchor, f.known = a, known
	switch v {
	case -1, 0, 1:
		f.val = single(r.shift(v, unitDay))
		if m.lexIs(k+1, lexDaypart) {
			f.j++
		}
	case 9: // now
		if isDash(m.at(k + 1)) {
			return found{}, false
		}
		f.val = single(r)
	case 8: // recently
		f.val = stretch(r, -3, unitMonth)
	case 7: // recent + plural unit
		u, ok := m.lexVal(k+1, lexUnit)
		if !ok || !strings.HasSuffix(m.at(k+1), "s") {
			return found{}, false
		}
		f.j++
		f.val = stretch(r, -vagueCount[u], u)
	default:
		return found{}, false
	}
	return f, true
}

// weekday reads "on Sunday", "Tuesday night": the last such day on or
// before the publication date (the next one when the sentence speaks of
// the future), or the date the text was just speaking of when that is
// not about the publication week.
func (m *matcher) weekday(k int) (found, bool) {
	wd, ok := m.lexVal(k, lexWeekday)
	if !ok || !m.upper(k) {
		return found{}, false
	}
	f := found{i: k, j: k + 1, basis: text.BasisRelative, anchor: text.NoTimex, kind: KindDeictic}
	if m.lexIs(k+1, lexDaypart) {
		f.j++
	}
	if p, id, ok := m.lastDate(true); ok {
		d := m.pub.time().Sub(p.time())
		if !m.hasPub || p.p != text.PrecisionDay || d < 0 || d > 31*24*time.Hour {
			f.kind, f.val, f.anchor, f.known = KindAnaphoric, single(p), id, true
			return f, true
		}
	}
	r, a, ok := m.ref()
	sh := 0
	if m.tense(k) > 0 {
		sh = 1
	}
	f.val, f.anchor, f.known = single(weekdayNear(r, wd, sh, true)), a, ok
	return f, true
}

// sharedYear finds a year stated closely after word k by a date that ends
// with it ("March 3 and April 5, 2019", "between 3 and 5 May 2019").
func (m *matcher) sharedYear(k int) (int, bool) {
	for q := k + 1; q < len(m.w) && q <= k+8; q++ {
		w := m.at(q)
		if w == "." || w == ";" || w == "but" || m.lexIs(q, lexFuture) {
			return 0, false
		}
		if y, ok := m.year4(q); ok {
			prev := q - 1
			if m.at(prev) == "," {
				prev--
			}
			if _, _, ok := m.dayWord(prev, false); ok || m.lexIs(prev, lexMonth) || m.lexIs(prev, lexMonthAbbr) || m.at(prev) == "." {
				return y, true
			}
			return 0, false
		}
	}
	return 0, false
}
