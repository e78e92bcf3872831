package event

import (
	"strings"

	"annals/internal/perceptron"
	"annals/internal/text"
)

// Feature templates of the role ranker. Each is hashed with the slot and
// its parts; the numbers are part of the model's format (changing one
// means retraining and a new RankerVersion).
const (
	rBias         uint64 = iota + 101
	rPath                // the graph path from the trigger to the candidate
	rPathType            // path and the event's type
	rPathLemma           // path and the trigger's lemma
	rStep                // the path's first step
	rStepType            // first step and type
	rLast                // the path's last step (how the candidate hangs)
	rLastType            // last step and type
	rLen                 // path length (0: not reached within the limit)
	rSide                // before or after the trigger, and the distance
	rSideType            // side and type
	rSidePass            // side and passive voice
	rPathPass            // path and passive voice
	rNearest             // the nearest candidate on its side
	rRule                // the rules put it in this slot
	rRuleType            // that and the type
	rRuleOther           // the rules put it in the other slot
	rKind                // the actor's kind
	rKindType            // kind and type
	rSector              // the actor's sectors
	rSectorType          // sectors and type
	rLabel               // the mention's entity label
	rCase                // the candidate's case marker
	rCaseType            // case marker and type
	rCaseLemma           // case marker and trigger lemma
	rDep                 // the candidate's relation in the tree
	rDepType             // relation and type
	rNoun                // nominal trigger, with the first step
	rCount               // number of candidates
	rSameCountry         // the candidate shares its country with the rules' other side
	rOrder               // the candidate's order among the candidates, from the left, and whether it is the last
	rOrderType           // order and type
	rSectorLemma         // the actor's sectors and the trigger's lemma
	rPathHead            // the path's first two steps
	rPathHeadType        // those and type
)

// maxRankPath is the longest graph path followed from the trigger.
const maxRankPath = 4

// rankGraph is the shortest path from the trigger to each token of the
// sentence, by the enhanced graph when there is one, else the tree: each
// reached token's previous token and the label of the step to it.
type rankGraph struct {
	prev  []text.TokenID // by token relative to first
	arc   []text.Arc     // the arc of the step into the token
	up    []bool         // that step goes from a dependent to its head
	hops  []int8         // 0: unreached
	first text.TokenID
	doc   *text.Document
}

// pathTo returns the path to token h ("far" when it was not reached) and
// its length.
func (g *rankGraph) pathTo(h text.TokenID) (string, int) {
	i := int(h - g.first)
	if i < 0 || i >= len(g.prev) || g.hops[i] == 0 {
		return "far", 0
	}
	n := int(g.hops[i])
	steps := make([]string, n)
	for x := h; n > 0; n-- {
		j := x - g.first
		// "<nsubj" goes down from a head to its subject, ">xcomp" up
		// from a dependent to its head.
		dir := "<"
		if g.up[j] {
			dir = ">"
		}
		steps[n-1] = dir + strings.ToLower(g.doc.ArcLabel(g.arc[j]))
		x = g.prev[j]
	}
	return strings.Join(steps, " "), int(g.hops[i])
}

// rankGraph walks the graph from t, both ways along each arc.
func (s *sentenceView) rankGraph(t text.TokenID) rankGraph {
	n := int(s.end - s.first)
	g := rankGraph{prev: make([]text.TokenID, n), arc: make([]text.Arc, n), up: make([]bool, n), hops: make([]int8, n), first: s.first, doc: s.doc}
	if !s.tree || t < s.first || t >= s.end {
		return g
	}
	var edges []text.Arc
	if s.doc.Has(text.LayerGraph) {
		edges = s.doc.GraphArcs(s.id)
	} else {
		edges = make([]text.Arc, 0, n)
		for k := s.first; k < s.end; k++ {
			edges = append(edges, text.Arc{Head: s.head(k), Dep: k, Rel: s.dep(k), Marker: text.NoToken})
		}
	}
	seen := make([]bool, n)
	seen[t-s.first] = true
	frontier := []text.TokenID{t}
	var next []text.TokenID
	for depth := 1; depth <= maxRankPath && len(frontier) > 0; depth++ {
		next = next[:0]
		for _, x := range frontier {
			for _, e := range edges {
				if !e.Head.Valid() || !e.Dep.Valid() || e.Head == e.Dep {
					continue
				}
				var to text.TokenID
				up := false
				switch x {
				case e.Head:
					to = e.Dep
				case e.Dep:
					to, up = e.Head, true
				default:
					continue
				}
				i := to - s.first
				if to < s.first || to >= s.end || seen[i] {
					continue
				}
				seen[i] = true
				g.prev[i], g.arc[i], g.up[i], g.hops[i] = x, e, up, int8(depth)
				next = append(next, to)
			}
		}
		frontier, next = next, frontier
	}
	return g
}

// distBucket groups a distance in tokens.
func distBucket(d int) uint64 {
	switch {
	case d <= 3:
		return uint64(d)
	case d <= 5:
		return 4
	case d <= 9:
		return 5
	}
	return 6
}

