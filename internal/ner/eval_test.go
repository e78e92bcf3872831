package ner

import "testing"

func TestScores(t *testing.T) {
	for _, c := range []struct {
		gold, pred string
		tp, fp, fn int
	}{
		{"B-PER I-PER O", "B-PER I-PER O", 1, 0, 0},
		{"B-PER I-PER O", "B-PER O O", 0, 1, 1},     // wrong end
		{"B-PER I-PER O", "B-ORG I-ORG O", 0, 1, 1}, // wrong label
		{"B-LOC O B-LOC", "B-LOC O O", 1, 0, 1},     // a miss
		{"O O O", "B-ORG O B-LOC", 0, 2, 0},         // spurious
		{"O B-LOC I-LOC", "O I-LOC I-LOC", 1, 0, 0}, // ill-formed I- read as a start
		{"B-PER B-PER", "B-PER I-PER", 0, 1, 2},     // two people are not one
		{"B-ORG I-ORG", "B-ORG", 0, 1, 1},           // missing predicted tags count as O
	} {
		var s Scores
		s.Add(tags(t, c.gold), tags(t, c.pred))
		if s.Overall.TP != c.tp || s.Overall.FP != c.fp || s.Overall.FN != c.fn {
			t.Errorf("gold %q pred %q: %+v, want tp %d fp %d fn %d", c.gold, c.pred, s.Overall, c.tp, c.fp, c.fn)
		}
	}
	var s Scores
	s.Add(tags(t, "B-PER O B-LOC"), tags(t, "B-PER O B-ORG"))
	if got := s.Label(PER); got != (Counts{TP: 1}) {
		t.Errorf("PER counts %+v", got)
	}
	if got := s.Label(LOC); got != (Counts{FN: 1}) {
		t.Errorf("LOC counts %+v", got)
	}
	if got := s.Label(ORG); got != (Counts{FP: 1}) {
		t.Errorf("ORG counts %+v", got)
	}
	if p, r, f := s.Overall.Precision(), s.Overall.Recall(), s.Overall.F1(); p != 0.5 || r != 0.5 || f != 0.5 {
		t.Errorf("P/R/F1 = %v %v %v, want 0.5 each", p, r, f)
	}
	if f := (Counts{}).F1(); f != 0 {
		t.Errorf("F1 of nothing = %v, want 0", f)
	}
}
