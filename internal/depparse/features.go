package depparse

import (
	"strings"

	"annals/internal/perceptron"
)

// Feature templates (Zhang and Nivre 2011's rich feature set, adapted to
// arc-hybrid: the stack's second and third items take the place of s0's
// head). Their numbers are part of the model.
const (
	tS0W uint64 = iota + 1
	tS0P
	tS0WP
	tS1W
	tS1P
	tS1WP
	tS2W
	tS2P
	tB0W
	tB0P
	tB0WP
	tB1W
	tB1P
	tB1WP
	tB2W
	tB2P
	// pairs
	tS0WPB0WP
	tS0WPB0W
	tS0WB0WP
	tS0WPB0P
	tS0PB0WP
	tS0WB0W
	tS0PB0P
	tB0PB1P
	tS1WPS0WP
	tS1WS0W
	tS1PS0P
	tS1WPS0P
	tS1PS0WP
	tS1PB0P
	tS1WB0W
	// triples
	tB0PB1PB2P
	tS0PB0PB1P
	tS1PS0PB0P
	tS2PS1PS0P
	tS0PS0L1PB0P
	tS0PS0R1PB0P
	tS0PB0PB0L1P
	tS1PS1R1PS0P
	tS1PS0PS0L1P
	tS1PS0PS0R1P
	// distance
	tS0WD
	tS0PD
	tB0WD
	tB0PD
	tS0WB0WD
	tS0PB0PD
	tS1PS0PD
	tS1WS0WD
	// valency
	tS0WVR
	tS0PVR
	tS0WVL
	tS0PVL
	tB0WVL
	tB0PVL
	tS1PVR
	tS1PVL
	// children
	tS0L1W
	tS0L1P
	tS0L1L
	tS0R1W
	tS0R1P
	tS0R1L
	tS1L1P
	tS1L1L
	tS1R1W
	tS1R1P
	tS1R1L
	tB0L1W
	tB0L1P
	tB0L1L
	// third order
	tS0L2P
	tS0L2L
	tS0R2P
	tS0R2L
	tB0L2P
	tB0L2L
	tS1R2P
	tS1R2L
	tS0PS0L1PS0L2P
	tS0PS0R1PS0R2P
	tB0PB0L1PB0L2P
	tS1PS1R1PS1R2P
	// label sets
	tS0WSR
	tS0PSR
	tS0WSL
	tS0PSL
	tB0WSL
	tB0PSL
	tS1PSR
	// context words
	tB0SUF
	tS0SUF
	tB3P
	tS0PB0PB1PB2P
	tS1PS0PB0PB1P
	tB1SUF
	tS1SUF
	tB0WB1W
	tS0WS1WB0P
)

// sentence holds the hashes of one sentence's words: index 0 is the root.
type sentence struct {
	w, p, suf []uint64
}

var (
	hNone = perceptron.String("<none>")
	hRoot = perceptron.String("<root>")
)

func (x *sentence) set(words, tags []string) {
	n := len(words)
	grow := func(a []uint64) []uint64 {
		if cap(a) < n+1 {
			return make([]uint64, n+1)
		}
		return a[:n+1]
	}
	x.w, x.p, x.suf = grow(x.w), grow(x.p), grow(x.suf)
	x.w[0], x.p[0], x.suf[0] = hRoot, hRoot, hRoot
	for i, w := range words {
		lw := strings.ToLower(w)
		x.w[i+1] = perceptron.String(lw)
		x.p[i+1] = perceptron.String(tags[i])
		if len(lw) > 3 {
			lw = lw[len(lw)-3:]
		}
		x.suf[i+1] = perceptron.String(lw)
	}
}

func (x *sentence) word(i int) uint64 {
	if i == none {
		return hNone
	}
	return x.w[i]
}

func (x *sentence) tag(i int) uint64 {
	if i == none {
		return hNone
	}
	return x.p[i]
}

func (x *sentence) suffix(i int) uint64 {
	if i == none {
		return hNone
	}
	return x.suf[i]
}

