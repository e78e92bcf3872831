package perceptron

import "testing"

// TestLargeTable fills a table big enough to be mapped outside the heap
// (on Linux), scores from it, and gives the model a new table.
func TestLargeTable(t *testing.T) {
	m := &Model{Classes: []string{"a", "b", "c"}, scale: 1}
	const n = 400_000
	m.newTable(n)
	first := map[uint32]uint64{} // 32-bit keys collide now and then: the first stays
	for i := uint64(1); i <= n; i++ {
		k := key(F1(7, i))
		if _, ok := first[k]; !ok {
			first[k] = i
		}
		m.put(k, largePairs(i))
	}
	if m.NumFeatures() != len(first) {
		t.Fatalf("%d features, want %d", m.NumFeatures(), len(first))
	}
	for _, i := range []uint64{1, 2, 3, 99, 12345, n} {
		if first[key(F1(7, i))] != i {
			continue
		}
		scores := make([]float32, 3)
		m.Score([]uint64{F1(7, i)}, scores)
		want := make([]float32, 3)
		for _, p := range largePairs(i) {
			want[p.class] += float32(p.q)
		}
		if scores[0] != want[0] || scores[1] != want[1] || scores[2] != want[2] {
			t.Errorf("feature %d: scores %v, want %v", i, scores, want)
		}
	}
	m.newTable(n) // a second table replaces the first
	scores := make([]float32, 3)
	m.Score([]uint64{F1(7, 5)}, scores)
	if scores[0] != 0 || scores[1] != 0 || scores[2] != 0 || m.NumFeatures() != 0 {
		t.Errorf("new table not empty: %v, %d features", scores, m.NumFeatures())
	}
}

// largePairs returns feature i's weights: one, two or three, sorted by
// class and none zero, as put wants them (three are a dense row).
func largePairs(i uint64) []pair {
	return []pair{{q: int16(i%100) + 1, class: 0}, {q: 1, class: 1}, {q: -2, class: 2}}[i%3 : 3]
}
