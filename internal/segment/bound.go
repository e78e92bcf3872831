package segment

import "annals/internal/limits"

// boundSentences marks extra sentence starts so that no sentence holds
// more than max pieces: text without sentence ends (a list pasted without
// punctuation, a table flattened to a line) would otherwise give one
// "sentence" that the parser and event coder handle in time and space
// that grow faster than its length. A run that reaches max pieces is cut
// after its last clause mark (",", ";", ":", a dash) or before its last
// coordinating conjunction in the second half of the run, else at max; a
// clitic is never cut from its word. It returns how many cuts it made.
func boundSentences(src string, ps []Piece, max int) int {
	if max < 2 {
		max = 2
	}
	cuts := 0
	start := 0
	for i := range ps {
		if ps[i].Starts {
			start = i
			continue
		}
		if i-start < max {
			continue
		}
		at := cutPoint(src, ps, start+max/2, i)
		ps[at].Starts, ps[at].Cut = true, true
		start = at
		cuts++
	}
	return cuts
}

// cutPoint returns the piece in (lo, hi] that should start the next
// sentence: after the last clause mark, else at the last coordinating
// conjunction, else hi, moved back so that it does not start with a clitic.
func cutPoint(src string, ps []Piece, lo, hi int) int {
	conj := -1
	for j := hi; j > lo; j-- {
		if ps[j].Attached {
			continue
		}
		switch pieceText(src, ps[j-1]) {
		case ",", ";", ":", "-", "--", "–", "—":
			return j
		}
		if conj < 0 {
			switch pieceText(src, ps[j]) {
			case "and", "but", "or", "while", "whereas":
				conj = j
			}
		}
	}
	if conj >= 0 {
		return conj
	}
	for j := hi; j > lo; j-- {
		if !ps[j].Attached {
			return j
		}
	}
	return hi
}

// limitOr returns max, or the default bound when it is not positive.
func limitOr(max int) int {
	if max > 0 {
		return max
	}
	return limits.SentenceTokens
}
