package depparse

import "annals/internal/perceptron"

// Most of the parser's features describe one word of the configuration
// and nothing else: its form, tag and suffix, its children and their
// labels, the words that follow it in the buffer. A word keeps such a
// feature's value across the transitions it stays in its place, and its
// children only grow, so the parser sums the weights of each group below
// once per word and number of children (a row of scores by class) and
// adds the rows at each transition; only the features that join two
// places (s0 with b0, s1 with s0, distances, tag triples) are looked up
// at every transition. The groups together are exactly the features that
// features gives, which training uses (TestGroupsAreTheFeatures).

// Groups of features cached by word.
const (
	gB   = iota // b0 and the words after it: fixed for a buffer position
	gBL         // b0's left children
	gS0         // s0 and its left children (a word on the stack gains none)
	gS0R        // s0's right children
	gS1         // s1 and its left children
	gS1R        // s1's right children
	gS2         // s2
	nGroups
)

// groupFeatures appends the features of group g for word i (none for an
// empty place) in configuration s.
func groupFeatures(dst []uint64, g int, s *state, x *sentence, i int) []uint64 {
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	w, p := x.word(i), x.tag(i)
	switch g {
	case gB:
		b1, b2, b3 := next(s, i, 1), next(s, i, 2), next(s, i, 3)
		b1w, b1p, b2p := x.word(b1), x.tag(b1), x.tag(b2)
		return append(dst,
			F1(tB0W, w), F1(tB0P, p), F1(tB0WP, F2(0, w, p)),
			F1(tB1W, b1w), F1(tB1P, b1p), F1(tB1WP, F2(0, b1w, b1p)),
			F1(tB2W, x.word(b2)), F1(tB2P, b2p),
			F2(tB0PB1P, p, b1p), F3(tB0PB1PB2P, p, b1p, b2p),
			F2(tB0SUF, x.suffix(i), p), F1(tB3P, x.tag(b3)),
			F2(tB1SUF, x.suffix(b1), b1p), F2(tB0WB1W, w, b1w),
		)
	case gBL:
		l1, l2 := at(s.lc1, i), at(s.lc2, i)
		return append(dst,
			F2(tB0WVL, w, count(s.nl, i)), F2(tB0PVL, p, count(s.nl, i)),
			F1(tB0L1W, x.word(l1)), F1(tB0L1P, x.tag(l1)), F1(tB0L1L, lab(s, l1)),
			F1(tB0L2P, x.tag(l2)), F1(tB0L2L, lab(s, l2)),
			F3(tB0PB0L1PB0L2P, p, x.tag(l1), x.tag(l2)),
			F2(tB0WSL, w, set(s.lset, i)), F2(tB0PSL, p, set(s.lset, i)),
		)
	case gS0:
		l1, l2 := at(s.lc1, i), at(s.lc2, i)
		return append(dst,
			F1(tS0W, w), F1(tS0P, p), F1(tS0WP, F2(0, w, p)),
			F2(tS0SUF, x.suffix(i), p),
			F2(tS0WVL, w, count(s.nl, i)), F2(tS0PVL, p, count(s.nl, i)),
			F1(tS0L1W, x.word(l1)), F1(tS0L1P, x.tag(l1)), F1(tS0L1L, lab(s, l1)),
			F1(tS0L2P, x.tag(l2)), F1(tS0L2L, lab(s, l2)),
			F3(tS0PS0L1PS0L2P, p, x.tag(l1), x.tag(l2)),
			F2(tS0WSL, w, set(s.lset, i)), F2(tS0PSL, p, set(s.lset, i)),
		)
	case gS0R:
		r1, r2 := at(s.rc1, i), at(s.rc2, i)
		return append(dst,
			F2(tS0WVR, w, count(s.nr, i)), F2(tS0PVR, p, count(s.nr, i)),
			F1(tS0R1W, x.word(r1)), F1(tS0R1P, x.tag(r1)), F1(tS0R1L, lab(s, r1)),
			F1(tS0R2P, x.tag(r2)), F1(tS0R2L, lab(s, r2)),
			F3(tS0PS0R1PS0R2P, p, x.tag(r1), x.tag(r2)),
			F2(tS0WSR, w, set(s.rset, i)), F2(tS0PSR, p, set(s.rset, i)),
		)
	case gS1:
		l1 := at(s.lc1, i)
		return append(dst,
			F1(tS1W, w), F1(tS1P, p), F1(tS1WP, F2(0, w, p)),
			F2(tS1SUF, x.suffix(i), p),
			F2(tS1PVL, p, count(s.nl, i)),
			F1(tS1L1P, x.tag(l1)), F1(tS1L1L, lab(s, l1)),
		)
	case gS1R:
		r1, r2 := at(s.rc1, i), at(s.rc2, i)
		return append(dst,
			F2(tS1PVR, p, count(s.nr, i)),
			F1(tS1R1W, x.word(r1)), F1(tS1R1P, x.tag(r1)), F1(tS1R1L, lab(s, r1)),
			F1(tS1R2P, x.tag(r2)), F1(tS1R2L, lab(s, r2)),
			F3(tS1PS1R1PS1R2P, p, x.tag(r1), x.tag(r2)),
			F2(tS1PSR, p, set(s.rset, i)),
		)
	default: // gS2
		return append(dst, F1(tS2W, w), F1(tS2P, p))
	}
}

