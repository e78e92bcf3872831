package server

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"annals/internal/analyze"
	"annals/internal/record"
)

// Memory is a Reader over documents held in memory. It defines the meaning
// of every filter in plain Go, and the store's SQL reader is tested against
// it; it also serves a handful of coded documents without a database.
type Memory struct {
	docs []DocDetail
	byID map[string]int
	// events are all events, in Reader order: pointers into the
	// documents' own lists, so that each event is held once.
	events []*record.Event
	// eventByID indexes events by id (the first of an id).
	eventByID map[string]int
	newest    []DocSummary // every document, newest first
	ix        memIndex
	// The aggregates, computed once when the Memory is made: every dyad
	// and every actor in list order, and the links at both levels.
	dyads  []DyadOut
	actors []ActorOut
	links  map[string][]analyze.Link
}

// NewMemory returns a Reader over docs.
func NewMemory(docs []DocDetail) *Memory {
	m := &Memory{byID: map[string]int{}}
	for _, d := range docs {
		if d.Events == nil {
			d.Events = []record.Event{}
		}
		if d.Mentions == nil {
			d.Mentions = []MentionOut{}
		}
		d.DocSummary.Events = len(d.Events)
		d.Bytes = len(d.Text)
		m.byID[d.ID] = len(m.docs)
		m.docs = append(m.docs, d)
	}
	for i := range m.docs {
		for j := range m.docs[i].Events {
			m.events = append(m.events, &m.docs[i].Events[j])
		}
	}
	sort.SliceStable(m.events, func(i, j int) bool { return eventLess(*m.events[i], *m.events[j]) })
	for _, d := range m.docs {
		m.newest = append(m.newest, d.DocSummary)
	}
	sortNewest(m.newest)
	m.eventByID = make(map[string]int, len(m.events))
	for i, e := range m.events {
		if _, ok := m.eventByID[e.ID]; !ok {
			m.eventByID[e.ID] = i
		}
	}
	m.ix = newMemIndex(m.events)
	m.dyads = m.allDyads()
	m.actors = m.allActors()
	m.links = map[string][]analyze.Link{"code": m.allLinks(codeKey), "country": m.allLinks(countryKey)}
	return m
}

// eventLess is the order of event lists: by event date (undated last), then
// document, sentence and id.
func eventLess(a, b record.Event) bool { return KeyOf(a).Less(KeyOf(b)) }

// argMatches reports whether an argument is actor x: by full code or by
// country.
func argMatches(a record.Argument, x string) bool {
	return a.Actor.Code != "" && a.Actor.Code == x || a.Actor.Country != "" && a.Actor.Country == x
}

func anyMatches(args []record.Argument, x string) bool {
	for _, a := range args {
		if argMatches(a, x) {
			return true
		}
	}
	return false
}

// Matches reports whether e passes f (paging aside).
func (f EventFilter) Matches(e record.Event) bool {
	if f.Actor != "" && !anyMatches(e.Source, f.Actor) && !anyMatches(e.Target, f.Actor) {
		return false
	}
	if f.DyadA != "" && !(anyMatches(e.Source, f.DyadA) && anyMatches(e.Target, f.DyadB) || anyMatches(e.Source, f.DyadB) && anyMatches(e.Target, f.DyadA)) {
		return false
	}
	if f.Source != "" && !anyMatches(e.Source, f.Source) {
		return false
	}
	if f.Target != "" && !anyMatches(e.Target, f.Target) {
		return false
	}
	if f.Type != "" && e.EventType != f.Type {
		return false
	}
	if f.Quad.Valid() && e.QuadClass != int(f.Quad) {
		return false
	}
	if f.From != "" || f.To != "" {
		d := analyze.DateStart(e.Date.Value)
		if d == "" || f.From != "" && d < f.From || f.To != "" && d > f.To {
			return false
		}
	}
	if f.Doc != "" && e.DocID != f.Doc {
		return false
	}
	switch f.Basis {
	case "":
	case "text":
		if e.Date.Basis != "explicit" && e.Date.Basis != "relative" {
			return false
		}
	default:
		if e.Date.Basis != f.Basis {
			return false
		}
	}
	return true
}

func window[T any](xs []T, pg Page) []T {
	if pg.Offset >= len(xs) {
		return []T{}
	}
	end := pg.Offset + pg.Limit
	if end > len(xs) {
		end = len(xs)
	}
	return xs[pg.Offset:end]
}

