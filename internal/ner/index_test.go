package ner

import (
	"math/rand/v2"
	"testing"
)

// TestFeatIndexMatchesMap adds hashes to a featIndex and to a Go map and
// checks that both give the same numbers, for present and absent hashes,
// including the small values (0, 1) and hashes that share home slots.
func TestFeatIndexMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := newFeatIndex(0)
	want := map[uint64]int32{}
	add := func(h uint64) {
		id := x.Add(h)
		if w, ok := want[h]; ok {
			if id != w {
				t.Fatalf("Add(%#x) again = %d, want %d", h, id, w)
			}
			return
		}
		want[h] = int32(len(want))
		if id != want[h] {
			t.Fatalf("Add(%#x) = %d, want %d", h, id, want[h])
		}
	}
	add(0)
	add(1)
	for range 5000 {
		h := rng.Uint64()
		add(h)
		add(h ^ 1<<3) // same top bits: the same home slot before scrambling
		if rng.IntN(10) == 0 {
			add(h) // again
		}
	}
	if x.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", x.Len(), len(want))
	}
	for h, w := range want {
		if id, ok := x.Get(h); !ok || id != w {
			t.Fatalf("Get(%#x) = %d, %v; want %d, true", h, id, ok, w)
		}
	}
	for range 20000 {
		h := rng.Uint64()
		_, inMap := want[h]
		if _, ok := x.Get(h); ok != inMap {
			t.Fatalf("Get(%#x) found = %v, want %v", h, ok, inMap)
		}
	}
	seen := 0
	x.each(func(h uint64, id int32) {
		seen++
		if want[h] != id {
			t.Errorf("each: %#x → %d, want %d", h, id, want[h])
		}
	})
	if seen != len(want) {
		t.Errorf("each visited %d features, want %d", seen, len(want))
	}
	var empty *featIndex
	if _, ok := empty.Get(1); ok || empty.Len() != 0 || empty.touch([]uint64{1}) {
		t.Error("a nil index should be empty")
	}
}
