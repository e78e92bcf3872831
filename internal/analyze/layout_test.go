package analyze

import (
	"math"
	"testing"
)

// TestNetworkComponentsApart: a network of one star and several
// disconnected pairs is laid out component by component, every node in
// the unit square and no two closer than 4% of its diagonal.
func TestNetworkComponentsApart(t *testing.T) {
	var links []Link
	for _, leaf := range []string{"B", "C", "D", "E", "F", "G"} {
		links = append(links, Link{Source: "A", Target: leaf, Events: 3})
	}
	links = append(links, Link{Source: "B", Target: "C", Events: 1})
	for _, pair := range [][2]string{{"P1", "Q1"}, {"P2", "Q2"}, {"P3", "Q3"}, {"P4", "Q4"}, {"P5", "Q5"}} {
		links = append(links, Link{Source: pair[0], Target: pair[1], Events: 2})
	}
	links = append(links, Link{Source: "S", Target: "S", Events: 1}) // acts only on itself
	for _, max := range []int{0, 8} {
		net := NewNetwork(links, max, 7)
		min := math.Inf(1)
		for i, a := range net.Nodes {
			if a.X < 0 || a.X > 1 || a.Y < 0 || a.Y > 1 {
				t.Errorf("max %d: %s at (%.3f, %.3f), outside the unit square", max, a.Code, a.X, a.Y)
			}
			for _, b := range net.Nodes[i+1:] {
				min = math.Min(min, math.Hypot(a.X-b.X, a.Y-b.Y))
			}
		}
		if min < 0.04*math.Sqrt2 {
			t.Errorf("max %d: two nodes %.4f apart, want at least 4%% of the diagonal (%.4f)", max, min, 0.04*math.Sqrt2)
		}
	}
}