// roleFeatures sets the features of candidate k for the source and the
// target slot of the event triggered at t, k being the i-th of n
// candidates from the left; src and tgt are the rules' choice. Each
// feature is hashed once and then with each slot.
func (s *sentenceView) roleFeatures(k *RoleCand, g *rankGraph, t text.TokenID, noun bool, i, n int, src, tgt []text.Argument) {
	k.Source, k.Target = make([]uint64, 0, 48), make([]uint64, 0, 48)
	both := func(f uint64) {
		k.Source = append(k.Source, perceptron.F1(f, uint64(SlotSource)))
		k.Target = append(k.Target, perceptron.F1(f, uint64(SlotTarget)))
	}
	f1 := func(tm, a uint64) { both(perceptron.F1(tm, a)) }
	f2 := func(tm, a, b uint64) { both(perceptron.F2(tm, a, b)) }
	str := perceptron.String
	typ := str(s.evType)
	lemma := str(s.lemma(t))
	h := k.Head

	f1(rBias, 0)
	path, hops := g.pathTo(h)
	ph := str(path)
	f1(rPath, ph)
	f2(rPathType, ph, typ)
	f2(rPathLemma, ph, lemma)
	first, last := path, path
	if i := strings.IndexByte(path, ' '); i >= 0 {
		first = path[:i]
		last = path[strings.LastIndexByte(path, ' ')+1:]
	}
	f1(rStep, str(first))
	two := path
	if i := strings.IndexByte(path, ' '); i >= 0 {
		if j := strings.IndexByte(path[i+1:], ' '); j >= 0 {
			two = path[:i+1+j]
		}
	}
	f1(rPathHead, str(two))
	f2(rPathHeadType, str(two), typ)
	f2(rStepType, str(first), typ)
	f1(rLast, str(last))
	f2(rLastType, str(last), typ)
	f1(rLen, uint64(hops))

	side, dist := uint64(1), int(h-t) // 1: after
	if h < t {
		side, dist = 0, int(t-h)
	}
	f2(rSide, side, distBucket(dist))
	f2(rSideType, side, typ)
	pass := b2u(!noun && s.tree && s.passive(t))
	f2(rSidePass, side, pass)
	f2(rPathPass, ph, pass)
	f1(rNearest, b2u(s.nearestCand(k, t)))

	// What the rules chose, for each slot.
	for _, sl := range []Slot{SlotSource, SlotTarget} {
		me, other, otherArgs, dst := k.RuleSrc, k.RuleTgt, tgt, &k.Source
		if sl == SlotTarget {
			me, other, otherArgs, dst = k.RuleTgt, k.RuleSrc, src, &k.Target
		}
		same := false
		for _, a := range otherArgs {
			if a.Actor.Country != "" && a.Actor.Country == k.Arg.Actor.Country {
				same = true
			}
		}
		*dst = append(*dst,
			perceptron.F2(rRule, uint64(sl), b2u(me)),
			perceptron.F3(rRuleType, uint64(sl), b2u(me), typ),
			perceptron.F2(rRuleOther, uint64(sl), b2u(other)),
			perceptron.F2(rSameCountry, uint64(sl), b2u(same)))
	}

	act := k.Arg.Actor
	kind := str(string(act.Kind))
	f1(rKind, kind)
	f2(rKindType, kind, typ)
	sec := str(strings.Join(act.Sector, "+"))
	f1(rSector, sec)
	f2(rSectorLemma, sec, lemma)
	f2(rSectorType, sec, typ)
	if k.Arg.Mention.Valid() {
		f1(rLabel, str(string(s.doc.Mentions[k.Arg.Mention].Label)))
	}
	cs := ""
	if s.tree {
		for _, c := range s.kids(h) {
			if s.dep(c) == text.DepCase {
				cs = s.lemma(c)
				break
			}
		}
		dep := str(s.dep(h).String())
		f1(rDep, dep)
		f2(rDepType, dep, typ)
	}
	f1(rCase, str(cs))
	f2(rCaseType, str(cs), typ)
	f2(rCaseLemma, str(cs), lemma)
	f2(rNoun, b2u(noun), str(first))
	f1(rCount, distBucket(n))
	f2(rOrder, uint64(min(i, 3)), b2u(i == n-1))
	f2(rOrderType, uint64(min(i, 3)), typ)
}

// nearestCand reports whether no other coded mention lies between the
// candidate and the trigger.
func (s *sentenceView) nearestCand(k *RoleCand, t text.TokenID) bool {
	lo, hi := k.Head+1, t
	if k.Head > t {
		lo, hi = t+1, k.Head
	}
	for x := lo; x < hi; x++ {
		if x < s.first || x >= s.end {
			continue
		}
		if m := s.mentionOf[x-s.first]; m.Valid() && m != k.Arg.Mention && s.doc.Mentions[m].Actor.Coded() {
			return false
		}
	}
	return true
}