// Events implements Reader. The index gives the candidates (the events of
// the most selective actor, dyad or document condition, within the date
// range and after the cursor); the filter decides the rest. Only the page
// is copied.
func (m *Memory) Events(ctx context.Context, f EventFilter) ([]record.Event, int, error) {
	lo, hi := m.ix.dateRange(f)
	start := lo // the first position a page may take
	if f.After != nil {
		start = max(lo, m.ix.after(*f.After))
	}
	pos, all := m.ix.candidates(f, lo, hi)
	out := []record.Event{}
	if all && !residual(f) {
		// Every position in [lo, hi) matches: the page is a slice.
		from := min(hi, start+f.Offset)
		for _, e := range m.events[from:min(hi, max(from, from+f.Limit))] {
			out = append(out, *e)
		}
		return out, hi - lo, nil
	}
	if !all && !residual(f) {
		from := sort.Search(len(pos), func(i int) bool { return int(pos[i]) >= start })
		from = min(len(pos), from+f.Offset)
		for _, p := range pos[from:min(len(pos), from+f.Limit)] {
			out = append(out, *m.events[p])
		}
		return out, len(pos), nil
	}
	total, skip := 0, f.Offset
	visit := func(p int) {
		if !f.Matches(*m.events[p]) {
			return
		}
		total++
		if p < start || len(out) >= f.Limit {
			return
		}
		if skip > 0 {
			skip--
			return
		}
		out = append(out, *m.events[p])
	}
	if all {
		for p := lo; p < hi; p++ {
			visit(p)
		}
	} else {
		for _, p := range pos {
			visit(int(p))
		}
	}
	return out, total, nil
}

// Event implements Reader.
func (m *Memory) Event(ctx context.Context, id string) (record.Event, error) {
	if i, ok := m.eventByID[id]; ok {
		return *m.events[i], nil
	}
	return record.Event{}, fmt.Errorf("event %q: %w", id, ErrNotFound)
}

// Documents implements Reader.
func (m *Memory) Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	if q == "" {
		return window(m.newest, pg), len(m.newest), nil
	}
	var out []DocSummary
	lq := strings.ToLower(q)
	for _, d := range m.docs {
		if strings.Contains(strings.ToLower(d.Title), lq) || strings.Contains(strings.ToLower(d.Text), lq) {
			out = append(out, d.DocSummary)
		}
	}
	sortNewest(out)
	return window(out, pg), len(out), nil
}

// sortNewest orders documents newest first, then by id.
func sortNewest(ds []DocSummary) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Published != ds[j].Published {
			return ds[i].Published > ds[j].Published
		}
		return ds[i].ID < ds[j].ID
	})
}

// Document implements Reader.
func (m *Memory) Document(ctx context.Context, id string) (DocDetail, error) {
	i, ok := m.byID[id]
	if !ok {
		return DocDetail{}, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	return m.docs[i], nil
}

// countryKey is an argument's actor at country level: its country, else
// its code (international organizations have no country).
func countryKey(a record.Argument) string {
	if a.Actor.Country != "" {
		return a.Actor.Country
	}
	return a.Actor.Code
}

func codeKey(a record.Argument) string { return a.Actor.Code }

// pairs calls fn once for every distinct (source, target) key pair of e.
func pairs(e *record.Event, key func(record.Argument) string, fn func(s, t string)) {
	seen := map[[2]string]bool{}
	for _, s := range e.Source {
		for _, t := range e.Target {
			k := [2]string{key(s), key(t)}
			if k[0] == "" || k[1] == "" || seen[k] {
				continue
			}
			seen[k] = true
			fn(k[0], k[1])
		}
	}
}

// Dyads implements Reader: pairs at country level, self-pairs left out.
func (m *Memory) Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	out := m.dyads
	if actor != "" {
		out = nil
		for _, d := range m.dyads {
			if d.A == actor || d.B == actor {
				out = append(out, d)
			}
		}
	}
	return slices.Clone(window(out, pg)), len(out), nil
}

// allDyads counts the events of every pair, in list order.
func (m *Memory) allDyads() []DyadOut {
	type acc struct {
		DyadOut
		seen map[string]bool
	}
	by := map[[2]string]*acc{}
	for _, e := range m.events {
		pairs(e, countryKey, func(s, t string) {
			if s == t {
				return
			}
			a, b := s, t
			if b < a {
				a, b = b, a
			}
			k := [2]string{a, b}
			d := by[k]
			if d == nil {
				d = &acc{DyadOut: DyadOut{A: a, B: b}, seen: map[string]bool{}}
				by[k] = d
			}
			if s == a {
				d.AToB++
			} else {
				d.BToA++
			}
			if !d.seen[e.ID] {
				d.seen[e.ID] = true
				d.Events++
				d.Goldstein += e.Goldstein
				if ds := analyze.DateStart(e.Date.Value); ds != "" {
					if d.First == "" || ds < d.First {
						d.First = ds
					}
					if ds > d.Last {
						d.Last = ds
					}
				}
			}
		})
	}
	out := []DyadOut{}
	for _, d := range by {
		out = append(out, d.DyadOut)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// DyadSeries implements Reader. An event from a to b and from b to a (a
// pair of reciprocal arguments) counts in both directions.
func (m *Memory) DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	type key struct {
		month string
		dir   analyze.Direction
		quad  int
	}
	by := map[key]*analyze.MonthCount{}
	undated := 0
	for _, p := range m.ix.dyad(a, b) {
		e := m.events[p]
		ab := anyMatches(e.Source, a) && anyMatches(e.Target, b)
		ba := anyMatches(e.Source, b) && anyMatches(e.Target, a)
		if !ab && !ba {
			continue
		}
		ds := analyze.DateStart(e.Date.Value)
		if ds == "" {
			undated++
			continue
		}
		mo, _ := analyze.ParseMonth(ds)
		for _, d := range []analyze.Direction{analyze.AToB, analyze.BToA} {
			if d == analyze.AToB && !ab || d == analyze.BToA && (!ba || a == b) {
				continue
			}
			k := key{ds[:7], d, e.QuadClass}
			c := by[k]
			if c == nil {
				c = &analyze.MonthCount{Month: mo, Dir: d, Quad: analyze.Quad(e.QuadClass)}
				by[k] = c
			}
			c.Events++
			c.Goldstein += e.Goldstein
		}
	}
	out := make([]analyze.MonthCount, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return monthCountLess(out[i], out[j]) })
	return out, undated, nil
}