func dist(a, b int) uint64 {
	if a == none || b == none {
		return 0
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	if d > 5 {
		d = 5 + min(d/5, 3)
	}
	return uint64(d + 1)
}

func at(a []int, i int) int {
	if i == none {
		return none
	}
	return a[i]
}

func lab(s *state, i int) uint64 {
	if i == none {
		return 0
	}
	return uint64(s.labels[i] + 2)
}

func count(a []int, i int) uint64 {
	if i == none {
		return 0
	}
	return uint64(a[i] + 1)
}

func set(a []uint64, i int) uint64 {
	if i == none {
		return 1 << 63
	}
	return a[i]
}

// features appends the features of configuration s over sentence x.
func features(dst []uint64, s *state, x *sentence) []uint64 {
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	s0, s1, s2 := s.s(0), s.s(1), s.s(2)
	b0, b1, b2, b3 := s.buf(0), s.buf(1), s.buf(2), s.buf(3)
	s0w, s0p, s1w, s1p, s2w, s2p := x.word(s0), x.tag(s0), x.word(s1), x.tag(s1), x.word(s2), x.tag(s2)
	b0w, b0p, b1w, b1p, b2w, b2p, b3p := x.word(b0), x.tag(b0), x.word(b1), x.tag(b1), x.word(b2), x.tag(b2), x.tag(b3)
	s0wp, s1wp, b0wp, b1wp := F2(0, s0w, s0p), F2(0, s1w, s1p), F2(0, b0w, b0p), F2(0, b1w, b1p)

	s0l1, s0l2, s0r1, s0r2 := at(s.lc1, s0), at(s.lc2, s0), at(s.rc1, s0), at(s.rc2, s0)
	s1l1, s1r1, s1r2 := at(s.lc1, s1), at(s.rc1, s1), at(s.rc2, s1)
	b0l1, b0l2 := at(s.lc1, b0), at(s.lc2, b0)
	d := dist(s0, b0)
	d1 := dist(s1, s0)

	dst = append(dst,
		F1(tS0W, s0w), F1(tS0P, s0p), F1(tS0WP, s0wp),
		F1(tS1W, s1w), F1(tS1P, s1p), F1(tS1WP, s1wp),
		F1(tS2W, s2w), F1(tS2P, s2p),
		F1(tB0W, b0w), F1(tB0P, b0p), F1(tB0WP, b0wp),
		F1(tB1W, b1w), F1(tB1P, b1p), F1(tB1WP, b1wp),
		F1(tB2W, b2w), F1(tB2P, b2p),

		F2(tS0WPB0WP, s0wp, b0wp), F2(tS0WPB0W, s0wp, b0w), F2(tS0WB0WP, s0w, b0wp),
		F2(tS0WPB0P, s0wp, b0p), F2(tS0PB0WP, s0p, b0wp), F2(tS0WB0W, s0w, b0w),
		F2(tS0PB0P, s0p, b0p), F2(tB0PB1P, b0p, b1p),
		F2(tS1WPS0WP, s1wp, s0wp), F2(tS1WS0W, s1w, s0w), F2(tS1PS0P, s1p, s0p),
		F2(tS1WPS0P, s1wp, s0p), F2(tS1PS0WP, s1p, s0wp), F2(tS1PB0P, s1p, b0p),
		F2(tS1WB0W, s1w, b0w),

		F3(tB0PB1PB2P, b0p, b1p, b2p), F3(tS0PB0PB1P, s0p, b0p, b1p),
		F3(tS1PS0PB0P, s1p, s0p, b0p), F3(tS2PS1PS0P, s2p, s1p, s0p),
		F3(tS0PS0L1PB0P, s0p, x.tag(s0l1), b0p), F3(tS0PS0R1PB0P, s0p, x.tag(s0r1), b0p),
		F3(tS0PB0PB0L1P, s0p, b0p, x.tag(b0l1)), F3(tS1PS1R1PS0P, s1p, x.tag(s1r1), s0p),
		F3(tS1PS0PS0L1P, s1p, s0p, x.tag(s0l1)), F3(tS1PS0PS0R1P, s1p, s0p, x.tag(s0r1)),

		F2(tS0WD, s0w, d), F2(tS0PD, s0p, d), F2(tB0WD, b0w, d), F2(tB0PD, b0p, d),
		F3(tS0WB0WD, s0w, b0w, d), F3(tS0PB0PD, s0p, b0p, d),
		F3(tS1PS0PD, s1p, s0p, d1), F3(tS1WS0WD, s1w, s0w, d1),

		F2(tS0WVR, s0w, count(s.nr, s0)), F2(tS0PVR, s0p, count(s.nr, s0)),
		F2(tS0WVL, s0w, count(s.nl, s0)), F2(tS0PVL, s0p, count(s.nl, s0)),
		F2(tB0WVL, b0w, count(s.nl, b0)), F2(tB0PVL, b0p, count(s.nl, b0)),
		F2(tS1PVR, s1p, count(s.nr, s1)), F2(tS1PVL, s1p, count(s.nl, s1)),

		F1(tS0L1W, x.word(s0l1)), F1(tS0L1P, x.tag(s0l1)), F1(tS0L1L, lab(s, s0l1)),
		F1(tS0R1W, x.word(s0r1)), F1(tS0R1P, x.tag(s0r1)), F1(tS0R1L, lab(s, s0r1)),
		F1(tS1L1P, x.tag(s1l1)), F1(tS1L1L, lab(s, s1l1)),
		F1(tS1R1W, x.word(s1r1)), F1(tS1R1P, x.tag(s1r1)), F1(tS1R1L, lab(s, s1r1)),
		F1(tB0L1W, x.word(b0l1)), F1(tB0L1P, x.tag(b0l1)), F1(tB0L1L, lab(s, b0l1)),

		F1(tS0L2P, x.tag(s0l2)), F1(tS0L2L, lab(s, s0l2)),
		F1(tS0R2P, x.tag(s0r2)), F1(tS0R2L, lab(s, s0r2)),
		F1(tB0L2P, x.tag(b0l2)), F1(tB0L2L, lab(s, b0l2)),
		F1(tS1R2P, x.tag(s1r2)), F1(tS1R2L, lab(s, s1r2)),
		F3(tS0PS0L1PS0L2P, s0p, x.tag(s0l1), x.tag(s0l2)),
		F3(tS0PS0R1PS0R2P, s0p, x.tag(s0r1), x.tag(s0r2)),
		F3(tB0PB0L1PB0L2P, b0p, x.tag(b0l1), x.tag(b0l2)),
		F3(tS1PS1R1PS1R2P, s1p, x.tag(s1r1), x.tag(s1r2)),

		F2(tS0WSR, s0w, set(s.rset, s0)), F2(tS0PSR, s0p, set(s.rset, s0)),
		F2(tS0WSL, s0w, set(s.lset, s0)), F2(tS0PSL, s0p, set(s.lset, s0)),
		F2(tB0WSL, b0w, set(s.lset, b0)), F2(tB0PSL, b0p, set(s.lset, b0)),
		F2(tS1PSR, s1p, set(s.rset, s1)),

		F2(tB0SUF, x.suffix(b0), b0p), F2(tS0SUF, x.suffix(s0), s0p),
		F1(tB3P, b3p), F2(tS0PB0PB1PB2P, F2(0, s0p, b0p), F2(0, b1p, b2p)),
		F2(tS1PS0PB0PB1P, F2(0, s1p, s0p), F2(0, b0p, b1p)),
		F2(tB1SUF, x.suffix(b1), b1p), F2(tS1SUF, x.suffix(s1), s1p),
		F2(tB0WB1W, b0w, b1w), F3(tS0WS1WB0P, s0w, s1w, b0p),
	)
	return dst
}
