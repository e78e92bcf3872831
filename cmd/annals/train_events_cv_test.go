package main

import (
	"testing"

	"annals/internal/eval"
)

func TestChooseSetting(t *testing.T) {
	r := func(f1 float64, gumEvents int) cvResult {
		return cvResult{rep: eval.PassageReport{TypeF1: f1}, gumEvents: gumEvents, gumSentences: 100}
	}
	tests := []struct {
		name string
		res  []cvResult
		want int
	}{
		// Margins grow along the grid; the largest within tolerance that
		// keeps GUM at or under 2 per 100 wins over the best F1.
		{"largest margin under the bound", []cvResult{r(0.470, 1), r(0.480, 1), r(0.478, 2), r(0.479, 3)}, 2},
		// A setting well under the best F1 is out, however few its GUM events.
		{"too low an F1", []cvResult{r(0.400, 0), r(0.480, 2), r(0.470, 1)}, 1},
		// None within the bound: the fewest GUM events among the close ones.
		{"none under the bound", []cvResult{r(0.480, 5), r(0.479, 4), r(0.470, 3)}, 1},
	}
	for _, tc := range tests {
		if got := chooseSetting(tc.res); got != tc.want {
			t.Errorf("%s: chose %d, want %d", tc.name, got, tc.want)
		}
	}
}
