package server

import (
	"fmt"
	"math"

	"annals/internal/analyze"
)

// The charts are drawn on the server: Go computes the geometry, the
// templates write it out as SVG. Colours come from the stylesheet through
// classes (q1..q4 for the quad classes), so the page and the chart agree.

type svgRect struct {
	X, Y, W, H float64
	Class      string
	Href       string
	Title      string
}

type svgText struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle, end
	Class  string
}

type svgLine struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

// chart is a drawn chart: its size, an accessible label, and its shapes.
type chart struct {
	W, H  float64
	Label string
	Rects []svgRect
	Texts []svgText
	Lines []svgLine
}

// Chart margins in pixels.
const (
	marginLeft   = 48
	marginRight  = 12
	marginTop    = 16
	marginBottom = 36
)

// niceStep returns a round tick step (1, 2, 5 × 10^k) giving about n ticks
// up to max.
func niceStep(max float64, n int) float64 {
	if max <= 0 || n <= 0 {
		return 1
	}
	raw := max / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			s := m * p
			if s < 1 && max >= 1 {
				return 1
			}
			return s
		}
	}
	return 10 * p
}

func fmtTick(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// labelEvery returns k such that drawing every k-th of n labels leaves at
// least minGap pixels between labels on a plot width w.
func labelEvery(n int, w, minGap float64) int {
	if n <= 0 {
		return 1
	}
	k := int(math.Ceil(minGap * float64(n) / w))
	if k < 1 {
		k = 1
	}
	return k
}

// timelineChart draws a stacked bar per bin, one segment per quad class;
// href(bin, quad) is where a segment links (the events behind it).
func timelineChart(tl analyze.Timeline, w, h float64, href func(b analyze.Bin, q analyze.Quad) string) chart {
	c := chart{W: w, H: h, Label: fmt.Sprintf("Events by event date, per %s, stacked by quad class", tl.Unit)}
	pw, ph := w-marginLeft-marginRight, h-marginTop-marginBottom
	base := marginTop + ph
	max := float64(tl.Max())
	if max == 0 {
		max = 1
	}
	step := niceStep(max, 4)
	top := math.Ceil(max/step) * step
	yOf := func(v float64) float64 { return base - v/top*ph }
	for v := 0.0; v <= top+step/2; v += step {
		y := yOf(v)
		c.Lines = append(c.Lines, svgLine{marginLeft, y, marginLeft + pw, y, "grid"})
		c.Texts = append(c.Texts, svgText{marginLeft - 6, y + 4, fmtTick(v), "end", "tick"})
	}
	n := len(tl.Bins)
	if n == 0 {
		c.Texts = append(c.Texts, svgText{marginLeft + pw/2, marginTop + ph/2, "no dated events", "middle", "empty"})
		return c
	}
	bw := pw / float64(n)
	gap := math.Min(2, bw*0.15)
	every := labelEvery(n, pw, 56)
	for i, b := range tl.Bins {
		x := marginLeft + float64(i)*bw
		acc := 0.0
		for _, q := range analyze.Quads {
			v := float64(b.Counts[q-1])
			if v == 0 {
				continue
			}
			y0, y1 := yOf(acc), yOf(acc+v)
			c.Rects = append(c.Rects, svgRect{
				X: x + gap/2, Y: y1, W: bw - gap, H: y0 - y1,
				Class: fmt.Sprintf("q%d", q),
				Href:  href(b, q),
				Title: fmt.Sprintf("%s: %d %s", b.Label, b.Counts[q-1], plural(b.Counts[q-1], "event of "+q.String(), "events of "+q.String())),
			})
			acc += v
		}
		if b.Unknown > 0 {
			y0, y1 := yOf(acc), yOf(acc+float64(b.Unknown))
			c.Rects = append(c.Rects, svgRect{X: x + gap/2, Y: y1, W: bw - gap, H: y0 - y1, Class: "q0", Href: href(b, analyze.NoQuad),
				Title: fmt.Sprintf("%s: %d %s", b.Label, b.Unknown, plural(b.Unknown, "event of no quad class", "events of no quad class"))})
		}
		if i%every == 0 {
			c.Texts = append(c.Texts, svgText{x + bw/2, base + 16, b.Label, "middle", "tick"})
		}
	}
	c.Lines = append(c.Lines, svgLine{marginLeft, base, marginLeft + pw, base, "axis"})
	return c
}

// dyadChart draws the monthly counts of a dyad: events from A to B as
// stacked bars above the axis, from B to A below it.
func dyadChart(s analyze.Series, w, h float64, href func(m analyze.Month, d analyze.Direction, q analyze.Quad) string) chart {
	c := chart{W: w, H: h, Label: fmt.Sprintf("Events per month between %s and %s by quad class: %s to %s above the axis, %s to %s below", s.A, s.B, s.A, s.B, s.B, s.A)}
	// Room above and below for the direction labels.
	const top0, bottom0 = marginTop + 10, marginBottom + 16
	pw, ph := w-marginLeft-marginRight, h-top0-bottom0
	marginTop := float64(top0)
	mid := marginTop + ph/2
	max := float64(s.Max())
	if max == 0 {
		max = 1
	}
	step := niceStep(max, 3)
	top := math.Ceil(max/step) * step
	half := ph/2 - 4
	for v := 0.0; v <= top+step/2; v += step {
		dy := v / top * half
		c.Lines = append(c.Lines, svgLine{marginLeft, mid - dy, marginLeft + pw, mid - dy, "grid"}, svgLine{marginLeft, mid + dy, marginLeft + pw, mid + dy, "grid"})
		c.Texts = append(c.Texts, svgText{marginLeft - 6, mid - dy + 4, fmtTick(v), "end", "tick"})
		if v > 0 {
			c.Texts = append(c.Texts, svgText{marginLeft - 6, mid + dy + 4, fmtTick(v), "end", "tick"})
		}
	}
	c.Texts = append(c.Texts,
		svgText{marginLeft, marginTop - 6, "↑ " + s.A + " → " + s.B, "start", "dir"},
		svgText{marginLeft, h - 4, "↓ " + s.B + " → " + s.A, "start", "dir"})
	n := len(s.Months)
	if n == 0 {
		c.Texts = append(c.Texts, svgText{marginLeft + pw/2, mid - 8, "no dated events between these actors", "middle", "empty"})
		c.Lines = append(c.Lines, svgLine{marginLeft, mid, marginLeft + pw, mid, "axis"})
		return c
	}
	bw := pw / float64(n)
	gap := math.Min(2, bw*0.15)
	label := monthLabels(s.Months, pw)
	for i, m := range s.Months {
		x := marginLeft + float64(i)*bw
		for _, d := range [...]analyze.Direction{analyze.AToB, analyze.BToA} {
			sign := -1.0
			from, to := s.A, s.B
			if d == analyze.BToA {
				sign = 1
				from, to = s.B, s.A
			}
			acc := 0.0
			for _, q := range analyze.Quads {
				cell := s.Cells[i][d][q-1]
				if cell.Events == 0 {
					continue
				}
				v := float64(cell.Events)
				y0, y1 := mid+sign*acc/top*half, mid+sign*(acc+v)/top*half
				if y1 < y0 {
					y0, y1 = y1, y0
				}
				c.Rects = append(c.Rects, svgRect{
					X: x + gap/2, Y: y0, W: math.Max(bw-gap, 1.5), H: y1 - y0,
					Class: fmt.Sprintf("q%d", q),
					Href:  href(m, d, q),
					Title: fmt.Sprintf("%s, %s → %s: %d %s, Goldstein sum %.1f", m, from, to, cell.Events, plural(cell.Events, "event of "+q.String(), "events of "+q.String()), cell.Goldstein),
				})
				acc += v
			}
		}
		if t := label[i]; t != "" {
			c.Texts = append(c.Texts, svgText{x + bw/2, marginTop + ph + 16, t, "middle", "tick"})
		}
	}
	c.Lines = append(c.Lines, svgLine{marginLeft, mid, marginLeft + pw, mid, "axis"})
	return c
}

// monthLabels returns the label to draw under each month: every month
// when there is room, else the years at their Januaries (every k-th year).
func monthLabels(ms []analyze.Month, pw float64) []string {
	out := make([]string, len(ms))
	if len(ms) == 0 {
		return out
	}
	per := pw / float64(len(ms))
	if per >= 56 {
		for i, m := range ms {
			out[i] = m.String()
		}
		return out
	}
	if len(ms) <= 24 {
		k := labelEvery(len(ms), pw, 56)
		for i, m := range ms {
			if i%k == 0 {
				out[i] = m.String()
			}
		}
		return out
	}
	k := int(math.Ceil(40 / (per * 12)))
	if k < 1 {
		k = 1
	}
	for i, m := range ms {
		if m.Month == 1 && m.Year%k == 0 || i == 0 && m.Month <= 6 && m.Year%k == 0 {
			out[i] = fmt.Sprintf("%d", m.Year)
		}
	}
	return out
}

// goldsteinChart draws the summed Goldstein score per month for each
// direction, two thin bars a month, positive up.
func goldsteinChart(s analyze.Series, w, h float64) chart {
	c := chart{W: w, H: h, Label: fmt.Sprintf("Summed Goldstein score per month, %s to %s and %s to %s", s.A, s.B, s.B, s.A)}
	pw, ph := w-marginLeft-marginRight, h-marginTop-marginBottom
	mid := marginTop + ph/2
	max := 0.0
	sums := make([][2]float64, len(s.Months))
	for i := range s.Months {
		for d := 0; d < 2; d++ {
			for _, cell := range s.Cells[i][d] {
				sums[i][d] += cell.Goldstein
			}
			max = math.Max(max, math.Abs(sums[i][d]))
		}
	}
	if max == 0 {
		max = 1
	}
	step := niceStep(max, 2)
	top := math.Ceil(max/step) * step
	half := ph/2 - 4
	for v := 0.0; v <= top+step/2; v += step {
		dy := v / top * half
		c.Lines = append(c.Lines, svgLine{marginLeft, mid - dy, marginLeft + pw, mid - dy, "grid"}, svgLine{marginLeft, mid + dy, marginLeft + pw, mid + dy, "grid"})
		c.Texts = append(c.Texts, svgText{marginLeft - 6, mid - dy + 4, fmtTick(v), "end", "tick"})
		if v > 0 {
			c.Texts = append(c.Texts, svgText{marginLeft - 6, mid + dy + 4, "−" + fmtTick(v), "end", "tick"})
		}
	}
	n := len(s.Months)
	if n > 0 {
		bw := pw / float64(n)
		label := monthLabels(s.Months, pw)
		for i, m := range s.Months {
			x := marginLeft + float64(i)*bw
			for d := 0; d < 2; d++ {
				v := sums[i][d]
				if v == 0 {
					continue
				}
				dy := math.Abs(v) / top * half
				y := mid - dy
				if v < 0 {
					y = mid
				}
				from, to := s.A, s.B
				if d == 1 {
					from, to = s.B, s.A
				}
				c.Rects = append(c.Rects, svgRect{X: x + bw*(0.1+0.4*float64(d)), Y: y, W: math.Max(bw*0.4, 1.5), H: dy,
					Class: fmt.Sprintf("dir%d", d), Title: fmt.Sprintf("%s, %s → %s: Goldstein sum %.1f", m, from, to, v)})
			}
			if t := label[i]; t != "" {
				c.Texts = append(c.Texts, svgText{x + bw/2, marginTop + ph + 20, t, "middle", "tick"})
			}
		}
	}
	c.Lines = append(c.Lines, svgLine{marginLeft, mid, marginLeft + pw, mid, "axis"})
	return c
}

// netNode and netEdge are a drawn network's shapes.
type netNode struct {
	X, Y, R float64
	Code    string
	Events  int
	Href    string
	LabelX  float64
	LabelY  float64
	Anchor  string // text-anchor of the label
}

type netEdge struct {
	Path  string // SVG path data: a slight curve, so A→B and B→A do not overlap
	Width float64
	Class string // gpos, gneg, gzero by mean Goldstein
	Href  string
	Title string
}

type netChart struct {
	W, H  float64
	Label string
	Nodes []netNode
	Edges []netEdge
}

// The network's drawing: label size (12px bold capitals, with the white
// halo drawn around them; the browser test measures the real boxes) and
// the spacing it keeps.
const (
	netLabelChar = 9.0  // width of one character of a label, generous
	netLabelH    = 16.0 // height of a label
	netLabelGap  = 3.0  // between a circle and its label
	netPad       = 3.0  // between the boxes of two nodes
	netMargin    = 24.0 // around the drawing
	// netMinFrac is the least distance between two nodes' centres, as a
	// share of the drawing's diagonal; kept a little above the 4% the
	// browser test asks for.
	netMinFrac = 0.045
)

// netItem is a node being placed: its centre, radius, label width and the
// side its label is on.
type netItem struct {
	x, y, r, lw float64
	left        bool
}

// box is the rectangle the node's circle and label cover.
func (it netItem) box() (x1, y1, x2, y2 float64) {
	hh := math.Max(it.r, netLabelH/2)
	if it.left {
		return it.x - it.r - netLabelGap - it.lw, it.y - hh, it.x + it.r, it.y + hh
	}
	return it.x - it.r, it.y - hh, it.x + it.r + netLabelGap + it.lw, it.y + hh
}

// spreadNodes moves the nodes apart until no two boxes (circle and
// label) overlap and no two centres are closer than netMinFrac of the
// drawing's diagonal, then moves the drawing to the origin and returns its
// size. Each round pushes every overlapping pair apart along the axis of
// least overlap (centres too close along the line between them), half
// each, as often as needed; a round that grows the drawing is followed by
// one with the larger diagonal. Pairs are taken in a fixed order, so the
// same network gives the same picture.
func spreadNodes(items []netItem, w, h float64) (float64, float64) {
	if len(items) == 0 {
		return w, h
	}
	for round := 0; round < 8; round++ {
		d := netMinFrac * math.Hypot(w, h)
		for iter := 0; iter < 500; iter++ {
			moved := false
			for i := range items {
				for j := i + 1; j < len(items); j++ {
					a, b := &items[i], &items[j]
					dx, dy := b.x-a.x, b.y-a.y
					dist := math.Hypot(dx, dy)
					if dist < d {
						if dist < 1e-9 {
							t := 2.399963 * float64(i+j) // the golden angle: distinct directions
							dx, dy, dist = math.Cos(t), math.Sin(t), 1
						}
						push := (d-dist)/2 + 0.5
						a.x, a.y = a.x-push*dx/dist, a.y-push*dy/dist
						b.x, b.y = b.x+push*dx/dist, b.y+push*dy/dist
						moved = true
					}
					ax1, ay1, ax2, ay2 := a.box()
					bx1, by1, bx2, by2 := b.box()
					ox := math.Min(ax2, bx2) - math.Max(ax1, bx1) + netPad
					oy := math.Min(ay2, by2) - math.Max(ay1, by1) + netPad
					if ox <= 0 || oy <= 0 {
						continue
					}
					moved = true
					if ox < oy {
						s := 1.0
						if (bx1+bx2)/2 < (ax1+ax2)/2 {
							s = -1
						}
						a.x -= s * (ox/2 + 0.25)
						b.x += s * (ox/2 + 0.25)
					} else {
						s := 1.0
						if b.y < a.y {
							s = -1
						}
						a.y -= s * (oy/2 + 0.25)
						b.y += s * (oy/2 + 0.25)
					}
				}
			}
			if !moved {
				break
			}
		}
		// The drawing is the boxes' extent and a margin.
		minX, minY := math.Inf(1), math.Inf(1)
		maxX, maxY := math.Inf(-1), math.Inf(-1)
		for _, it := range items {
			x1, y1, x2, y2 := it.box()
			minX, minY = math.Min(minX, x1), math.Min(minY, y1)
			maxX, maxY = math.Max(maxX, x2), math.Max(maxY, y2)
		}
		for i := range items {
			items[i].x += netMargin - minX
			items[i].y += netMargin - minY
		}
		nw, nh := maxX-minX+2*netMargin, maxY-minY+2*netMargin
		grew := math.Hypot(nw, nh) > math.Hypot(w, h)
		w, h = nw, nh
		if !grew {
			break
		}
	}
	return w, h
}

// networkChart draws a laid-out network: nodes sized by events, edges as
// arrows whose width is the number of events and whose colour is the sign
// of the mean Goldstein score. The layout's positions are scaled to w by
// h and then spread so that labels do not overlap and nodes keep apart
// (spreadNodes); the drawing takes the size that needs.
func networkChart(net analyze.Network, w, h float64, nodeHref func(code string) string, edgeHref func(l analyze.Link) string) netChart {
	c := netChart{W: w, H: h, Label: fmt.Sprintf("Actor network: %d actors, %d directed links; arrows go from source to target", len(net.Nodes), len(net.Links))}
	const margin = 56
	maxEv, maxLink := 1, 1
	for _, n := range net.Nodes {
		if n.Events > maxEv {
			maxEv = n.Events
		}
	}
	for _, l := range net.Links {
		if l.Events > maxLink {
			maxLink = l.Events
		}
	}
	items := make([]netItem, len(net.Nodes))
	for i, n := range net.Nodes {
		// Labels go on the outer side, away from the middle where the
		// edges run.
		items[i] = netItem{
			x: margin + n.X*(w-2*margin), y: margin + n.Y*(h-2*margin),
			r:    6 + 14*math.Sqrt(float64(n.Events)/float64(maxEv)),
			lw:   netLabelChar*float64(len(n.Code)) + 4,
			left: n.X < 0.5,
		}
	}
	c.W, c.H = spreadNodes(items, w, h)
	index := map[string]int{}
	for i, n := range net.Nodes {
		index[n.Code] = i
		it := items[i]
		lx, anchor := it.x+it.r+netLabelGap, "start"
		if it.left {
			lx, anchor = it.x-it.r-netLabelGap, "end"
		}
		c.Nodes = append(c.Nodes, netNode{X: it.x, Y: it.y, R: it.r, Code: n.Code, Events: n.Events, Href: nodeHref(n.Code), LabelX: lx, LabelY: it.y + 4, Anchor: anchor})
	}
	for _, l := range net.Links {
		a, b := c.Nodes[index[l.Source]], c.Nodes[index[l.Target]]
		dx, dy := b.X-a.X, b.Y-a.Y
		d := math.Hypot(dx, dy)
		if d < 1e-6 {
			continue
		}
		ux, uy := dx/d, dy/d
		// Start and end on the circles' rims, leaving room for the arrow head.
		x1, y1 := a.X+ux*a.R, a.Y+uy*a.R
		x2, y2 := b.X-ux*(b.R+2), b.Y-uy*(b.R+2)
		// Control point to the right of the direction of travel.
		bend := math.Min(0.12*d, 40)
		cx, cy := (x1+x2)/2-uy*bend, (y1+y2)/2+ux*bend
		mean := l.Goldstein / float64(l.Events)
		class := "gzero"
		switch {
		case mean > 0.5:
			class = "gpos"
		case mean < -0.5:
			class = "gneg"
		}
		c.Edges = append(c.Edges, netEdge{
			Path:  fmt.Sprintf("M%.1f %.1f Q%.1f %.1f %.1f %.1f", x1, y1, cx, cy, x2, y2),
			Width: 1 + 5*float64(l.Events)/float64(maxLink),
			Class: class,
			Href:  edgeHref(l),
			Title: fmt.Sprintf("%s → %s: %d %s, mean Goldstein %.1f", l.Source, l.Target, l.Events, plural(l.Events, "event", "events"), mean),
		})
	}
	return c
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
