package analyze

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/simple"
)

// Link is a directed edge of the actor network: the events in which Source
// acts on Target, and their summed Goldstein score.
type Link struct {
	Source, Target string
	Events         int
	Goldstein      float64
}

// Node is an actor of the network, placed in the unit square.
type Node struct {
	Code   string
	Events int     // events in which it is source or target (within the network)
	X, Y   float64 // in [0, 1]
}

// Network is a laid-out actor network.
type Network struct {
	Nodes []Node
	Links []Link // between nodes of Nodes; self-links excluded
	Self  []Link // an actor acting on itself (e.g. a government on its own country)
}

// NewNetwork keeps the maxNodes actors with the most events (ties by code)
// and the links between them, and places the nodes with the Eades
// force-directed layout from a fixed seed, so the same data gives the same
// picture.
func NewNetwork(links []Link, maxNodes int, seed uint64) Network {
	var net Network
	weight := map[string]int{}
	for _, l := range links {
		if l.Source == "" || l.Target == "" || l.Events <= 0 {
			continue
		}
		weight[l.Source] += l.Events
		if l.Target != l.Source {
			weight[l.Target] += l.Events
		}
	}
	codes := make([]string, 0, len(weight))
	for c := range weight {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if weight[codes[i]] != weight[codes[j]] {
			return weight[codes[i]] > weight[codes[j]]
		}
		return codes[i] < codes[j]
	})
	if maxNodes > 0 && len(codes) > maxNodes {
		codes = codes[:maxNodes]
	}
	index := make(map[string]int, len(codes))
	for i, c := range codes {
		index[c] = i
		net.Nodes = append(net.Nodes, Node{Code: c})
	}
	g := simple.NewUndirectedGraph()
	for i := range codes {
		g.AddNode(simple.Node(int64(i)))
	}
	for _, l := range links {
		si, ok1 := index[l.Source]
		ti, ok2 := index[l.Target]
		if !ok1 || !ok2 || l.Events <= 0 {
			continue
		}
		net.Nodes[si].Events += l.Events
		if si == ti {
			net.Self = append(net.Self, l)
			continue
		}
		net.Nodes[ti].Events += l.Events
		net.Links = append(net.Links, l)
		if !g.HasEdgeBetween(int64(si), int64(ti)) {
			g.SetEdge(g.NewEdge(simple.Node(int64(si)), simple.Node(int64(ti))))
		}
	}
	sortLinks(net.Links)
	sortLinks(net.Self)
	place(net.Nodes, g, seed)
	return net
}

// place lays the nodes out and scales the result into the unit square.
// Nodes with no link to another node (an actor acting only on itself) are
// left out of the force layout, where repulsion would push them to the
// edges and squeeze the rest, and lined up along the bottom instead.
func place(nodes []Node, g *simple.UndirectedGraph, seed uint64) {
	var linked, alone []int
	for i := range nodes {
		if g.From(int64(i)).Len() > 0 {
			linked = append(linked, i)
		} else {
			alone = append(alone, i)
		}
	}
	height := 1.0
	if len(alone) > 0 {
		height = 0.85
	}
	// The row of lone nodes goes right under the linked ones.
	row := 1.0
	defer func() {
		for k, i := range alone {
			nodes[i].X, nodes[i].Y = (float64(k)+0.5)/float64(len(alone)), row
		}
	}()
	switch len(linked) {
	case 0:
		return
	case 1:
		nodes[linked[0]].X, nodes[linked[0]].Y = 0.5, height/2
		return
	}
	// Each connected component is laid out on its own and the components
	// are packed in rows, the tallest first: laid out together,
	// disconnected pairs drift away and squeeze the rest into a pile. A
	// component's box is its drawing (a side of the square root of its
	// node count, so that nodes get about the same room in every
	// component) and a margin around it; a pair's box is flat.
	comps := components(linked, g)
	boxes := make([]box, len(comps))
	const pad = 0.35
	for k, c := range comps {
		layoutComponent(nodes, c, g, seed)
		minX, minY := math.Inf(1), math.Inf(1)
		maxX, maxY := math.Inf(-1), math.Inf(-1)
		for _, i := range c {
			minX, maxX = math.Min(minX, nodes[i].X), math.Max(maxX, nodes[i].X)
			minY, maxY = math.Min(minY, nodes[i].Y), math.Max(maxY, nodes[i].Y)
		}
		side := math.Sqrt(float64(len(c)))
		for _, i := range c {
			nodes[i].X = pad + (nodes[i].X-minX)*side
			nodes[i].Y = pad + (nodes[i].Y-minY)*side
		}
		boxes[k] = box{w: (maxX-minX)*side + 2*pad, h: (maxY-minY)*side + 2*pad}
	}
	w, h := pack(boxes)
	scale := math.Min(1/w, height/h)
	offX, offY := (1-w*scale)/2, 0.0
	row = math.Min(1, h*scale+0.15)
	for k, c := range comps {
		for _, i := range c {
			nodes[i].X = offX + (boxes[k].x+nodes[i].X)*scale
			nodes[i].Y = offY + (boxes[k].y+nodes[i].Y)*scale
		}
	}
}