func monthCountLess(a, b analyze.MonthCount) bool {
	if a.Month != b.Month {
		return a.Month.Before(b.Month)
	}
	if a.Dir != b.Dir {
		return a.Dir < b.Dir
	}
	return a.Quad < b.Quad
}

// Actors implements Reader: actors by full code.
func (m *Memory) Actors(ctx context.Context, pg Page) ([]ActorOut, int, error) {
	return slices.Clone(window(m.actors, pg)), len(m.actors), nil
}

// allActors counts the events of every actor, in list order.
func (m *Memory) allActors() []ActorOut {
	by := map[string]*ActorOut{}
	names := map[string]map[string]int{}
	count := func(args []record.Argument, id string, seen map[[2]string]bool, role string) {
		for _, a := range args {
			c := a.Actor.Code
			if c == "" || seen[[2]string{c, role}] {
				continue
			}
			seen[[2]string{c, role}] = true
			o := by[c]
			if o == nil {
				o = &ActorOut{Code: c, Country: a.Actor.Country}
				by[c] = o
				names[c] = map[string]int{}
			}
			if role == "s" {
				o.AsSource++
			} else {
				o.AsTarget++
			}
			if a.Actor.Name != "" {
				names[c][a.Actor.Name]++
			}
		}
	}
	for _, e := range m.events {
		seen := map[[2]string]bool{}
		count(e.Source, e.ID, seen, "s")
		count(e.Target, e.ID, seen, "t")
		in := map[string]bool{}
		for k := range seen {
			in[k[0]] = true
		}
		for c := range in {
			by[c].Events++
		}
	}
	out := []ActorOut{}
	for c, o := range by {
		o.Name = mostCommon(names[c])
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// mostCommon returns the most frequent key, the smallest on a tie.
func mostCommon(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// Clusters implements Reader. Memory groups nothing: it has no clusters.
func (m *Memory) Clusters(ctx context.Context, disputed bool, pg Page) ([]ClusterOut, int, error) {
	return []ClusterOut{}, 0, nil
}

// Timeline implements Reader.
func (m *Memory) Timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error) {
	type key struct {
		month string
		quad  int
	}
	by := map[key]*analyze.TimeCount{}
	undated := 0
	lo, hi := m.ix.dateRange(f)
	pos, all := m.ix.candidates(f, lo, hi)
	check := residual(f)
	n := len(pos)
	if all {
		n = hi - lo
	}
	for i := range n {
		p := lo + i
		if !all {
			p = int(pos[i])
		}
		e := m.events[p]
		if check && !f.Matches(*e) {
			continue
		}
		ds := m.ix.starts[p]
		if ds == "" {
			undated++
			continue
		}
		mo, _ := analyze.ParseMonth(ds)
		k := key{ds[:7], e.QuadClass}
		if by[k] == nil {
			by[k] = &analyze.TimeCount{Month: mo, Quad: analyze.Quad(e.QuadClass)}
		}
		by[k].Events++
	}
	out := make([]analyze.TimeCount, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month.Before(out[j].Month)
		}
		return out[i].Quad < out[j].Quad
	})
	return out, undated, nil
}

// Links implements Reader.
func (m *Memory) Links(ctx context.Context, level string) ([]analyze.Link, error) {
	if level != "country" {
		level = "code"
	}
	return slices.Clone(m.links[level]), nil
}

// allLinks counts the events between every source and target, actors
// taken by key.
func (m *Memory) allLinks(key func(record.Argument) string) []analyze.Link {
	by := map[[2]string]*analyze.Link{}
	for _, e := range m.events {
		pairs(e, key, func(s, t string) {
			k := [2]string{s, t}
			if by[k] == nil {
				by[k] = &analyze.Link{Source: s, Target: t}
			}
			by[k].Events++
			by[k].Goldstein += e.Goldstein
		})
	}
	out := make([]analyze.Link, 0, len(by))
	for _, l := range by {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out
}
