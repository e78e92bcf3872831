package server

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"annals/internal/analyze"
	"annals/internal/record"
)

// EventKey is an event's place in the order of event lists: event date
// (its first day; "" for an undated event, which comes after every dated
// one), then document, sentence and id. A page of events ends with the
// key of its last event, and the next page starts after it (keyset
// pagination): its cost does not grow with how far into the list it is,
// unlike an offset.
type EventKey struct {
	Start    string // YYYY-MM-DD, or "" when undated
	Doc      string
	Sentence int
	ID       string
}

// KeyOf returns e's place in the order of event lists.
func KeyOf(e record.Event) EventKey {
	return EventKey{Start: analyze.DateStart(e.Date.Value), Doc: e.DocID, Sentence: e.Sentence, ID: e.ID}
}

// Less reports whether k comes before o in the order of event lists.
func (k EventKey) Less(o EventKey) bool {
	if k.Start != o.Start {
		if k.Start == "" || o.Start == "" {
			return o.Start == ""
		}
		return k.Start < o.Start
	}
	if k.Doc != o.Doc {
		return k.Doc < o.Doc
	}
	if k.Sentence != o.Sentence {
		return k.Sentence < o.Sentence
	}
	return k.ID < o.ID
}

// maxCursor bounds the length of a cursor parameter (a document id and an
// event id, encoded).
const maxCursor = 1 << 10

// Cursor encodes k for the "after" parameter: opaque to clients, URL-safe.
func (k EventKey) Cursor() string {
	b, _ := json.Marshal([]any{k.Start, k.Doc, k.Sentence, k.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a cursor made by EventKey.Cursor.
func ParseCursor(s string) (EventKey, error) {
	bad := func(why string) (EventKey, error) {
		return EventKey{}, &BadRequest{"after", "not a cursor from a previous page (" + why + ")"}
	}
	if len(s) > maxCursor {
		return bad(fmt.Sprintf("longer than %d bytes", maxCursor))
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return bad("not base64")
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) != 4 {
		return bad("not four fields")
	}
	var k EventKey
	if json.Unmarshal(parts[0], &k.Start) != nil || json.Unmarshal(parts[1], &k.Doc) != nil ||
		json.Unmarshal(parts[2], &k.Sentence) != nil || json.Unmarshal(parts[3], &k.ID) != nil {
		return bad("a field of the wrong kind")
	}
	if k.Start != "" {
		if _, err := time.Parse("2006-01-02", k.Start); err != nil {
			return bad("not a date")
		}
	}
	return k, nil
}

// memIndex finds the events of a filter without a walk over all of them:
// the positions (in Memory.events, so in list order) of the events whose
// sources, or targets, include each actor code and country, and of each
// document's events. A date range is a run of positions, since the list is
// ordered by date.
type memIndex struct {
	starts   []string // DateStart of every event
	keys     []EventKey
	dated    int // events[:dated] have a date
	src, tgt map[string][]int32
	act      map[string][]int32 // src and tgt merged: the actor filter
	doc      map[string][]int32
}

func newMemIndex(events []*record.Event) memIndex {
	ix := memIndex{starts: make([]string, len(events)), keys: make([]EventKey, len(events)),
		src: map[string][]int32{}, tgt: map[string][]int32{}, doc: map[string][]int32{}}
	add := func(m map[string][]int32, args []record.Argument, i int32) {
		for _, a := range args {
			for _, k := range [2]string{a.Actor.Code, a.Actor.Country} {
				if k == "" {
					continue
				}
				if p := m[k]; len(p) == 0 || p[len(p)-1] != i {
					m[k] = append(p, i)
				}
			}
		}
	}
	for i, e := range events {
		ix.keys[i] = KeyOf(*e)
		ix.starts[i] = ix.keys[i].Start
		if ix.starts[i] != "" {
			ix.dated = i + 1
		}
		add(ix.src, e.Source, int32(i))
		add(ix.tgt, e.Target, int32(i))
		ix.doc[e.DocID] = append(ix.doc[e.DocID], int32(i))
	}
	ix.act = map[string][]int32{}
	for k, s := range ix.src {
		ix.act[k] = union(s, ix.tgt[k])
	}
	for k, t := range ix.tgt {
		if _, ok := ix.src[k]; !ok {
			ix.act[k] = t
		}
	}
	return ix
}

// union merges two ascending position lists.
func union(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// intersect returns the positions in both ascending lists.
func intersect(a, b []int32) []int32 {
	out := []int32{}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// dyad returns the positions of the events from a to b or from b to a.
func (ix *memIndex) dyad(a, b string) []int32 {
	return union(intersect(ix.src[a], ix.tgt[b]), intersect(ix.src[b], ix.tgt[a]))
}

// candidates returns the positions of the events that may match f (a
// superset of its matches, in list order; f.Matches decides), within
// [lo, hi). all is true when every position in [lo, hi) is a candidate
// (then the list is nil).
func (ix *memIndex) candidates(f EventFilter, lo, hi int) (pos []int32, all bool) {
	var sets [][]int32
	if f.Doc != "" {
		sets = append(sets, ix.doc[f.Doc])
	}
	if f.Source != "" {
		sets = append(sets, ix.src[f.Source])
	}
	if f.Target != "" {
		sets = append(sets, ix.tgt[f.Target])
	}
	if f.DyadA != "" {
		sets = append(sets, ix.dyad(f.DyadA, f.DyadB))
	}
	if f.Actor != "" {
		sets = append(sets, ix.act[f.Actor])
	}
	if len(sets) == 0 {
		return nil, true
	}
	best := sets[0]
	for _, s := range sets[1:] {
		if len(s) < len(best) {
			best = s
		}
	}
	from := sort.Search(len(best), func(i int) bool { return int(best[i]) >= lo })
	to := sort.Search(len(best), func(i int) bool { return int(best[i]) >= hi })
	return best[from:to], false
}

// dateRange returns the run of positions whose events may fall within the
// filter's date range (all of them when it has none).
func (ix *memIndex) dateRange(f EventFilter) (lo, hi int) {
	if f.From == "" && f.To == "" {
		return 0, len(ix.starts)
	}
	hi = ix.dated
	if f.From != "" {
		lo = sort.Search(ix.dated, func(i int) bool { return ix.starts[i] >= f.From })
	}
	if f.To != "" {
		hi = sort.Search(ix.dated, func(i int) bool { return ix.starts[i] > f.To })
	}
	return lo, max(lo, hi)
}

// after returns the first position whose event comes after k.
func (ix *memIndex) after(k EventKey) int {
	return sort.Search(len(ix.keys), func(i int) bool { return k.Less(ix.keys[i]) })
}

// residual reports whether f has conditions that the index does not decide
// alone; without them, every candidate matches.
func residual(f EventFilter) bool {
	n := 0
	for _, s := range []string{f.Doc, f.Source, f.Target, f.DyadA, f.Actor} {
		if s != "" {
			n++
		}
	}
	return n > 1 || f.Type != "" || f.Quad.Valid() || f.Basis != ""
}
