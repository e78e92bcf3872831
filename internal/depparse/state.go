package depparse

// The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta
// 2011) over words 1..n with the artificial root 0 at the bottom of the
// stack. SHIFT moves the first buffer word b0 onto the stack; LEFT-l makes
// b0 the head of the stack top s0 and pops it; RIGHT-l makes the second
// stack item s1 the head of s0 and pops it. A word gets its head when it is
// popped, so every word on the stack is still headless.
//
// The root takes exactly one dependent, by RIGHT-root when the buffer is
// empty and the stack holds the root and one word; "root" is used for
// nothing else.

const (
	shift = 0
	// class 1+2k is LEFT with label k, 2+2k is RIGHT with label k.
)

func leftClass(label int) int  { return 1 + 2*label }
func rightClass(label int) int { return 2 + 2*label }

// isLeft, isRight and labelOf decode a class.
func isLeft(c int) bool     { return c > 0 && c%2 == 1 }
func isRight(c int) bool    { return c > 0 && c%2 == 0 }
func labelOf(c int) int     { return (c - 1) / 2 }
func numClasses(nl int) int { return 1 + 2*nl }

const none = -1

// state is a parser configuration. Words are numbered 1..n, 0 is the root.
type state struct {
	n      int
	stack  []int
	b      int // first buffer word; the buffer is b..n
	heads  []int
	labels []int
	// children summaries, by word
	lc1, lc2, rc1, rc2 []int    // leftmost, second leftmost, rightmost, second rightmost child
	nl, nr             []int    // number of left and right children
	lset, rset         []uint64 // bit sets of the labels of left and right children
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	grow := func(a []int, v int) []int {
		if cap(a) < n+1 {
			a = make([]int, n+1)
		}
		a = a[:n+1]
		for i := range a {
			a[i] = v
		}
		return a
	}
	s.heads = grow(s.heads, none)
	s.labels = grow(s.labels, none)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1, none), grow(s.lc2, none), grow(s.rc1, none), grow(s.rc2, none)
	s.nl, s.nr = grow(s.nl, 0), grow(s.nr, 0)
	if cap(s.lset) < n+1 {
		s.lset, s.rset = make([]uint64, n+1), make([]uint64, n+1)
	}
	s.lset, s.rset = s.lset[:n+1], s.rset[:n+1]
	clear(s.lset)
	clear(s.rset)
}

func (s *state) done() bool { return s.b > s.n && len(s.stack) == 1 }

func (s *state) s(i int) int {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return none
}

func (s *state) buf(i int) int {
	if s.b+i <= s.n {
		return s.b + i
	}
	return none
}

// valid reports whether class c may be applied; root is the label number
// of "root".
func (s *state) valid(c, root int) bool {
	bufEmpty := s.b > s.n
	switch {
	case c == shift:
		return !bufEmpty
	case isLeft(c):
		return !bufEmpty && len(s.stack) >= 2 && labelOf(c) != root
	default:
		if len(s.stack) == 2 {
			return bufEmpty && labelOf(c) == root
		}
		return len(s.stack) >= 3 && labelOf(c) != root
	}
}

func (s *state) apply(c int) {
	switch {
	case c == shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case isLeft(c):
		s.attach(s.b, s.s(0), labelOf(c))
		s.stack = s.stack[:len(s.stack)-1]
	default:
		s.attach(s.s(1), s.s(0), labelOf(c))
		s.stack = s.stack[:len(s.stack)-1]
	}
}

func (s *state) attach(h, d, l int) {
	s.heads[d] = h
	s.labels[d] = l
	if d < h {
		s.nl[h]++
		s.lset[h] |= 1 << (uint(l) & 63)
		switch {
		case s.lc1[h] == none || d < s.lc1[h]:
			s.lc2[h] = s.lc1[h]
			s.lc1[h] = d
		case s.lc2[h] == none || d < s.lc2[h]:
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= 1 << (uint(l) & 63)
		switch {
		case s.rc1[h] == none || d > s.rc1[h]:
			s.rc2[h] = s.rc1[h]
			s.rc1[h] = d
		case s.rc2[h] == none || d > s.rc2[h]:
			s.rc2[h] = d
		}
	}
}

// costs returns the number of gold arcs that each kind of transition
// makes unreachable (Goldberg and Nivre 2013's dynamic oracle for
// arc-hybrid; exact for projective gold trees): shift, left and right
// without their label, plus whether s0's gold head is b0 (then only LEFT
// with s0's gold label is free of label cost) or s1.
func (s *state) costs(gh []int) (cShift, cLeft, cRight int) {
	s0, s1, b0 := s.s(0), s.s(1), s.buf(0)
	// dependents of s0 still in the buffer
	depsInBuf := 0
	if s0 != none {
		for d := s.b; d <= s.n; d++ {
			if gh[d] == s0 {
				depsInBuf++
			}
		}
	}
	if b0 != none {
		for i, k := range s.stack {
			if k != s0 && gh[b0] == k {
				cShift++
			}
			if gh[k] == b0 {
				cShift++
			}
			_ = i
		}
	}
	if s0 != none && s0 != 0 {
		if b0 != none {
			cLeft = depsInBuf
			if gh[s0] != b0 && (gh[s0] == s1 || gh[s0] > b0) {
				cLeft++
			}
		}
		if s1 != none {
			cRight = depsInBuf
			if gh[s0] >= s.b {
				cRight++
			}
		}
	}
	return
}
