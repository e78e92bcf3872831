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
// sentence, by the enhanced graph when there is one, else the tree.
type rankGraph struct {
	path []string // by token relative to first; "" unreached
	hops []int8
}

// rankGraph walks the graph from t, both ways along each arc: "<nsubj"
// goes from a head down to its subject, ">xcomp" from a dependent up to
// its head.
func (s *sentenceView) rankGraph(t text.TokenID) rankGraph {
	n := int(s.end - s.first)
	g := rankGraph{path: make([]string, n), hops: make([]int8, n)}
	if !s.tree || t < s.first || t >= s.end {
		return g
	}
	type edge struct {
		to    text.TokenID
		label string
	}
	adj := make([][]edge, n)
	add := func(h, d text.TokenID, label string) {
		if h < s.first || h >= s.end || d < s.first || d >= s.end || h == d {
			return
		}
		adj[h-s.first] = append(adj[h-s.first], edge{d, "<" + label})
		adj[d-s.first] = append(adj[d-s.first], edge{h, ">" + label})
	}
	if s.doc.Has(text.LayerGraph) {
		for _, a := range s.doc.GraphArcs(s.id) {
			if a.Head.Valid() && a.Dep.Valid() {
				add(a.Head, a.Dep, strings.ToLower(s.doc.ArcLabel(a)))
			}
		}
	} else {
		for k := s.first; k < s.end; k++ {
			add(s.head(k), k, s.dep(k).String())
		}
	}
	seen := make([]bool, n)
	seen[t-s.first] = true
	frontier := []text.TokenID{t}
	for depth := 1; depth <= maxRankPath && len(frontier) > 0; depth++ {
		var next []text.TokenID
		for _, x := range frontier {
			for _, e := range adj[x-s.first] {
				i := e.to - s.first
				if seen[i] {
					continue
				}
				seen[i] = true
				if p := g.path[x-s.first]; p != "" {
					g.path[i] = p + " " + e.label
				} else {
					g.path[i] = e.label
				}
				g.hops[i] = int8(depth)
				next = append(next, e.to)
			}
		}
		frontier = next
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

// roleFeatures appends the features of candidate k for slot sl of the
// event triggered at t, the i-th of n candidates from the left; src and tgt are the rules'
// choice.
func (s *sentenceView) roleFeatures(dst []uint64, g rankGraph, t text.TokenID, noun bool, k *RoleCand, sl Slot, i, n int, src, tgt []text.Argument) []uint64 {
	slot := uint64(sl)
	f1 := func(tm, a uint64) { dst = append(dst, perceptron.F2(tm, slot, a)) }
	f2 := func(tm, a, b uint64) { dst = append(dst, perceptron.F3(tm, slot, a, b)) }
	str := perceptron.String
	typ := str(s.evType)
	lemma := str(s.lemma(t))
	h := k.Head

	f1(rBias, 0)
	path, hops := "far", 0
	if i := h - s.first; h >= s.first && h < s.end && g.path[i] != "" {
		path, hops = g.path[i], int(g.hops[i])
	}
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

	me, other := k.RuleSrc, k.RuleTgt
	otherArgs := tgt
	if sl == SlotTarget {
		me, other, otherArgs = k.RuleTgt, k.RuleSrc, src
	}
	f1(rRule, b2u(me))
	f2(rRuleType, b2u(me), typ)
	f1(rRuleOther, b2u(other))
	same := false
	for _, a := range otherArgs {
		if a.Actor.Country != "" && a.Actor.Country == k.Arg.Actor.Country {
			same = true
		}
	}
	f1(rSameCountry, b2u(same))

	act := k.Arg.Actor
	kind := str(act.Kind)
	f1(rKind, kind)
	f2(rKindType, kind, typ)
	sec := str(strings.Join(act.Sector, "+"))
	f1(rSector, sec)
	f2(rSectorLemma, sec, lemma)
	f2(rSectorType, sec, typ)
	if k.Arg.Mention.Valid() {
		f1(rLabel, str(s.doc.Mentions[k.Arg.Mention].Label))
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
	return dst
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