// components returns the connected components of the nodes ids in g, each
// in ID order, the largest first (ties by first ID).
func components(ids []int, g *simple.UndirectedGraph) [][]int {
	seen := map[int]bool{}
	var out [][]int
	for _, start := range ids {
		if seen[start] {
			continue
		}
		seen[start] = true
		comp := []int{start}
		for q := 0; q < len(comp); q++ {
			to := g.From(int64(comp[q]))
			for to.Next() {
				j := int(to.Node().ID())
				if !seen[j] {
					seen[j] = true
					comp = append(comp, j)
				}
			}
		}
		sort.Ints(comp)
		out = append(out, comp)
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a]) > len(out[b]) })
	return out
}

// box is a component's rectangle in the packing, placed at x, y.
type box struct{ x, y, w, h float64 }

// pack places the boxes in rows, the tallest first (ties in the given
// order), each row no wider than the widest box or a width that gives the
// whole a shape of about 4:3, and returns the width and height used.
func pack(boxes []box) (w, h float64) {
	area, widest := 0.0, 0.0
	order := make([]int, len(boxes))
	for i, b := range boxes {
		area += b.w * b.h
		widest = math.Max(widest, b.w)
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return boxes[order[a]].h > boxes[order[b]].h })
	limit := math.Max(widest, 1.25*math.Sqrt(area*4/3))
	x, y, rowH := 0.0, 0.0, 0.0
	for _, i := range order {
		if x > 0 && x+boxes[i].w > limit {
			x, y, rowH = 0, y+rowH, 0
		}
		boxes[i].x, boxes[i].y = x, y
		x += boxes[i].w
		rowH = math.Max(rowH, boxes[i].h)
		w = math.Max(w, x)
	}
	return w, y + rowH
}

// layoutComponent places the nodes of one connected component in the unit
// square with the Eades layout (a pair side by side, a single node in the
// middle).
func layoutComponent(nodes []Node, comp []int, g *simple.UndirectedGraph, seed uint64) {
	switch len(comp) {
	case 1:
		nodes[comp[0]].X, nodes[comp[0]].Y = 0.5, 0.5
		return
	case 2:
		nodes[comp[0]].X, nodes[comp[0]].Y = 0.1, 0.5
		nodes[comp[1]].X, nodes[comp[1]].Y = 0.9, 0.5
		return
	}
	eades := layout.EadesR2{Repulsion: 1, Rate: 0.05, Updates: 100, Theta: 0.2, Src: rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)}
	sub := simple.NewUndirectedGraph()
	for _, i := range comp {
		sub.AddNode(simple.Node(int64(i)))
	}
	for _, i := range comp {
		to := g.From(int64(i))
		for to.Next() {
			j := to.Node().ID()
			if !sub.HasEdgeBetween(int64(i), j) {
				sub.SetEdge(sub.NewEdge(simple.Node(int64(i)), simple.Node(j)))
			}
		}
	}
	opt := layout.NewOptimizerR2(ordered{sub}, eades.Update)
	for opt.Update() {
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, i := range comp {
		p := opt.Coord2(int64(i))
		if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
			p.X, p.Y = 0, 0
		}
		nodes[i].X, nodes[i].Y = p.X, p.Y
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	// Keep the aspect ratio: scale both axes by the larger extent.
	ext := math.Max(maxX-minX, maxY-minY)
	if ext <= 0 || math.IsInf(ext, 0) {
		// Degenerate layout: fall back to a circle.
		for k, i := range comp {
			a := 2 * math.Pi * float64(k) / float64(len(comp))
			nodes[i].X, nodes[i].Y = 0.5+0.5*math.Cos(a), 0.5+0.5*math.Sin(a)
		}
		return
	}
	offX := (ext - (maxX - minX)) / 2
	offY := (ext - (maxY - minY)) / 2
	for _, i := range comp {
		nodes[i].X = (nodes[i].X - minX + offX) / ext
		nodes[i].Y = (nodes[i].Y - minY + offY) / ext
	}
}

// ordered is an undirected graph whose nodes and neighbours iterate in ID
// order: the layout's random start and its force sums then do not depend
// on map order, and the same seed gives the same picture.
type ordered struct {
	*simple.UndirectedGraph
}

// Nodes returns the nodes in ID order.
func (g ordered) Nodes() graph.Nodes { return sortedNodes(g.UndirectedGraph.Nodes()) }

// From returns the neighbours of id in ID order.
func (g ordered) From(id int64) graph.Nodes { return sortedNodes(g.UndirectedGraph.From(id)) }

func sortedNodes(it graph.Nodes) graph.Nodes {
	ns := graph.NodesOf(it)
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID() < ns[j].ID() })
	return iterator.NewOrderedNodes(ns)
}
