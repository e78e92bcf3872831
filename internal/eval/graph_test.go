package eval

import (
	"math"
	"testing"
)

func TestAddDeps(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []string // DEPS columns, word by word
		tp, fp, fn int
		f1         float64
	}{
		{"identical", []string{"2:nsubj|4:nsubj:xsubj", "0:root"}, []string{"2:nsubj|4:nsubj:xsubj", "0:root"}, 3, 0, 0, 1},
		{"label must match in full", []string{"2:obl:to"}, []string{"2:obl"}, 0, 1, 1, 0},
		{"head must match", []string{"3:obj"}, []string{"2:obj"}, 0, 1, 1, 0},
		{"missing and extra arcs", []string{"2:nsubj|5:nsubj", "0:root"}, []string{"2:nsubj", "0:root|4:conj"}, 2, 1, 1, 2.0 / 3},
		{"empty columns", []string{"_", "1:ref"}, []string{"_", "_"}, 0, 0, 1, 0},
		{"a repeated arc counts once", []string{"1:obj"}, []string{"1:obj|1:obj"}, 1, 0, 0, 1},
	}
	for _, tt := range tests {
		var c Counts
		for i := range tt.gold {
			c.AddDeps(tt.gold[i], tt.pred[i])
		}
		if c.TP != tt.tp || c.FP != tt.fp || c.FN != tt.fn {
			t.Errorf("%s: counts %+v, want TP %d FP %d FN %d", tt.name, c, tt.tp, tt.fp, tt.fn)
		}
		if math.Abs(c.F1()-tt.f1) > 1e-9 {
			t.Errorf("%s: F1 %.4f, want %.4f", tt.name, c.F1(), tt.f1)
		}
	}
}
