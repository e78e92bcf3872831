package eval

import "strings"

// AddDeps counts one word's enhanced arcs into c, as the IWPT 2020 shared
// task's ELAS does: gold and predicted are the word's DEPS columns
// ("3:nsubj|5:nsubj:xsubj", "_" for none); an arc is right when the
// predicted column has the same head with the same full label. An arc
// that appears twice in one column counts once. The F1 of the counts
// over a file is its ELAS; empty nodes are not collapsed, so gold arcs
// to or from them count as missed.
func (c *Counts) AddDeps(gold, predicted string) {
	g, p := depsArcs(gold), depsArcs(predicted)
	for _, a := range p {
		if contains(g, a) {
			c.TP++
		} else {
			c.FP++
		}
	}
	for _, a := range g {
		if !contains(p, a) {
			c.FN++
		}
	}
}

// depsArcs splits a DEPS column into its distinct arcs.
func depsArcs(col string) []string {
	col = strings.TrimSpace(col)
	if col == "" || col == "_" {
		return nil
	}
	var out []string
	for a := range strings.SplitSeq(col, "|") {
		if a != "" && !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