// next returns the buffer word k places after buffer word i, or none.
func next(s *state, i, k int) int {
	if i == none || i+k > s.n {
		return none
	}
	return i + k
}

// jointFeatures appends the features that join two or more places of
// configuration s: the ones no group holds.
func jointFeatures(dst []uint64, s *state, x *sentence) []uint64 {
	F2, F3 := perceptron.F2, perceptron.F3
	s0, s1, s2 := s.s(0), s.s(1), s.s(2)
	b0, b1, b2 := s.buf(0), s.buf(1), s.buf(2)
	s0w, s0p, s1w, s1p, s2p := x.word(s0), x.tag(s0), x.word(s1), x.tag(s1), x.tag(s2)
	b0w, b0p, b1p, b2p := x.word(b0), x.tag(b0), x.tag(b1), x.tag(b2)
	s0wp, s1wp, b0wp := F2(0, s0w, s0p), F2(0, s1w, s1p), F2(0, b0w, b0p)
	s0l1, s0r1, s1r1, b0l1 := at(s.lc1, s0), at(s.rc1, s0), at(s.rc1, s1), at(s.lc1, b0)
	d, d1 := dist(s0, b0), dist(s1, s0)
	return append(dst,
		F2(tS0WPB0WP, s0wp, b0wp), F2(tS0WPB0W, s0wp, b0w), F2(tS0WB0WP, s0w, b0wp),
		F2(tS0WPB0P, s0wp, b0p), F2(tS0PB0WP, s0p, b0wp), F2(tS0WB0W, s0w, b0w),
		F2(tS0PB0P, s0p, b0p),
		F2(tS1WPS0WP, s1wp, s0wp), F2(tS1WS0W, s1w, s0w), F2(tS1PS0P, s1p, s0p),
		F2(tS1WPS0P, s1wp, s0p), F2(tS1PS0WP, s1p, s0wp), F2(tS1PB0P, s1p, b0p),
		F2(tS1WB0W, s1w, b0w),

		F3(tS0PB0PB1P, s0p, b0p, b1p),
		F3(tS1PS0PB0P, s1p, s0p, b0p), F3(tS2PS1PS0P, s2p, s1p, s0p),
		F3(tS0PS0L1PB0P, s0p, x.tag(s0l1), b0p), F3(tS0PS0R1PB0P, s0p, x.tag(s0r1), b0p),
		F3(tS0PB0PB0L1P, s0p, b0p, x.tag(b0l1)), F3(tS1PS1R1PS0P, s1p, x.tag(s1r1), s0p),
		F3(tS1PS0PS0L1P, s1p, s0p, x.tag(s0l1)), F3(tS1PS0PS0R1P, s1p, s0p, x.tag(s0r1)),

		F2(tS0WD, s0w, d), F2(tS0PD, s0p, d), F2(tB0WD, b0w, d), F2(tB0PD, b0p, d),
		F3(tS0WB0WD, s0w, b0w, d), F3(tS0PB0PD, s0p, b0p, d),
		F3(tS1PS0PD, s1p, s0p, d1), F3(tS1WS0WD, s1w, s0w, d1),

		F2(tS0PB0PB1PB2P, F2(0, s0p, b0p), F2(0, b1p, b2p)),
		F2(tS1PS0PB0PB1P, F2(0, s1p, s0p), F2(0, b0p, b1p)),
		F3(tS0WS1WB0P, s0w, s1w, b0p),
	)
}

// groupPlace returns the word group g describes in s (none for an empty
// place) and the version of its row: the number of children the group's
// features see, which only grows.
func groupPlace(g int, s *state) (i, version int) {
	switch g {
	case gB:
		return s.buf(0), 0
	case gBL:
		i = s.buf(0)
		return i, int(count(s.nl, i))
	case gS0:
		i = s.s(0)
		return i, int(count(s.nl, i))
	case gS0R:
		i = s.s(0)
		return i, int(count(s.nr, i))
	case gS1:
		i = s.s(1)
		return i, int(count(s.nl, i))
	case gS1R:
		i = s.s(1)
		return i, int(count(s.nr, i))
	default:
		return s.s(2), 0
	}
}

// rowCache holds, for each group and word, the summed weights of the
// group's features and the version they were summed at.
type rowCache struct {
	nc   int                      // classes
	n    int                      // words; row n+1 is for an empty place
	rows []int32                  // nc sums a row, by group, then word
	ver  []int32                  // version+1 of each row; 0 for none yet
	sums [nGroups]perceptron.Sums // where rows are summed
}

// reset empties the cache for a sentence of n words and nc classes.
func (c *rowCache) reset(n, nc int) {
	c.n, c.nc = n, nc
	size := nGroups * (n + 2)
	if cap(c.ver) < size {
		c.ver = make([]int32, size)
	}
	if cap(c.rows) < size*nc {
		c.rows = make([]int32, size*nc)
	}
	c.rows, c.ver = c.rows[:size*nc], c.ver[:size]
	clear(c.ver)
}

// lookup returns the index of the row of group g in s, its version, and
// whether the cache holds it at that version.
func (c *rowCache) lookup(g int, s *state) (j, i, v int, ok bool) {
	i, v = groupPlace(g, s)
	j = i
	if i == none {
		j = c.n + 1
	}
	j += g * (c.n + 2)
	return j, i, v, c.ver[j] == int32(v)+1
}

// row returns row j.
func (c *rowCache) row(j int) []int32 { return c.rows[j*c.nc : (j+1)*c.nc] }
